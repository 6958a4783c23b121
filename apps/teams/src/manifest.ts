import { CHAT_COMMANDS, chatWord, type Command } from '@perf/core';

/** The Teams app manifest schema this app's manifest follows. */
export const MANIFEST_VERSION = '1.22';
export const MANIFEST_SCHEMA = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
/** The placeholder of the committed manifest (apps/teams/manifest/manifest.json); `pnpm teams:package` puts TEAMS_APP_ID there. */
export const APP_ID_PLACEHOLDER = '${{TEAMS_APP_ID}}';
/** Teams' limits: 10 commands a list, a title of 32 characters, a description of 128. */
const TITLE_MAX = 32;
const DESCRIPTION_MAX = 128;

/** Commands Teams refuses in a channel (the dashboard link goes only to a personal chat). */
const PERSONAL_ONLY = new Set(['dashboard']);

export interface ManifestOptions {
  readonly appId: string;
  readonly version?: string;
  /** The https site of whoever runs the app (the ente); Teams requires the three developer links. */
  readonly websiteUrl?: string;
}

function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).replace(/[\s,;:]+$/, '')}…`;
}

function commandList(commands: readonly Command[]) {
  return commands.map((c) => ({ title: fit(chatWord(c), TITLE_MAX), description: fit(`${c.summary[0]?.toUpperCase()}${c.summary.slice(1)}`, DESCRIPTION_MAX) }));
}

/** The commands the manifest lists for a scope, from the core's one table. */
export function manifestCommands(scope: 'personal' | 'team'): readonly Command[] {
  const commands = CHAT_COMMANDS.filter((c) => scope === 'personal' || !PERSONAL_ONLY.has(c.name));
  // Teams shows at most 10 a list: the table's first 9, and help (which lists them all).
  const help = commands.filter((c) => c.name === 'help');
  return [...commands.filter((c) => c.name !== 'help').slice(0, 10 - help.length), ...help];
}

/** The Teams app manifest: one bot (personal chat and team channels), its commands from the core table. */
export function buildManifest(options: ManifestOptions) {
  const site = options.websiteUrl ?? 'https://github.com/perf-pa/perf';
  return {
    $schema: MANIFEST_SCHEMA,
    manifestVersion: MANIFEST_VERSION,
    version: options.version ?? '1.0.0',
    id: options.appId,
    developer: { name: 'perf', websiteUrl: site, privacyUrl: site, termsOfUseUrl: site },
    name: { short: 'perf', full: 'perf — ciclo della performance' },
    description: {
      short: 'Il ciclo della performance (d.lgs. 150/2009) in Teams.',
      full: "Registra i valori degli indicatori del Piano della Performance, mostra lo stato di raggiungimento, sollecita chi non ha ancora inviato i valori, pubblica il riepilogo di ogni periodo e produce la Relazione sulla Performance.",
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: '#0066CC',
    bots: [{
      botId: options.appId,
      scopes: ['personal', 'team'],
      supportsFiles: true,
      isNotificationOnly: false,
      commandLists: [
        { scopes: ['personal'], commands: commandList(manifestCommands('personal')) },
        { scopes: ['team'], commands: commandList(manifestCommands('team')) },
      ],
    }],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [],
  };
}

import { serve as serveHttp } from '@hono/node-server';
import { discordBotFromEnv } from '@perf/discord/bot';
import { readDiscordEnv } from '@perf/discord/env';
import { slackAppFromEnv } from '@perf/slack/app';
import { readSlackEnv } from '@perf/slack/env';
import type { Store } from '@perf/store';
import { teamsAppFromEnv } from '@perf/teams/app';
import { readTeamsEnv } from '@perf/teams/env';
import { createWebApp } from '@perf/web/app';
import { readWebEnv } from '@perf/web/env';

/** A channel running inside `pnpm serve`: what it says it listens on, and how it stops (the store stays open). */
export interface RunningChannel {
  readonly where: string;
  stop(): Promise<void>;
}

/** One channel `pnpm serve` may start: the variables that turn it on, and its app's own start. */
export interface ChannelDefinition {
  readonly name: string;
  /** Every one must be set for the channel to start; the first missing is named when it is skipped. */
  readonly enabledBy: readonly string[];
  /** A variable that starts the channel on its own too (Teams' local trial mode: TEAMS_PORT without TEAMS_APP_ID). */
  readonly orEnabledBy?: string;
  /** The variable that gives the channel's own port inside `pnpm serve` (each app reads PORT alone). */
  readonly portVariable?: string;
  start(env: NodeJS.ProcessEnv, store: Store, log: (line: string) => void): Promise<RunningChannel>;
}

/** Starts an app; one that fails half-way is stopped again, so nothing it opened outlives the error. */
async function started<T>(app: { stop(): Promise<void> }, start: () => Promise<T>, where: (value: T) => string): Promise<RunningChannel> {
  try {
    const value = await start();
    return { where: where(value), stop: () => app.stop() };
  } catch (error) {
    await app.stop().catch(() => undefined);
    throw error;
  }
}

/** The dashboard inside `pnpm serve`; its secret and URL also sign the links `perf web link` sends to the server. */
export const WEB_CHANNEL: ChannelDefinition = {
  name: 'cruscotto web',
  enabledBy: ['PERF_WEB_SECRET'],
  portVariable: 'WEB_PORT',
  async start(env, store) {
    const config = readWebEnv(env);
    const app = createWebApp({ store, secret: config.secret, baseUrl: config.baseUrl, clock: config.clock });
    const { server, port } = await new Promise<{ server: ReturnType<typeof serveHttp>; port: number }>((resolve, reject) => {
      const started = serveHttp({ fetch: app.fetch, port: config.port }, (info) => resolve({ server: started, port: info.port }));
      started.once('error', reject);
    });
    return {
      where: `porta ${port} (${config.baseUrl})`,
      stop: () => new Promise<void>((resolve) => { server.close(() => resolve()); }),
    };
  },
};

export const CHANNELS: readonly ChannelDefinition[] = [
  {
    name: 'Slack',
    enabledBy: ['SLACK_BOT_TOKEN'],
    portVariable: 'SLACK_PORT',
    async start(env, store) {
      const config = readSlackEnv(env);
      const slack = slackAppFromEnv(config, store);
      const where = config.transport.mode === 'socket' ? (port: number) => `Socket Mode, /healthz sulla porta ${port}` : (port: number) => `porta ${port} (POST /slack/events)`;
      return started(slack, () => slack.start({ port: config.port, host: config.host }), ({ port }) => where(port));
    },
  },
  {
    name: 'Discord',
    enabledBy: ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'],
    async start(env, store, log) {
      const bot = discordBotFromEnv(readDiscordEnv(env), store, log);
      return started(bot, () => bot.start(), () => 'gateway di Discord');
    },
  },
  {
    name: 'Teams',
    enabledBy: ['TEAMS_APP_ID'],
    orEnabledBy: 'TEAMS_PORT',
    portVariable: 'TEAMS_PORT',
    async start(env, store, log) {
      const config = readTeamsEnv(env);
      const teams = teamsAppFromEnv(config, store, log);
      // As `pnpm teams` says in its first line: without TEAMS_APP_ID no token is checked.
      const mode = config.appId === undefined ? '; modalità di prova locale, anonima: nessun token controllato' : '';
      return started(teams, () => teams.start({ port: config.port }), ({ port }) => `porta ${port} (POST /api/messages${mode})`);
    },
  },
  WEB_CHANNEL,
];

/**
 * The environment one channel sees inside `pnpm serve`: PORT is its own (SLACK_PORT, TEAMS_PORT, WEB_PORT;
 * the app's default port when unset), since `pnpm serve`'s PORT is the shared /healthz.
 */
export function channelEnv(channel: ChannelDefinition, env: NodeJS.ProcessEnv, db: string): NodeJS.ProcessEnv {
  const own: NodeJS.ProcessEnv = { ...env, PERF_DB: db };
  delete own.PORT;
  if (channel.portVariable !== undefined && env[channel.portVariable]?.trim()) own.PORT = env[channel.portVariable];
  return own;
}

/** The first variable the channel needs that is not set, or undefined when it can start. */
export function missingVariable(channel: ChannelDefinition, env: NodeJS.ProcessEnv): string | undefined {
  const set = (name: string) => Boolean(env[name]?.trim());
  if (channel.orEnabledBy !== undefined && set(channel.orEnabledBy)) return undefined;
  const missing = channel.enabledBy.find((name) => !set(name));
  if (missing === undefined || channel.orEnabledBy === undefined) return missing;
  return `${missing} (oppure ${channel.orEnabledBy} per la modalità di prova locale)`;
}

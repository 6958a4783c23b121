import { EnvReader, type ChannelEnv } from '@perf/chat';

/** The Teams app's configuration, read once from the environment at start. */
export interface TeamsEnv extends ChannelEnv {
  /** The bot's Entra app id; undefined in local trial mode (anonymous). */
  readonly appId: string | undefined;
  readonly appPassword: string | undefined;
  readonly tenantId: string | undefined;
  /** The Entra authority whose signing keys are trusted (`<authority>/discovery/v2.0/keys`). */
  readonly authorityUrl: string;
  readonly port: number;
  readonly summaryConversation: string | undefined;
  /** The Bot Connector URL for proactive messages to conversations the app has not seen yet. */
  readonly serviceUrl: string;
}

export const DEFAULT_TEAMS_PORT = 3978;
export const DEFAULT_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GUID_FORM = '(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)';

/** Reads and checks every variable, naming each missing or malformed one in Italian at once. */
export function readTeamsEnv(env: NodeJS.ProcessEnv = process.env): TeamsEnv {
  const read = new EnvReader(env);
  const appId = read.matching('TEAMS_APP_ID', GUID, `l'Application (client) ID del bot ${GUID_FORM}`);
  // With an app id the bot is a real Entra app: its secret and tenant are then required too.
  const secured = appId !== undefined;
  const appPassword = secured ? read.required('TEAMS_APP_PASSWORD', 'il client secret del bot (Entra → Certificati e segreti)') : undefined;
  const tenantId = secured
    ? read.required('TEAMS_TENANT_ID', "il Directory (tenant) ID dell'ente (bot a tenant singolo)")
    : read.text('TEAMS_TENANT_ID');
  if (tenantId && !GUID.test(tenantId)) read.problem(`TEAMS_TENANT_ID="${tenantId}" non valido: serve il Directory (tenant) ID dell'ente ${GUID_FORM}.`);
  const authorityUrl = read.url('TEAMS_AUTHORITY_URL', 'https://login.microsoftonline.com/<tenant>') ?? `https://login.microsoftonline.com/${tenantId || 'botframework.com'}`;
  const serviceUrl = read.url('TEAMS_SERVICE_URL', DEFAULT_SERVICE_URL) ?? DEFAULT_SERVICE_URL;
  const port = read.integer('PORT', DEFAULT_TEAMS_PORT, 0, 65_535, 'serve un numero di porta da 0 a 65535');
  const channel = read.channel();
  read.finish("l'app Teams", "Imposta le variabili e riavvia (vedi README, «Microsoft Teams»). Senza TEAMS_APP_ID l'app parte in modalità di prova locale (anonima).");
  return {
    ...channel, appId, appPassword, tenantId, authorityUrl, port, serviceUrl,
    summaryConversation: read.text('TEAMS_SUMMARY_CONVERSATION'),
  };
}

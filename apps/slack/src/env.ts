import { EnvReader, type ChannelEnv } from '@perf/chat';
import type { SlackTransport } from './receiver.ts';

/** The Slack app's configuration, read once from the environment at start. */
export interface SlackEnv extends ChannelEnv {
  /** SLACK_APP_TOKEN set: Socket Mode (no public URL); otherwise HTTP with SLACK_SIGNING_SECRET. */
  readonly transport: SlackTransport;
  readonly botToken: string;
  readonly port: number;
  /** Interface to listen on; all interfaces when unset. */
  readonly host: string | undefined;
  /** The Web API base URL (tests point it at a local fake); Slack's own when unset. */
  readonly apiUrl: string | undefined;
  readonly summaryChannel: string | undefined;
}

export const DEFAULT_PORT = 3000;

/** Reads and checks every variable; one start names each missing or invalid variable at once. */
export function readSlackEnv(env: NodeJS.ProcessEnv = process.env): SlackEnv {
  const read = new EnvReader(env);
  const appToken = read.matching('SLACK_APP_TOKEN', /^xapp-[\w-]+$/, "l'App-Level Token (xapp-…) con lo scope connections:write (Basic Information → App-Level Tokens)", 'secret');
  // Socket Mode needs no signing secret: Slack is reached over a WebSocket the app opens itself.
  const signingSecret = appToken === undefined
    ? read.required('SLACK_SIGNING_SECRET', "il Signing Secret dell'app (Basic Information → App Credentials), oppure SLACK_APP_TOKEN per la Socket Mode")
    : '';
  const botToken = read.required('SLACK_BOT_TOKEN', 'il Bot User OAuth Token, xoxb-… (OAuth & Permissions)');
  const port = read.integer('PORT', DEFAULT_PORT, 0, 65_535, 'serve un numero di porta da 0 a 65535');
  const apiUrl = read.url('SLACK_API_URL', 'https://slack.com/api/');
  const channel = read.channel();
  read.finish("l'app Slack", "Imposta le variabili d'ambiente e riavvia (vedi apps/slack/README.md). Facoltative: PORT (3000), PERF_DB (./.perf), SLACK_APP_TOKEN (Socket Mode), SLACK_API_URL, PERF_SUMMARY_CHANNEL, PERF_REMINDER_DAYS (7), PERF_CHECK_INTERVAL_MINUTES (60), PERF_NOW.");
  return {
    ...channel,
    transport: appToken === undefined ? { mode: 'http', signingSecret } : { mode: 'socket', appToken },
    botToken,
    port,
    host: read.text('HOST'),
    apiUrl,
    summaryChannel: read.text('PERF_SUMMARY_CHANNEL'),
  };
}

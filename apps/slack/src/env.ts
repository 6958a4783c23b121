import { clockFromEnv, type Clock } from '@perf/core';
import { PerfError } from '@perf/model';
import { DEFAULT_DB_LOCATION } from '@perf/store';
import type { SlackTransport } from './receiver.ts';

/** The Slack app's configuration, read once from the environment at start. */
export interface SlackEnv {
  /** SLACK_APP_TOKEN set: Socket Mode (no public URL); otherwise HTTP with SLACK_SIGNING_SECRET. */
  readonly transport: SlackTransport;
  readonly botToken: string;
  readonly port: number;
  /** Interface to listen on; all interfaces when unset. */
  readonly host: string | undefined;
  /** PERF_DB: an embedded database directory or a postgres:// URL. */
  readonly db: string;
  /** The Web API base URL (tests point it at a local fake); Slack's own when unset. */
  readonly apiUrl: string | undefined;
  readonly summaryChannel: string | undefined;
  readonly reminderDays: number;
  readonly checkIntervalMinutes: number;
  /** PERF_NOW when set, the real clock otherwise. */
  readonly clock: Clock;
}

export const DEFAULT_PORT = 3000;
export const DEFAULT_REMINDER_DAYS = 7;
export const DEFAULT_CHECK_INTERVAL_MINUTES = 60;

const BOT_TOKEN = ['SLACK_BOT_TOKEN', 'il Bot User OAuth Token, xoxb-… (OAuth & Permissions)'] as const;
const SIGNING_SECRET = ['SLACK_SIGNING_SECRET', "il Signing Secret dell'app (Basic Information → App Credentials), oppure SLACK_APP_TOKEN per la Socket Mode"] as const;

/**
 * Reads and checks every variable, collecting all problems so that one start names each missing
 * or invalid variable at once.
 */
export function readSlackEnv(env: NodeJS.ProcessEnv = process.env): SlackEnv {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const text = env[name]?.trim();
    return text === undefined || text === '' ? undefined : text;
  };
  const appToken = value('SLACK_APP_TOKEN');
  // Socket Mode needs no signing secret: Slack is reached over a WebSocket the app opens itself.
  const required = appToken === undefined ? [SIGNING_SECRET, BOT_TOKEN] : [BOT_TOKEN];
  const missing = required.filter(([name]) => value(name) === undefined);
  for (const [name, what] of missing) problems.push(`${name} mancante: ${what}.`);

  const integer = (name: string, fallback: number, min: number, max: number, what: string): number => {
    const text = value(name);
    if (text === undefined) return fallback;
    const number = Number(text);
    if (!Number.isInteger(number) || number < min || number > max) {
      problems.push(`${name}="${text}" non valido: ${what}.`);
      return fallback;
    }
    return number;
  };
  const port = integer('PORT', DEFAULT_PORT, 0, 65_535, 'serve un numero di porta da 0 a 65535');
  const reminderDays = integer('PERF_REMINDER_DAYS', DEFAULT_REMINDER_DAYS, 0, 366, 'serve un numero intero di giorni, da 0 a 366');
  const checkIntervalMinutes = integer('PERF_CHECK_INTERVAL_MINUTES', DEFAULT_CHECK_INTERVAL_MINUTES, 1, 10_080, 'serve un numero intero di minuti, da 1 a 10080');

  const apiUrl = value('SLACK_API_URL');
  if (apiUrl !== undefined && !/^https?:\/\/[^\s]+$/i.test(apiUrl)) {
    problems.push(`SLACK_API_URL="${apiUrl}" non valido: serve un indirizzo http(s)://…/api/.`);
  }

  if (appToken !== undefined && !/^xapp-[\w-]+$/.test(appToken)) {
    problems.push(`SLACK_APP_TOKEN non valido: serve l'App-Level Token (xapp-…) con lo scope connections:write (Basic Information → App-Level Tokens).`);
  }

  let clock: Clock = () => new Date();
  try {
    clock = clockFromEnv(env);
  } catch (error) {
    if (!(error instanceof PerfError)) throw error;
    problems.push(`${error.message} ${error.hint ?? ''}`.trim());
  }

  if (problems.length > 0) {
    const headline = missing.length > 0
      ? `Impossibile avviare l'app Slack: ${missing.length === 1 ? 'manca la variabile' : 'mancano le variabili'} d'ambiente ${missing.map(([name]) => name).join(', ')}.`
      : "Impossibile avviare l'app Slack: variabili d'ambiente non valide.";
    throw new PerfError('ENV_INVALID', headline, {
      details: problems,
      hint: "Imposta le variabili d'ambiente e riavvia (vedi apps/slack/README.md). Facoltative: PORT (3000), PERF_DB (./.perf), SLACK_APP_TOKEN (Socket Mode), SLACK_API_URL, PERF_SUMMARY_CHANNEL, PERF_REMINDER_DAYS (7), PERF_CHECK_INTERVAL_MINUTES (60), PERF_NOW.",
    });
  }

  return {
    transport: appToken === undefined ? { mode: 'http', signingSecret: value('SLACK_SIGNING_SECRET') ?? '' } : { mode: 'socket', appToken },
    botToken: value('SLACK_BOT_TOKEN') ?? '',
    port,
    host: value('HOST'),
    db: value('PERF_DB') ?? DEFAULT_DB_LOCATION,
    apiUrl,
    summaryChannel: value('PERF_SUMMARY_CHANNEL'),
    reminderDays,
    checkIntervalMinutes,
    clock,
  };
}

import { clockFromEnv, type Clock } from '@perf/core';
import { PerfError } from '@perf/model';
import { DEFAULT_DB_LOCATION } from '@perf/store';

/** The Teams app's configuration, read once from the environment at start. */
export interface TeamsEnv {
  /** The bot's Entra app id; undefined in local trial mode (anonymous). */
  readonly appId: string | undefined;
  readonly appPassword: string | undefined;
  readonly tenantId: string | undefined;
  /** The Entra authority whose signing keys are trusted (`<authority>/discovery/v2.0/keys`). */
  readonly authorityUrl: string;
  readonly port: number;
  readonly db: string;
  readonly summaryConversation: string | undefined;
  /** The Bot Connector URL for proactive messages to conversations the app has not seen yet. */
  readonly serviceUrl: string;
  readonly reminderDays: number;
  readonly clock: Clock;
}

export const DEFAULT_TEAMS_PORT = 3978;
export const DEFAULT_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads and checks every variable, naming each missing or malformed one in Italian at once. */
export function readTeamsEnv(env: NodeJS.ProcessEnv = process.env): TeamsEnv {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const text = env[name]?.trim();
    return text === undefined || text === '' ? undefined : text;
  };
  const integer = (name: string, fallback: number, max: number, what: string): number => {
    const text = value(name);
    if (text === undefined) return fallback;
    const number = Number(text);
    if (Number.isInteger(number) && number >= 0 && number <= max) return number;
    problems.push(`${name}="${text}" non valido: ${what}.`);
    return fallback;
  };
  const guid = (name: string, what: string): string | undefined => {
    const text = value(name);
    if (text !== undefined && !GUID.test(text)) problems.push(`${name}="${text}" non valido: serve ${what} (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`);
    return text;
  };
  const url = (name: string): string | undefined => {
    const text = value(name);
    if (text !== undefined && !/^https?:\/\/[^\s/]+(\/[^\s]*)?$/i.test(text)) problems.push(`${name}="${text}" non valido: serve un indirizzo http(s)://….`);
    return text;
  };

  const appId = guid('TEAMS_APP_ID', "l'Application (client) ID del bot");
  const tenantId = guid('TEAMS_TENANT_ID', "il Directory (tenant) ID dell'ente");
  const appPassword = value('TEAMS_APP_PASSWORD');
  if (appId !== undefined) {
    if (appPassword === undefined) problems.push('TEAMS_APP_PASSWORD mancante: il client secret del bot (Entra → Certificati e segreti).');
    if (tenantId === undefined) problems.push("TEAMS_TENANT_ID mancante: il Directory (tenant) ID dell'ente (bot a tenant singolo).");
  }
  const authorityUrl = url('TEAMS_AUTHORITY_URL') ?? `https://login.microsoftonline.com/${tenantId ?? 'botframework.com'}`;
  const serviceUrl = url('TEAMS_SERVICE_URL') ?? DEFAULT_SERVICE_URL;
  const port = integer('PORT', DEFAULT_TEAMS_PORT, 65_535, 'serve un numero di porta da 0 a 65535');
  const reminderDays = integer('PERF_REMINDER_DAYS', 7, 366, 'serve un numero intero di giorni, da 0 a 366');
  let clock: Clock = () => new Date();
  try {
    clock = clockFromEnv(env);
  } catch (error) {
    if (!(error instanceof PerfError)) throw error;
    problems.push(`${error.message} ${error.hint ?? ''}`.trim());
  }
  if (problems.length > 0) {
    throw new PerfError('ENV_INVALID', "Impossibile avviare l'app Teams: variabili d'ambiente mancanti o non valide.", {
      details: problems,
      hint: "Imposta le variabili e riavvia (vedi README, «Microsoft Teams»). Senza TEAMS_APP_ID l'app parte in modalità di prova locale (anonima).",
    });
  }
  return {
    appId, appPassword, tenantId, authorityUrl, port, serviceUrl, reminderDays, clock,
    db: value('PERF_DB') ?? DEFAULT_DB_LOCATION,
    summaryConversation: value('TEAMS_SUMMARY_CONVERSATION'),
  };
}

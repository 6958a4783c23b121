import { clockFromEnv, type Clock } from '@perf/core';
import { PerfError } from '@perf/model';

export const DEFAULT_DISCORD_API_URL = 'https://discord.com/api';
export const DEFAULT_REMINDER_DAYS = 7;

/** Everything `pnpm discord` reads from the environment, checked once at start. */
export interface DiscordEnv {
  readonly token: string;
  readonly applicationId: string;
  readonly db: string;
  readonly apiUrl: string;
  readonly summaryChannel: string | undefined;
  readonly guildId: string | undefined;
  readonly reminderDays: number;
  readonly clock: Clock;
}

const REQUIRED: readonly { readonly name: string; readonly meaning: string }[] = [
  { name: 'DISCORD_TOKEN', meaning: 'il token del bot (Developer Portal → Bot → Reset Token)' },
  { name: 'DISCORD_APPLICATION_ID', meaning: "l'Application ID dell'applicazione Discord (Developer Portal → General Information)" },
  { name: 'PERF_DB', meaning: 'il database: una cartella per il database integrato, oppure postgres://utente@host:porta/database' },
];

const SNOWFLAKE = /^\d{15,21}$/;

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const text = env[name]?.trim();
  return text === undefined || text === '' ? undefined : text;
}

/**
 * Reads and validates the environment; every missing or invalid variable is named in one
 * Italian error, so the operator fixes them all at once.
 */
export function readDiscordEnv(env: NodeJS.ProcessEnv = process.env): DiscordEnv {
  const missing = REQUIRED.filter((r) => value(env, r.name) === undefined);
  const invalid: string[] = [];

  const applicationId = value(env, 'DISCORD_APPLICATION_ID');
  if (applicationId !== undefined && !SNOWFLAKE.test(applicationId)) {
    invalid.push(`DISCORD_APPLICATION_ID="${applicationId}" non è un id Discord (un numero di 15–21 cifre).`);
  }
  const apiUrl = value(env, 'DISCORD_API_URL') ?? DEFAULT_DISCORD_API_URL;
  if (!isHttpUrl(apiUrl)) invalid.push(`DISCORD_API_URL="${apiUrl}" non è un indirizzo http(s), ad esempio ${DEFAULT_DISCORD_API_URL}.`);
  const summaryChannel = value(env, 'DISCORD_SUMMARY_CHANNEL');
  if (summaryChannel !== undefined && !SNOWFLAKE.test(summaryChannel)) {
    invalid.push(`DISCORD_SUMMARY_CHANNEL="${summaryChannel}" non è l'id di un canale (Discord: tasto destro sul canale → Copia ID canale).`);
  }
  const guildId = value(env, 'DISCORD_GUILD_ID');
  if (guildId !== undefined && !SNOWFLAKE.test(guildId)) {
    invalid.push(`DISCORD_GUILD_ID="${guildId}" non è l'id di un server (Discord: tasto destro sul server → Copia ID server).`);
  }
  const daysText = value(env, 'PERF_REMINDER_DAYS');
  const reminderDays = daysText === undefined ? DEFAULT_REMINDER_DAYS : Number(daysText);
  if (!Number.isInteger(reminderDays) || reminderDays < 0 || reminderDays > 366) {
    invalid.push(`PERF_REMINDER_DAYS="${daysText ?? ''}" non è un numero di giorni (un intero da 0 a 366; predefinito ${DEFAULT_REMINDER_DAYS}).`);
  }
  let clock: Clock = () => new Date();
  try {
    clock = clockFromEnv(env);
  } catch (error) {
    if (!(error instanceof PerfError)) throw error;
    invalid.push(`${error.message} ${error.hint ?? ''}`.trim());
  }

  if (missing.length > 0 || invalid.length > 0) {
    const headline = missing.length > 0
      ? `Configurazione incompleta: ${missing.length === 1 ? 'manca la variabile' : 'mancano le variabili'} d'ambiente ${missing.map((m) => m.name).join(', ')}.`
      : 'Configurazione non valida.';
    throw new PerfError('ENV_MISSING', headline, {
      details: [...missing.map((m) => `${m.name}: ${m.meaning}.`), ...invalid],
      hint: 'Esempio: DISCORD_TOKEN=… DISCORD_APPLICATION_ID=123456789012345678 PERF_DB=./.perf pnpm discord (vedi apps/discord/README.md).',
    });
  }
  return {
    token: value(env, 'DISCORD_TOKEN') ?? '',
    applicationId: applicationId ?? '',
    db: value(env, 'PERF_DB') ?? '',
    apiUrl: apiUrl.replace(/\/+$/, ''),
    summaryChannel,
    guildId,
    reminderDays,
    clock,
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

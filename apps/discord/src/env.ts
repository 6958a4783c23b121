import { EnvReader, type ChannelEnv } from '@perf/chat';

export const DEFAULT_DISCORD_API_URL = 'https://discord.com/api';

/** Everything `pnpm discord` reads from the environment, checked once at start. */
export interface DiscordEnv extends ChannelEnv {
  readonly token: string;
  readonly applicationId: string;
  readonly apiUrl: string;
  readonly summaryChannel: string | undefined;
  readonly guildId: string | undefined;
}

const SNOWFLAKE = /^\d{15,21}$/;

/** Reads and validates the environment; every missing or invalid variable is named in one Italian error. */
export function readDiscordEnv(env: NodeJS.ProcessEnv = process.env): DiscordEnv {
  const read = new EnvReader(env);
  const token = read.required('DISCORD_TOKEN', 'il token del bot (Developer Portal → Bot → Reset Token)');
  const applicationId = read.required('DISCORD_APPLICATION_ID', "l'Application ID dell'applicazione Discord (Developer Portal → General Information)");
  if (applicationId !== '' && !SNOWFLAKE.test(applicationId)) read.problem(`DISCORD_APPLICATION_ID="${applicationId}" non valido: serve un id Discord (un numero di 15–21 cifre).`);
  const apiUrl = read.url('DISCORD_API_URL', DEFAULT_DISCORD_API_URL) ?? DEFAULT_DISCORD_API_URL;
  const summaryChannel = read.matching('DISCORD_SUMMARY_CHANNEL', SNOWFLAKE, "l'id di un canale (Discord: tasto destro sul canale → Copia ID canale)");
  const guildId = read.matching('DISCORD_GUILD_ID', SNOWFLAKE, "l'id di un server (Discord: tasto destro sul server → Copia ID server)");
  const channel = read.channel();
  read.finish('il bot Discord', 'Esempio: DISCORD_TOKEN=… DISCORD_APPLICATION_ID=123456789012345678 PERF_DB=./.perf pnpm discord (vedi apps/discord/README.md). Facoltative: PERF_DB (./.perf), DISCORD_API_URL, DISCORD_SUMMARY_CHANNEL, DISCORD_GUILD_ID, PERF_REMINDER_DAYS (7), PERF_CHECK_INTERVAL_MINUTES (60), PERF_NOW.');
  return { ...channel, token, applicationId, apiUrl: apiUrl.replace(/\/+$/, ''), summaryChannel, guildId };
}

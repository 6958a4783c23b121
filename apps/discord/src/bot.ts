import { CycleScheduler, DEFAULT_CHECK_INTERVAL_MINUTES, InFlight } from '@perf/chat';
import type { Clock, CycleOutcome } from '@perf/core';
import { PerfError } from '@perf/model';
import type { Store } from '@perf/store';
import { Client, DiscordAPIError, Events, GatewayIntentBits, Partials } from 'discord.js';
import { registerCommands } from './command-definition.ts';
import { checkCycle } from './cycle.ts';
import { DEFAULT_DISCORD_API_URL, type DiscordEnv } from './env.ts';
import { handleInteraction, handleMessage } from './interactions.ts';
import type { BotDeps } from './respond.ts';

export interface DiscordBotOptions {
  /** An open store; the caller opens and closes it (tests share it with the bot). */
  readonly store: Store;
  readonly token: string;
  readonly applicationId: string;
  /** The REST base URL (discord.js appends `/v10`); default Discord's own. */
  readonly apiUrl?: string | undefined;
  readonly clock: Clock;
  /** Channel id for the period summaries; none: no summaries are posted. */
  readonly summaryChannel?: string | undefined;
  /** Registers `/perf` in this server only (immediate); none: globally. */
  readonly guildId?: string | undefined;
  /** Reminders start this many days before a period closes. */
  readonly reminderDays: number;
  /** Minutes between cycle checks after the one at start (PERF_CHECK_INTERVAL_MINUTES, default 60). */
  readonly checkIntervalMinutes?: number | undefined;
  /** How long to wait for the gateway's READY (default 30 s). */
  readonly readyTimeoutMs?: number | undefined;
  readonly log?: ((line: string) => void) | undefined;
}

export interface DiscordBot {
  /** Registers `/perf`, connects to the gateway, and runs the first cycle check. */
  start(): Promise<void>;
  /** Stops the checks, waits for requests in progress, and disconnects. The store stays open. */
  stop(): Promise<void>;
  /** Runs a cycle check now (also what the timer does). */
  checkCycle(): Promise<CycleOutcome>;
}

const DEFAULT_READY_TIMEOUT_MS = 30_000;

export function createDiscordBot(options: DiscordBotOptions): DiscordBot {
  const log = options.log ?? ((line: string) => console.log(line));
  const apiUrl = options.apiUrl ?? DEFAULT_DISCORD_API_URL;
  const deps: BotDeps = { store: options.store, clock: options.clock, log };
  const inFlight = new InFlight();
  let client: Client | undefined;
  let scheduler: CycleScheduler | undefined;

  const track = (work: Promise<void>) => void inFlight.track(work);

  const stop = async () => {
    await scheduler?.stop();
    scheduler = undefined;
    await inFlight.idle();
    await client?.destroy();
    client = undefined;
  };

  return {
    async start() {
      if (client !== undefined) throw new PerfError('BOT_STARTED', 'Il bot Discord è già avviato.');
      const current = new Client({
        // Direct messages carry the answers to reminders; guild messages bring the ones that @mention
        // the bot (Discord sends their text without the privileged Message Content intent); slash
        // commands need no intent.
        intents: [GatewayIntentBits.DirectMessages, GatewayIntentBits.GuildMessages],
        partials: [Partials.Channel],
        rest: { api: apiUrl },
      });
      client = current;
      current.on(Events.InteractionCreate, (interaction) => track(handleInteraction(interaction, deps)));
      current.on(Events.MessageCreate, (message) => track(handleMessage(message, deps)));
      current.on(Events.Error, (error) => log(`Errore del client Discord: ${error.message}`));
      try {
        current.rest.setToken(options.token);
        await registerCommands(current.rest, options.applicationId, options.guildId);
        const ready = waitForReady(current, options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS);
        await current.login(options.token);
        await ready;
      } catch (error) {
        await stop();
        throw startupError(error, apiUrl);
      }
      log(`Bot Discord avviato come ${current.user?.tag ?? options.applicationId}; /perf registrato ${options.guildId === undefined ? 'globalmente' : `nel server ${options.guildId}`}.`);
      scheduler = new CycleScheduler({
        app: 'discord',
        check: () => checkCycle(current, { store: options.store, clock: options.clock, summaryChannel: options.summaryChannel, reminderDays: options.reminderDays, log }),
        intervalMinutes: options.checkIntervalMinutes ?? DEFAULT_CHECK_INTERVAL_MINUTES,
        log,
        inFlight,
      });
      await scheduler.start();
    },
    stop,
    checkCycle() {
      if (scheduler === undefined) throw new PerfError('BOT_STOPPED', 'Il bot Discord non è avviato.');
      return scheduler.runNow();
    },
  };
}

function waitForReady(client: Client, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new PerfError('DISCORD_GATEWAY', `Il gateway di Discord non ha confermato la connessione entro ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
    client.once(Events.ClientReady, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Start-up failures as an Italian message that says what to check. */
function startupError(error: unknown, apiUrl: string): PerfError {
  if (error instanceof PerfError) return error;
  const status = error instanceof DiscordAPIError ? error.status : undefined;
  const code = (error as { code?: unknown }).code;
  if (status === 401 || code === 'TokenInvalid') {
    return new PerfError('DISCORD_UNAUTHORIZED', 'Discord ha rifiutato il token del bot.', { hint: 'Controlla DISCORD_TOKEN (Developer Portal → Bot → Reset Token).', cause: error });
  }
  if (status === 403 || status === 404) {
    return new PerfError('DISCORD_REGISTRATION', `Discord ha rifiutato la registrazione di /perf (HTTP ${status}).`, {
      hint: "Controlla DISCORD_APPLICATION_ID e, se impostato, DISCORD_GUILD_ID: il bot deve essere nel server con lo scope applications.commands.", cause: error,
    });
  }
  return new PerfError('DISCORD_UNREACHABLE', `Connessione a Discord non riuscita (${apiUrl}): ${(error as Error).message}`, {
    hint: 'Controlla la rete e, se impostato, DISCORD_API_URL.', cause: error,
  });
}

/** The bot as `pnpm discord` and `pnpm serve` configure it from the environment. */
export function discordBotFromEnv(env: DiscordEnv, store: Store, log?: (line: string) => void): DiscordBot {
  return createDiscordBot({
    store, token: env.token, applicationId: env.applicationId, apiUrl: env.apiUrl, clock: env.clock, summaryChannel: env.summaryChannel,
    guildId: env.guildId, reminderDays: env.reminderDays, checkIntervalMinutes: env.checkIntervalMinutes, log,
  });
}

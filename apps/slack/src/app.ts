import type { App, LogLevel, Logger } from '@slack/bolt';
import { CycleScheduler, DEFAULT_CHECK_INTERVAL_MINUTES, DEFAULT_REMINDER_DAYS, InFlight, runCycleRound } from '@perf/chat';
import type { Clock, CycleOutcome } from '@perf/core';
import type { Store } from '@perf/store';
import { registerSlashCommand } from './commands.ts';
import { registerConversation } from './conversation.ts';
import { cycleHandlers } from './cycle.ts';
import { DEFAULT_PORT, type SlackEnv } from './env.ts';
import { registerInteractions } from './interactions.ts';
import { createBoltApp, type SlackTransport } from './receiver.ts';
import type { SlackRuntime } from './runtime.ts';

export interface SlackAppOptions {
  /** An open store; the caller opens and closes it (tests inject theirs). */
  readonly store: Store;
  /** HTTP mode with its signing secret, or Socket Mode with the app-level token (xapp-…). */
  readonly transport: SlackTransport;
  /** The bot token (xoxb-…). */
  readonly token: string;
  /** The Web API base URL, e.g. a local fake's `http://127.0.0.1:PORT/api/`; Slack's own when unset. */
  readonly apiUrl?: string | undefined;
  /** The app's current time (PERF_NOW); request signatures are always checked against the real clock. */
  readonly clock?: Clock | undefined;
  /** Channel of the quarterly summaries; none are posted when unset. */
  readonly summaryChannel?: string | undefined;
  readonly reminderDays?: number | undefined;
  /** Minutes between cycle checks after the one at start. */
  readonly checkIntervalMinutes?: number | undefined;
  readonly logger?: Logger | undefined;
  readonly logLevel?: LogLevel | undefined;
}

export interface SlackApp {
  readonly bolt: App;
  /** Checks the token (auth.test), listens, and starts the cycle checks; resolves with the port. */
  start(listen?: { readonly port?: number | undefined; readonly host?: string | undefined }): Promise<{ port: number }>;
  /** One round of cycle checks (summaries, reminders) now; joins a round already running. */
  runChecks(): Promise<CycleOutcome>;
  /** Resolves when every request and background job in flight has finished. */
  idle(): Promise<void>;
  /** Stops the checks, waits for work in flight and closes the server; the store stays open. */
  stop(): Promise<void>;
}

/** The perf Slack app (Bolt, HTTP or Socket Mode): `/perf`, conversation, buttons, modal, Home tab, summaries and reminders. */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  let ready = false;
  let started = false;
  const bolt = createBoltApp({ transport: options.transport, token: options.token, apiUrl: options.apiUrl, logger: options.logger, logLevel: options.logLevel, isReady: () => ready });
  const app = bolt.app;

  const logger = app.logger;
  const tasks = new InFlight();
  const runtime: SlackRuntime = {
    store: options.store,
    clock: options.clock ?? (() => new Date()),
    client: app.client,
    logger,
    tasks,
    summaryChannel: options.summaryChannel,
    reminderDays: options.reminderDays ?? DEFAULT_REMINDER_DAYS,
  };
  const scheduler = new CycleScheduler({
    app: 'slack',
    check: () => runCycleRound({ app: 'slack', store: runtime.store, clock: runtime.clock, summaryTarget: runtime.summaryChannel, reminderDays: runtime.reminderDays, handlers: cycleHandlers(runtime), log: (line) => logger.info(line) }),
    intervalMinutes: options.checkIntervalMinutes ?? DEFAULT_CHECK_INTERVAL_MINUTES,
    log: (line) => logger.error(line),
    inFlight: tasks,
  });

  // Every request is tracked until its listeners finish, so stop() and tests can wait for it.
  app.use(async ({ next }) => {
    await tasks.track(next());
  });
  // Bolt does not drop redeliveries: an event is handled once per event_id, across restarts and instances.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await runtime.store.claimRequest(`slack:event:${eventId}`, runtime.clock()))) {
      logger.info(`perf: evento ${eventId} già gestito (nuovo invio di Slack): ignorato.`);
      return;
    }
    await next();
  });

  registerSlashCommand(app, runtime);
  registerConversation(app, runtime);
  registerInteractions(app, runtime);
  app.error(async (error) => {
    logger.error(`perf: errore non gestito: ${error.stack ?? error.message}`);
  });

  return {
    bolt: app,
    async start(listen = {}) {
      await app.init();
      started = true;
      const port = await bolt.listen(listen.port ?? DEFAULT_PORT, listen.host);
      ready = true;
      void scheduler.start();
      return { port };
    },
    runChecks: () => scheduler.runNow(),
    idle: () => tasks.idle(),
    async stop() {
      ready = false;
      await scheduler.stop();
      await tasks.idle();
      if (started) {
        started = false;
        await bolt.close();
      }
      await tasks.idle();
    },
  };
}

/** The app as `pnpm slack` and `pnpm serve` configure it from the environment. */
export function slackAppFromEnv(env: SlackEnv, store: Store): SlackApp {
  return createSlackApp({
    store, transport: env.transport, token: env.botToken, apiUrl: env.apiUrl, clock: env.clock,
    summaryChannel: env.summaryChannel, reminderDays: env.reminderDays, checkIntervalMinutes: env.checkIntervalMinutes,
  });
}

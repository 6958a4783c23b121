import { runCycleChecks, type Clock, type CycleHandlers, type CycleOutcome } from '@perf/core';
import { channelName, type ChatApp } from '@perf/model';
import type { Store } from '@perf/store';
import type { InFlight } from './in-flight.ts';

/** One chat app's round of cycle checks: where summaries go, how reminders and summaries are delivered. */
export interface CycleRound {
  readonly app: ChatApp;
  readonly store: Store;
  readonly clock: Clock;
  /** The channel or conversation of the period summaries; none are posted when unset. */
  readonly summaryTarget: string | undefined;
  readonly reminderDays: number;
  readonly handlers: CycleHandlers;
  readonly log: (line: string) => void;
}

/**
 * Runs the core's cycle checks once and logs what went out. The core claims each notification in the
 * database, so restarts and other instances of the app never repeat one.
 */
export async function runCycleRound(round: CycleRound): Promise<CycleOutcome> {
  const { app, summaryTarget, log } = round;
  const outcome = await runCycleChecks(round.store, round.clock(), { target: summaryTarget ?? '', reminderDays: round.reminderDays, app }, round.handlers);
  const prefix = `perf ${channelName(app)}:`;
  for (const summary of outcome.summaries) log(`${prefix} riepilogo ${summary} pubblicato in ${summaryTarget ?? ''}.`);
  for (const reminder of outcome.reminders) log(`${prefix} sollecito inviato a ${reminder}.`);
  for (const notice of outcome.notices) log(`${prefix} avviso inviato a ${notice}.`);
  for (const failure of outcome.failures) log(`${prefix} non inviato (si riproverà al prossimo controllo): ${failure}`);
  return outcome;
}

export interface CycleSchedulerOptions {
  readonly app: ChatApp;
  /** One round of checks (usually `runCycleRound` with the app's handlers). */
  readonly check: () => Promise<CycleOutcome>;
  readonly intervalMinutes: number;
  readonly log: (line: string) => void;
  /** Rounds are tracked here too, so the app's `idle()` waits for them. */
  readonly inFlight?: InFlight | undefined;
}

/** Runs the cycle checks at start and then every `intervalMinutes`; never two rounds at once. */
export class CycleScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<CycleOutcome> | undefined;

  constructor(private readonly options: CycleSchedulerOptions) {}

  /** One round now; a call while a round is running joins it. */
  runNow(): Promise<CycleOutcome> {
    if (this.running) return this.running;
    const run = this.options.check().finally(() => {
      this.running = undefined;
    });
    this.running = run;
    return this.options.inFlight?.track(run) ?? run;
  }

  /** Starts the timer; resolves when the first round (run at once) has finished, a failure logged. */
  start(): Promise<void> {
    const tick = () => this.runNow().then(
      () => undefined,
      (error: unknown) => this.options.log(`perf ${channelName(this.options.app)}: controlli del ciclo non riusciti: ${(error as Error).stack ?? String(error)}`),
    );
    const first = tick();
    this.timer = setInterval(() => void tick(), this.options.intervalMinutes * 60_000);
    this.timer.unref();
    return first;
  }

  /** Stops the timer and waits for a round in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}

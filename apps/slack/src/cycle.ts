import { runCycleChecks, type CycleHandlers, type CycleOutcome } from '@perf/core';
import { reminderMessage, summaryMessage } from './blocks.ts';
import type { SlackRuntime } from './runtime.ts';

/** How the Slack app delivers the cycle's notifications: the summary to a channel, reminders by DM. */
export function cycleHandlers(runtime: SlackRuntime): CycleHandlers {
  const { client, logger, summaryChannel } = runtime;
  const sendReminder: CycleHandlers['sendReminder'] = async (reminder) => {
    if (!reminder.person.slack) {
      logger.info(`perf: sollecito ${reminder.period} per ${reminder.person.id} non inviato: nessun id Slack nel Piano.`);
      return;
    }
    // Posting to a user id delivers the message in the person's conversation with the app.
    await client.chat.postMessage({ channel: reminder.person.slack, ...reminderMessage(reminder) });
  };
  if (summaryChannel === undefined) return { sendReminder };
  return {
    sendReminder,
    postSummary: async (summary) => {
      await client.chat.postMessage({ channel: summaryChannel, ...summaryMessage(summary) });
    },
  };
}

/**
 * Runs the cycle checks (summaries, reminders) at start and then every `intervalMs`; the core
 * claims each notification in the database, so restarts and other instances never repeat one.
 */
export class CycleScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<CycleOutcome> | undefined;

  constructor(private readonly runtime: SlackRuntime, private readonly intervalMs: number) {}

  /** One check now; a call while a check is running joins it. */
  run(): Promise<CycleOutcome> {
    if (this.running) return this.running;
    const run = this.check().finally(() => {
      this.running = undefined;
    });
    this.running = run;
    return this.runtime.tasks.track(run);
  }

  start(): void {
    const tick = () => {
      this.run().catch((error: unknown) => this.runtime.logger.error(`perf: controlli del ciclo non riusciti: ${(error as Error).stack ?? String(error)}`));
    };
    tick();
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async check(): Promise<CycleOutcome> {
    const { store, clock, summaryChannel, reminderDays, logger } = this.runtime;
    const outcome = await runCycleChecks(store, clock(), { target: summaryChannel ?? '', reminderDays, app: 'slack' }, cycleHandlers(this.runtime));
    for (const summary of outcome.summaries) logger.info(`perf: riepilogo ${summary} pubblicato in ${summaryChannel ?? ''}.`);
    for (const reminder of outcome.reminders) logger.info(`perf: sollecito inviato a ${reminder}.`);
    for (const failure of outcome.failures) logger.warn(`perf: non inviato (si riproverà): ${failure}`);
    return outcome;
  }
}

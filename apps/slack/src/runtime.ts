import type { Logger, webApi } from '@slack/bolt';
import type { Clock, CommandContext } from '@perf/core';
import type { Store } from '@perf/store';

/** What every handler of the Slack app needs: the database, the clock, the Web API and the log. */
export interface SlackRuntime {
  readonly store: Store;
  readonly clock: Clock;
  readonly client: webApi.WebClient;
  readonly logger: Logger;
  readonly tasks: Tasks;
  readonly summaryChannel: string | undefined;
  readonly reminderDays: number;
}

/** The command core's context for one Slack user; `requestKey` makes a redelivery harmless. */
export function commandContext(runtime: SlackRuntime, userId: string, requestKey?: string): CommandContext {
  return { store: runtime.store, channel: 'slack', clock: runtime.clock, identity: { kind: 'chat', app: 'slack', userId }, requestKey };
}

/**
 * Work in flight (listeners, uploads after an acknowledgement): `idle()` waits for all of it, so
 * the app stops cleanly and tests can tell when a request has been fully handled.
 */
export class Tasks {
  private readonly pending = new Set<Promise<unknown>>();

  track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    const forget = () => this.pending.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}

import type { Logger, webApi } from '@slack/bolt';
import { chatCommandContext, type InFlight } from '@perf/chat';
import type { Clock, CommandContext } from '@perf/core';
import type { Store } from '@perf/store';

/** What every handler of the Slack app needs: the database, the clock, the Web API and the log. */
export interface SlackRuntime {
  readonly store: Store;
  readonly clock: Clock;
  readonly client: webApi.WebClient;
  readonly logger: Logger;
  readonly tasks: InFlight;
  readonly summaryChannel: string | undefined;
  readonly reminderDays: number;
}

/** The command core's context for one Slack user; `requestKey` makes a redelivery harmless. */
export function commandContext(runtime: SlackRuntime, userId: string, requestKey?: string): CommandContext {
  return chatCommandContext('slack', runtime.store, runtime.clock, userId, requestKey);
}

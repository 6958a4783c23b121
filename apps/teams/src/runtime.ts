import type { CloudAdapter, TurnContext } from '@microsoft/agents-hosting';
import { chatCommandContext } from '@perf/chat';
import type { Clock, CommandContext } from '@perf/core';
import type { Store } from '@perf/store';

/** What every handler of the Teams app needs. */
export interface TeamsRuntime {
  readonly store: Store;
  readonly clock: Clock;
  readonly adapter: CloudAdapter;
  /** The bot's app id, or a placeholder in local trial mode. */
  readonly appId: string;
  readonly summaryConversation: string | undefined;
  readonly serviceUrl: string;
  readonly reminderDays: number;
  readonly log: (line: string) => void;
}

/** The Entra object id of whoever sent the activity (Teams' `from.aadObjectId`). */
export function senderId(context: TurnContext): string {
  return (context.activity.from?.aadObjectId ?? '').toLowerCase();
}

/** The command core's context for the sender; `requestKey` makes a redelivery harmless. */
export function commandContext(runtime: TeamsRuntime, context: TurnContext, requestKey?: string): CommandContext {
  return chatCommandContext('teams', runtime.store, runtime.clock, senderId(context), requestKey);
}

/** Identifies one activity of one conversation: a redelivery carries the same pair. */
export function activityKey(context: TurnContext): string {
  return `${context.activity.conversation?.id ?? ''}:${context.activity.id ?? ''}`;
}

/** Whether the activity comes from a person's personal (1:1) chat with the app. */
export function isPersonal(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'personal';
}

import type { ConversationState, Intent, LastReport } from './types.ts';

/** How long a pending confirmation, a choice or the last report are remembered. */
export const STATE_TTL_MS = 15 * 60_000;

/**
 * The conversation's state once an intent has been answered. A refusal that leaves the question
 * open (a digit at «Confermi?», a number outside the choice) keeps it; anything else replaces it.
 * A stored value (`stored`) becomes the one a correction replaces.
 */
export function advance(state: ConversationState, intent: Intent, stored?: LastReport): ConversationState {
  const last = stored ?? state.last;
  switch (intent.kind) {
    case 'report': return { pending: intent.report, last };
    case 'choose': return { choice: intent.choice, last };
    case 'ask-value': return { awaitingValue: { indicator: intent.indicator.id, period: intent.period }, last };
    case 'refuse':
      return intent.code === 'NOT_A_CONFIRMATION' || intent.code === 'CHOICE_OUT_OF_RANGE' ? { ...state, last } : { last };
    default: return { last };
  }
}

/** The state as read back: nothing once it is older than the TTL. */
export function current(state: ConversationState, savedAt: Date, now: Date): ConversationState {
  return now.getTime() - savedAt.getTime() > STATE_TTL_MS ? {} : state;
}

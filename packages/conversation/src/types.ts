import type { Indicator, Plan, Role } from '@perf/model';

/** A report waiting for the person's «sì»: what was understood, never stored yet. */
export interface PendingReport {
  readonly indicator: number;
  /** The value as the person wrote it (number text, `%` kept for a percentage, `sì`/`no`). */
  readonly rawValue: string;
  /** A period code (`2012-Q3`) when the person named one; undefined: the current period. */
  readonly period: string | undefined;
  /** The preview corrects the value just stored. */
  readonly correction: boolean;
}

/** A numbered choice offered to the person, with what they already said. */
export interface PendingChoice {
  readonly options: readonly number[];
  readonly rawValue: string | undefined;
  readonly period: string | undefined;
}

/** The last value stored in this conversation, the one a correction («scusa, era 25») replaces. */
export interface LastReport {
  readonly indicator: number;
  readonly period: string;
}

/** What a conversation remembers between messages (kept by the caller, e.g. in the database). */
export interface ConversationState {
  readonly pending?: PendingReport | undefined;
  readonly choice?: PendingChoice | undefined;
  /** An indicator chosen without a value: the next bare number is its value. */
  readonly awaitingValue?: { readonly indicator: number; readonly period: string | undefined } | undefined;
  readonly last?: LastReport | undefined;
}

export interface Speaker {
  readonly id: string;
  readonly role: Role;
}

export interface UnderstandInput {
  readonly text: string;
  readonly plan: Plan;
  readonly speaker: Speaker;
  /** The ids of the indicators the speaker may report (§5), computed by the caller's permission rule. */
  readonly reportable: ReadonlySet<number>;
  readonly state: ConversationState;
  /** The words that start a command of the exact grammar (names and aliases). */
  readonly commandWords: readonly string[];
  /** The `key=` words each command takes, by any of its words; without it, the §6 keys of every command. */
  readonly commandKeys?: ReadonlyMap<string, readonly string[]>;
  /**
   * The speaker's indicators still without a value in the current period: a bare value («23») is for
   * the only one missing; with several, the bot asks which.
   */
  readonly missing?: readonly number[] | undefined;
  /** For «trimestre scorso»: the current period code of the plan, when there is one. */
  readonly currentPeriod?: string | undefined;
}

export type QuestionTopic =
  | { readonly topic: 'indicator'; readonly indicator: number }
  | { readonly topic: 'objective'; readonly objective: string }
  | { readonly topic: 'history'; readonly indicator: number }
  | { readonly topic: 'mine' }
  | { readonly topic: 'missing'; readonly period: string | undefined }
  | { readonly topic: 'late'; readonly period: string | undefined }
  | { readonly topic: 'bands'; readonly bands: readonly ('green' | 'yellow' | 'red')[]; readonly below: number | undefined }
  | { readonly topic: 'overall' }
  | { readonly topic: 'howto'; readonly task: HowTo };

export type HowTo = 'report' | 'close' | 'relazione' | 'status' | 'correct' | 'missing' | 'help';

/** What one message means. Only `report` carries a value, and only a value the person wrote. */
export type Intent =
  /** A line of the exact grammar (§6): run it as it is, storing at once. */
  | { readonly kind: 'command'; readonly line: string }
  /** A value understood from free text: show it and ask to confirm. */
  | { readonly kind: 'report'; readonly report: PendingReport }
  | { readonly kind: 'confirm'; readonly report: PendingReport }
  | { readonly kind: 'cancel' }
  /** Several indicators fit: a numbered choice. */
  | { readonly kind: 'choose'; readonly choice: PendingChoice; readonly candidates: readonly Indicator[] }
  /** The indicator is known but not the value (or yes/no): ask for it. */
  | { readonly kind: 'ask-value'; readonly indicator: Indicator; readonly period: string | undefined }
  | { readonly kind: 'question'; readonly question: QuestionTopic }
  | { readonly kind: 'smalltalk'; readonly greeting: 'hello' | 'thanks' | 'bye' }
  /** «Forse intendevi …?» with the corrected line. */
  | { readonly kind: 'suggest'; readonly line: string; readonly typed: string }
  /** Nothing to store: why, and the right form. */
  | { readonly kind: 'refuse'; readonly code: RefusalCode; readonly message: string; readonly hint: string };

export type RefusalCode =
  | 'NOT_UNDERSTOOD' | 'INDICATOR_NOT_FOUND' | 'NOT_YOURS' | 'UNIT_MISMATCH' | 'PERIOD_RHYTHM'
  | 'ONE_AT_A_TIME' | 'WHICH_INDICATOR' | 'NOT_A_CONFIRMATION' | 'NOTHING_TO_CORRECT' | 'CHOICE_OUT_OF_RANGE' | 'VALUE_MISSING';

import { readFileSync } from 'node:fs';
import { COMMAND_KEYS, COMMANDS, parseReportArgs, reportableIndicators, resolveActor, tokenize } from '@perf/core';
import { advance, understand, type ConversationState, type Intent } from '@perf/conversation';
import { normalize } from '@perf/conversation/text';
import { parseIndicatorValue, parsePlan, type Plan } from '@perf/model';
import { parse } from 'yaml';

/** One case of the corpus: what a person writes (one or more messages) and what they expect of the last. */
export interface CorpusCase {
  readonly as: string;
  readonly say: string | readonly string[];
  readonly expect: 'report' | 'store' | 'choose' | 'ask' | 'refuse' | 'answer';
  readonly ind?: number;
  readonly value?: number | boolean;
  readonly period?: string;
  readonly correction?: boolean;
  readonly options?: readonly number[];
  readonly code?: string;
  readonly topic?: string;
}

export const CURRENT_PERIOD = '2012-Q4';
export const plan: Plan = parsePlan(readFileSync(new URL('../../examples/cciaa-ms-2012/piano-2012.yaml', import.meta.url), 'utf8'));
export const corpus: CorpusCase[] = parse(readFileSync(new URL('./corpus.yaml', import.meta.url), 'utf8')) as CorpusCase[];
export const COMMAND_WORDS = COMMANDS.flatMap((c) => [c.name, ...c.aliases]);

export function turnsOf(c: CorpusCase): readonly string[] {
  return typeof c.say === 'string' ? [c.say] : c.say;
}

/** The report a §6 `report` line stores, as the core would (period: the one given, or the current). */
function storedByCommand(line: string): { indicator: number; period: string } | undefined {
  const [word, ...args] = tokenize(line.replace(/^\/?perf\s+/i, ''));
  if (word?.toLowerCase() !== 'report') return undefined;
  const input = parseReportArgs(args);
  return { indicator: input.indicator, period: input.period ?? CURRENT_PERIOD };
}

/**
 * Runs a case's messages through `understand`, carrying the state as the core does, and returns the
 * last intent. `around` wraps each call (the benchmark times it).
 */
export function play(c: CorpusCase, around: (call: () => Intent) => Intent = (call) => call()): Intent {
  const actor = resolveActor(plan, { kind: 'operator', personId: c.as, operatorName: c.as });
  const reportable = new Set(reportableIndicators(plan, actor).map((i) => i.id));
  let state: ConversationState = {};
  let intent: Intent | undefined;
  for (const text of turnsOf(c)) {
    const state0 = state;
    intent = around(() => understand({ text, plan, speaker: { id: actor.id, role: actor.role }, reportable, state: state0, commandWords: COMMAND_WORDS, commandKeys: COMMAND_KEYS, currentPeriod: CURRENT_PERIOD }));
    const stored = intent.kind === 'confirm' ? { indicator: intent.report.indicator, period: intent.report.period ?? CURRENT_PERIOD }
      : intent.kind === 'command' ? storedByCommand(intent.line) : undefined;
    state = advance(state, intent, stored);
  }
  if (intent === undefined) throw new Error('empty case');
  return intent;
}

function topicOf(intent: Intent): string {
  switch (intent.kind) {
    case 'question': return intent.question.topic;
    case 'smalltalk': return 'smalltalk';
    case 'suggest': return 'suggest';
    case 'command': return 'command';
    case 'cancel': return 'cancel';
    default: return intent.kind;
  }
}

function valueMatches(c: CorpusCase, rawValue: string): boolean {
  const indicator = plan.indicators.find((i) => i.id === c.ind) ?? { direction: 'higher' as const };
  const expected = typeof c.value === 'boolean' ? (c.value ? 1 : 0) : c.value;
  try {
    return parseIndicatorValue(rawValue, indicator) === expected;
  } catch {
    return false;
  }
}

/** Whether the last intent is what the case expects; a description of it otherwise. */
export function judge(c: CorpusCase, intent: Intent): true | string {
  const got = JSON.stringify(intent).slice(0, 300);
  const report = intent.kind === 'report' || intent.kind === 'confirm' ? intent.report : undefined;
  switch (c.expect) {
    case 'report':
    case 'store': {
      const kind = c.expect === 'report' ? 'report' : 'confirm';
      const ok = intent.kind === kind && report !== undefined && report.indicator === c.ind && valueMatches(c, report.rawValue)
        && report.period === (c.period === undefined ? undefined : String(c.period)) && (c.correction === undefined || report.correction === c.correction);
      return ok || got;
    }
    case 'choose': return (intent.kind === 'choose' && JSON.stringify([...intent.choice.options].sort()) === JSON.stringify([...(c.options ?? [])].sort())) || got;
    case 'ask': return (intent.kind === 'ask-value' && intent.indicator.id === c.ind) || got;
    case 'refuse': return (intent.kind === 'refuse' && (c.code === undefined || intent.code === c.code)) || got;
    case 'answer': return (topicOf(intent) === c.topic) || got;
  }
}

/** A value in a preview or a confirmation must have been written in one of the case's messages. */
export function saidByPerson(c: CorpusCase, intent: Intent): boolean {
  if (intent.kind !== 'report' && intent.kind !== 'confirm') return true;
  const raw = intent.report.rawValue;
  const texts = turnsOf(c).map(normalize);
  if (raw === 'sì' || raw === 'no') return plan.indicators.find((i) => i.id === intent.report.indicator)?.direction === 'boolean';
  const digits = raw.replace(/%$/, '');
  const words: Record<string, string> = { '0': 'zero|nessun', '1': 'uno|una' };
  return texts.some((t) => t.includes(digits) || new RegExp(`\\b(${words[digits] ?? '$^'})`).test(t));
}

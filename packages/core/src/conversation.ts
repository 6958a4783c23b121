import { formatPeriod, PerfError } from '@perf/model';
import { resolveActor, resolvePlan, type CommandContext } from './context.ts';
import { openPeriod } from './cycle.ts';
import { submitReport, type ReportInput } from './commands/report.ts';
import { findCommand, GRAMMAR_FORMS, runCommandLine } from './commands/table.ts';
import { tokenize } from './grammar.ts';
import type { Reply, ReportReply } from './replies.ts';

/** One turn of a conversation: a command's reply, or a value to confirm before it is stored. */
export type ConversationTurn =
  | { readonly kind: 'reply'; readonly reply: Reply }
  | { readonly kind: 'confirm'; readonly input: ReportInput; readonly preview: ReportReply };

const ANSWER = /^#?(\d+)\s*[:=]\s*(.+)$/;

/**
 * Understands what a person writes to the bot: the §6 grammar with or without `/perf`, or a bare
 * answer to a reminder ("12: 23,5", or just "23" when one indicator is missing). Answers are
 * echoed with the grade they would give and stored only once confirmed (see `confirmAnswer`).
 */
export async function converse(text: string, context: CommandContext): Promise<ConversationTurn> {
  const trimmed = text.trim().replace(/^\/?perf\s+/i, '');
  const first = tokenize(trimmed)[0];
  if (first !== undefined && findCommand(first)) return { kind: 'reply', reply: await runCommandLine(trimmed, context) };
  const input = await answerToInput(trimmed, context);
  return { kind: 'confirm', input, preview: await submitReport(input, context, { store: false }) };
}

async function answerToInput(text: string, context: CommandContext): Promise<ReportInput> {
  const hint = `Comandi: ${GRAMMAR_FORMS.join(' · ')}. Per rispondere a un sollecito scrivi «<indicatore>: <valore>», ad esempio «12: 23,5».`;
  const match = ANSWER.exec(text);
  if (match) return { indicator: Number(match[1]), rawValue: (match[2] ?? '').trim(), period: undefined, note: undefined };
  if (!/^[-+]?[\d.,]+%?$|^(s[iì]|no|yes|true|false)$/i.test(text)) {
    throw new PerfError('COMMAND_UNKNOWN', `Non ho capito «${text}».`, { hint });
  }
  const plan = await resolvePlan(context);
  const actor = resolveActor(plan, context.identity);
  const period = openPeriod(plan, context.clock());
  const reported = period ? await context.store.valuesOfPeriod(plan.ente.code, plan.year, formatPeriod(period)) : new Map();
  const missing = plan.indicators.filter((i) => i.owner === actor.id && !reported.has(i.id));
  const only = missing.length === 1 ? missing[0] : undefined;
  if (only === undefined) {
    throw new PerfError('ANSWER_AMBIGUOUS', missing.length === 0
      ? `A quale indicatore si riferisce «${text}»? Non hai indicatori mancanti in questo periodo.`
      : `A quale indicatore si riferisce «${text}»? Te ne mancano ${missing.length}: ${missing.map((i) => i.id).join(', ')}.`, { hint: 'Scrivi «<indicatore>: <valore>», ad esempio «12: 23,5».' });
  }
  return { indicator: only.id, rawValue: text, period: undefined, note: undefined };
}

/** Stores a confirmed answer; the request key makes a repeated confirmation harmless. */
export function confirmAnswer(input: ReportInput, context: CommandContext): Promise<ReportReply> {
  return submitReport(input, context, { store: true });
}

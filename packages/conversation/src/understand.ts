import { isCorrection, settlePending, smallTalk } from './intents.ts';
import { readQuestion } from './questions.ts';
import { readReport, refuse, type Fallback } from './report.ts';
import { normalize } from './text.ts';
import { suggestLine } from './typos.ts';
import type { Intent, UnderstandInput } from './types.ts';

const HELP_HINT = 'Scrivi ad esempio «12: 23,5», «seminari di alta formazione: 6 nel terzo trimestre», «cosa devo ancora inserire?» oppure «help» per i comandi.';

/** A choice answered with its number, or a value for the indicator just chosen. */
function answerToQuestion(text: string, input: UnderstandInput): Intent | undefined {
  const { choice, awaitingValue } = input.state;
  if (choice && /^\d{1,2}$/.test(text)) {
    const id = choice.options[Number(text) - 1];
    if (id === undefined) return refuse('CHOICE_OUT_OF_RANGE', `Scegli un numero da 1 a ${choice.options.length}.`, 'Oppure riscrivi il valore con il numero dell\'indicatore, ad esempio «12: 23,5».');
    const indicator = input.plan.indicators.find((i) => i.id === id);
    if (!indicator) return undefined;
    if (choice.rawValue === undefined) return { kind: 'ask-value', indicator, period: choice.period };
    return { kind: 'report', report: { indicator: id, rawValue: choice.rawValue, period: choice.period, correction: false } };
  }
  if (awaitingValue) return readReport(text, input, { indicator: awaitingValue.indicator, period: awaitingValue.period, correction: false });
  return undefined;
}

/** A correction right after a report: the same indicator and period, the new value. */
function correction(text: string, input: UnderstandInput): Intent | undefined {
  if (!isCorrection(text)) return undefined;
  const { last } = input.state;
  const fallback: Fallback | undefined = last && { indicator: last.indicator, period: last.period, correction: true };
  const intent = readReport(text, input, fallback);
  if (intent !== undefined && (last !== undefined || intent.kind !== 'refuse' || intent.code !== 'INDICATOR_NOT_FOUND')) return intent;
  return refuse('NOTHING_TO_CORRECT', 'Non trovo un valore appena registrato da correggere.', 'Scrivi il valore giusto con il numero dell\'indicatore, ad esempio «correggi: il 41 era 91%».');
}

/**
 * What one message means, given the conversation so far. Pure and deterministic: the same text,
 * state and plan always give the same intent, and a report carries only a value written in the text.
 */
export function understand(input: UnderstandInput): Intent {
  const raw = input.text.trim().replace(/^\/?perf\s+/i, '');
  const text = normalize(raw);
  if (text === '') return refuse('NOT_UNDERSTOOD', 'Il messaggio è vuoto.', HELP_HINT);
  const { pending } = input.state;
  if (pending) {
    const settled = settlePending(text, pending);
    if (settled) return settled;
    if (/^no\b/.test(text)) {
      const again = readReport(text.replace(/^no\b[,.;:!]?\s*/, ''), input, { indicator: pending.indicator, period: pending.period, correction: pending.correction });
      if (again) return again;
    }
  }
  const answer = answerToQuestion(text, input);
  if (answer) return answer;
  const first = raw.split(/\s+/)[0]?.toLowerCase() ?? '';
  const tokens = raw.split(/\s+/);
  if (input.commandWords.includes(first) && !isSentence(tokens)) return suggestLine(raw, input.commandWords, true, input.commandKeys) ?? { kind: 'command', line: raw };
  const bare = bareValue(raw, input);
  if (bare) return bare;
  const grammarLike = /\w=/.test(raw) || tokens.length <= 2;
  return smallTalk(text)
    ?? correction(text, input)
    ?? questionIntent(text, input)
    ?? (grammarLike ? suggestLine(raw, input.commandWords, false, input.commandKeys) : undefined)
    ?? readReport(text, input)
    ?? refuse('NOT_UNDERSTOOD', `Non ho capito «${raw}».`, HELP_HINT);
}

/** «23» alone: the value of the only indicator still missing, or a question about which one. */
function bareValue(raw: string, input: UnderstandInput): Intent | undefined {
  if (!/^[-+]?[\d.,]+%?$/.test(raw) || input.missing === undefined) return undefined;
  const [only, ...others] = input.missing;
  if (only !== undefined && others.length === 0) return { kind: 'report', report: { indicator: only, rawValue: raw, period: undefined, correction: false } };
  return refuse('WHICH_INDICATOR', input.missing.length === 0
    ? `A quale indicatore si riferisce «${raw}»? Non hai indicatori mancanti in questo periodo.`
    : `A quale indicatore si riferisce «${raw}»? Te ne mancano ${input.missing.length}: ${input.missing.join(', ')}.`, 'Scrivi «<indicatore>: <valore>», ad esempio «12: 23,5».');
}

/** «stato dell'obiettivo 05»: a command word opening a sentence rather than a §6 line. */
function isSentence(tokens: readonly string[]): boolean {
  return tokens.length > 2 && !tokens.some((t) => t.includes('='));
}

function questionIntent(text: string, input: UnderstandInput): Intent | undefined {
  const question = readQuestion(text, input.plan);
  return question && { kind: 'question', question };
}

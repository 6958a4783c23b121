import type { Intent, PendingReport } from './types.ts';

/** Words of a confirmation (§12: sì, si, ok, va bene, conferma, esatto; and their company). */
const CONFIRM = new Set(['si', 'ok', 'okay', 'va', 'bene', 'conferma', 'confermo', 'confermato', 'esatto', 'esatta', 'yes', 'confirm', 'certo', 'giusto', 'perfetto', 'grazie', 'pure', 'corretto', 'procedi', 'yep', 'sure']);
const CONFIRM_CORE = new Set(['si', 'ok', 'okay', 'bene', 'conferma', 'confermo', 'confermato', 'esatto', 'esatta', 'yes', 'confirm', 'certo', 'giusto', 'perfetto', 'corretto', 'procedi', 'yep', 'sure']);
const CANCEL = new Set(['no', 'annulla', 'annullare', 'cancel', 'lascia', 'perdere', 'stop', 'niente', 'grazie', 'non', 'confermo', 'abort', 'nope', 'sbagliato']);
const CANCEL_CORE = new Set(['no', 'annulla', 'annullare', 'cancel', 'lascia', 'stop', 'abort', 'nope', 'sbagliato']);

function allIn(words: readonly string[], set: ReadonlySet<string>, core: ReadonlySet<string>): boolean {
  return words.length > 0 && words.every((w) => set.has(w)) && words.some((w) => core.has(w));
}

export function wordsOf(text: string): string[] {
  return text.split(/[^a-z0-9']+/).filter((w) => w !== '');
}

export function isConfirmation(text: string): boolean {
  return allIn(wordsOf(text), CONFIRM, CONFIRM_CORE);
}

export function isCancellation(text: string): boolean {
  return allIn(wordsOf(text), CANCEL, CANCEL_CORE);
}

/** The answer to «Confermi?»: yes, no, or a digit that is not a yes. Anything else is a new message. */
export function settlePending(text: string, pending: PendingReport): Intent | undefined {
  if (isConfirmation(text)) return { kind: 'confirm', report: pending };
  if (isCancellation(text)) return { kind: 'cancel' };
  if (/^[-+]?[\d.,]+%?$/.test(text)) {
    return { kind: 'refuse', code: 'NOT_A_CONFIRMATION', message: `«${text}» non è una conferma: il valore in attesa non è stato registrato.`, hint: 'Rispondi «sì» (oppure ok, va bene, conferma, esatto) per registrarlo, «no» per annullare, oppure «no, è <valore>» per correggerlo.' };
  }
  return undefined;
}

const GREETINGS: readonly [RegExp, 'hello' | 'thanks' | 'bye'][] = [
  [/^(ciao|buongiorno|buon ?giorno|buonasera|buona ?sera|buon pomeriggio|salve|hello|hi|hey|good morning|good afternoon|ehi|eccomi)\b/, 'hello'],
  [/^(grazie|grazie mille|ti ringrazio|thanks|thank you|perfetto grazie|ok grazie)\b/, 'thanks'],
  [/^(arrivederci|a presto|buona giornata|buona serata|bye|see you|ciao ciao)\b/, 'bye'],
];

/** A greeting or thanks with nothing else in it (a value after «ciao» is a report). */
export function smallTalk(text: string): Intent | undefined {
  if (/\d/.test(text)) return undefined;
  for (const [re, greeting] of GREETINGS) {
    if (re.test(text) && wordsOf(text).length <= 6 && !/\?/.test(text)) return { kind: 'smalltalk', greeting };
  }
  return undefined;
}

const CORRECTION = /^(scusa(te)?|sorry|correggi|correzione|rettifica|rettifico|ho sbagliato|errore|anzi|oops|ops|sbagliato|mi sono sbagliat[oa]|i made a mistake|my mistake|correct)\b|^no,? era\b|\bera\s+[-+]?\d/;

export function isCorrection(text: string): boolean {
  return CORRECTION.test(text);
}

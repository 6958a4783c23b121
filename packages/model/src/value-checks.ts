import { PerfError } from './errors.ts';
import { formatNumber } from './format.ts';

/** C0 and C1 control characters and DEL; a line break is checked apart (a Slack note may have several lines). */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f]/g;

/** The longest note or reason that is stored (the Slack modal allows 500). */
export const MAX_NOTE_LENGTH = 1000;

/** A text as it can be shown inside a message: control characters as `\u001b`, at most 40 characters. */
export function visibleText(text: string): string {
  const shown = text.replace(CONTROL_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
}

/** The free texts of a report, as a message names them (with the ending of their gender). */
const FREE_TEXTS = { note: { label: 'La nota', ending: 'a' }, motivo: { label: 'Il motivo', ending: 'o' } } as const;

/**
 * Refuses a note (or a reason) that would be stored or printed badly: a NUL byte, an ANSI escape,
 * any other control character (a line break is allowed), or more than MAX_NOTE_LENGTH characters.
 */
export function checkFreeText(text: string | undefined, field: keyof typeof FREE_TEXTS): void {
  if (text === undefined) return;
  const { label, ending } = FREE_TEXTS[field];
  const length = [...text].length;
  if (length > MAX_NOTE_LENGTH) {
    throw new PerfError('TEXT_TOO_LONG', `${label} è troppo lung${ending}: ${formatNumber(length, 0)} caratteri, al massimo ${formatNumber(MAX_NOTE_LENGTH, 0)}.`, {
      field, hint: `Accorcia il testo a ${formatNumber(MAX_NOTE_LENGTH, 0)} caratteri al massimo.`,
    });
  }
  const match = CONTROL.exec(text);
  if (match === null) return;
  const char = match[0];
  const what = char === '\u0000' ? 'un carattere nullo (NUL)'
    : char === '\u001b' ? 'una sequenza di escape del terminale (ANSI)'
      : `un carattere di controllo (\\u${char.charCodeAt(0).toString(16).padStart(4, '0')})`;
  throw new PerfError('TEXT_INVALID', `${label} contiene ${what}: non è stato registrato nulla.`, {
    field, hint: 'Scrivi solo testo: lettere, numeri, punteggiatura e, se serve, a capo.',
  });
}

/** `1234.5`, `1e+23` → its significant digits and where the decimal point falls (`12345@4`). */
function significant(text: string): string {
  const [mantissa = '', exponent = '0'] = text.toLowerCase().replace(/^[+-]/, '').split('e');
  const [integer = '', fraction = ''] = mantissa.split('.');
  let digits = integer + fraction;
  let point = integer.length + Number(exponent);
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead).replace(/0+$/, '');
  point -= lead;
  return digits === '' ? '0' : `${digits}@${point}`;
}

/**
 * Whether the double read from a plain decimal (`-1234.5`) holds exactly the number written: its
 * shortest form reads back as the same digits. `99999999999999999999999` (read as 1e+23) does not.
 */
export function holdsExactly(decimal: string, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  const digitCount = decimal.replace(/[^\d]/g, '').replace(/^0+/, '').length;
  // At most 15 significant digits (and no long run of zeros that could underflow) always read back unchanged.
  if (digitCount <= 15 && decimal.length <= 20) return true;
  return significant(decimal) === significant(String(Math.abs(value)));
}

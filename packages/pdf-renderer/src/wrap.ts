/**
 * Greedy line breaking for the Relazione's text: breaks at spaces, after a hyphen or a slash
 * inside a word, and inside a word only when the word alone is wider than the line (a number then
 * after a thousands or decimal separator). Amounts in euro and the proper names given in `keep`
 * («Massa Carrara», a person's name) stay on one line while they fit one. Pure: the caller gives
 * the width of a string (in the current font and size), so the result can be cached and shared
 * between measuring a block and drawing it.
 */

interface Piece {
  readonly text: string;
  /** Whether a space separates this piece from the previous one. */
  readonly spaced: boolean;
}

const NBSP = '\u00a0';
/** Stands for a hyphen that must not end a line (inside a kept name) until the pieces are made. */
const NBHY = '\u2011';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Joins the words of each kept phrase, the euro sign to its amount and a target's comparison to
 * its number («≥ € 750.000,00»), so that no space or hyphen between them is a break.
 */
function glue(paragraph: string, keep: readonly string[]): string {
  let text = paragraph.replace(/€ (?=[\d-])/g, `€${NBSP}`).replace(/([≥≤]) (?=[\d€-])/g, `$1${NBSP}`);
  for (const name of keep) {
    if (!text.includes(name)) continue;
    text = text.replace(new RegExp(`(?<!\\p{L})${escapeRegExp(name)}(?!\\p{L})`, 'gu'), name.replace(/ /g, NBSP).replace(/-/g, NBHY));
  }
  return text;
}

/**
 * The text with no-break spaces inside the kept names and between the euro sign and its amount,
 * for the few blocks pdfkit breaks itself (a bold label followed by its text).
 */
export const withNoBreaks = (text: string, keep: readonly string[]): string => glue(text, keep).replace(/\u2011/g, '-');

const unglue = (text: string): string => text.replace(/\u00a0/g, ' ').replace(/\u2011/g, '-');

/** A word split after '-' and '/', keeping the mark at the end of the first part ("economico-" "finanziaria"). */
const wordPieces = (word: string): Piece[] =>
  word.split(/(?<=[-/–](?=\p{L}))/u).map((part, i) => ({ text: unglue(part), spaced: i === 0 }));

/** The pieces of a paragraph; a glued phrase that does not `fit` a line falls back to its words. */
function pieces(paragraph: string, keep: readonly string[], fits: (text: string) => boolean): Piece[] {
  const result: Piece[] = [];
  for (const word of glue(paragraph, keep).split(' ')) {
    if (word === '') continue;
    const text = unglue(word);
    if (text === word || fits(text)) result.push(...wordPieces(word));
    else for (const part of text.split(' ')) if (part !== '') result.push(...wordPieces(part));
  }
  return result;
}

/** How many leading characters of `rest` to cut: as many as fit, back to just after a separator of a number when there is one. */
function cutPoint(rest: string, width: number, measure: (text: string) => number): number {
  let fit = 1;
  while (fit < rest.length && measure(rest.slice(0, fit + 1)) <= width) fit++;
  for (let i = fit; i > 1; i--) {
    if (/[.,]/.test(rest[i - 1] ?? '') && /\d/.test(rest[i - 2] ?? '') && /\d/.test(rest[i] ?? '')) return i;
  }
  return fit;
}

/** Splits a word wider than the line into parts that fit (at least one character each). */
function splitLongWord(word: string, width: number, measure: (text: string) => number): string[] {
  const parts: string[] = [];
  let rest = word;
  while (rest.length > 0 && measure(rest) > width) {
    const fit = cutPoint(rest, width, measure);
    parts.push(rest.slice(0, fit));
    rest = rest.slice(fit);
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

/**
 * The width of the widest piece no line break may split (a word, an amount in euro): a table
 * cell shrinks its text until this fits, so that a number is never broken.
 */
export function widestPiece(text: string, measure: (text: string) => number): number {
  let widest = 0;
  for (const paragraph of text.split('\n')) {
    for (const piece of pieces(paragraph, [], () => true)) widest = Math.max(widest, measure(piece.text));
  }
  return widest;
}

export interface WrappedLine {
  readonly text: string;
  /** The last line of a paragraph (never justified). */
  readonly last: boolean;
}

export function wrapLines(text: string, width: number, measure: (text: string) => number, keep: readonly string[] = []): WrappedLine[] {
  const lines: WrappedLine[] = [];
  const space = measure(' ');
  const fits = (piece: string): boolean => measure(piece) <= width;
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    const push = () => {
      lines.push({ text: line, last: false });
      line = '';
      lineWidth = 0;
    };
    for (const piece of pieces(paragraph, keep, fits)) {
      const pieceWidth = measure(piece.text);
      if (line !== '') {
        const gap = piece.spaced ? space : 0;
        if (lineWidth + gap + pieceWidth <= width) {
          line += (piece.spaced ? ' ' : '') + piece.text;
          lineWidth += gap + pieceWidth;
          continue;
        }
        push();
      }
      if (pieceWidth <= width) {
        line = piece.text;
        lineWidth = pieceWidth;
        continue;
      }
      const parts = splitLongWord(piece.text, width, measure);
      parts.slice(0, -1).forEach((part) => lines.push({ text: part, last: false }));
      line = parts[parts.length - 1] ?? '';
      lineWidth = measure(line);
    }
    lines.push({ text: line, last: true });
  }
  return lines;
}

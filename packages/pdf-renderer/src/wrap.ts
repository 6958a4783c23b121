/**
 * Greedy line breaking for the Relazione's text: breaks at spaces, after a hyphen or a slash
 * inside a word, and inside a word only when the word alone is wider than the line. Pure: the
 * caller gives the width of a string (in the current font and size), so the result can be cached
 * and shared between measuring a block and drawing it.
 */

interface Piece {
  readonly text: string;
  /** Whether a space separates this piece from the previous one. */
  readonly spaced: boolean;
}

/** Words split after '-' and '/', keeping the mark at the end of the first part ("economico-" "finanziaria"). */
function pieces(paragraph: string): Piece[] {
  const result: Piece[] = [];
  // "€ 1.832.061,60" stays on one line: the euro sign is glued to the amount that follows it.
  for (const word of paragraph.replace(/€ (?=[\d-])/g, '€\u00a0').split(' ')) {
    if (word === '') continue;
    const parts = word.replace(/\u00a0/g, ' ').split(/(?<=[-/–](?=\p{L}))/u);
    parts.forEach((part, i) => result.push({ text: part, spaced: i === 0 }));
  }
  return result;
}

/** Splits a word wider than the line into parts that fit (at least one character each). */
function splitLongWord(word: string, width: number, measure: (text: string) => number): string[] {
  const parts: string[] = [];
  let rest = word;
  while (rest.length > 0 && measure(rest) > width) {
    let fit = 1;
    while (fit < rest.length && measure(rest.slice(0, fit + 1)) <= width) fit++;
    parts.push(rest.slice(0, fit));
    rest = rest.slice(fit);
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

export interface WrappedLine {
  readonly text: string;
  /** The last line of a paragraph (never justified). */
  readonly last: boolean;
}

export function wrapLines(text: string, width: number, measure: (text: string) => number): WrappedLine[] {
  const lines: WrappedLine[] = [];
  const space = measure(' ');
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    const push = () => {
      lines.push({ text: line, last: false });
      line = '';
      lineWidth = 0;
    };
    for (const piece of pieces(paragraph)) {
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

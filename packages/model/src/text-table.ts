import { formatNumber } from './format.ts';

export type Align = 'left' | 'right';

/** A cell on one line of a terminal: line breaks as « ↵ », any other control character as `\u001b` (never sent raw). */
function printableCell(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ↵ ').replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A plain-text table for terminals: header rows, a rule, body rows; columns padded to the
 * widest cell, text left-aligned and numbers right-aligned as `align` says (default left).
 */
export function formatTextTable(rawHead: readonly (readonly string[])[], rawBody: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const head = rawHead.map((row) => row.map(printableCell));
  const body = rawBody.map((row) => row.map(printableCell));
  const rows = [...head, ...body];
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(0, ...rows.map((r) => [...(r[c] ?? '')].length)));
  const line = (cells: readonly string[]) =>
    widths
      .map((width, c) => {
        const cell = cells[c] ?? '';
        const pad = ' '.repeat(width - [...cell].length);
        return align[c] === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((a, w) => a + w, 0) + 2 * Math.max(0, columns - 1));
  return [...head.map(line), ...(head.length > 0 ? [rule] : []), ...body.map(line)].join('\n');
}

/** A signed difference in Italian form: +0,11 · -2 · 0 (never "-0"). */
export function formatSigned(value: number, decimals: number): string {
  const text = formatNumber(value, decimals);
  if (!/[1-9]/.test(text)) return formatNumber(0, decimals);
  return value > 0 ? `+${text}` : text;
}

import { formatNumber } from './format.ts';

export type Align = 'left' | 'right';

/**
 * A plain-text table for terminals: header rows, a rule, body rows; columns padded to the
 * widest cell, text left-aligned and numbers right-aligned as `align` says (default left).
 */
export function formatTextTable(head: readonly (readonly string[])[], body: readonly (readonly string[])[], align: readonly Align[] = []): string {
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

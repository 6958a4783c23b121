const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * Italian number forms for people: 1.832.061,60 · 70,63% · 1,62. The Intl formatter is built once
 * per precision: a Relazione formats thousands of numbers, and building one each time was costly.
 */
export function formatNumber(value: number, decimals = 2, minimumDecimals = decimals): string {
  const key = `${decimals}:${minimumDecimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('it-IT', { minimumFractionDigits: minimumDecimals, maximumFractionDigits: decimals, useGrouping: 'always' } as Intl.NumberFormatOptions);
    numberFormats.set(key, format);
  }
  return format.format(value);
}

export function formatEuro(value: number, decimals = 2): string {
  return `€ ${formatNumber(value, decimals)}`;
}

/** A fraction (0.7063) as a percentage (70,63%). */
export function formatFractionPercent(fraction: number, decimals = 2): string {
  return `${formatNumber(fraction * 100, decimals)}%`;
}

/** A value already in percent (94) as "94%". */
export function formatPercent(percent: number, decimals = 0): string {
  return `${formatNumber(percent, decimals)}%`;
}

/** A plain reported value without forcing decimals: 23 · 23,5 · 1.234,5. */
export function formatValue(value: number): string {
  return formatNumber(value, 4, 0);
}

/** "1 obiettivo" / "3 obiettivi". */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

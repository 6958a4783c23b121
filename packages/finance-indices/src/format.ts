import { formatEuro, formatFractionPercent, formatNumber } from '@perf/model';
import { compareFinance, type ComparisonRow, type YearValue } from './compare.ts';
import { indexDefinition, type FinanceReport, type IndexDefinition } from './indices.ts';
import type { IndexKey } from './schema.ts';
import { formatSigned, formatTextTable, type Align } from '@perf/model';

/** What a missing value (zero denominator) reads as. */
export const NOT_AVAILABLE = 'n.d.';

const definitionOf = (index: IndexKey | IndexDefinition): IndexDefinition => (typeof index === 'string' ? indexDefinition(index) : index);

/** An index value as the seed prints it: 1,62 · 77% · 33,20; `n.d.` for null. */
export function formatIndexValue(index: IndexKey | IndexDefinition, value: number | null): string {
  if (value === null) return NOT_AVAILABLE;
  const d = definitionOf(index);
  return d.display === 'percent' ? formatFractionPercent(value, d.decimals) : formatNumber(value, d.decimals);
}

/** A change of an index between two years: -0,11 for ratios, +2 p.p. for percentages. */
export function formatIndexChange(index: IndexKey | IndexDefinition, change: number | null): string {
  if (change === null) return NOT_AVAILABLE;
  const d = definitionOf(index);
  return d.display === 'percent' ? `${formatSigned(change * 100, d.decimals)} p.p.` : formatSigned(change, d.decimals);
}

const SHARE_DECIMALS = 2;
const formatShare = (value: number | null) => (value === null ? NOT_AVAILABLE : formatFractionPercent(value, SHARE_DECIMALS));
const formatShareChange = (change: number | null) => (change === null ? NOT_AVAILABLE : `${formatSigned(change * 100, SHARE_DECIMALS)} p.p.`);

function compositionTable(title: string, rows: readonly ComparisonRow<string>[], totalLabel: string, totals: readonly YearValue[], years: readonly number[]): string {
  const changeHeads = years.slice(1).map((y, i) => `Var. ${years[i]}-${y}`);
  const body = rows.map((r) => [r.label, ...r.values.map((v) => formatShare(v.value)), ...r.changes.map((c) => formatShareChange(c.change))]);
  body.push([totalLabel, ...totals.map((t) => (t.value === null ? NOT_AVAILABLE : formatEuro(t.value)))]);
  const align: Align[] = ['left', ...years.map((): Align => 'right'), ...changeHeads.map((): Align => 'right')];
  return `${title}\n${formatTextTable([['Voce', ...years.map(String), ...changeHeads]], body, align)}`;
}

/** The plain-text tables the CLI prints: indices × years (with benchmarks), compositions, warnings. */
export function formatFinanceText(reports: readonly FinanceReport[]): string {
  if (reports.length === 0) return 'Nessun bilancio da mostrare.';
  const comparison = compareFinance(reports);
  const { years } = comparison;
  const changeHeads = years.slice(1).map((y, i) => `Var. ${years[i]}-${y}`);
  const benchmarkHeads = comparison.benchmarks.map((b) => b.label);

  const indexRows = comparison.indices.map((r) => [
    r.label,
    ...r.values.map((v) => formatIndexValue(r.key, v.value)),
    ...r.changes.map((c) => formatIndexChange(r.key, c.change)),
    ...comparison.benchmarks.map((b) => {
      const value = b.indices[r.key];
      return value === undefined ? '' : formatIndexValue(r.key, value);
    }),
  ]);
  const right = (n: number): Align[] => Array.from({ length: n }, (): Align => 'right');
  const indexTable = formatTextTable(
    [['Indice', ...years.map(String), ...changeHeads, ...benchmarkHeads]],
    indexRows,
    ['left', ...right(years.length + changeHeads.length + benchmarkHeads.length)],
  );

  const sections = [
    `Indici economico-finanziari ${years.length === 1 ? `dell'anno ${years[0]}` : `degli anni ${years.join(', ')}`}`,
    indexTable,
    compositionTable('Composizione dei proventi correnti (quota sul totale)', comparison.proventi, 'Totale proventi correnti', comparison.totals.proventiCorrenti, years),
    compositionTable('Composizione degli oneri correnti (quota sul totale)', comparison.oneri, 'Totale oneri correnti', comparison.totals.oneriCorrenti, years),
  ];

  const warnings = [...reports]
    .sort((a, b) => a.year - b.year)
    .flatMap((r) => r.warnings.map((w) => (reports.length > 1 ? `- ${r.year}: ${w}` : `- ${w}`)));
  sections.push(warnings.length === 0 ? 'Avvertenze: nessuna.' : `Avvertenze:\n${warnings.join('\n')}`);
  return `${sections.join('\n\n')}\n`;
}

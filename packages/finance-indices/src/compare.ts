import { PerfError } from '@perf/model';
import { INDEX_DEFINITIONS, ONERI_LABELS, PROVENTI_LABELS, type FinanceReport, type IndexDisplay } from './indices.ts';
import { ONERI_FIELDS, PROVENTI_FIELDS, type Benchmark, type IndexKey, type OneriField, type ProventiField } from './schema.ts';

export interface YearValue {
  year: number;
  value: number | null;
}

/** The difference `to − from` in the unit of the value (fractions for ratios and shares). */
export interface YearChange {
  from: number;
  to: number;
  change: number | null;
}

export interface ComparisonRow<K extends string> {
  key: K;
  label: string;
  values: YearValue[];
  changes: YearChange[];
}

export interface IndexComparisonRow extends ComparisonRow<IndexKey> {
  display: IndexDisplay;
  decimals: number;
}

export interface FinanceComparison {
  years: number[];
  indices: IndexComparisonRow[];
  proventi: ComparisonRow<ProventiField>[];
  oneri: ComparisonRow<OneriField>[];
  totals: { proventiCorrenti: YearValue[]; oneriCorrenti: YearValue[] };
  /** The benchmarks the reports carry, once per label, with the year of the report that carries each. */
  benchmarks: (Benchmark & { year: number })[];
}

function row<K extends string>(key: K, label: string, reports: readonly FinanceReport[], pick: (r: FinanceReport) => number | null): ComparisonRow<K> {
  const values = reports.map((r) => ({ year: r.year, value: pick(r) }));
  const changes: YearChange[] = [];
  for (let i = 1; i < values.length; i++) {
    const before = values[i - 1];
    const after = values[i];
    if (!before || !after) continue;
    changes.push({ from: before.year, to: after.year, change: before.value === null || after.value === null ? null : after.value - before.value });
  }
  return { key, label, values, changes };
}

/** Year-on-year comparison of several years' reports (sorted by year; one report per year). */
export function compareFinance(reports: readonly FinanceReport[]): FinanceComparison {
  const sorted = [...reports].sort((a, b) => a.year - b.year);
  const duplicate = sorted.find((r, i) => i > 0 && sorted[i - 1]?.year === r.year);
  if (duplicate) {
    throw new PerfError('FINANCE_DUPLICATE_YEAR', `Due bilanci per lo stesso anno ${duplicate.year}: il confronto tra anni richiede un solo bilancio per anno.`, {
      hint: 'Passa un file di bilancio per ciascun anno (es. bilancio-2011.yaml e bilancio-2012.yaml).',
    });
  }
  const benchmarks: (Benchmark & { year: number })[] = [];
  for (const r of sorted) {
    if (r.benchmark && !benchmarks.some((b) => b.label === r.benchmark?.label)) benchmarks.push({ ...r.benchmark, year: r.year });
  }
  return {
    years: sorted.map((r) => r.year),
    indices: INDEX_DEFINITIONS.map((d) => ({ ...row(d.key, d.label, sorted, (r) => r.indices[d.key]), display: d.display, decimals: d.decimals })),
    proventi: PROVENTI_FIELDS.map((f) => row(f, PROVENTI_LABELS[f], sorted, (r) => r.proventi[f])),
    oneri: ONERI_FIELDS.map((f) => row(f, ONERI_LABELS[f], sorted, (r) => r.oneri[f])),
    totals: {
      proventiCorrenti: sorted.map((r) => ({ year: r.year, value: r.totals.proventiCorrenti })),
      oneriCorrenti: sorted.map((r) => ({ year: r.year, value: r.totals.oneriCorrenti })),
    },
    benchmarks,
  };
}

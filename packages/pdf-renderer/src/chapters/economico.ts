import { compareFinance, formatIndexValue, INDEX_DEFINITIONS, type ComparisonRow, type FinanceComparison, type FinanceReport } from '@perf/finance-indices';
import { barChart } from '../charts.ts';
import type { Context } from '../context.ts';
import { euroOfShare, formatEuro, formatFractionPercent } from '../italian.ts';
import { table, totalRow, type Column, type Row } from '../table.ts';
import { BAND_COLORS, COLORS, SIZES, seriesColor } from '../theme.ts';
import { renderRisorse } from './risorse.ts';

export const CHAPTER_3 = '3. La dimensione economico-finanziaria: risorse, efficienza ed economicità';

const share = (value: number | null | undefined): string => (value === null || value === undefined ? 'n.d.' : formatFractionPercent(value));

/** Chapter 3: composition of proventi and oneri correnti, the nine indices, the benchmark; then the Valore Aggiunto and the savings. */
export function renderEconomico(ctx: Context): void {
  const sections = renderBilancio(ctx);
  renderRisorse(ctx, sections + 1);
}

/** The parts drawn from the bilanci; returns how many numbered sections it printed. */
function renderBilancio(ctx: Context): number {
  const { report } = ctx;
  report.heading(1, CHAPTER_3);
  report.paragraph(
    'La dimensione economico-finanziaria della performance è analizzata, in termini di efficienza ed economicità, attraverso la composizione dei proventi e degli ' +
      'oneri della gestione corrente e un insieme di indici di bilancio che misurano la solidità patrimoniale, la liquidità, la rigidità della struttura dei costi ' +
      'e la capacità dell’Ente di attrarre risorse esterne e di riscuotere le proprie entrate.',
  );
  const reports = [...ctx.data.finance].sort((a, b) => a.year - b.year).filter((r, i, all) => all.findIndex((o) => o.year === r.year) === i);
  const current = reports.find((r) => r.year === ctx.year);
  if (!current) {
    report.note(
      `Dati di bilancio non disponibili per il ${ctx.year}: importarli con pnpm perf finance import <bilancio-${ctx.year}.yaml>` +
        (reports.length > 0 ? `. Sono riportati di seguito i dati degli anni disponibili (${reports.map((r) => r.year).join(', ')}).` : '.'),
      { title: 'Dati di bilancio mancanti' },
    );
    if (reports.length === 0) return 0;
  }
  const comparison = compareFinance(reports);
  renderComposizione(ctx, comparison);
  renderIndici(ctx, comparison, current ?? reports[reports.length - 1]);
  const warnings = reports.flatMap((r) => r.warnings.map((w) => `${r.year}: ${w}`));
  if (warnings.length > 0) report.note(warnings.join('\n'), { title: 'Avvertenze sui dati di bilancio' });
  // 3.3, the benchmark, needs the year's own bilancio.
  return current ? 3 : 2;
}

function yearColumns(years: readonly number[]): Column[] {
  return years.map((y) => ({ header: String(y), width: 1.3, align: 'right' as const }));
}

/** Each item in euro (its share of the total, as the report carries it) and as a share, per year. */
function compositionTable(ctx: Context, caption: string, rows: readonly ComparisonRow<string>[], totalLabel: string, totals: readonly { value: number | null }[], years: readonly number[]): void {
  const body: Row[] = rows.map((r) => ({ cells: [r.label, ...r.values.flatMap((v, i) => [euroOfShare(v.value, totals[i]?.value), share(v.value)])] }));
  body.push(totalRow([totalLabel, ...totals.flatMap((t) => [t.value === null ? 'n.d.' : formatEuro(t.value), t.value === null ? 'n.d.' : share(1)])]));
  const columns: Column[] = years.flatMap((y) => [
    { header: `${y}\nimporto`, width: 1.6, align: 'right' as const },
    { header: `${y}\nquota`, width: 0.95, align: 'right' as const },
  ]);
  table(ctx.report, [{ header: 'Voce', width: 4 }, ...columns], body, { caption, size: years.length > 2 ? SIZES.table - 1 : SIZES.table });
}

function compositionChart(ctx: Context, title: string, rows: readonly ComparisonRow<string>[], years: readonly number[]): void {
  barChart(ctx.report, {
    title,
    categories: rows.map((r) => r.label),
    series: years.map((year, i) => ({
      name: String(year),
      color: seriesColor(years.length - 1 - i),
      values: rows.map((r) => r.values[i]?.value ?? null),
      labels: rows.map((r) => share(r.values[i]?.value)),
    })),
    tickFormat: (v) => formatFractionPercent(v, 0),
    barHeight: years.length > 2 ? 6 : 8,
  });
}

function renderComposizione(ctx: Context, comparison: FinanceComparison): void {
  const { report } = ctx;
  const { years } = comparison;
  report.heading(2, '3.1 La composizione dei proventi e degli oneri correnti');
  report.paragraph(
    'Le tabelle riportano, per ciascun esercizio, l’importo di ogni voce e il suo peso sul totale dei proventi correnti e degli oneri correnti. ' +
      'Il confronto tra gli esercizi evidenzia le variazioni nella struttura delle entrate e dei costi dell’Ente.',
  );
  compositionTable(ctx, 'Proventi della gestione corrente', comparison.proventi, 'Totale proventi correnti', comparison.totals.proventiCorrenti, years);
  compositionChart(ctx, 'Composizione dei proventi correnti', comparison.proventi, years);
  compositionTable(ctx, 'Oneri della gestione corrente', comparison.oneri, 'Totale oneri correnti', comparison.totals.oneriCorrenti, years);
  compositionChart(ctx, 'Composizione degli oneri correnti', comparison.oneri, years);
}

function renderIndici(ctx: Context, comparison: FinanceComparison, current: FinanceReport | undefined): void {
  const { report } = ctx;
  const { years } = comparison;
  const benchmark = current?.benchmark ?? comparison.benchmarks[comparison.benchmarks.length - 1];
  report.heading(2, '3.2 Gli indici economico-finanziari');
  report.paragraph(
    'Gli indici sono calcolati sui dati di bilancio secondo le formule riportate nella colonna «Composizione». I rapporti sono espressi in forma decimale ' +
      '(es. 1,62) o percentuale (es. 77%); un indice con denominatore nullo non è calcolabile ed è indicato come n.d.' +
      (benchmark ? ` L’ultima colonna riporta il valore di riferimento «${benchmark.label}».` : ''),
    // The lead-in goes with its table: never alone with the heading at the foot of a page.
    { keepWithNext: true },
  );
  const rows: Row[] = comparison.indices.map((r) => {
    const bench = benchmark?.indices[r.key];
    return {
      cells: [
        { text: r.label, bold: true },
        { text: INDEX_DEFINITIONS.find((d) => d.key === r.key)?.formula ?? '', color: COLORS.muted },
        ...r.values.map((v) => formatIndexValue(r.key, v.value)),
        ...(benchmark ? [bench === undefined ? '—' : formatIndexValue(r.key, bench)] : []),
      ],
    };
  });
  table(report, [
    { header: 'Indice', width: 2.6 },
    { header: 'Composizione', width: 3.6 },
    ...yearColumns(years).map((c) => ({ ...c, width: 1 })),
    ...(benchmark ? [{ header: benchmark.label, width: 1.3, align: 'right' as const }] : []),
  ], rows, { caption: 'Indici economico-finanziari', size: SIZES.table - 0.5 });

  if (!current) return;
  report.heading(2, '3.3 Il confronto con il benchmark');
  const withBenchmark = INDEX_DEFINITIONS.filter((d) => benchmark?.indices[d.key] !== undefined && current.indices[d.key] !== null);
  if (benchmark && withBenchmark.length > 0) {
    report.paragraph(
      `Il grafico confronta gli indici ${current.year} dell’Ente con il valore di riferimento «${benchmark.label}». Ogni indice è rappresentato sulla propria scala ` +
        '(la barra più lunga corrisponde al valore maggiore tra i due), perché gli indici hanno unità di misura diverse.',
    );
    barChart(report, {
      title: `Indici ${current.year} a confronto con ${benchmark.label}`,
      categories: withBenchmark.map((d) => d.label),
      series: [
        { name: `${ctx.plan.ente.code} ${current.year}`, color: COLORS.accent, values: withBenchmark.map((d) => current.indices[d.key]), labels: withBenchmark.map((d) => formatIndexValue(d.key, current.indices[d.key])) },
        { name: benchmark.label, color: BAND_COLORS.yellow, values: withBenchmark.map((d) => benchmark.indices[d.key] ?? null), labels: withBenchmark.map((d) => formatIndexValue(d.key, benchmark.indices[d.key] ?? null)) },
      ],
      scale: 'row',
      barHeight: 9,
    });
    return;
  }
  const previous = [...comparison.years].reverse().find((y) => y < current.year);
  const before = ctx.data.finance.find((r) => r.year === previous);
  if (!before) {
    report.note(`Nessun valore di riferimento (benchmark) né bilancio dell’anno precedente disponibile per il confronto degli indici ${current.year}.`);
    return;
  }
  report.paragraph(`In assenza di un benchmark, il grafico confronta gli indici ${current.year} con quelli ${before.year}, ciascuno sulla propria scala.`);
  const keys = INDEX_DEFINITIONS.filter((d) => current.indices[d.key] !== null || before.indices[d.key] !== null);
  barChart(report, {
    title: `Indici ${current.year} a confronto con il ${before.year}`,
    categories: keys.map((d) => d.label),
    series: [before, current].map((r, i) => ({
      name: String(r.year), color: seriesColor(1 - i), values: keys.map((d) => r.indices[d.key]), labels: keys.map((d) => formatIndexValue(d.key, r.indices[d.key])),
    })),
    scale: 'row',
  });
}

import type { GenderReport, GenderTable } from '@perf/gender';
import { barChart, pieChart } from '../charts.ts';
import type { Context } from '../context.ts';
import { formatEuro, formatFractionPercent, formatNumber } from '../italian.ts';
import { table, totalRow, withTotal, type Column, type Row } from '../table.ts';
import { BAND_COLORS, COLORS, SIZES } from '../theme.ts';

export const CHAPTER_4 = '4. La dimensione di genere: pari opportunità e bilancio di genere';

const WOMEN_COLOR = '#b5446e';
const MEN_COLOR = '#2f6690';
const count = (value: number): string => formatNumber(value, 0);
const share = (value: number | null): string => (value === null ? 'n.d.' : formatFractionPercent(value, 1));
const signed = (value: number): string => (value > 0 ? `+${count(value)}` : count(value));

function missingNote(ctx: Context): void {
  ctx.report.note(`Dati di genere non disponibili per il ${ctx.year}: importarli con pnpm perf gender import <genere-${ctx.year}.yaml>.`, { title: 'Dati di genere mancanti' });
}

/** The staff tables of 1.2: head count per category and year (from the gender data when present). */
export function renderStaffTables(ctx: Context): void {
  const { report } = ctx;
  const gender = ctx.data.gender;
  const totals = gender?.staffTotals;
  if (totals) {
    const pair = totals.total.changes[totals.total.changes.length - 1];
    const rows = withTotal(totals.rows, totals.total, (r) => [r.label, ...r.values.map((v) => count(v.value)), ...(pair ? [signed(r.changes[r.changes.length - 1]?.change ?? 0)] : [])]);
    table(report, [
      { header: 'Per categoria', width: 3 },
      ...totals.years.map((y) => ({ header: String(y), width: 1, align: 'right' as const })),
      ...(pair ? [{ header: `Var. ${pair.from}-${pair.to}`, width: 1.2, align: 'right' as const }] : []),
    ], rows, { caption: totals.title });
  } else if (gender?.staffByCategory) {
    const source = gender.staffByCategory;
    table(report, [{ header: source.rowHeading, width: 3 }, ...source.years.map((y) => ({ header: String(y), width: 1, align: 'right' as const }))],
      withTotal(source.rows, source.total, (r) => [r.label, ...r.cells.map((c) => count(c.total))]), { caption: `${source.title} (donne e uomini)` });
  } else {
    missingNote(ctx);
    return;
  }
  report.paragraph('La composizione del personale per genere e per titolo di studio è illustrata nel capitolo 4, dedicato alla dimensione di genere.', { size: SIZES.small, color: COLORS.muted });
}

function genderTable(ctx: Context, source: GenderTable): void {
  const columns: Column[] = [{ header: source.rowHeading, width: 2.6 }];
  for (const year of source.years) {
    columns.push(
      { header: `${year}\nDonne`, width: 1, align: 'right' },
      { header: `${year}\nUomini`, width: 1, align: 'right' },
      { header: `${year}\n% donne`, width: 1.1, align: 'right' },
    );
  }
  const rows = withTotal(source.rows, source.total, (r) => [r.label, ...r.cells.flatMap((c) => [count(c.women), count(c.men), share(c.womenShare)])]);
  table(ctx.report, columns, rows, { caption: source.title, size: source.years.length > 3 ? SIZES.table - 1 : SIZES.table });
}

function genderChart(ctx: Context, source: GenderTable): void {
  const year = source.years[source.years.length - 1];
  if (year === undefined) return;
  const last = (r: GenderTable['total']) => r.cells[r.cells.length - 1];
  barChart(ctx.report, {
    title: `${source.title}: donne e uomini nel ${year}`,
    categories: source.rows.map((r) => r.label),
    series: [
      { name: 'Donne', color: WOMEN_COLOR, values: source.rows.map((r) => last(r)?.women ?? null), labels: source.rows.map((r) => count(last(r)?.women ?? 0)) },
      { name: 'Uomini', color: MEN_COLOR, values: source.rows.map((r) => last(r)?.men ?? null), labels: source.rows.map((r) => count(last(r)?.men ?? 0)) },
    ],
    tickFormat: (v) => formatNumber(v, 1, 0),
    labelShare: 0.3,
  });
}

/** Chapter 4: the gender tables of §10 with totals and shares, charts and the cross-table warnings. */
export function renderGenere(ctx: Context): void {
  const { report } = ctx;
  report.heading(1, CHAPTER_4);
  report.paragraph(
    `${ctx.enteName} ha voluto dare avvio ad un processo di sensibilizzazione degli amministratori e degli stakeholder interni ed esterni sulla questione di genere ` +
      'e sull’impatto diversificato delle politiche, con l’obiettivo di:',
    { keepWithNext: true },
  );
  report.bullets([
    'ridurre le disuguaglianze di genere attraverso una distribuzione più equa delle risorse;',
    'migliorare efficacia, efficienza e trasparenza dell’azione amministrativa;',
    'promuovere una lettura ed un’analisi del contesto di riferimento e delle diverse esigenze presenti nel tessuto economico-sociale;',
    'sviluppare dati e statistiche gender sensitive;',
    'rafforzare il principio di trasparenza e di partecipazione nella gestione delle risorse collettive e delle politiche pubbliche.',
  ]);
  const gender = ctx.data.gender;
  if (!gender) {
    missingNote(ctx);
    return;
  }
  renderInterno(ctx, gender);
  renderEsterno(ctx, gender);
  renderBilancio(ctx, gender);
  if (gender.warnings.length > 0) {
    report.note(gender.warnings.map((w) => `• ${w}`).join('\n'), { title: 'Controlli incrociati tra le tabelle: avvertenze' });
  }
}

function renderInterno(ctx: Context, gender: GenderReport): void {
  const { report } = ctx;
  report.heading(2, '4.1 Il contesto interno');
  if (!gender.staffByCategory && !gender.staffByEducation) {
    report.paragraph('I dati di genere non comprendono la composizione del personale.');
    return;
  }
  report.paragraph('La composizione del personale è analizzata per genere, categoria e titolo di studio, con il peso della componente femminile in ogni riga.');
  if (gender.staffByCategory) {
    genderTable(ctx, gender.staffByCategory);
    genderChart(ctx, gender.staffByCategory);
  }
  if (gender.staffByEducation) genderTable(ctx, gender.staffByEducation);
}

function renderEsterno(ctx: Context, gender: GenderReport): void {
  const { report } = ctx;
  const enterprises = gender.womenEnterprises;
  const provinces = gender.provinces;
  if (!enterprises && !provinces) return;
  report.heading(2, '4.2 Il contesto esterno: l’imprenditoria femminile');
  if (enterprises) {
    const rows: Row[] = enterprises.sectors.map((s) => ({ cells: [s.section, s.description, count(s.count), share(s.share)] }));
    rows.push(totalRow(['', enterprises.territory, count(enterprises.total), share(enterprises.total > 0 ? 1 : null)]));
    table(report, [
      { header: 'Sez.', width: 0.6 },
      { header: 'Settore economico (ATECO)', width: 6 },
      { header: 'Registrate', width: 1.3, align: 'right' },
      { header: 'Inc. %', width: 1.1, align: 'right' },
    ], rows, { caption: enterprises.title });
    const top = [...enterprises.sectors].sort((a, b) => b.count - a.count).slice(0, 8);
    barChart(report, {
      title: `Imprese femminili, ${enterprises.territory} ${enterprises.year}: i settori principali`,
      categories: top.map((s) => `${s.section} – ${s.description}`),
      series: [{ name: 'Imprese femminili registrate', color: WOMEN_COLOR, values: top.map((s) => s.count), labels: top.map((s) => `${count(s.count)} (${share(s.share)})`) }],
      tickFormat: (v) => count(Math.round(v)),
      labelShare: 0.42,
    });
  }
  if (!enterprises) report.note('Le imprese femminili per settore economico non sono nei dati di genere di quest’anno (sezione imprese_femminili).');
  if (!provinces) {
    report.note('Il confronto con le altre province dell’incidenza delle imprese femminili non è disponibile: i dati di genere di quest’anno non lo riportano (sezione imprese_femminili_per_provincia).');
  } else {
    const rows: Row[] = provinces.rows.map((r) => ({ cells: [r.province, count(r.women), count(r.registered), share(r.share)], ...(r.isEnte ? { bold: true } : {}) }));
    rows.push(totalRow([`Totale ${provinces.region}`, count(provinces.regionTotal.women), count(provinces.regionTotal.registered), share(provinces.regionTotal.share)]));
    table(report, [
      { header: 'Provincia', width: 3 },
      { header: 'Imprese femminili', width: 1.5, align: 'right' },
      { header: 'Imprese registrate', width: 1.5, align: 'right' },
      { header: 'Inc. %', width: 1.2, align: 'right' },
    ], rows, { caption: provinces.title });
    barChart(report, {
      title: `Incidenza % delle imprese femminili per provincia (${provinces.region}, ${provinces.year})`,
      categories: provinces.rows.map((r) => r.province),
      series: [{ name: 'Inc. %', color: COLORS.accent, values: provinces.rows.map((r) => r.share), labels: provinces.rows.map((r) => share(r.share)) }],
      barColor: (c) => (provinces.rows[c]?.isEnte ? WOMEN_COLOR : undefined),
      tickFormat: (v) => formatFractionPercent(v, 0),
      labelShare: 0.3,
    });
  }
}

function renderBilancio(ctx: Context, gender: GenderReport): void {
  const { report } = ctx;
  const budget = gender.genderBudget;
  if (!budget) return;
  report.heading(2, '4.3 Il bilancio di genere');
  report.paragraph(
    'Le voci di spesa sono classificate secondo il loro impatto di genere: dirette (mirate a ridurre le disuguaglianze), sensibili (con un impatto diverso su ' +
      'donne e uomini) e neutre. Le voci senza importo sono elencate ma non concorrono ai totali.',
  );
  table(report, [
    { header: 'Iniziativa / voce', width: 5 },
    { header: 'Classe', width: 1.3 },
    { header: 'Importo', width: 1.6, align: 'right' },
    { header: 'Quota', width: 1.1, align: 'right' },
  ], budget.items.map((i) => ({
    cells: [
      { text: i.item, ...(i.partner ? { sub: `Partner: ${i.partner}` } : {}) },
      i.class,
      i.amount === null ? 'n.d.' : formatEuro(i.amount),
      share(i.share),
    ],
  })), { caption: budget.title });
  const rows: Row[] = budget.classes.map((c) => ({ cells: [c.label, count(c.items), formatEuro(c.amount), share(c.share)] }));
  rows.push(totalRow(['Totale', count(budget.items.length), formatEuro(budget.total), share(budget.total > 0 ? 1 : null)]));
  table(report, [
    { header: 'Classe', width: 5 },
    { header: 'Voci', width: 0.9, align: 'right' },
    { header: 'Importo', width: 1.7, align: 'right' },
    { header: 'Quota', width: 1.1, align: 'right' },
  ], rows, { caption: 'Ripartizione del bilancio di genere per classe' });
  const colors = { diretto: WOMEN_COLOR, sensibile: BAND_COLORS.yellow, neutro: COLORS.unscored } as const;
  pieChart(report, {
    title: `Ripartizione del bilancio di genere ${budget.year} per classe`,
    slices: budget.classes.map((c) => ({ label: c.label, value: c.amount, color: colors[c.class], valueLabel: `${formatEuro(c.amount)} (${share(c.share)})` })),
    radius: 52,
  });
}

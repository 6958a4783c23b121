import { formatEuro, formatFractionPercent, formatNumber } from '@perf/model';
import type { GenderReport, GenderRow, GenderTable, StaffTotalsTable } from './compute.ts';
import { formatSigned, formatTextTable, type Align } from '@perf/model';

const NOT_AVAILABLE = 'n.d.';
const SHARE_DECIMALS = 1;
const count = (value: number) => formatNumber(value, 0);
const share = (value: number | null) => (value === null ? NOT_AVAILABLE : formatFractionPercent(value, SHARE_DECIMALS));
const points = (value: number | null) => (value === null ? NOT_AVAILABLE : `${formatSigned(value * 100, SHARE_DECIMALS)} p.p.`);
const rightColumns = (columns: number): Align[] => ['left', ...Array.from({ length: columns }, (): Align => 'right')];

function genderTableText(table: GenderTable): string {
  const rows = [...table.rows, table.total];
  const head = [
    ['', ...table.years.flatMap((y) => [String(y), '', '', ''])],
    [table.rowHeading, ...table.years.flatMap(() => ['Donne', 'Uomini', 'Totale', '% donne'])],
  ];
  const body = rows.map((r) => [r.label, ...r.cells.flatMap((c) => [count(c.women), count(c.men), count(c.total), share(c.womenShare)])]);
  const parts = [table.title, formatTextTable(head, body, rightColumns(table.years.length * 4))];
  if (table.years.length > 1) parts.push('', "Variazioni rispetto all'anno precedente", changesText(table.rowHeading, rows));
  return parts.join('\n');
}

function changesText(rowHeading: string, rows: readonly GenderRow[]): string {
  const pairs = rows[0]?.changes ?? [];
  const head = [
    ['', ...pairs.flatMap((p) => [`${p.from}-${p.to}`, '', '', ''])],
    [rowHeading, ...pairs.flatMap(() => ['Donne', 'Uomini', 'Totale', '% donne'])],
  ];
  const body = rows.map((r) => [r.label, ...r.changes.flatMap((c) => [formatSigned(c.women, 0), formatSigned(c.men, 0), formatSigned(c.total, 0), points(c.womenShare)])]);
  return formatTextTable(head, body, rightColumns(pairs.length * 4));
}

function staffTotalsText(table: StaffTotalsTable): string {
  const pairs = table.total.changes;
  const head = [['Categoria', ...table.years.map(String), ...pairs.map((p) => `Var. ${p.from}-${p.to}`)]];
  const body = [...table.rows, table.total].map((r) => [r.label, ...r.values.map((v) => count(v.value)), ...r.changes.map((c) => formatSigned(c.change, 0))]);
  return `${table.title}\n${formatTextTable(head, body, rightColumns(table.years.length + pairs.length))}`;
}

/** Italian plain-text tables of §10 (the CLI prints them), then the warnings. */
export function formatGenderText(report: GenderReport): string {
  const sections: string[] = [`Dimensione di genere${report.ente ? ` — ${report.ente.name}` : ''} — anno ${report.year}`];
  if (report.staffByCategory) sections.push(genderTableText(report.staffByCategory));
  if (report.staffTotals) sections.push(staffTotalsText(report.staffTotals));
  if (report.staffByEducation) sections.push(genderTableText(report.staffByEducation));

  const enterprises = report.womenEnterprises;
  if (enterprises) {
    const body = enterprises.sectors.map((s) => [s.section, s.description, count(s.count), share(s.share)]);
    body.push(['', `Totale ${enterprises.territory}`, count(enterprises.total), share(enterprises.total === 0 ? null : 1)]);
    sections.push(`${enterprises.title}\n${formatTextTable([['Sezione', 'Settore', 'Registrate', 'Inc. %']], body, ['left', 'left', 'right', 'right'])}`);
  }

  const provinces = report.provinces;
  if (provinces) {
    const body = provinces.rows.map((r) => [`${r.province}${r.isEnte ? ' *' : ''}`, count(r.women), count(r.registered), share(r.share)]);
    body.push([`Totale ${provinces.region}`, count(provinces.regionTotal.women), count(provinces.regionTotal.registered), share(provinces.regionTotal.share)]);
    const table = formatTextTable([['Provincia', 'Imprese femminili', 'Imprese registrate', 'Inc. %']], body, rightColumns(3));
    const note = provinces.rows.some((r) => r.isEnte) ? '\n* provincia dell\'ente' : '';
    sections.push(`${provinces.title}\n${table}${note}`);
  }

  const budget = report.genderBudget;
  if (budget) {
    const items = budget.items.map((i) => [i.item, i.class, i.amount === null ? NOT_AVAILABLE : formatEuro(i.amount), share(i.share)]);
    const classes = budget.classes.map((c) => [c.label, count(c.items), formatEuro(c.amount), share(c.share)]);
    classes.push(['Totale', count(budget.items.length), formatEuro(budget.total), share(budget.total === 0 ? null : 1)]);
    sections.push([
      budget.title,
      formatTextTable([['Voce', 'Classe', 'Importo', 'Quota']], items, ['left', 'left', 'right', 'right']),
      '',
      'Ripartizione per classe',
      formatTextTable([['Classe', 'Voci', 'Importo', 'Quota']], classes, rightColumns(3)),
    ].join('\n'));
  }

  sections.push(report.warnings.length === 0 ? 'Avvertenze: nessuna.' : `Avvertenze:\n${report.warnings.map((w) => `- ${w}`).join('\n')}`);
  return `${sections.join('\n\n')}\n`;
}

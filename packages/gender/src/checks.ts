import { formatNumber } from '@perf/model';
import type { GenderCell, GenderReport, GenderTable, StaffTotalsTable } from './compute.ts';
import { normalizeLabel } from './labels.ts';
import type { Genere } from './schema.ts';

const n = (value: number) => formatNumber(value, 0);
const people = (value: number) => `${n(value)} ${value === 1 ? 'persona' : 'persone'}`;
const split = (c: GenderCell) => `${n(c.women)} donne + ${n(c.men)} uomini`;
const quoted = (title: string) => `«${title}»`;

/** The printed total row of a gender table against the sum of its rows. */
function printedGenderTotals(table: GenderTable, printed: Record<string, { donne: number; uomini: number }> | undefined): string[] {
  const warnings: string[] = [];
  for (const [year, p] of Object.entries(printed ?? {})) {
    const computed = table.total.cells.find((c) => c.year === Number(year));
    if (!computed || (computed.women === p.donne && computed.men === p.uomini)) continue;
    warnings.push(
      `${year}, tabella ${quoted(table.title)}: il totale riportato è ${n(p.donne + p.uomini)} (${n(p.donne)} donne + ${n(p.uomini)} uomini), la somma delle righe è ${n(computed.total)} (${split(computed)}).`,
    );
  }
  return warnings;
}

function printedCountTotals(table: StaffTotalsTable, printed: Record<string, number> | undefined): string[] {
  const warnings: string[] = [];
  for (const [year, p] of Object.entries(printed ?? {})) {
    const computed = table.total.values.find((v) => v.year === Number(year));
    if (computed && computed.value !== p) {
      warnings.push(`${year}, tabella ${quoted(table.title)}: il totale riportato è ${n(p)}, la somma delle righe è ${n(computed.value)}.`);
    }
  }
  return warnings;
}

/** Category by category and in total, the staff table (totals only) against the gender table. */
function categoryTotalsAgainstGender(totals: StaffTotalsTable, gender: GenderTable): string[] {
  const warnings: string[] = [];
  const years = totals.years.filter((y) => gender.years.includes(y));
  for (const year of years) {
    const seen = new Set<string>();
    for (const row of totals.rows) {
      const value = row.values.find((v) => v.year === year)?.value ?? 0;
      const match = gender.rows.find((r) => normalizeLabel(r.label) === normalizeLabel(row.label));
      seen.add(normalizeLabel(row.label));
      const cell = match?.cells.find((c) => c.year === year);
      if (!cell) {
        if (value > 0) warnings.push(`${year}, categoria ${row.label}: ${people(value)} nella tabella ${quoted(totals.title)}, categoria assente nella tabella ${quoted(gender.title)}.`);
        continue;
      }
      if (cell.total !== value) {
        warnings.push(`${year}, categoria ${row.label}: ${people(value)} nella tabella ${quoted(totals.title)}, ${n(cell.total)} (${split(cell)}) nella tabella ${quoted(gender.title)}.`);
      }
    }
    for (const row of gender.rows) {
      const cell = row.cells.find((c) => c.year === year);
      if (!seen.has(normalizeLabel(row.label)) && cell && cell.total > 0) {
        warnings.push(`${year}, categoria ${row.label}: ${n(cell.total)} (${split(cell)}) nella tabella ${quoted(gender.title)}, categoria assente nella tabella ${quoted(totals.title)}.`);
      }
    }
    const total = totals.total.values.find((v) => v.year === year)?.value ?? 0;
    const genderTotal = gender.total.cells.find((c) => c.year === year);
    if (genderTotal && genderTotal.total !== total) {
      warnings.push(`${year}, totale del personale: ${people(total)} nella tabella ${quoted(totals.title)}, ${n(genderTotal.total)} (${split(genderTotal)}) nella tabella ${quoted(gender.title)}.`);
    }
  }
  return warnings;
}

/** Two gender tables of the same staff at the same date must have the same women and men. */
function genderTotalsAgainstEachOther(a: GenderTable, b: GenderTable): string[] {
  const warnings: string[] = [];
  for (const year of a.years.filter((y) => b.years.includes(y))) {
    const ca = a.total.cells.find((c) => c.year === year);
    const cb = b.total.cells.find((c) => c.year === year);
    if (!ca || !cb || (ca.women === cb.women && ca.men === cb.men)) continue;
    warnings.push(`${year}, personale per genere: ${n(ca.total)} (${split(ca)}) nella tabella ${quoted(a.title)}, ${n(cb.total)} (${split(cb)}) nella tabella ${quoted(b.title)}.`);
  }
  return warnings;
}

function countTotalsAgainstGender(totals: StaffTotalsTable, gender: GenderTable): string[] {
  const warnings: string[] = [];
  for (const year of totals.years.filter((y) => gender.years.includes(y))) {
    const total = totals.total.values.find((v) => v.year === year)?.value ?? 0;
    const cell = gender.total.cells.find((c) => c.year === year);
    if (cell && cell.total !== total) {
      warnings.push(`${year}, totale del personale: ${people(total)} nella tabella ${quoted(totals.title)}, ${n(cell.total)} (${split(cell)}) nella tabella ${quoted(gender.title)}.`);
    }
  }
  return warnings;
}

/** Every check between totals that must agree, within a table and across tables (§10). */
export function crossTableWarnings(data: Genere, report: GenderReport): string[] {
  const warnings: string[] = [];
  const { staffByCategory, staffTotals, staffByEducation, womenEnterprises, provinces, genderBudget } = report;

  if (staffByCategory) warnings.push(...printedGenderTotals(staffByCategory, data.personale_per_categoria?.totale));
  if (staffTotals) warnings.push(...printedCountTotals(staffTotals, data.personale_totale_per_categoria?.totale));
  if (staffByEducation) warnings.push(...printedGenderTotals(staffByEducation, data.personale_per_titolo_di_studio?.totale));

  if (staffTotals && staffByCategory) warnings.push(...categoryTotalsAgainstGender(staffTotals, staffByCategory));
  if (staffByCategory && staffByEducation) warnings.push(...genderTotalsAgainstEachOther(staffByCategory, staffByEducation));
  // With the category gender table missing, the totals table is the only other count of the staff.
  if (staffTotals && staffByEducation && !staffByCategory) warnings.push(...countTotalsAgainstGender(staffTotals, staffByEducation));

  const printedEnterprises = data.imprese_femminili?.totale;
  if (womenEnterprises && printedEnterprises !== undefined && printedEnterprises !== womenEnterprises.total) {
    warnings.push(`Tabella ${quoted(womenEnterprises.title)}: il totale riportato è ${n(printedEnterprises)}, la somma dei settori è ${n(womenEnterprises.total)}.`);
  }

  if (provinces) {
    for (const row of provinces.rows) {
      if (row.registered === 0) warnings.push(`Tabella ${quoted(provinces.title)}: la provincia ${row.province} ha zero imprese registrate; incidenza non calcolabile.`);
    }
    const own = provinces.rows.find((r) => r.isEnte);
    if (own && womenEnterprises && provinces.year === womenEnterprises.year && own.women !== womenEnterprises.total) {
      warnings.push(`${provinces.year}, ${own.province}: ${n(own.women)} imprese femminili nella tabella ${quoted(provinces.title)}, ${n(womenEnterprises.total)} nella tabella ${quoted(womenEnterprises.title)}.`);
    }
    if (womenEnterprises && !own) warnings.push(`Tabella ${quoted(provinces.title)}: manca la provincia dell'ente (${womenEnterprises.territory}).`);
  }

  if (genderBudget) {
    for (const item of genderBudget.items) {
      if (item.amount === null) warnings.push(`Tabella ${quoted(genderBudget.title)}: la voce "${item.item}" non ha importo; è elencata ma esclusa dai totali e dalle quote.`);
    }
    if (genderBudget.total === 0) warnings.push(`Tabella ${quoted(genderBudget.title)}: nessun importo; le quote per classe non sono calcolabili.`);
  }
  return warnings;
}

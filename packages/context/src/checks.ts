import { formatEuro, formatNumber } from '@perf/model';
import { FUND_COLUMNS, type Contesto, type FundColumn, type FundGroup, type StaffTable } from './schema.ts';

const n = (value: number) => formatNumber(value, 0);
const quoted = (title: string) => `«${title}»`;

/** The staff tables of the document, with the title each carries when it has none of its own. */
export const STAFF_TABLES = [
  { key: 'personale_per_eta', title: "Personale a tempo indeterminato per classi d'età", heading: "Per classi d'età" },
  { key: 'personale_per_anzianita', title: 'Personale a tempo indeterminato per anzianità di servizio', heading: 'Per anzianità di servizio' },
  { key: 'personale_per_contratto', title: 'Personale per tipologia contrattuale', heading: 'Tipologia contrattuale' },
] as const;

export const staffTitle = (key: (typeof STAFF_TABLES)[number]['key'], table: StaffTable): string =>
  table.intestazione ?? STAFF_TABLES.find((t) => t.key === key)?.title ?? key;

/** The years of a staff table, oldest first. */
export function staffYears(table: StaffTable): number[] {
  return Object.keys(table.righe[0]?.anni ?? {}).map(Number).sort((a, b) => a - b);
}

/** The sum of the rows, year by year. */
export function staffTotals(table: StaffTable): Map<number, number> {
  return new Map(staffYears(table).map((y) => [y, table.righe.reduce((sum, r) => sum + (r.anni[String(y)] ?? 0), 0)]));
}

/** An amount printed in Italian form («€ 195.500,00», «24092,72») as a number; null when it is not one (a misprint). */
export function readPrintedAmount(printed: number | string): number | null {
  if (typeof printed === 'number') return printed;
  const text = printed.replace(/^€\s*/, '').replace(/\s+/g, '');
  if (!/^(\d{1,3}(\.\d{3})*|\d+)(,\d{1,2})?$/.test(text)) return null;
  return Number(text.replace(/\./g, '').replace(',', '.'));
}

export interface FundTotal {
  readonly column: FundColumn;
  /** The sum of the projects' amounts; null when no project has one. */
  readonly computed: number | null;
  /** What the source prints, when it prints a total. */
  readonly printed?: number | string | undefined;
  /** Printed and computed disagree, or the printed one is not an amount. */
  readonly wrong: boolean;
}

const cents = (value: number) => Math.round(value * 100);

/** The total of each column of a Fondo perequativo group: computed from the projects, checked against the printed one. */
export function fundTotals(group: FundGroup): FundTotal[] {
  return FUND_COLUMNS.map((column) => {
    const values = group.progetti.map((p) => p[column]).filter((v): v is number => v !== undefined);
    const computed = values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
    const printed = group.totale?.[column];
    const read = printed === undefined ? undefined : readPrintedAmount(printed);
    const wrong = read !== undefined && (read === null || computed === null || cents(read) !== cents(computed));
    return { column, computed, printed, wrong };
  });
}

const COLUMN_NAMES: Record<FundColumn, string> = {
  costi_riconosciuti: 'costi riconosciuti',
  costi_rendicontati: 'costi rendicontati',
  finanziamento_accordato: 'finanziamento accordato',
};

/** True when a printed percentage equals the computed one rounded to the printed number of decimals. */
export function matchesPrinted(printed: number, computed: number): boolean {
  const decimals = (String(printed).split('.')[1] ?? '').length;
  return Math.abs(Number(computed.toFixed(decimals)) - printed) < 1e-9;
}

/** Whether the document holds any figure the example placed by inference (`ricostruito: true`). */
export function hasReconstructed(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasReconstructed);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, v]) => (key === 'ricostruito' && v === true) || hasReconstructed(v));
}

/**
 * Checks between totals that must agree, as warnings (the seed's own inconsistencies are kept, and
 * said): printed totals against the rows, the staff tables against each other and against the count
 * per category (from the gender data), printed shares against their amounts.
 */
export function contextWarnings(data: Contesto, staffByCategory?: { title: string; totals: ReadonlyMap<number, number> }): string[] {
  const warnings: string[] = [];
  const present = STAFF_TABLES.flatMap(({ key }) => (data[key] ? [{ key, table: data[key], title: staffTitle(key, data[key]), totals: staffTotals(data[key]) }] : []));
  for (const { table, title, totals } of present) {
    for (const [year, printed] of Object.entries(table.totale ?? {})) {
      const computed = totals.get(Number(year));
      if (computed !== undefined && computed !== printed) warnings.push(`${year}, tabella ${quoted(title)}: il totale riportato è ${n(printed)}, la somma delle righe è ${n(computed)}.`);
    }
  }
  const first = present[0];
  for (const other of present.slice(1)) {
    for (const [year, total] of other.totals) {
      const reference = first?.totals.get(year);
      if (first && reference !== undefined && reference !== total) warnings.push(`${year}, totale del personale: ${n(reference)} nella tabella ${quoted(first.title)}, ${n(total)} nella tabella ${quoted(other.title)}.`);
    }
  }
  if (first && staffByCategory) {
    for (const [year, total] of first.totals) {
      const byCategory = staffByCategory.totals.get(year);
      if (byCategory !== undefined && byCategory !== total) {
        warnings.push(`${year}, totale del personale: ${n(total)} nella tabella ${quoted(first.title)}, ${n(byCategory)} nella tabella ${quoted(staffByCategory.title)}.`);
      }
    }
  }
  for (const group of data.fondo_perequativo?.gruppi ?? []) {
    for (const total of fundTotals(group).filter((t) => t.wrong)) {
      const printed = typeof total.printed === 'number' ? formatEuro(total.printed) : `«${String(total.printed)}»`;
      warnings.push(`Fondo perequativo, ${quoted(group.titolo)}: il totale dei ${COLUMN_NAMES[total.column]} stampato è ${printed}, la somma dei progetti è ${total.computed === null ? 'nulla (nessun importo)' : formatEuro(total.computed)}.`);
    }
  }
  for (const row of data.contesto_esterno?.internazionalizzazione?.righe ?? []) {
    if (row.incidenza_stampata === undefined || row.totale === 0) continue;
    const computed = (row.risorse / row.totale) * 100;
    if (!matchesPrinted(row.incidenza_stampata, computed)) {
      warnings.push(`${row.anno}, internazionalizzazione: incidenza stampata ${formatNumber(row.incidenza_stampata, 2, 0)}%, calcolata ${formatNumber(computed, 2)}%.`);
    }
  }
  const pv = data.fotovoltaico;
  if (pv?.copertura_stampata !== undefined && pv.energia_consumata > 0 && !matchesPrinted(pv.copertura_stampata, (pv.energia_prodotta_venduta / pv.energia_consumata) * 100)) {
    warnings.push(`Fotovoltaico: copertura stampata ${formatNumber(pv.copertura_stampata, 2, 0)}%, calcolata ${formatNumber((pv.energia_prodotta_venduta / pv.energia_consumata) * 100, 2)}%.`);
  }
  return warnings;
}

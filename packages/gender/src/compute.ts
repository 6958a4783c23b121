import { BUDGET_CLASSES, type BudgetClass, type Genere } from './schema.ts';
import { crossTableWarnings } from './checks.ts';
import { provinceKey } from './labels.ts';

export interface GenderCell {
  year: number;
  women: number;
  men: number;
  total: number;
  /** women / total as a fraction; null when the row is empty that year. */
  womenShare: number | null;
}

/** Differences `to − from`; womenShare in fraction points (0.02 = +2 p.p.). */
export interface GenderChange {
  from: number;
  to: number;
  women: number;
  men: number;
  total: number;
  womenShare: number | null;
}

export interface GenderRow {
  label: string;
  cells: GenderCell[];
  changes: GenderChange[];
}

export interface GenderTable {
  title: string;
  /** Heading of the label column (Categoria, Titolo di studio). */
  rowHeading: string;
  years: number[];
  rows: GenderRow[];
  total: GenderRow;
}

export interface YearCount {
  year: number;
  value: number;
}

export interface CountChange {
  from: number;
  to: number;
  change: number;
}

export interface CountRow {
  label: string;
  values: YearCount[];
  changes: CountChange[];
}

export interface StaffTotalsTable {
  title: string;
  years: number[];
  rows: CountRow[];
  total: CountRow;
}

export interface WomenEnterprises {
  year: number;
  territory: string;
  title: string;
  sectors: { section: string; description: string; count: number; share: number | null }[];
  total: number;
}

export interface ProvinceRow {
  province: string;
  women: number;
  registered: number;
  share: number | null;
  /** The ente's own province (the territory of the ATECO table). */
  isEnte: boolean;
}

export interface ProvinceComparison {
  year: number;
  region: string;
  title: string;
  rows: ProvinceRow[];
  regionTotal: { women: number; registered: number; share: number | null };
}

export interface GenderBudgetItem {
  item: string;
  class: BudgetClass;
  amount: number | null;
  /** Share of the total of the items with an amount. */
  share: number | null;
  partner?: string;
  note?: string;
}

export interface GenderBudget {
  year: number;
  title: string;
  items: GenderBudgetItem[];
  classes: { class: BudgetClass; label: string; items: number; amount: number; share: number | null }[];
  total: number;
}

export interface GenderReport {
  year: number;
  ente?: { code: string; name: string };
  staffByCategory?: GenderTable;
  staffTotals?: StaffTotalsTable;
  staffByEducation?: GenderTable;
  womenEnterprises?: WomenEnterprises;
  provinces?: ProvinceComparison;
  genderBudget?: GenderBudget;
  warnings: string[];
}

export const TABLE_TITLES = {
  staffByCategory: 'Personale per categoria e genere',
  staffTotals: 'Personale per categoria',
  staffByEducation: 'Personale per titolo di studio e genere',
  womenEnterprises: 'Imprese femminili per settore economico',
  provinces: 'Incidenza delle imprese femminili per provincia',
  genderBudget: 'Bilancio di genere',
} as const;

export const BUDGET_CLASS_LABELS: Readonly<Record<BudgetClass, string>> = {
  diretto: 'Diretto (mirato a ridurre le disuguaglianze di genere)',
  sensibile: 'Sensibile (impatto diverso su donne e uomini)',
  neutro: 'Neutro (nessun impatto diretto sulle persone)',
};

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

const yearsOf = (byYear: Record<string, unknown>): number[] => Object.keys(byYear).map(Number).sort((a, b) => a - b);

function genderRow(label: string, years: readonly number[], at: (year: number) => { donne: number; uomini: number }): GenderRow {
  const cells = years.map((year) => {
    const { donne, uomini } = at(year);
    return { year, women: donne, men: uomini, total: donne + uomini, womenShare: ratio(donne, donne + uomini) };
  });
  const changes: GenderChange[] = [];
  for (let i = 1; i < cells.length; i++) {
    const a = cells[i - 1];
    const b = cells[i];
    if (!a || !b) continue;
    changes.push({
      from: a.year,
      to: b.year,
      women: b.women - a.women,
      men: b.men - a.men,
      total: b.total - a.total,
      womenShare: a.womenShare === null || b.womenShare === null ? null : b.womenShare - a.womenShare,
    });
  }
  return { label, cells, changes };
}

function countRow(label: string, years: readonly number[], at: (year: number) => number): CountRow {
  const values = years.map((year) => ({ year, value: at(year) }));
  const changes: CountChange[] = [];
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1];
    const b = values[i];
    if (a && b) changes.push({ from: a.year, to: b.year, change: b.value - a.value });
  }
  return { label, values, changes };
}

type GenderTableInput = {
  intestazione?: string | undefined;
  righe: { anni: Record<string, { donne: number; uomini: number }> }[];
};

function genderTable(input: GenderTableInput, labels: readonly string[], title: string, rowHeading: string): GenderTable {
  const years = yearsOf(input.righe[0]?.anni ?? {});
  const zero = { donne: 0, uomini: 0 };
  const rows = input.righe.map((r, i) => genderRow(labels[i] ?? '', years, (y) => r.anni[String(y)] ?? zero));
  const total = genderRow('Totale', years, (y) => ({
    donne: sum(input.righe.map((r) => r.anni[String(y)]?.donne ?? 0)),
    uomini: sum(input.righe.map((r) => r.anni[String(y)]?.uomini ?? 0)),
  }));
  return { title: input.intestazione ?? title, rowHeading, years, rows, total };
}

/** Computes the tables of §10 with totals, women's shares and year-on-year changes, plus the cross-table warnings. */
export function computeGender(data: Genere): GenderReport {
  const report: GenderReport = { year: data.year, warnings: [] };
  if (data.ente) report.ente = data.ente;
  const byCategory = data.personale_per_categoria;
  if (byCategory) report.staffByCategory = genderTable(byCategory, byCategory.righe.map((r) => r.categoria), TABLE_TITLES.staffByCategory, 'Categoria');
  if (data.personale_totale_per_categoria) report.staffTotals = staffTotalsOf(data.personale_totale_per_categoria);
  const byEducation = data.personale_per_titolo_di_studio;
  if (byEducation) report.staffByEducation = genderTable(byEducation, byEducation.righe.map((r) => r.titolo_di_studio), TABLE_TITLES.staffByEducation, 'Titolo di studio');
  if (data.imprese_femminili) report.womenEnterprises = womenEnterprisesOf(data.imprese_femminili);
  if (data.imprese_femminili_per_provincia) report.provinces = provincesOf(data.imprese_femminili_per_provincia, data.imprese_femminili?.territorio);
  if (data.bilancio_di_genere) report.genderBudget = genderBudgetOf(data.bilancio_di_genere);
  report.warnings = crossTableWarnings(data, report);
  return report;
}

function staffTotalsOf(totals: NonNullable<Genere['personale_totale_per_categoria']>): NonNullable<GenderReport['staffTotals']> {
  const years = yearsOf(totals.righe[0]?.anni ?? {});
  return {
    title: totals.intestazione ?? TABLE_TITLES.staffTotals,
    years,
    rows: totals.righe.map((r) => countRow(r.categoria, years, (y) => r.anni[String(y)] ?? 0)),
    total: countRow('Totale', years, (y) => sum(totals.righe.map((r) => r.anni[String(y)] ?? 0))),
  };
}

function womenEnterprisesOf(enterprises: NonNullable<Genere['imprese_femminili']>): NonNullable<GenderReport['womenEnterprises']> {
  const total = sum(enterprises.settori.map((s) => s.registrate));
  return {
    year: enterprises.anno,
    territory: enterprises.territorio,
    title: enterprises.intestazione ?? `${TABLE_TITLES.womenEnterprises}, ${enterprises.territorio}, anno ${enterprises.anno}`,
    sectors: enterprises.settori.map((s) => ({ section: s.sezione, description: s.descrizione, count: s.registrate, share: ratio(s.registrate, total) })),
    total,
  };
}

/** The province comparison; the ente's own province is the territory of its ATECO table, when given. */
function provincesOf(provinces: NonNullable<Genere['imprese_femminili_per_provincia']>, enteTerritory: string | undefined): NonNullable<GenderReport['provinces']> {
  const territory = enteTerritory === undefined ? undefined : provinceKey(enteTerritory);
  const women = sum(provinces.province.map((p) => p.imprese_femminili));
  const registered = sum(provinces.province.map((p) => p.imprese_registrate));
  return {
    year: provinces.anno,
    region: provinces.regione,
    title: provinces.intestazione ?? `${TABLE_TITLES.provinces}, anno ${provinces.anno}`,
    rows: provinces.province.map((p) => ({
      province: p.provincia,
      women: p.imprese_femminili,
      registered: p.imprese_registrate,
      share: ratio(p.imprese_femminili, p.imprese_registrate),
      isEnte: territory !== undefined && provinceKey(p.provincia) === territory,
    })),
    regionTotal: { women, registered, share: ratio(women, registered) },
  };
}

function genderBudgetOf(budget: NonNullable<Genere['bilancio_di_genere']>): NonNullable<GenderReport['genderBudget']> {
  const total = sum(budget.voci.map((v) => v.importo ?? 0));
  return {
    year: budget.anno,
    title: budget.intestazione ?? `${TABLE_TITLES.genderBudget} ${budget.anno}`,
    items: budget.voci.map((v) => {
      const item: GenderBudgetItem = { item: v.voce, class: v.classe, amount: v.importo ?? null, share: v.importo === undefined ? null : ratio(v.importo, total) };
      if (v.partner !== undefined) item.partner = v.partner;
      if (v.nota !== undefined) item.note = v.nota;
      return item;
    }),
    classes: BUDGET_CLASSES.map((c) => {
      const items = budget.voci.filter((v) => v.classe === c);
      const amount = sum(items.map((v) => v.importo ?? 0));
      return { class: c, label: BUDGET_CLASS_LABELS[c], items: items.length, amount, share: ratio(amount, total) };
    }),
    total,
  };
}

/** The head count per category, year by year, with its table's title: what other staff tables (the context's) are checked against. */
export function staffTotalsByYear(report: GenderReport | undefined): { title: string; totals: Map<number, number> } | undefined {
  const totals = report?.staffTotals;
  return totals === undefined ? undefined : { title: totals.title, totals: new Map(totals.total.values.map((v) => [v.year, v.value])) };
}

import { computeFinance, validateBilancio, type FinanceReport } from '@perf/finance-indices';
import { contextWarnings, validateContesto, type Contesto } from '@perf/context';
import { computeGender, staffTotalsByYear, validateGenere, type GenderReport } from '@perf/gender';
import type { Store } from '@perf/store';

/** Kinds of yearly documents kept beside the plan. */
export const BILANCIO = 'bilancio';
export const GENERE = 'genere';
export const CONTESTO = 'contesto';

/** The stored bilanci of the year and the one before, oldest first, computed with today's formulas. */
export async function loadFinanceReports(store: Store, ente: string, year: number): Promise<FinanceReport[]> {
  const reports: FinanceReport[] = [];
  for (const y of [year - 1, year]) {
    const document = await store.getDocument(BILANCIO, ente, y);
    if (document !== undefined) reports.push(computeFinance(validateBilancio(document, `bilancio ${ente} ${y}`)));
  }
  return reports;
}

export async function loadGenderReport(store: Store, ente: string, year: number): Promise<GenderReport | undefined> {
  const document = await store.getDocument(GENERE, ente, year);
  return document === undefined ? undefined : computeGender(validateGenere(document, `genere ${ente} ${year}`));
}

/** The stored context document of the year with its cross-check warnings (against the gender data's staff count). */
export async function loadContesto(store: Store, ente: string, year: number, gender: GenderReport | undefined): Promise<{ data: Contesto; warnings: string[] } | undefined> {
  const document = await store.getDocument(CONTESTO, ente, year);
  if (document === undefined) return undefined;
  const data = validateContesto(document, `contesto ${ente} ${year}`);
  return { data, warnings: contextWarnings(data, staffTotalsByYear(gender)) };
}

import { computeFinance, validateBilancio, type FinanceReport } from '@perf/finance-indices';
import { computeGender, validateGenere, type GenderReport } from '@perf/gender';
import type { Store } from '@perf/store';

/** Kinds of yearly documents kept beside the plan. */
export const BILANCIO = 'bilancio';
export const GENERE = 'genere';

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

import type { Plan } from '@perf/model';
import { computeStatus } from '@perf/scoring';
import type { Store } from '@perf/store';
import { loadFinanceReports, loadGenderReport } from '../documents.ts';

/** Gathers everything the Relazione shows from the database alone, then renders it. */
export async function renderRelazioneFromStore(store: Store, plan: Plan, now: Date, onProgress?: (step: string) => void): Promise<{ pdf: Uint8Array; pages: number }> {
  const { renderRelazione } = await import('@perf/pdf-renderer');
  onProgress?.('Lettura dei dati dal database');
  const [latest, history, finance, gender] = await Promise.all([
    store.latestValues(plan.ente.code, plan.year),
    store.history(plan.ente.code, plan.year),
    loadFinanceReports(store, plan.ente.code, plan.year),
    loadGenderReport(store, plan.ente.code, plan.year),
  ]);
  return renderRelazione({
    plan,
    status: computeStatus(plan, latest),
    history: history.map((r) => ({
      indicator: r.indicator, period: r.period, value: r.value, rawValue: r.rawValue, note: r.note,
      reportedBy: r.reportedBy, reportedAt: r.reportedAt, channel: r.channel, superseded: r.superseded,
    })),
    finance,
    gender,
    generatedAt: now,
  }, onProgress === undefined ? {} : { onProgress });
}

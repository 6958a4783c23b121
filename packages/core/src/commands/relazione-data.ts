import type { Plan } from '@perf/model';
import type { RelazioneData } from '@perf/pdf-renderer';
import { computeStatus } from '@perf/scoring';
import type { Store } from '@perf/store';
import { loadContesto, loadFinanceReports, loadGenderReport } from '../documents.ts';
import { loadYearStatus, yearView } from '../locks.ts';

/**
 * Gathers everything the Relazione shows from the database alone. A closed year's data is frozen at
 * its close: `yearView` gives the close instant, and the store keeps only the rilevazioni reported up to
 * it plus the late values accepted with a reason (listed with their motivo in the allegati). The previous
 * year's status is included only when that year's plan is in the database.
 */
export async function relazioneSource(store: Store, plan: Plan, now: Date, adoption?: RelazioneData['adoption']): Promise<RelazioneData> {
  const view = await yearView(store, plan.ente.code, plan.year);
  const [latest, history, finance, gender, previousPlan, comments, planRecordedAt, locks] = await Promise.all([
    store.latestValues(plan.ente.code, plan.year, view),
    store.history(plan.ente.code, plan.year, undefined, view),
    loadFinanceReports(store, plan.ente.code, plan.year),
    loadGenderReport(store, plan.ente.code, plan.year),
    store.getPlan(plan.ente.code, plan.year - 1),
    store.relazione.comments(plan.ente.code, plan.year),
    store.planFirstImportedAt(plan.ente.code, plan.year),
    store.periodLocks({ ente: plan.ente.code, year: plan.year }),
  ]);
  const previous = previousPlan === undefined ? undefined : await loadYearStatus(store, previousPlan);
  const contesto = await loadContesto(store, plan.ente.code, plan.year, gender);
  return {
    plan,
    status: computeStatus(plan, latest),
    ...(previous === undefined ? {} : { previous }),
    history: history.map((r) => ({
      indicator: r.indicator, period: r.period, value: r.value, rawValue: r.rawValue, note: r.note,
      reportedBy: r.reportedBy, reportedAt: r.reportedAt, channel: r.channel, superseded: r.superseded,
      overrideReason: r.overrideReason, overrideBy: r.overrideBy, reconstructed: r.reconstructed,
    })),
    finance,
    gender,
    contesto,
    generatedAt: now,
    adoption,
    events: {
      planRecordedAt,
      periodsClosed: locks.map((lock) => ({ period: lock.period, closedAt: lock.closedAt })),
    },
    comments: comments.map((c) => ({ objective: c.objective, causa: c.causa, azione: c.azione, opportunita: c.opportunita })),
  };
}

/** Gathers the Relazione's data from the database, then renders it: a draft (BOZZA), or the version adopted by `adoption`. */
export async function renderRelazioneFromStore(store: Store, plan: Plan, now: Date, onProgress?: (step: string) => void, adoption?: RelazioneData['adoption']): Promise<{ pdf: Uint8Array; pages: number }> {
  const { renderRelazione } = await import('@perf/pdf-renderer');
  onProgress?.('Lettura dei dati dal database');
  return renderRelazione(await relazioneSource(store, plan, now, adoption), onProgress === undefined ? {} : { onProgress });
}

/** Gathers the Relazione's data from the database, then renders «La Relazione in sintesi» from it. */
export async function renderCitizenSummaryFromStore(store: Store, plan: Plan, now: Date, adoption?: RelazioneData['adoption']): Promise<{ pdf: Uint8Array; pages: number }> {
  const { renderCitizenSummary } = await import('@perf/pdf-renderer');
  return renderCitizenSummary(await relazioneSource(store, plan, now, adoption));
}

/** What the Giunta adopts: the Relazione and «La Relazione in sintesi», rendered from one reading of the data. */
export async function renderAdoptedFromStore(store: Store, plan: Plan, now: Date, onProgress: ((step: string) => void) | undefined, adoption: NonNullable<RelazioneData['adoption']>): Promise<{ relazione: { pdf: Uint8Array; pages: number }; sintesi: { pdf: Uint8Array; pages: number } }> {
  const { renderCitizenSummary, renderRelazione } = await import('@perf/pdf-renderer');
  onProgress?.('Lettura dei dati dal database');
  const source = await relazioneSource(store, plan, now, adoption);
  const relazione = await renderRelazione(source, onProgress === undefined ? {} : { onProgress });
  onProgress?.('Impaginazione della sintesi per i cittadini');
  return { relazione, sintesi: await renderCitizenSummary(source) };
}

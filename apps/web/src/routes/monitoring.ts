import type { Context, Hono } from 'hono';
import { assertCanSeeEnte, auditTrail, periodSummary, produceRelazione, statusExport, statusOf, xlsxBuffer, xlsxFileName, type PeriodSummary, type StatusComparison } from '@perf/core';
import { defaultReportPeriod, isPerfError, PerfError } from '@perf/model';
import { auditPage, controlloPage, type AuditFilters } from '../pages/controllo.ts';
import { documentsPage } from '../pages/documents.ts';
import { show, signedRequest, type PageDeps, type Signed, type WebEnvironment } from '../signed.ts';

/** The other year of the comparison: `?confronta=<anno>`, else the year before, when its plan is stored. */
async function comparison(s: Signed, asked: string | undefined): Promise<StatusComparison | string> {
  const year = asked !== undefined && /^\d{4}$/.test(asked) ? Number(asked) : s.plan.year - 1;
  try {
    const reply = await statusOf({ kind: 'ente', compare: year }, s.context);
    return reply.scope === 'ente' && reply.compare !== undefined ? reply.compare : 'Confronto non disponibile.';
  } catch (error) {
    if (isPerfError(error) && error.code === 'YEAR_UNKNOWN') return `Nessun Piano ${year} nel database: il confronto con il ${year} non è disponibile.`;
    throw error;
  }
}

/** Who is missing what for the current period; before the plan's year begins, that nothing is due yet. */
async function currentMissing(s: Signed, deps: PageDeps): Promise<PeriodSummary | string> {
  try {
    return await periodSummary(deps.store, s.plan, defaultReportPeriod(s.plan, deps.clock()));
  } catch (error) {
    if (isPerfError(error) && error.code === 'PERIOD_NOT_STARTED') return `Il Piano ${s.plan.year} non è ancora iniziato: nessun valore è ancora dovuto.`;
    throw error;
  }
}

function auditFilters(query: (name: string) => string | undefined): AuditFilters {
  const text = (name: string) => query(name)?.trim() || undefined;
  const indicator = text('indicatore');
  if (indicator !== undefined && !/^\d+$/.test(indicator)) {
    throw new PerfError('FILTER_INVALID', `"${indicator}" non è il numero di un indicatore.`, { hint: 'Scrivi il numero dell’indicatore, ad esempio 12, oppure lascia vuoto il campo.' });
  }
  return { indicator: indicator === undefined ? undefined : Number(indicator), person: text('persona'), channel: text('canale'), late: query('fuori') === '1' };
}

export function download(c: Context, bytes: Uint8Array, type: string, filename: string): Response {
  return c.body(new Uint8Array(bytes), 200, { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${filename}"` });
}

/** The controllo's monitoring, the OIV's register and the downloads. */
export function registerMonitoring(app: Hono<WebEnvironment>, deps: PageDeps): void {
  app.get('/ente/:year/controllo', async (c) => {
    const s = await signedRequest(c, deps);
    assertCanSeeEnte(s.actor);
    const missing = await currentMissing(s, deps);
    const locks = await deps.store.periodLocks({ ente: s.plan.ente.code, year: s.plan.year });
    return show(c, `Monitoraggio ${s.plan.year}`, controlloPage(s.base, s.plan, missing, locks, await comparison(s, c.req.query('confronta'))), s);
  });
  app.get('/ente/:year/registro', async (c) => {
    const s = await signedRequest(c, deps);
    const filters = auditFilters((name) => c.req.query(name));
    const trail = await auditTrail({ indicator: filters.indicator }, s.context);
    return show(c, `Registro delle rilevazioni ${s.plan.year}`, auditPage(s.base, s.plan, trail, filters), s);
  });
  app.get('/ente/:year/documenti', async (c) => {
    const s = await signedRequest(c, deps);
    return show(c, `Documenti ${s.plan.year}`, documentsPage(s.base, s.actor), s);
  });
  app.get('/ente/:year/relazione.pdf', async (c) => {
    const s = await signedRequest(c, deps);
    const reply = await produceRelazione({ year: s.plan.year }, s.context);
    return download(c, reply.pdf, 'application/pdf', reply.filename);
  });
  app.get('/ente/:year/sintesi.pdf', async (c) => {
    const s = await signedRequest(c, deps);
    const reply = await produceRelazione({ year: s.plan.year, sintesi: true }, s.context);
    return download(c, reply.pdf, 'application/pdf', reply.filename);
  });
  app.get('/ente/:year/stato.xlsx', async (c) => {
    const s = await signedRequest(c, deps);
    const exported = await statusExport(s.context);
    return download(c, await xlsxBuffer(exported.sheets), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xlsxFileName(exported.plan));
  });
}

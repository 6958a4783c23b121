import type { Hono } from 'hono';
import { loadYearStatus, relazioneAdoption } from '@perf/core';
import { PerfError } from '@perf/model';
import { formatDateLong } from '@perf/pdf-renderer/italian';
import { html } from '../html.ts';
import { resultsSection } from '../pages/ente.ts';
import { page } from '../pages/layout.ts';
import type { PageDeps, WebEnvironment } from '../signed.ts';

const notFound = () => new PerfError('NOT_FOUND', 'Nessuna Relazione sulla Performance adottata per questo ente e anno.', { hint: 'La pagina è pubblicata quando l’ente adotta la Relazione dell’anno.' });

/** Amministrazione trasparente: the key results of a year, without sign-in, once its Relazione is adopted (404 before). */
export function registerPublic(app: Hono<WebEnvironment>, deps: PageDeps): void {
  app.get('/trasparenza/:ente/:year', async (c) => {
    const ente = c.req.param('ente');
    const yearText = c.req.param('year');
    if (!/^\d{4}$/.test(yearText)) throw notFound();
    const year = Number(yearText);
    const adoption = await relazioneAdoption(deps.store, ente, year);
    const plan = adoption === undefined ? undefined : await deps.store.getPlan(ente, year);
    if (adoption === undefined || plan === undefined) throw notFound();
    const report = await loadYearStatus(deps.store, plan);
    const body = html`<p>Relazione sulla Performance ${year} adottata il ${formatDateLong(adoption.adoptedAt)} (${adoption.delibera}).</p>${resultsSection(report)}`;
    return c.html(page(`${plan.ente.name}: risultati della performance ${year}`, body).text);
  });
}

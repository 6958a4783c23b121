import type { Hono } from 'hono';
import { adoptedCitizenSummary, adoptedRelazionePdf, loadYearStatus, relazioneAdoption } from '@perf/core';
import { PerfError } from '@perf/model';
import { formatDateLong } from '@perf/pdf-renderer/italian';
import { html } from '../html.ts';
import { resultsSection } from '../pages/ente.ts';
import { page } from '../pages/layout.ts';
import { download } from './monitoring.ts';
import type { PageDeps, WebEnvironment } from '../signed.ts';

const notFound = () => new PerfError('NOT_FOUND', 'Nessuna Relazione sulla Performance adottata per questo ente e anno.', { hint: 'La pagina è pubblicata quando l’ente adotta la Relazione dell’anno.' });

/** Amministrazione trasparente: the key results of a year, without sign-in, once its Relazione is adopted (404 before). */
export function registerPublic(app: Hono<WebEnvironment>, deps: PageDeps): void {
  const yearOf = (text: string): number => {
    if (!/^\d{4}$/.test(text)) throw notFound();
    return Number(text);
  };
  // The adopted documents: the frozen Relazione and the citizen summary, both 404 before the adoption.
  const documents = [
    { file: 'relazione.pdf', name: 'Relazione-Performance', pdfOf: adoptedRelazionePdf },
    { file: 'sintesi.pdf', name: 'Relazione-in-sintesi', pdfOf: adoptedCitizenSummary },
  ] as const;
  for (const { file, name, pdfOf } of documents) {
    app.get(`/trasparenza/:ente/:year/${file}`, async (c) => {
      const ente = c.req.param('ente');
      const year = yearOf(c.req.param('year'));
      const pdf = await pdfOf(deps.store, ente, year);
      if (pdf === undefined) throw notFound();
      return download(c, pdf, 'application/pdf', `${name}-${ente}-${year}.pdf`);
    });
  }
  app.get('/trasparenza/:ente/:year', async (c) => {
    const ente = c.req.param('ente');
    const year = yearOf(c.req.param('year'));
    const adoption = await relazioneAdoption(deps.store, ente, year);
    const plan = adoption === undefined ? undefined : await deps.store.getPlan(ente, year);
    if (adoption === undefined || plan === undefined) throw notFound();
    const report = await loadYearStatus(deps.store, plan);
    const base = `/trasparenza/${encodeURIComponent(plan.ente.code)}/${year}`;
    const body = html`<p>Relazione sulla Performance ${year} adottata dalla Giunta con delibera ${adoption.delibera} (registrata il ${formatDateLong(adoption.adoptedAt)}).</p>
<ul><li><a href="${base}/relazione.pdf">Scarica la Relazione sulla Performance ${year} adottata (PDF)</a>; impronta SHA-256 del documento: <code>${adoption.sha256}</code>.</li>
<li><a href="${base}/sintesi.pdf">Scarica «La Relazione in sintesi» ${year}, per cittadini e imprese (PDF, al massimo 4 pagine)</a>.</li></ul>${resultsSection(report)}`;
    return c.html(page(`${plan.ente.name}: risultati della performance ${year}`, body).text);
  });
}

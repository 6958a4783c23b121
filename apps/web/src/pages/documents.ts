import { assertCanExport, assertCanProduceRelazione, type Actor } from '@perf/core';
import { html, type Html } from '../html.ts';
import { allowed } from './layout.ts';

/** The downloads the core lets the actor have. */
export function documentsPage(base: string, actor: Actor): Html {
  const items: Html[] = [];
  if (allowed(() => assertCanProduceRelazione(actor))) {
    items.push(html`<li><a href="${base}/relazione.pdf">Relazione sulla Performance (PDF)</a></li>`, html`<li><a href="${base}/sintesi.pdf">La Relazione in sintesi, per cittadini e imprese (PDF)</a></li>`);
  }
  if (allowed(() => assertCanExport(actor))) items.push(html`<li><a href="${base}/stato.xlsx">Stato e rilevazioni (foglio di calcolo XLSX)</a></li>`);
  return items.length === 0 ? html`<p>Nessun documento disponibile con il tuo ruolo.</p>` : html`<ul>${items}</ul>`;
}

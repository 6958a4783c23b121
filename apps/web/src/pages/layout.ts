import type { Actor } from '@perf/core';
import { assertCanExport, assertCanProduceRelazione, assertCanReadAudit, assertCanSeeEnte } from '@perf/core';
import { html, raw, type Content, type Html } from '../html.ts';

/** Whether a core permission check lets the actor through: the menu shows only what the core allows. */
export function allowed(check: () => void): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

export interface Viewer {
  readonly actor: Actor;
  readonly enteName: string;
  readonly year: number;
}

function menu(viewer: Viewer): Html {
  const { actor, year } = viewer;
  const base = `/ente/${year}`;
  const items: [string, string][] = [];
  if (allowed(() => assertCanSeeEnte(actor))) items.push([base, 'Cruscotto dell’ente'], [`${base}/controllo`, 'Monitoraggio']);
  items.push([`${base}/miei`, 'I miei indicatori'], [`${base}/aree`, 'Aree']);
  if (allowed(() => assertCanReadAudit(actor))) items.push([`${base}/registro`, 'Registro (OIV)']);
  if (allowed(() => assertCanExport(actor)) || allowed(() => assertCanProduceRelazione(actor))) items.push([`${base}/documenti`, 'Documenti']);
  return html`<nav aria-label="Menu principale"><ul>${items.map(([href, label]) => html`<li><a href="${href}">${label}</a></li>`)}</ul></nav>`;
}

/** A whole page: Italian, a skip link, one h1, the menu when someone is signed in. */
export function page(title: string, body: Content, viewer?: Viewer): Html {
  const who = viewer === undefined ? '' : html`<p class="who">${viewer.actor.name} · ${viewer.enteName} · ${viewer.year}</p><form method="post" action="/esci" class="logout"><button type="submit">Esci</button></form>`;
  return html`<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — perf</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<a class="skip" href="#contenuto">Vai al contenuto</a>
<header><p class="brand">perf · Ciclo della Performance</p>${who}${viewer === undefined ? '' : menu(viewer)}</header>
<main id="contenuto" tabindex="-1">
<h1>${title}</h1>
${body}
</main>
<footer><p>Cruscotto in sola lettura: i valori si registrano in chat o dalla riga di comando.</p></footer>
</body>
</html>`;
}

/** A table with a caption and column headers (scope="col"); the first cell of each row is a row header. */
export function dataTable(caption: string, headers: readonly string[], rows: readonly (readonly Content[])[], options: { numeric?: readonly number[] } = {}): Html {
  const numeric = new Set(options.numeric ?? []);
  const cls = (i: number) => (numeric.has(i) ? ' class="num"' : '');
  return html`<table><caption>${caption}</caption><thead><tr>${headers.map((h, i) => html`<th scope="col"${raw(cls(i))}>${h}</th>`)}</tr></thead><tbody>${rows.map((row) => html`<tr>${row.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td${raw(cls(i))}>${cell}</td>`))}</tr>`)}</tbody></table>`;
}

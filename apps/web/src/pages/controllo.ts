import { formatDateTime, lateValueText, valueText, type AuditTrail, type PeriodSummary, type StatusComparison } from '@perf/core';
import type { Plan } from '@perf/model';
import { periodLabel } from '@perf/pdf-renderer/italian';
import type { PeriodLock } from '@perf/store';
import { gradeBadge } from '../format.ts';
import { html, type Html } from '../html.ts';
import { dataTable } from './layout.ts';

/** Who still has to report what for the current period, the closed periods, the comparison with another year. */
export function controlloPage(base: string, plan: Plan, missing: PeriodSummary | string, locks: readonly PeriodLock[], comparison: StatusComparison | string): Html {
  const names = new Map(plan.people.map((p) => [p.id, p.name]));
  const locksPart = locks.length === 0
    ? html`<p>Nessun periodo del ${plan.year} è chiuso.</p>`
    : dataTable('Periodi chiusi', ['Periodo', 'Chiuso da', 'Quando', 'Canale'], locks.map((l) => [periodLabel(l.period), names.get(l.closedBy) ?? l.closedBy, formatDateTime(l.closedAt), l.channel]));
  const rest = html`<section aria-labelledby="chiusi"><h2 id="chiusi">Periodi chiusi</h2>${locksPart}</section>
<section aria-labelledby="confronto"><h2 id="confronto">Confronto tra anni</h2>${typeof comparison === 'string' ? html`<p>${comparison}</p>` : comparisonTable(plan.year, comparison)}</section>`;
  // A year not started yet has no current period: nothing is due.
  if (typeof missing === 'string') return html`<section aria-labelledby="mancanti"><h2 id="mancanti">Valori mancanti</h2><p>${missing}</p></section>
${rest}`;
  const byOwner = new Map<string, { id: number; name: string }[]>();
  for (const item of missing.missing) byOwner.set(item.owner, [...(byOwner.get(item.owner) ?? []), item]);
  const missingPart = missing.missing.length === 0
    ? html`<p>Tutti gli indicatori hanno un valore per il ${missing.periodName}.</p>`
    : dataTable(`Indicatori senza valore per il ${missing.periodName}, per responsabile`, ['Responsabile', 'Quanti', 'Indicatori'], [...byOwner].map(([owner, items]) => [
      names.get(owner) ?? owner, String(items.length), html`${items.map((i, n) => html`${n > 0 ? ', ' : ''}<a href="${base}/indicatore/${i.id}">${i.id}</a>`)}`,
    ]), { numeric: [1] });
  return html`<section aria-labelledby="mancanti"><h2 id="mancanti">Valori mancanti: ${missing.periodName}</h2>${missingPart}</section>
${rest}`;
}

function comparisonTable(year: number, comparison: StatusComparison): Html {
  const grade = (g: Parameters<typeof gradeBadge>[0] | null) => (g === null ? '—' : gradeBadge(g));
  return dataTable(`Obiettivi strategici: ${year} a confronto con ${comparison.year}`, ['Obiettivo strategico', String(year), String(comparison.year)], [
    ['Livello complessivo di ente', grade(comparison.overall.current), grade(comparison.overall.other)],
    ...comparison.strategic.map((o) => [`${o.id}. ${o.title}`, grade(o.current), grade(o.other)]),
  ]);
}

export interface AuditFilters {
  readonly indicator: number | undefined;
  readonly person: string | undefined;
  readonly channel: string | undefined;
  readonly late: boolean;
}

/** The OIV's register: every rilevazione (superseded and late ones too), filtered by indicator, person, channel, late values. */
export function auditPage(base: string, plan: Plan, trail: AuditTrail, filters: AuditFilters): Html {
  const definitions = new Map(trail.definitions.map((d) => [d.id, d]));
  const rows = trail.rilevazioni.filter((r) => (filters.person === undefined || r.reportedBy === filters.person)
    && (filters.channel === undefined || r.channel === filters.channel) && (!filters.late || r.overrideReason !== null));
  const channels = [...new Set(trail.rilevazioni.map((r) => r.channel))].sort();
  const option = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
  const form = html`<form method="get" action="${base}/registro" class="filters">
<label for="f-indicatore">Indicatore<input id="f-indicatore" name="indicatore" inputmode="numeric" pattern="[0-9]*" value="${filters.indicator ?? ''}"></label>
<label for="f-persona">Persona<select id="f-persona" name="persona">${option('', 'tutte', filters.person === undefined)}${plan.people.map((p) => option(p.id, p.name, p.id === filters.person))}</select></label>
<label for="f-canale">Canale<select id="f-canale" name="canale">${option('', 'tutti', filters.channel === undefined)}${channels.map((c) => option(c, c, c === filters.channel))}</select></label>
<label for="f-fuori">Solo fuori termine<input id="f-fuori" type="checkbox" name="fuori" value="1"${filters.late ? html` checked` : ''}></label>
<button type="submit">Filtra</button></form>`;
  const table = dataTable(`Rilevazioni: ${rows.length === 1 ? '1 riga' : `${rows.length} righe`}`, ['N.', 'Indicatore', 'Periodo', 'Valore', 'Sostituisce', 'Chi', 'Quando', 'Canale', 'Nota', 'Stato'], rows.map((r) => {
    const def = definitions.get(r.indicator) ?? { direction: 'higher' as const, unit: undefined };
    return [String(r.id), html`<a href="${base}/indicatore/${r.indicator}">${r.indicator}</a>`, periodLabel(r.period), valueText(def, r.value),
      r.replaces === null ? '—' : `${valueText(def, r.replaces.value)} (${r.replaces.reportedBy})`, r.reportedBy, formatDateTime(r.reportedAt), r.channel, r.note ?? '—',
      [r.superseded ? 'sostituito' : 'valido', lateValueText(r)].filter(Boolean).join(' ')];
  }));
  return html`${form}${table}`;
}

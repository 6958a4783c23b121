import { assertCanSeeObjective, visibleObjectiveIds, type Actor, type StatusReply } from '@perf/core';
import { PerfError, type Plan } from '@perf/model';
import type { StatusReport } from '@perf/scoring';
import { gradeBadge } from '../format.ts';
import { html, type Html } from '../html.ts';
import { dataTable } from './layout.ts';
import { indicatorTable } from './objective.ts';

type PersonalReply = Extract<StatusReply, { scope: 'me' }>;

/**
 * An Area's cruscotto: its operational objectives and their indicators, as far as the core lets the
 * actor see them (staff: the objectives they contribute to; an Area with none of those is refused).
 */
export function areaPage(base: string, plan: Plan, report: StatusReport, actor: Actor, areaId: string): { title: string; body: Html } {
  const area = plan.areas.find((a) => a.id === areaId);
  if (!area) throw new PerfError('TARGET_UNKNOWN', `L'Area "${areaId}" non esiste nel Piano ${plan.ente.code} ${plan.year}.`, { hint: `Aree: ${plan.areas.map((a) => a.id).join(', ')}.` });
  const visible = visibleObjectiveIds(plan, actor);
  const all = report.operational.filter((o) => o.area === area.id);
  const shown = visible === 'all' ? all : all.filter((o) => visible.has(o.id));
  const first = all[0];
  if (shown.length === 0 && first !== undefined) assertCanSeeObjective(plan, actor, first.id);
  const ids = new Set(shown.map((o) => o.id));
  const indicators = report.indicators.filter((i) => ids.has(i.objective));
  const head = plan.people.find((p) => p.id === area.head);
  const body = html`<p>Dirigente: ${head?.name ?? area.head}</p>
${dataTable('Obiettivi operativi dell’Area', ['Obiettivo operativo', 'Obiettivo strategico', 'Grado e fascia'], shown.map((o) => [
    html`<a href="${base}/obiettivo/${encodeURIComponent(o.id)}">${o.id}. ${o.title}</a>`, html`<a href="${base}/obiettivo/${encodeURIComponent(o.strategic)}">${o.strategic}</a>`, gradeBadge(o)]))}
${indicatorTable('Indicatori degli obiettivi dell’Area', base, indicators, plan.indicators.filter((i) => ids.has(i.objective)))}`;
  return { title: `Cruscotto di area: ${area.name}`, body };
}

/** The Areas the actor may open. */
export function areaListPage(base: string, plan: Plan, actor: Actor): Html {
  const visible = visibleObjectiveIds(plan, actor);
  const areas = plan.areas.filter((a) => visible === 'all' || plan.operational_objectives.some((o) => o.area === a.id && visible.has(o.id)));
  if (areas.length === 0) return html`<p>Non contribuisci agli obiettivi di alcuna Area.</p>`;
  return html`<ul>${areas.map((a) => html`<li><a href="${base}/area/${encodeURIComponent(a.id)}">${a.name}</a></li>`)}</ul>`;
}

/** A person's own indicators, missing ones first, and the objectives they contribute to. */
export function personalPage(base: string, reply: PersonalReply): Html {
  const missing = reply.indicators.filter((i) => i.value === null).length;
  return html`<p>${missing === 0 ? 'Tutti i tuoi indicatori hanno un valore.' : missing === 1 ? 'Un indicatore è ancora senza valore: è in cima alla tabella.' : `${missing} indicatori sono ancora senza valore: sono in cima alla tabella.`}</p>
${indicatorTable('I miei indicatori (prima quelli senza valore)', base, reply.indicators, reply.definitions)}
<h2>Obiettivi a cui contribuisco</h2>
${dataTable('Obiettivi a cui contribuiscono i miei indicatori', ['Obiettivo', 'Grado e fascia'], reply.objectives.map((o) => [html`<a href="${base}/obiettivo/${encodeURIComponent(o.id)}">${o.id}. ${o.title}</a>`, gradeBadge(o)]))}`;
}

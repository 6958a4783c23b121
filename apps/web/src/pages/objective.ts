import { formatDateTime, lateValueText, targetText, valueText, type StatusReply } from '@perf/core';
import { readPeriod, periodRank, type Indicator } from '@perf/model';
import type { IndicatorStatus } from '@perf/scoring';
import { indicatorHistoryChart, type HistoryPoint } from '@perf/pdf-renderer/chart-specs';
import { formatDateLong, periodLabel } from '@perf/pdf-renderer/italian';
import type { Rilevazione, ScostamentoComment } from '@perf/store';
import { gradeBadge } from '../format.ts';
import { html, type Html } from '../html.ts';
import { barChartSvg } from '../svg.ts';
import { dataTable } from './layout.ts';

type ObjectiveReply = Extract<StatusReply, { scope: 'objective' }>;
type IndicatorReply = Extract<StatusReply, { scope: 'indicator' }>;

/** The value standing for each period: the latest rilevazione not superseded, in period order. */
export function historyPoints(history: readonly Rilevazione[]): HistoryPoint[] {
  return history.filter((r) => !r.superseded)
    .sort((a, b) => periodRank(readPeriod(a.period)) - periodRank(readPeriod(b.period)))
    .map((r) => ({ period: r.period, value: r.value }));
}

/** The indicators of an objective (or a person) with target, value, period and grade; each links to its history. */
export function indicatorTable(caption: string, base: string, indicators: readonly IndicatorStatus[], definitions: readonly Indicator[]): Html {
  const byId = new Map(definitions.map((d) => [d.id, d]));
  return dataTable(caption, ['Indicatore', 'Target', 'Valore', 'Periodo', 'Grado e fascia'], indicators.map((i) => {
    const def = byId.get(i.id);
    return [
      html`<a href="${base}/indicatore/${i.id}">${i.id}. ${i.name}</a>`,
      def ? targetText(def) : '—', def ? valueText(def, i.value) : String(i.value ?? '—'),
      i.period === null ? '—' : periodLabel(i.period), gradeBadge(i),
    ];
  }), { numeric: [1, 2] });
}

/** The latest cause of the gap and corrective action given (`commento`) for the objective and its operational objectives. */
function commentsSection(comments: readonly ScostamentoComment[]): Html | '' {
  if (comments.length === 0) return '';
  return html`<section aria-labelledby="scostamenti"><h2 id="scostamenti">Causa dello scostamento e azione correttiva</h2>
${dataTable('Cause degli scostamenti e azioni correttive indicate', ['Obiettivo', 'Causa dello scostamento', 'Azione correttiva', 'Indicata da'], comments.map((k) => [
    k.objective, k.causa, k.azione, `${k.writtenBy}, ${formatDateLong(k.writtenAt)}`]))}</section>`;
}

export function objectivePage(base: string, reply: ObjectiveReply, history: readonly Rilevazione[], comments: readonly ScostamentoComment[] = []): Html {
  const o = reply.objective;
  const kind = 'strategic' in o
    ? html`Obiettivo operativo dell’obiettivo strategico <a href="${base}/obiettivo/${encodeURIComponent(o.strategic)}">${o.strategic}</a>, Area <a href="${base}/area/${encodeURIComponent(o.area)}">${o.area}</a>`
    : html`Obiettivo strategico`;
  const operational = reply.operational.length === 0 ? '' : html`<section aria-labelledby="operativi"><h2 id="operativi">Obiettivi operativi</h2>
${dataTable('Obiettivi operativi con il loro grado', ['Obiettivo operativo', 'Area', 'Grado e fascia'], reply.operational.map((op) => [
    html`<a href="${base}/obiettivo/${encodeURIComponent(op.id)}">${op.id}. ${op.title}</a>`, html`<a href="${base}/area/${encodeURIComponent(op.area)}">${op.area}</a>`, gradeBadge(op)]))}</section>`;
  const charts = reply.definitions.map((def) => {
    const points = historyPoints(history.filter((r) => r.indicator === def.id));
    return points.length === 0 ? html`<p>Indicatore ${def.id}: nessuna rilevazione.</p>` : barChartSvg(indicatorHistoryChart(def, points));
  });
  const indicators = reply.indicators.length === 0 ? '' : html`<section aria-labelledby="indicatori"><h2 id="indicatori">Indicatori</h2>
${indicatorTable('Indicatori dell’obiettivo: target, valore e grado', base, reply.indicators, reply.definitions)}
<h3>Valori per periodo</h3>${charts}</section>`;
  return html`<p>${kind}</p><p class="key">Grado di raggiungimento: ${gradeBadge(o)}</p>${commentsSection(comments)}${operational}${indicators}`;
}

export function indicatorPage(base: string, reply: IndicatorReply): Html {
  const { indicator: i, definition: def, history } = reply;
  const points = historyPoints(history);
  const rows = history.map((r) => [
    periodLabel(r.period), valueText(def, r.value), r.reportedBy, formatDateTime(r.reportedAt), r.channel, r.note ?? '—',
    [r.superseded ? 'sostituito' : 'valido', lateValueText(r)].filter(Boolean).join(' '),
  ]);
  return html`<p>Obiettivo: <a href="${base}/obiettivo/${encodeURIComponent(def.objective)}">${def.objective}</a> · responsabile: ${def.owner}</p>
<dl class="facts"><dt>Target</dt><dd>${targetText(def)}</dd><dt>Valore</dt><dd>${valueText(def, i.value)}${i.period === null ? '' : ` (${periodLabel(i.period)})`}</dd><dt>Grado</dt><dd>${gradeBadge(i)}</dd></dl>
<section aria-labelledby="storico"><h2 id="storico">Storico dei valori</h2>
${points.length === 0 ? html`<p>Nessuna rilevazione.</p>` : barChartSvg(indicatorHistoryChart(def, points))}
${dataTable('Tutte le rilevazioni, anche quelle sostituite', ['Periodo', 'Valore', 'Chi', 'Quando', 'Canale', 'Nota', 'Stato'], rows)}
</section>`;
}

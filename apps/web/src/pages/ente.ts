import type { Plan } from '@perf/model';
import type { StatusReport } from '@perf/scoring';
import { bandDistributionChart, strategicGradesChart } from '@perf/pdf-renderer/chart-specs';
import { BAND_ROWS, formatPercent } from '@perf/pdf-renderer/italian';
import { gradeBadge } from '../format.ts';
import { html, type Html } from '../html.ts';
import { barChartSvg, pieChartSvg } from '../svg.ts';
import { dataTable } from './layout.ts';

/** The key results of a year: overall grade, the band distribution, the strategic objectives with their bands. */
export function resultsSection(report: StatusReport, objectiveHref?: (id: string) => string): Html {
  const s = report.summary;
  const bandRows = BAND_ROWS.map(({ band, label }) => [label, String(s[band].count), s[band].percent === null ? '—' : formatPercent(s[band].percent ?? 0)]);
  bandRows.push(['Totale obiettivi con grado', String(s.total), '—']);
  if (s.unscored.count > 0) bandRows.push(['Obiettivi non rilevati (senza valori)', String(s.unscored.count), '—']);
  const title = (id: string, text: string): Html => (objectiveHref === undefined ? html`${id}. ${text}` : html`<a href="${objectiveHref(id)}">${id}. ${text}</a>`);
  return html`
<section aria-labelledby="complessivo"><h2 id="complessivo">Risultato complessivo</h2>
<p class="key">Livello di performance complessivo di ente: ${gradeBadge(report.overall)}</p>
<p class="summary">Obiettivi strategici per fascia: <strong>${s.green.count}</strong> raggiunti / <strong>${s.yellow.count}</strong> parzialmente raggiunti / <strong>${s.red.count}</strong> non raggiunti (${s.total} con grado${s.unscored.count > 0 ? `, ${s.unscored.count} non rilevati` : ''}).</p>
</section>
<section aria-labelledby="fasce"><h2 id="fasce">Distribuzione per fascia</h2>
${dataTable('Obiettivi strategici per fascia di raggiungimento del target', ['Fascia', 'Numero', 'Percentuale'], bandRows, { numeric: [1, 2] })}
${pieChartSvg(bandDistributionChart(report))}
</section>
<section aria-labelledby="strategici"><h2 id="strategici">Obiettivi strategici</h2>
${dataTable('Grado di raggiungimento di ciascun obiettivo strategico', ['Obiettivo strategico', 'Grado e fascia'],
    report.strategic.map((o) => [title(o.id, o.title), gradeBadge(o)]))}
${barChartSvg(strategicGradesChart(report))}
</section>`;
}

/** The ente's cruscotto: the key results, then the Areas. */
export function cruscottoPage(plan: Plan, report: StatusReport): Html {
  const base = `/ente/${plan.year}`;
  return html`${resultsSection(report, (id) => `${base}/obiettivo/${encodeURIComponent(id)}`)}
<section aria-labelledby="aree"><h2 id="aree">Aree organizzative</h2>
<ul>${plan.areas.map((a) => html`<li><a href="${base}/area/${encodeURIComponent(a.id)}">${a.name}</a></li>`)}</ul>
</section>`;
}

import { niceTicks, type BarChartOptions } from '@perf/pdf-renderer/charts';
import type { PieChartSpec } from '@perf/pdf-renderer/chart-specs';
import { COLORS } from '@perf/pdf-renderer/theme';
import { html, type Html } from './html.ts';

/**
 * The Relazione's chart descriptions drawn as inline SVG: the same categories, values, labels and
 * colours as the PDF. Each chart has a title and its numbers also stand in a table or in its labels.
 */

const WIDTH = 720;
const ROW_GAP = 8;
const FONT = 13;

const positive = (v: number | null | undefined): number => (v !== null && v !== undefined && Number.isFinite(v) && v > 0 ? v : 0);

function figure(title: string, width: number, height: number, body: Html): Html {
  const id = `grafico-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
  return html`<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}" focusable="false"><title id="${id}">${title}</title>${body}</svg><figcaption>${title}</figcaption></figure>`;
}

export function barChartSvg(options: BarChartOptions): Html {
  const barHeight = Math.max(12, (options.barHeight ?? 9) * 1.6);
  const labelWidth = WIDTH * (options.labelShare ?? 0.38);
  const plotWidth = WIDTH - labelWidth - 110;
  const seriesCount = Math.max(1, options.series.length);
  const rowHeight = seriesCount * (barHeight + 2) + ROW_GAP;
  const legendHeight = options.series.length > 1 ? 22 : 0;
  const dataMax = Math.max(0, ...options.series.flatMap((s) => s.values.map(positive))) || 1;
  const ticks = options.tickFormat && options.scale !== 'row' ? niceTicks(dataMax) : undefined;
  const sharedMax = ticks ? ticks.step * ticks.count : dataMax;
  const top = legendHeight + 4;
  const plotHeight = options.categories.length * rowHeight;
  const height = top + plotHeight + (ticks ? 20 : 4);
  const legend = options.series.length > 1
    ? options.series.map((s, i) => html`<rect x="${labelWidth + i * 120}" y="4" width="12" height="12" fill="${s.color}"/><text x="${labelWidth + i * 120 + 16}" y="15" font-size="${FONT}" fill="${COLORS.text}">${s.name}</text>`)
    : [];
  const rows = options.categories.map((category, c) => {
    const y = top + c * rowHeight;
    const rowMax = options.scale === 'row' ? Math.max(0, ...options.series.map((s) => positive(s.values[c]))) || 1 : sharedMax;
    const bars = options.series.map((series, s) => {
      const length = (positive(series.values[c]) / rowMax) * plotWidth;
      const barY = y + s * (barHeight + 2);
      return html`${length > 0 ? html`<rect x="${labelWidth}" y="${barY}" width="${Math.max(length, 1).toFixed(1)}" height="${barHeight}" fill="${options.barColor?.(c, s) ?? series.color}"/>` : ''}<text x="${(labelWidth + length + 5).toFixed(1)}" y="${barY + barHeight - 3}" font-size="${FONT - 1}" fill="${series.values[c] === null ? COLORS.muted : COLORS.text}">${series.labels[c] ?? ''}</text>`;
    });
    return html`<text x="${labelWidth - 8}" y="${y + (seriesCount * (barHeight + 2)) / 2 + 4}" font-size="${FONT - 1}" text-anchor="end" fill="${COLORS.text}">${category.length > 48 ? `${category.slice(0, 47)}…` : category}</text>${bars}`;
  });
  const axis = ticks && options.tickFormat
    ? Array.from({ length: ticks.count + 1 }, (_, t) => {
      const x = labelWidth + (plotWidth * t) / ticks.count;
      return html`<line x1="${x}" y1="${top - 2}" x2="${x}" y2="${top + plotHeight}" stroke="${COLORS.rule}" stroke-dasharray="2 2"/><text x="${x}" y="${top + plotHeight + 15}" font-size="${FONT - 2}" text-anchor="middle" fill="${COLORS.muted}">${options.tickFormat?.(ticks.step * t) ?? ''}</text>`;
    })
    : [];
  return figure(options.title, WIDTH, height, html`${axis}${legend}${rows}<line x1="${labelWidth}" y1="${top - 2}" x2="${labelWidth}" y2="${top + plotHeight}" stroke="${COLORS.muted}"/>`);
}

export function pieChartSvg(spec: PieChartSpec): Html {
  const radius = 90;
  const cx = radius + 10;
  const cy = radius + 10;
  const total = spec.slices.reduce((sum, s) => sum + Math.max(0, s.value), 0);
  let angle = -Math.PI / 2;
  const slices = spec.slices.filter((s) => s.value > 0).map((slice) => {
    const sweep = (slice.value / total) * 2 * Math.PI;
    if (sweep >= 2 * Math.PI - 1e-6) return html`<circle cx="${cx}" cy="${cy}" r="${radius}" fill="${slice.color}"/>`;
    const point = (a: number) => `${(cx + radius * Math.cos(a)).toFixed(2)} ${(cy + radius * Math.sin(a)).toFixed(2)}`;
    const path = `M ${cx} ${cy} L ${point(angle)} A ${radius} ${radius} 0 ${sweep > Math.PI ? 1 : 0} 1 ${point(angle + sweep)} Z`;
    angle += sweep;
    return html`<path d="${path}" fill="${slice.color}" stroke="#ffffff" stroke-width="1.5"/>`;
  });
  const legend = spec.slices.map((slice, i) => html`<rect x="${2 * radius + 40}" y="${30 + i * 28}" width="14" height="14" fill="${slice.color}"/><text x="${2 * radius + 62}" y="${42 + i * 28}" font-size="${FONT}" fill="${COLORS.text}">${slice.label}: <tspan font-weight="bold">${slice.valueLabel}</tspan></text>`);
  const center = spec.centerText === undefined ? '' : html`<text x="${cx}" y="${cy + 2}" font-size="24" font-weight="bold" text-anchor="middle" fill="${COLORS.primary}">${spec.centerText}</text>${spec.centerSub ? html`<text x="${cx}" y="${cy + 22}" font-size="${FONT - 1}" text-anchor="middle" fill="${COLORS.muted}">${spec.centerSub}</text>` : ''}`;
  const body = html`${total <= 0 ? html`<circle cx="${cx}" cy="${cy}" r="${radius}" fill="${COLORS.zebra}"/>` : slices}<circle cx="${cx}" cy="${cy}" r="${radius * 0.55}" fill="#ffffff"/>${center}${legend}`;
  return figure(spec.title, WIDTH, 2 * radius + 20, body);
}

import type { Report } from './report.ts';
import { COLORS, SIZES } from './theme.ts';

/** Vector charts drawn with pdfkit primitives (rectangles, paths, lines and text). */

export interface BarSeries {
  readonly name: string;
  readonly color: string;
  /** One value per category; null draws no bar, only the label. */
  readonly values: readonly (number | null)[];
  /** The text printed at the end of each bar. */
  readonly labels: readonly string[];
}

export interface BarChartOptions {
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: readonly BarSeries[];
  /** Share of the width given to the category labels (default 0.38). */
  readonly labelShare?: number;
  readonly barHeight?: number;
  /** `shared`: one scale for the whole chart; `row`: each category scaled to its own largest value. */
  readonly scale?: 'shared' | 'row';
  /** Colour of one bar, overriding the series colour (e.g. the band of each objective). */
  readonly barColor?: (category: number, series: number) => string | undefined;
  /** Tick labels on the shared scale; without it only the bars are labelled. */
  readonly tickFormat?: (value: number) => string;
}

const LABEL_SIZE = SIZES.small;
/** Room right of the plot for the value printed at the end of the longest bar. */
const VALUE_SPACE = 78;

/** Round tick steps (1, 2, 2,5, 5 × 10^k) covering `max` in two to five steps. */
export function niceTicks(max: number): { step: number; count: number } {
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw - 1e-12) ?? 10) * magnitude;
  return { step, count: Math.max(2, Math.ceil(max / step - 1e-9)) };
}

/** A row of colour squares with their names, wrapping at the right margin; returns its height. */
export function legend(report: Report, items: readonly { name: string; color: string }[], y: number): number {
  const doc = report.doc;
  let x = report.left;
  let line = y;
  report.font({ size: LABEL_SIZE, color: COLORS.text });
  for (const item of items) {
    const width = report.textWidth(item.name) + 22;
    if (x + width > report.right) {
      x = report.left;
      line += 13;
    }
    doc.rect(x, line + 1, 8, 8).fill(item.color);
    report.font({ size: LABEL_SIZE, color: COLORS.text });
    doc.text(item.name, x + 12, line, { lineBreak: false });
    x += width;
  }
  return line + 14 - y;
}

/** What a bar chart shows, as text: each category with the label of each series' bar. */
function barAlt(options: BarChartOptions): string {
  const several = options.series.length > 1;
  const rows = options.categories.map((category, c) => `${category}: ${options.series.map((s) => `${several ? `${s.name} ` : ''}${s.labels[c] ?? ''}`.trim()).join(', ')}`);
  return `${options.title}. ${rows.join('; ')}.`;
}

/** Horizontal bars, one group per category and one bar per series, with a legend when there are several series. */
export function barChart(report: Report, options: BarChartOptions): void {
  const doc = report.doc;
  const barHeight = options.barHeight ?? 9;
  const labelWidth = report.width * (options.labelShare ?? 0.38);
  const x0 = report.left + labelWidth;
  const plotWidth = report.width - labelWidth - VALUE_SPACE;
  const seriesCount = Math.max(1, options.series.length);
  const groupBars = seriesCount * barHeight + (seriesCount - 1) * 2;
  const positive = (v: number | null | undefined): number => (v !== null && v !== undefined && Number.isFinite(v) && v > 0 ? v : 0);
  const dataMax = Math.max(0, ...options.series.flatMap((s) => s.values.map(positive))) || 1;
  const ticks = options.tickFormat && options.scale !== 'row' ? niceTicks(dataMax) : undefined;
  const sharedMax = ticks ? ticks.step * ticks.count : dataMax;

  const labelHeights = options.categories.map((c) => report.measure(c, labelWidth - 8, { size: LABEL_SIZE }));
  const rowHeights = labelHeights.map((h) => Math.max(h, groupBars) + 6);
  const legendHeight = options.series.length > 1 ? 16 : 0;
  const ticksHeight = ticks ? 14 : 0;
  const chartHeight = rowHeights.reduce((a, b) => a + b, 0);
  report.ensureSpace(20 + legendHeight + chartHeight + ticksHeight);
  report.figureCaption(options.title);
  report.figure(barAlt(options), () => {

    let y = report.y;
    if (legendHeight > 0) y += legend(report, options.series, y);
    const top = y;

    if (ticks) {
      for (let t = 1; t <= ticks.count; t++) {
        const x = x0 + (plotWidth * t) / ticks.count;
        doc.moveTo(x, top).lineTo(x, top + chartHeight).lineWidth(0.3).dash(2, { space: 2 }).stroke(COLORS.rule);
        doc.undash();
      }
    }

    options.categories.forEach((category, c) => {
      const rowHeight = rowHeights[c] ?? 0;
      const labelHeight = labelHeights[c] ?? 0;
      report.font({ size: LABEL_SIZE, color: COLORS.text });
      report.write(category, report.left, y + (rowHeight - 6 - labelHeight) / 2, labelWidth - 8, { align: 'right' });
      const rowMax = options.scale === 'row' ? Math.max(0, ...options.series.map((s) => positive(s.values[c]))) || 1 : sharedMax;
      let barY = y + (rowHeight - 6 - groupBars) / 2;
      options.series.forEach((series, s) => {
        const value = positive(series.values[c]);
        const length = (value / rowMax) * plotWidth;
        if (length > 0) doc.rect(x0, barY, Math.max(length, 0.8), barHeight).fill(options.barColor?.(c, s) ?? series.color);
        report.font({ size: LABEL_SIZE - 0.5, color: series.values[c] === null ? COLORS.muted : COLORS.text });
        doc.text(series.labels[c] ?? '', x0 + length + 4, barY + (barHeight - (LABEL_SIZE - 0.5)) / 2 - 1, { lineBreak: false });
        barY += barHeight + 2;
      });
      y += rowHeight;
    });
    doc.moveTo(x0, top - 2).lineTo(x0, y).lineWidth(0.8).stroke(COLORS.muted);

    if (ticks && options.tickFormat) {
      report.font({ size: LABEL_SIZE - 1, color: COLORS.muted });
      for (let t = 0; t <= ticks.count; t++) {
        const x = x0 + (plotWidth * t) / ticks.count;
        report.write(options.tickFormat(ticks.step * t), x - 30, y + 2, 60, { align: 'center' });
      }
      y += ticksHeight;
    }
    doc.x = report.left;
    report.y = y + 12;
  });
}

export interface Slice {
  readonly label: string;
  readonly value: number;
  readonly color: string;
  /** Printed after the label in the legend, e.g. "15 (83%)". */
  readonly valueLabel: string;
}

/** A donut chart with its legend on the right and an optional text in the hole. */
export function pieChart(report: Report, options: { title: string; slices: readonly Slice[]; radius?: number; centerText?: string; centerSub?: string }): void {
  const doc = report.doc;
  const radius = options.radius ?? 62;
  const legendX = report.left + 2 * radius + 50;
  const legendWidth = report.right - legendX;
  // Measured in bold (the wider face) so that an entry never runs into the next one.
  const legendHeights = options.slices.map((s) => report.measure(`${s.label}: ${s.valueLabel}`, legendWidth - 16, { size: SIZES.small + 0.5, bold: true }) + 6);
  const height = Math.max(2 * radius + 8, legendHeights.reduce((a, b) => a + b, 0));
  report.ensureSpace(height + 24);
  report.figureCaption(options.title);
  report.figure(`${options.title}. ${options.slices.map((slice) => `${slice.label}: ${slice.valueLabel}`).join('; ')}.`, () => {
    const top = report.y;
    const cx = report.left + radius + 20;
    const cy = top + radius + 4;
    const total = options.slices.reduce((sum, s) => sum + Math.max(0, s.value), 0);

    if (total <= 0) {
      doc.circle(cx, cy, radius).fill(COLORS.zebra);
    } else {
      let angle = -Math.PI / 2;
      for (const slice of options.slices) {
        if (slice.value <= 0) continue;
        const sweep = (slice.value / total) * 2 * Math.PI;
        if (sweep >= 2 * Math.PI - 1e-6) {
          doc.circle(cx, cy, radius).fill(slice.color);
        } else {
          const x1 = cx + radius * Math.cos(angle);
          const y1 = cy + radius * Math.sin(angle);
          const x2 = cx + radius * Math.cos(angle + sweep);
          const y2 = cy + radius * Math.sin(angle + sweep);
          const large = sweep > Math.PI ? 1 : 0;
          doc.path(`M ${cx} ${cy} L ${x1} ${y1} A ${radius} ${radius} 0 ${large} 1 ${x2} ${y2} Z`).fill(slice.color);
        }
        angle += sweep;
      }
      // Thin white separators between slices.
      angle = -Math.PI / 2;
      for (const slice of options.slices) {
        if (slice.value <= 0 || slice.value >= total) continue;
        doc.moveTo(cx, cy).lineTo(cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)).lineWidth(1).stroke('#ffffff');
        angle += (slice.value / total) * 2 * Math.PI;
      }
    }
    const hole = radius * 0.55;
    doc.circle(cx, cy, hole).fill('#ffffff');
    if (options.centerText) {
      report.font({ bold: true, size: 15, color: COLORS.primary });
      report.write(options.centerText, cx - hole, cy - (options.centerSub ? 12 : 8), 2 * hole, { align: 'center' });
      if (options.centerSub) {
        report.font({ size: SIZES.small - 1, color: COLORS.muted });
        report.write(options.centerSub, cx - hole, cy + 6, 2 * hole, { align: 'center' });
      }
    }

    let y = top + Math.max(0, (2 * radius + 8 - legendHeights.reduce((a, b) => a + b, 0)) / 2);
    options.slices.forEach((slice, i) => {
      doc.rect(legendX, y + 1, 9, 9).fill(slice.color);
      report.font({ size: SIZES.small + 0.5, color: COLORS.text });
      doc.text(`${slice.label}: `, legendX + 15, y, { width: legendWidth - 16, continued: true, lineGap: SIZES.lineGap });
      report.font({ bold: true, size: SIZES.small + 0.5, color: COLORS.text });
      doc.text(slice.valueLabel, { lineGap: SIZES.lineGap });
      y += legendHeights[i] ?? 0;
    });
    doc.x = report.left;
    report.y = top + height + 12;
  });
}

export interface Tile {
  readonly title: string;
  readonly subtitle: string;
  readonly color: string;
  readonly textColor: string;
}

function tileAlt(options: { title: string; rows: readonly { label: string; tiles: readonly Tile[] }[] }): string {
  const rows = options.rows.map((row) => `${row.label}: ${row.tiles.map((t) => `${t.title} ${t.subtitle}`).join(', ')}`);
  return `${options.title}. ${rows.join('; ')}.`;
}

/** Rows of coloured tiles (the "Mappa strategica": perspectives and their objectives by band). */
export function tileMap(report: Report, options: { title: string; rows: readonly { label: string; tiles: readonly Tile[] }[]; legend?: readonly { name: string; color: string }[] }): void {
  const doc = report.doc;
  const labelWidth = 118;
  const tileWidth = 50;
  const tileHeight = 30;
  const gap = 5;
  const perLine = Math.max(1, Math.floor((report.width - labelWidth - gap) / (tileWidth + gap)));
  const rowHeights = options.rows.map((row) => {
    const lines = Math.max(1, Math.ceil(row.tiles.length / perLine));
    const label = report.measure(row.label, labelWidth - 12, { bold: true, size: SIZES.small });
    return Math.max(label + 12, lines * (tileHeight + gap) + gap);
  });
  const total = rowHeights.reduce((a, b) => a + b + 4, 0) + (options.legend ? 18 : 0);
  report.ensureSpace(total + 22);
  report.figureCaption(options.title);
  report.figure(tileAlt(options), () => {
    let y = report.y;
    options.rows.forEach((row, r) => {
      const height = rowHeights[r] ?? 0;
      doc.rect(report.left, y, labelWidth, height).fill(COLORS.primary);
      report.font({ bold: true, size: SIZES.small, color: COLORS.headerText });
      const labelHeight = report.measure(row.label, labelWidth - 12, { bold: true, size: SIZES.small });
      report.font({ bold: true, size: SIZES.small, color: COLORS.headerText });
      report.write(row.label, report.left + 6, y + (height - labelHeight) / 2, labelWidth - 12, { align: 'center' });
      doc.rect(report.left + labelWidth, y, report.width - labelWidth, height).fill(COLORS.zebra);
      row.tiles.forEach((tile, t) => {
        const tx = report.left + labelWidth + gap + (t % perLine) * (tileWidth + gap);
        const ty = y + gap + Math.floor(t / perLine) * (tileHeight + gap);
        doc.roundedRect(tx, ty, tileWidth, tileHeight, 3).fill(tile.color);
        report.font({ bold: true, size: SIZES.small + 0.5, color: tile.textColor });
        report.write(tile.title, tx, ty + 4, tileWidth, { align: 'center' });
        report.font({ size: SIZES.small - 1, color: tile.textColor });
        report.write(tile.subtitle, tx, ty + 17, tileWidth, { align: 'center' });
      });
      y += height + 4;
    });
    if (options.legend) y += legend(report, options.legend, y + 2);
    doc.x = report.left;
    report.y = y + 10;
  });
}

/** Boxes joined by arrows: the phases of a process. */
export function flowDiagram(report: Report, options: { title: string; steps: readonly string[]; highlight?: number }): void {
  const doc = report.doc;
  const count = Math.max(1, options.steps.length);
  const arrow = 16;
  const boxWidth = (report.width - arrow * (count - 1)) / count;
  const textHeights = options.steps.map((s) => report.measure(s, boxWidth - 10, { bold: true, size: SIZES.small - 0.5 }));
  const height = Math.max(...textHeights, 10) + 16;
  report.ensureSpace(height + 26);
  report.figureCaption(options.title);
  report.figure(`${options.title}: ${options.steps.join(' → ')}.`, () => {
    const y = report.y;
    options.steps.forEach((step, i) => {
      const x = report.left + i * (boxWidth + arrow);
      const strong = i === options.highlight;
      doc.roundedRect(x, y, boxWidth, height, 4).fill(strong ? COLORS.primary : COLORS.groupFill);
      report.font({ bold: true, size: SIZES.small - 0.5, color: strong ? COLORS.headerText : COLORS.primary });
      report.write(step, x + 5, y + (height - (textHeights[i] ?? 0)) / 2, boxWidth - 10, { align: 'center' });
      if (i < count - 1) {
        const ax = x + boxWidth + 2;
        const ay = y + height / 2;
        doc.moveTo(ax, ay).lineTo(ax + arrow - 7, ay).lineWidth(1.2).stroke(COLORS.accent);
        doc.polygon([ax + arrow - 8, ay - 4], [ax + arrow - 3, ay], [ax + arrow - 8, ay + 4]).fill(COLORS.accent);
      }
    });
    doc.x = report.left;
    report.y = y + height + 12;
  });
}


import type { StatusReport } from '@perf/scoring';
import type { BarChartOptions, Slice } from './charts.ts';
import { BAND_ROWS, formatPercent, gradeText, indicatorValue, periodLabel, truncate } from './italian.ts';
import { BAND_COLORS, COLORS } from './theme.ts';

/**
 * Characters of an objective's title in a chart label: three lines of the label column, so that the
 * seed's titles (up to 101 characters, «Potenziare gli interventi … del mercato») print whole; a longer
 * one is shortened, the full title is in the tables.
 */
export const CHART_LABEL_CHARS = 140;

/**
 * What the charts of the results show, as data: the Relazione draws them with pdfkit and the dashboard
 * as inline SVG from these same descriptions, so the two never disagree.
 */

export interface PieChartSpec {
  readonly title: string;
  readonly slices: readonly Slice[];
  readonly centerText?: string;
  readonly centerSub?: string;
}

/** The strategic objectives by band, with the overall grade in the hole. */
export function bandDistributionChart(status: StatusReport): PieChartSpec {
  const summary = status.summary;
  return {
    title: 'Livello di «Concentrazione» degli obiettivi strategici nelle fasce di valutazione',
    slices: [
      ...BAND_ROWS.map(({ band, label }) => ({
        label, value: summary[band].count, color: BAND_COLORS[band],
        valueLabel: `${summary[band].count}${summary[band].percent === null ? '' : ` (${formatPercent(summary[band].percent ?? 0)})`}`,
      })),
      ...(summary.unscored.count > 0 ? [{ label: 'Obiettivi non rilevati', value: summary.unscored.count, color: COLORS.unscored, valueLabel: String(summary.unscored.count) }] : []),
    ],
    centerText: gradeText(status.overall),
    centerSub: 'complessivo',
  };
}

/** Each strategic objective's grade, its bar in the colour of its band. */
export function strategicGradesChart(status: StatusReport): BarChartOptions {
  const objectives = status.strategic;
  return {
    title: 'Livello di «Coincidenza» tra le performance conseguite e quelle attese, per obiettivo strategico',
    categories: objectives.map((o) => `${o.id}. ${truncate(o.title, CHART_LABEL_CHARS)}`),
    series: [{ name: 'Grado di raggiungimento', color: COLORS.accent, values: objectives.map((o) => o.percent), labels: objectives.map((o) => gradeText(o)) }],
    barColor: (c) => {
      const band = objectives[c]?.band ?? null;
      return band === null ? undefined : BAND_COLORS[band];
    },
    tickFormat: (v) => formatPercent(v),
    barHeight: 8,
  };
}

export interface HistoryPoint {
  readonly period: string;
  readonly value: number;
}

/** An indicator's value by period (the value standing for each period), with the target as a second bar. */
export function indicatorHistoryChart(indicator: { readonly id: number; readonly name: string; readonly direction: 'higher' | 'lower' | 'boolean'; readonly unit?: string | undefined; readonly target: number }, points: readonly HistoryPoint[]): BarChartOptions {
  return {
    title: `Indicatore ${indicator.id}: valore per periodo e target`,
    categories: points.map((p) => periodLabel(p.period, true)),
    series: [
      { name: 'Valore', color: COLORS.accent, values: points.map((p) => p.value), labels: points.map((p) => indicatorValue(indicator, p.value)) },
      { name: 'Target', color: COLORS.rule, values: points.map(() => indicator.target), labels: points.map(() => indicatorValue(indicator, indicator.target)) },
    ],
    labelShare: 0.3,
    barHeight: 9,
  };
}

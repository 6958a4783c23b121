import { hasReconstructed } from '@perf/context';
import { readPeriod, type Area, type Indicator, type Person, type Plan, type PlanText, type Provenance } from '@perf/model';
import { gradeOf, weightedMean, type Grade, type IndicatorStatus, type StatusReport } from '@perf/scoring';
import type { Report } from './report.ts';
import type { RelazioneData, RilevazioneRow } from './types.ts';

const NO_GRADE: Grade = { score: null, percent: null, band: null };

/** The data of the Relazione with the look-ups every chapter needs. */
export interface Context {
  readonly report: Report;
  readonly data: RelazioneData;
  readonly plan: Plan;
  readonly status: StatusReport;
  /** The previous year's status, when that year's plan exists. */
  readonly previous: StatusReport | undefined;
  readonly year: number;
  readonly enteName: string;
  /** Grade of a strategic or operational objective (unscored when unknown). */
  grade(objectiveId: string): Grade;
  /** Grade of the strategic objective with the same id in the previous year; undefined without a previous year or such an objective. */
  previousGrade(strategicId: string): Grade | undefined;
  indicatorStatus(id: number): IndicatorStatus | undefined;
  indicator(id: number): Indicator | undefined;
  person(id: string): Person | undefined;
  personName(id: string): string;
  area(id: string): Area | undefined;
  perspectiveName(id: string): string;
  lineName(id: string): string;
  objectiveTitle(id: string): string;
  /** The rilevazioni of one indicator, oldest period first, then by time of report. */
  historyOf(indicator: number): readonly RilevazioneRow[];
  /** Weighted mean of the grades of some objectives (e.g. one perspective or one Area): §3's rule. */
  meanGrade(items: readonly { id: string; weight: number }[]): Grade;
  /** Whether the value that stands for the year of this indicator is a reconstructed one. */
  standsReconstructed(indicator: number): boolean;
  /** « †» after a plan entry (objective, indicator, individual objectives) marked `ricostruito: true`, else ''. */
  mark(entry: Provenance | undefined): string;
  /** « †» after the plan's mandate, mission or vision text when `provenienza` marks it reconstructed, else ''. */
  textMark(key: PlanText): string;
  /** Whether any value or plan entry the document prints is reconstructed: the cover then calls it an illustrative example. */
  readonly hasReconstructed: boolean;
  /** The legend of the mark for what this document marks (values, plan entries or both); null when nothing is marked. */
  readonly reconstructedLegend: string | null;
}

/** The sign of a reconstructed value, and its legend. */
export const RECONSTRUCTED_MARK = '†';
/** The mark after what it marks, glued with a no-break space: a narrow cell shrinks its type rather than leave «†» alone on a line. */
export const RECONSTRUCTED_SUFFIX = `\u00a0${RECONSTRUCTED_MARK}`;
export const RECONSTRUCTED_LEGEND = `${RECONSTRUCTED_MARK} valore ricostruito: non stampato nel documento di origine, scelto perché il calcolo riproduca i risultati pubblicati.`;
export const RECONSTRUCTED_PLAN_LEGEND = `${RECONSTRUCTED_MARK} accanto a un obiettivo, a un target o a un testo del Piano: voce del Piano ricostruita, non stampata nel documento di origine (per un indicatore: target, peso, unità e responsabile).`;

const PLAN_TEXTS: readonly PlanText[] = ['mandate', 'mission', 'vision'];

/** Whether any entry of the plan (or its mandate, mission or vision) is marked reconstructed. */
export function planHasReconstructed(plan: Plan): boolean {
  const entries: readonly (Provenance | undefined)[] = [
    ...plan.strategic_objectives, ...plan.operational_objectives, ...plan.indicators, ...plan.individual_objectives,
    ...PLAN_TEXTS.map((key) => (plan[key] === undefined ? undefined : plan.provenienza?.[key])),
  ];
  return entries.some((entry) => entry?.ricostruito === true);
}

/** The legend of a context figure (a table's row or section) whose place the source's text does not show, and the example infers. */
export const CONTEXT_RECONSTRUCTED_LEGEND = `${RECONSTRUCTED_MARK} dato ricostruito: la collocazione nella tabella non è leggibile nel documento di origine ed è dedotta (intestazione, ordine delle colonne, somme).`;

/** The rilevazioni the controllo di gestione accepted after their period was locked, in order of entry: the one count of late values. */
export const lateValues = (data: RelazioneData): RilevazioneRow[] =>
  data.history.filter((r) => r.overrideReason !== null).sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());

const periodOrder = (period: string): number => {
  try {
    const p = readPeriod(period);
    return p.year * 100 + (p.kind === 'Y' ? 99 : p.index);
  } catch {
    return Number.MAX_SAFE_INTEGER;
  }
};

function compareRilevazioni(a: RilevazioneRow, b: RilevazioneRow): number {
  return periodOrder(a.period) - periodOrder(b.period) || a.reportedAt.getTime() - b.reportedAt.getTime();
}

export function buildContext(report: Report, data: RelazioneData): Context {
  const { plan, status } = data;
  const grades = new Map<string, Grade>();
  for (const s of status.strategic) grades.set(s.id, s);
  for (const o of status.operational) grades.set(o.id, o);
  const indicatorStatus = new Map(status.indicators.map((i) => [i.id, i]));
  const indicators = new Map(plan.indicators.map((i) => [i.id, i]));
  const people = new Map(plan.people.map((p) => [p.id, p]));
  const areas = new Map(plan.areas.map((a) => [a.id, a]));
  const perspectives = new Map(plan.perspectives.map((p) => [p.id, p.name]));
  const lines = new Map(plan.lines.map((l) => [l.id, l.name]));
  const titles = new Map<string, string>([
    ...plan.strategic_objectives.map((o) => [o.id, o.title] as const),
    ...plan.operational_objectives.map((o) => [o.id, o.title] as const),
  ]);
  const history = new Map<number, RilevazioneRow[]>();
  for (const row of [...data.history].sort(compareRilevazioni)) {
    const list = history.get(row.indicator);
    if (list) list.push(row);
    else history.set(row.indicator, [row]);
  }
  const grade = (id: string): Grade => grades.get(id) ?? NO_GRADE;
  const previousGrades = new Map((data.previous?.strategic ?? []).map((s) => [s.id, s]));
  const valuesReconstructed = data.history.some((r) => r.reconstructed === true);
  const planReconstructed = planHasReconstructed(plan);
  return {
    report,
    data,
    plan,
    status,
    previous: data.previous,
    year: plan.year,
    enteName: plan.ente.name,
    grade,
    previousGrade: (id) => previousGrades.get(id),
    indicatorStatus: (id) => indicatorStatus.get(id),
    indicator: (id) => indicators.get(id),
    person: (id) => people.get(id),
    personName: (id) => people.get(id)?.name ?? id,
    area: (id) => areas.get(id),
    perspectiveName: (id) => perspectives.get(id) ?? id,
    lineName: (id) => lines.get(id) ?? id,
    objectiveTitle: (id) => titles.get(id) ?? id,
    historyOf: (id) => history.get(id) ?? [],
    standsReconstructed: (id) => {
      const period = indicatorStatus.get(id)?.period;
      return (history.get(id) ?? []).some((r) => r.period === period && !r.superseded && r.reconstructed === true);
    },
    mark: (entry) => (entry?.ricostruito === true ? RECONSTRUCTED_SUFFIX : ''),
    textMark: (key) => (plan.provenienza?.[key]?.ricostruito === true ? RECONSTRUCTED_SUFFIX : ''),
    // A context figure placed by inference makes the document an illustrative example too (its chapters carry their own legend).
    hasReconstructed: valuesReconstructed || planReconstructed || hasReconstructed(data.contesto?.data),
    reconstructedLegend: [valuesReconstructed ? RECONSTRUCTED_LEGEND : null, planReconstructed ? RECONSTRUCTED_PLAN_LEGEND : null].filter((t) => t !== null).join(' ') || null,
    meanGrade: (items) => gradeOf(weightedMean(items.map((item) => ({ score: grade(item.id).score, weight: item.weight })))),
  };
}

export type ObjectiveComment = NonNullable<RelazioneData['comments']>[number];

/** The causes and corrective actions given for a strategic objective or any of its operational objectives, by objective id. */
export function commentsUnder(ctx: Context, strategicId: string): ObjectiveComment[] {
  const scope = new Set(ctx.plan.operational_objectives.filter((o) => o.strategic === strategicId).map((o) => o.id));
  scope.add(strategicId);
  return (ctx.data.comments ?? []).filter((c) => scope.has(c.objective)).sort((a, b) => a.objective.localeCompare(b.objective));
}

/** Periods of the history in order, for the process chapter. */
export function sortPeriods(periods: Iterable<string>): string[] {
  return [...new Set(periods)].sort((a, b) => periodOrder(a) - periodOrder(b) || a.localeCompare(b));
}

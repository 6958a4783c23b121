import type { Plan } from '@perf/model';
import { gradeOf, roundHalfUp, weightedMean, type Band, type Grade, indicatorScore } from './rules.ts';

/** The latest value of an indicator for the year: the value of its latest period (§4). */
export interface LatestValue {
  readonly value: number;
  readonly period: string;
}

export interface IndicatorStatus extends Grade {
  readonly id: number;
  readonly name: string;
  readonly objective: string;
  readonly owner: string;
  readonly value: number | null;
  readonly period: string | null;
}
export interface OperationalStatus extends Grade {
  readonly id: string;
  readonly strategic: string;
  readonly area: string;
  readonly title: string;
}
export interface StrategicStatus extends Grade {
  readonly id: string;
  readonly title: string;
}
export interface IndividualStatus extends Grade {
  readonly person: string;
  readonly name: string;
}
export interface BandCount {
  readonly count: number;
  readonly percent: number | null;
}
export interface Summary {
  readonly total: number;
  readonly green: BandCount;
  readonly yellow: BandCount;
  readonly red: BandCount;
  readonly unscored: { readonly count: number };
}
export interface StatusReport {
  readonly ente: string;
  readonly year: number;
  readonly overall: Grade;
  readonly summary: Summary;
  readonly strategic: StrategicStatus[];
  readonly operational: OperationalStatus[];
  readonly indicators: IndicatorStatus[];
  readonly individuals: IndividualStatus[];
}

/** §3 summary: strategic objectives per band, percentages of the scored ones, rounded half up. */
export function summarize(grades: readonly Grade[]): Summary {
  const scored = grades.filter((g) => g.band !== null);
  const total = scored.length;
  const count = (band: Band): BandCount => {
    const n = scored.filter((g) => g.band === band).length;
    return { count: n, percent: total === 0 ? null : roundHalfUp((n / total) * 100) };
  };
  return { total, green: count('green'), yellow: count('yellow'), red: count('red'), unscored: { count: grades.length - total } };
}

interface WeightedChild {
  readonly parent: string;
  readonly score: number | null;
  readonly weight: number;
}

function groupBy(children: readonly WeightedChild[]): Map<string, WeightedChild[]> {
  const groups = new Map<string, WeightedChild[]>();
  for (const child of children) {
    const group = groups.get(child.parent);
    if (group) group.push(child);
    else groups.set(child.parent, [child]);
  }
  return groups;
}

/** Scores the whole plan from the latest value of each indicator (§3). Pure. */
export function computeStatus(plan: Plan, latest: ReadonlyMap<number, LatestValue>): StatusReport {
  const indicators: IndicatorStatus[] = plan.indicators.map((indicator) => {
    const reported = latest.get(indicator.id);
    const score = reported === undefined ? null : indicatorScore(indicator.direction, indicator.target, reported.value);
    return {
      id: indicator.id, name: indicator.name, objective: indicator.objective, owner: indicator.owner,
      value: reported?.value ?? null, period: reported?.period ?? null, ...gradeOf(score),
    };
  });
  // Children grouped once: a plan's tree is walked in linear time, whatever its size.
  const indicatorChildren = groupBy(plan.indicators.map((indicator, index) => ({ parent: indicator.objective, score: indicators[index]?.score ?? null, weight: indicator.weight })));
  const operational: OperationalStatus[] = plan.operational_objectives.map((objective) => ({
    id: objective.id, strategic: objective.strategic, area: objective.area, title: objective.title,
    ...gradeOf(weightedMean(indicatorChildren.get(objective.id) ?? [])),
  }));
  const operationalChildren = groupBy(plan.operational_objectives.map((child, index) => ({ parent: child.strategic, score: operational[index]?.score ?? null, weight: child.weight })));
  const strategic: StrategicStatus[] = plan.strategic_objectives.map((objective) => ({
    id: objective.id, title: objective.title,
    ...gradeOf(weightedMean([...indicatorChildren.get(objective.id) ?? [], ...operationalChildren.get(objective.id) ?? []])),
  }));

  const objectiveScores = new Map<string, number | null>([
    ...strategic.map((s) => [s.id, s.score] as const),
    ...operational.map((o) => [o.id, o.score] as const),
  ]);
  const names = new Map(plan.people.map((p) => [p.id, p.name]));
  const individuals: IndividualStatus[] = plan.individual_objectives.map((individual) => ({
    person: individual.person,
    name: names.get(individual.person) ?? individual.person,
    ...gradeOf(weightedMean(individual.objectives.map((ref) => ({ score: objectiveScores.get(ref.ref) ?? null, weight: ref.weight })))),
  }));

  const overall = gradeOf(weightedMean(plan.strategic_objectives.map((objective, index) => ({ score: strategic[index]?.score ?? null, weight: objective.weight }))));
  return { ente: plan.ente.code, year: plan.year, overall, summary: summarize(strategic), strategic, operational, indicators, individuals };
}

/** The JSON of `status --json`, exactly §7's shape (extra descriptive fields are allowed extensions). */
export function statusJson(report: StatusReport): object {
  const grade = (g: Grade) => ({ score: g.score, percent: g.percent, band: g.band });
  return {
    ente: report.ente,
    year: report.year,
    overall: grade(report.overall),
    summary: report.summary,
    strategic: report.strategic.map((s) => ({ id: s.id, title: s.title, ...grade(s) })),
    operational: report.operational.map((o) => ({ id: o.id, strategic: o.strategic, area: o.area, title: o.title, ...grade(o) })),
    indicators: report.indicators.map((i) => ({ id: i.id, name: i.name, objective: i.objective, owner: i.owner, value: i.value, period: i.period, ...grade(i) })),
    individuals: report.individuals.map((p) => ({ person: p.person, name: p.name, ...grade(p) })),
  };
}

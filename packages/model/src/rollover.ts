import { Document } from 'yaml';
import type { Indicator, Plan } from './plan.ts';

export interface Rollover {
  /** Next year's plan: same tree, targets and weights; each baseline is last year's value where reported. */
  readonly plan: Plan;
  /** Indicators with no value last year: their baseline is left out. */
  readonly withoutBaseline: number[];
}

/** Carries a plan into another year: nothing changes but the year and the baselines (no values are carried). */
export function rolloverPlan(plan: Plan, toYear: number, lastValues: ReadonlyMap<number, { readonly value: number }>): Rollover {
  const withoutBaseline: number[] = [];
  const indicators = plan.indicators.map((indicator): Indicator => {
    const { baseline: _previousBaseline, ...rest } = indicator;
    const last = lastValues.get(indicator.id);
    if (last === undefined) {
      withoutBaseline.push(indicator.id);
      return rest;
    }
    return { ...rest, baseline: last.value };
  });
  return { plan: { ...plan, year: toYear, indicators }, withoutBaseline };
}

/** A plan as YAML that `parsePlan` reads back to the same plan, with a comment block on top. */
export function stringifyPlan(plan: Plan, header: readonly string[] = []): string {
  const document = new Document(plan);
  if (header.length > 0) document.commentBefore = header.map((line) => (line === '' ? '' : ` ${line}`)).join('\n');
  return document.toString();
}

import { Document } from 'yaml';
import type { Indicator, Plan, Provenance } from './plan.ts';

export interface Rollover {
  /** Next year's plan: same tree, targets and weights; each baseline is last year's value where reported. */
  readonly plan: Plan;
  /** Indicators with no value last year: their baseline is left out. */
  readonly withoutBaseline: number[];
  /** Whether the plan carried provenance (`fonte`, `ricostruito`, `provenienza`), left out of next year's. */
  readonly droppedProvenance: boolean;
}

/**
 * An entry without its provenance. Next year's plan is a new document of the ente, adopted on its
 * own: «Relazione 2012, § 2.2» is not where a 2013 entry is printed, and a 2012 reconstruction is
 * not a fact about 2013. The entry's content (title, target, weights) carries over for the ente to review.
 */
function withoutProvenance<T extends Provenance>(entry: T): Omit<T, 'fonte' | 'ricostruito'> {
  const { fonte: _fonte, ricostruito: _ricostruito, ...rest } = entry;
  return rest;
}

const hasProvenance = (plan: Plan): boolean =>
  plan.provenienza !== undefined ||
  [...plan.strategic_objectives, ...plan.operational_objectives, ...plan.indicators, ...plan.individual_objectives].some((e) => e.fonte !== undefined || e.ricostruito !== undefined);

/** Carries a plan into another year: nothing changes but the year, the baselines (no values are carried) and the provenance (dropped). */
export function rolloverPlan(plan: Plan, toYear: number, lastValues: ReadonlyMap<number, { readonly value: number }>): Rollover {
  const withoutBaseline: number[] = [];
  const indicators = plan.indicators.map((indicator): Indicator => {
    const { baseline: _previousBaseline, ...rest } = withoutProvenance(indicator);
    const last = lastValues.get(indicator.id);
    if (last === undefined) {
      withoutBaseline.push(indicator.id);
      return rest;
    }
    return { ...rest, baseline: last.value };
  });
  const { provenienza: _provenienza, ...rest } = plan;
  return {
    plan: {
      ...rest,
      year: toYear,
      strategic_objectives: plan.strategic_objectives.map(withoutProvenance),
      operational_objectives: plan.operational_objectives.map(withoutProvenance),
      indicators,
      individual_objectives: plan.individual_objectives.map(withoutProvenance),
    },
    withoutBaseline,
    droppedProvenance: hasProvenance(plan),
  };
}

/** A plan as YAML that `parsePlan` reads back to the same plan, with a comment block on top. */
export function stringifyPlan(plan: Plan, header: readonly string[] = []): string {
  const document = new Document(plan);
  if (header.length > 0) document.commentBefore = header.map((line) => (line === '' ? '' : ` ${line}`)).join('\n');
  return document.toString();
}

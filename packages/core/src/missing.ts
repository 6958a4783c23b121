import { defaultReportPeriod, formatPeriod, romeDateParts, type Indicator, type Period, type Plan } from '@perf/model';
import type { Store } from '@perf/store';
import type { Actor } from './context.ts';

/** Whose indicators: one person's, an Area's (its objectives' and its head's own), or the whole ente's. */
export type MissingScope =
  | { readonly kind: 'person'; readonly person: string }
  | { readonly kind: 'area'; readonly head: string; readonly areas: readonly string[] }
  | { readonly kind: 'ente' };

/** The scope an actor asks about: staff their own, a dirigente their Area, the controllo and OIV the ente. */
export function scopeOf(plan: Plan, actor: Actor): MissingScope {
  if (actor.role === 'staff') return { kind: 'person', person: actor.id };
  if (actor.role === 'dirigente') return { kind: 'area', head: actor.id, areas: plan.areas.filter((a) => a.head === actor.id).map((a) => a.id) };
  return { kind: 'ente' };
}

/** The plan's indicators within a scope. */
export function indicatorsInScope(plan: Plan, scope: MissingScope): Indicator[] {
  if (scope.kind === 'ente') return plan.indicators;
  if (scope.kind === 'person') return plan.indicators.filter((i) => i.owner === scope.person);
  const objectives = new Set(plan.operational_objectives.filter((o) => scope.areas.includes(o.area)).map((o) => o.id));
  return plan.indicators.filter((i) => i.owner === scope.head || objectives.has(i.objective));
}

/**
 * The one rule of "still missing": the indicators of the scope with no value (not superseded) reported
 * for that very period. `reported` holds the indicator ids that have one; callers that already read it
 * pass it, the others use `missingIndicators`.
 */
export function missingAmong(plan: Plan, scope: MissingScope, reported: { has(id: number): boolean }): Indicator[] {
  return indicatorsInScope(plan, scope).filter((i) => !reported.has(i.id));
}

/** The indicators of a scope with no value for `period`, read from the store. */
export async function missingIndicators(store: Store, plan: Plan, scope: MissingScope, period: Period): Promise<Indicator[]> {
  return missingAmong(plan, scope, await store.valuesOfPeriod(plan.ente.code, plan.year, formatPeriod(period)));
}

/**
 * The period "still missing" speaks of when none is named, for every channel and `perf missing`: the
 * one open now, the year's last once the year is over (values may still come in for it), none before
 * the plan's year starts.
 */
export function missingPeriod(plan: Plan, now: Date): Period | undefined {
  return romeDateParts(now).year < plan.year ? undefined : defaultReportPeriod(plan, now);
}

/** What is missing now in a scope: the period of `missingPeriod` and its indicators without a value. */
export async function missingNowIn(store: Store, plan: Plan, scope: MissingScope, now: Date): Promise<{ period: Period; indicators: Indicator[] } | undefined> {
  const period = missingPeriod(plan, now);
  return period === undefined ? undefined : { period, indicators: await missingIndicators(store, plan, scope, period) };
}

/** Missing indicators grouped by their owner, in the plan's order of people. */
export function byOwner(plan: Plan, indicators: readonly Indicator[]): { readonly person: string; readonly name: string; readonly indicators: Indicator[] }[] {
  return plan.people.flatMap((person) => {
    const mine = indicators.filter((i) => i.owner === person.id);
    return mine.length === 0 ? [] : [{ person: person.id, name: person.name, indicators: mine }];
  });
}

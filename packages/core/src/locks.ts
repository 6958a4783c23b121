import { PerfError, type Indicator, type Plan } from '@perf/model';
import { computeStatus, type Grade, type IndicatorStatus, type LatestValue, type StatusReport } from '@perf/scoring';
import type { PeriodLock, Store, ValuesView } from '@perf/store';
import type { Actor } from './context.ts';
import { assertCanOverrideLock } from './permissions.ts';
import { formatDateTime } from './render-text.ts';

/**
 * How a year's values are read: once the year is closed, only what was reported up to its close,
 * plus the late values the controllo accepted with a reason; an open year sees everything.
 */
export async function yearView(store: Store, ente: string, year: number): Promise<ValuesView> {
  const lock = await store.lockCovering(ente, year, String(year));
  return { asOf: lock?.closedAt };
}

/** The latest value of each indicator as the year's view sees it (§4). */
export async function yearValues(store: Store, plan: Plan): Promise<Map<number, { value: number; period: string }>> {
  return store.latestValues(plan.ente.code, plan.year, await yearView(store, plan.ente.code, plan.year));
}

/** The plan's status as the scoring computes it from the values its year's view sees. */
export async function loadYearStatus(store: Store, plan: Plan): Promise<StatusReport> {
  return computeStatus(plan, await yearValues(store, plan));
}

/** What one indicator's report changes, graded as `status` grades the year: the indicator, its objective, the ente. */
export interface StandingGrade {
  readonly grade: IndicatorStatus;
  readonly objective: { readonly id: string; readonly title: string } & Grade;
  readonly overall: Grade;
}

/** The grades of `indicator`, its objective and the ente from the year's latest values (the one rule every reply uses). */
export function standingGrade(plan: Plan, values: ReadonlyMap<number, LatestValue>, indicator: Indicator): StandingGrade {
  const status = computeStatus(plan, values);
  const grade = status.indicators.find((i) => i.id === indicator.id);
  const objective = [...status.operational, ...status.strategic].find((o) => o.id === indicator.objective);
  if (!grade || !objective) throw new PerfError('INTERNAL', 'Errore interno nel calcolo del grado.');
  return { grade, objective: { id: objective.id, title: objective.title, score: objective.score, percent: objective.percent, band: objective.band }, overall: status.overall };
}

export const LATE_VALUE_FORM = 'report <indicatore> value=<valore> period=<periodo> motivo="<perché il valore arriva dopo la chiusura>" (dalla riga di comando: --motivo "...")';

/**
 * What a report needs to be stored in `period`: nothing while the period is open; once it is closed,
 * a reason and an authoriser who may accept a late value (the controllo). Throws PERIOD_LOCKED or
 * PERMISSION_DENIED otherwise, before anything is stored.
 */
export function lateValueOverride(lock: PeriodLock | undefined, reason: string | undefined, authoriser: Actor, period: string): { reason: string; by: string } | undefined {
  if (lock === undefined) return undefined;
  const closed = lock.period === period ? `Il periodo ${period} è chiuso` : `Il periodo ${period} è chiuso con l'anno ${lock.period}`;
  if (reason === undefined || reason.trim() === '') {
    throw new PerfError('PERIOD_LOCKED', `${closed} (da ${lock.closedBy} il ${formatDateTime(lock.closedAt)}): non accetta più valori, nulla è stato registrato.`, {
      hint: `Un valore fuori termine lo registra solo il controllo di gestione, con il motivo. Forma corretta: ${LATE_VALUE_FORM}`,
    });
  }
  assertCanOverrideLock(authoriser, period);
  return { reason: reason.trim(), by: authoriser.id };
}

import { comparePeriods, periodEnd, periodOfMonth, periodsOfYear, readPeriod, romeDateParts, type Period, type Plan } from '@perf/model';
import { computeStatus, type LatestValue, type StatusReport } from '@perf/scoring';
import type { Store } from '@perf/store';

/** The sub-period most recently closed at `now` (the year's last once the year is over), if any. */
export function lastClosedPeriod(plan: Plan, now: Date): Period | undefined {
  const closed = periodsOfYear(plan.year, plan.monitoring).filter((p) => periodEnd(p).getTime() <= now.getTime());
  return closed[closed.length - 1];
}

/** The sub-period open at `now`, if `now` falls within the plan's year. */
export function openPeriod(plan: Plan, now: Date): Period | undefined {
  const today = romeDateParts(now);
  return today.year === plan.year ? periodOfMonth(today.year, today.month, plan.monitoring) : undefined;
}

/** The status as it stood at the close of a period: only values of that period and earlier count. */
export async function statusAtPeriod(store: Store, plan: Plan, period: Period): Promise<StatusReport> {
  const latest = new Map<number, LatestValue>();
  for (const r of await store.history(plan.ente.code, plan.year)) {
    if (r.superseded || comparePeriods(readPeriod(r.period), period) > 0) continue;
    const current = latest.get(r.indicator);
    if (current === undefined || comparePeriods(readPeriod(r.period), readPeriod(current.period)) >= 0) latest.set(r.indicator, { value: r.value, period: r.period });
  }
  return computeStatus(plan, latest);
}

import { formatPeriod, italianPeriodName, periodEnd, type Period, type Plan } from '@perf/model';
import type { Grade, StatusReport } from '@perf/scoring';
import type { Store } from '@perf/store';
import { noticesDue, type PersonNotice } from './cycle-notices.ts';
import { missingAmong, missingIndicators } from './missing.ts';
import { lastClosedPeriod, openPeriod, statusAtPeriod } from './period-status.ts';

export interface BandChange {
  readonly id: string;
  readonly title: string;
  readonly from: Grade;
  readonly to: Grade;
}

/** What the channel is told after a period closes. */
export interface PeriodSummary {
  readonly ente: string;
  readonly enteName: string;
  readonly year: number;
  readonly period: string;
  readonly periodName: string;
  readonly status: StatusReport;
  readonly previousOverall: Grade | undefined;
  /** Strategic objectives whose band changed since the previous period's close. */
  readonly changes: BandChange[];
  /** Indicators with no value reported for this period, with their owners. */
  readonly missing: { readonly id: number; readonly name: string; readonly owner: string }[];
}

export async function periodSummary(store: Store, plan: Plan, period: Period): Promise<PeriodSummary> {
  const status = await statusAtPeriod(store, plan, period);
  const previousPeriod = period.kind === 'Y' || period.index <= 1 ? undefined : { ...period, index: period.index - 1 };
  const previous = previousPeriod === undefined ? undefined : await statusAtPeriod(store, plan, previousPeriod);
  const changes: BandChange[] = previous === undefined ? [] : status.strategic.flatMap((objective) => {
    const before = previous.strategic.find((o) => o.id === objective.id);
    return before && before.band !== objective.band ? [{ id: objective.id, title: objective.title, from: before, to: objective }] : [];
  });
  const missing = await missingIndicators(store, plan, { kind: 'ente' }, period);
  return {
    ente: plan.ente.code, enteName: plan.ente.name, year: plan.year, period: formatPeriod(period), periodName: italianPeriodName(period),
    status, previousOverall: previous?.overall, changes,
    missing: missing.map((i) => ({ id: i.id, name: i.name, owner: i.owner })),
  };
}

export interface Reminder {
  readonly ente: string;
  readonly year: number;
  readonly period: string;
  readonly periodName: string;
  readonly closesAt: Date;
  readonly person: Plan['people'][number];
  readonly indicators: Plan['indicators'];
}

/** Owners with indicators still missing for the open period, once it is within `days` of closing. */
export async function remindersDue(store: Store, plan: Plan, now: Date, days: number): Promise<Reminder[]> {
  const period = openPeriod(plan, now);
  if (period === undefined) return [];
  const closesAt = periodEnd(period);
  if (closesAt.getTime() - now.getTime() > days * 86_400_000) return [];
  // A period the controllo closed early takes no more values: nobody is reminded of it.
  if (await store.lockCovering(plan.ente.code, plan.year, formatPeriod(period))) return [];
  const reported = await store.valuesOfPeriod(plan.ente.code, plan.year, formatPeriod(period));
  return plan.people.flatMap((person) => {
    const missing = missingAmong(plan, { kind: 'person', person: person.id }, reported);
    return missing.length === 0 ? [] : [{ ente: plan.ente.code, year: plan.year, period: formatPeriod(period), periodName: italianPeriodName(period), closesAt, person, indicators: missing }];
  });
}

export interface CycleHandlers {
  /** Posts a period's summary; throwing gives the claim back so the next check retries. */
  readonly postSummary?: (summary: PeriodSummary) => Promise<void>;
  readonly sendReminder?: (reminder: Reminder) => Promise<void>;
  /** A direct message to one person (see `PersonNotice`); throwing gives the claim back. */
  readonly sendNotice?: (notice: PersonNotice) => Promise<void>;
}

export interface CycleOutcome {
  readonly summaries: string[];
  readonly reminders: string[];
  readonly notices: string[];
  readonly failures: string[];
}

/**
 * The periodic job of a chat app: for every plan, the summary of the most recently closed period
 * (never an older one late) and the reminders due, each claimed in the database first so that it
 * goes out exactly once across restarts and instances. `target` names the summary's destination.
 */
export async function runCycleChecks(store: Store, now: Date, options: { target: string; reminderDays: number; app: string }, handlers: CycleHandlers): Promise<CycleOutcome> {
  const outcome: CycleOutcome = { summaries: [], reminders: [], notices: [], failures: [] };
  for (const ref of await store.listPlans()) {
    const plan = await store.getPlan(ref.ente, ref.year);
    if (!plan) continue;
    const closed = lastClosedPeriod(plan, now);
    if (closed && handlers.postSummary) {
      const period = formatPeriod(closed);
      if (await store.claimNotification(`summary:${options.app}`, plan.ente.code, plan.year, period, options.target, now)) {
        try {
          await handlers.postSummary(await periodSummary(store, plan, closed));
          outcome.summaries.push(`${plan.ente.code} ${period}`);
        } catch (error) {
          await store.releaseNotification(`summary:${options.app}`, plan.ente.code, plan.year, period, options.target);
          outcome.failures.push(`riepilogo ${plan.ente.code} ${period}: ${(error as Error).message}`);
        }
      }
    }
    if (handlers.sendNotice) await sendNotices(store, plan, now, options.app, handlers.sendNotice, outcome);
    if (!handlers.sendReminder) continue;
    for (const reminder of await remindersDue(store, plan, now, options.reminderDays)) {
      if (!(await store.claimNotification(`reminder:${options.app}`, reminder.ente, reminder.year, reminder.period, reminder.person.id, now))) continue;
      try {
        await handlers.sendReminder(reminder);
        outcome.reminders.push(`${reminder.person.id} ${reminder.period}`);
      } catch (error) {
        await store.releaseNotification(`reminder:${options.app}`, reminder.ente, reminder.year, reminder.period, reminder.person.id);
        outcome.failures.push(`sollecito ${reminder.person.id} ${reminder.period}: ${(error as Error).message}`);
      }
    }
  }
  return outcome;
}

/** The notices due for a plan, each claimed once per person before it is sent. */
async function sendNotices(store: Store, plan: Plan, now: Date, app: string, send: (notice: PersonNotice) => Promise<void>, outcome: CycleOutcome): Promise<void> {
  for (const notice of await noticesDue(store, plan, now)) {
    if (!(await store.claimNotification(`notice:${app}`, notice.ente, notice.year, notice.key, notice.person.id, now))) continue;
    try {
      await send(notice);
      outcome.notices.push(`${notice.person.id} ${notice.key}`);
    } catch (error) {
      await store.releaseNotification(`notice:${app}`, notice.ente, notice.year, notice.key, notice.person.id);
      outcome.failures.push(`avviso ${notice.key} a ${notice.person.id}: ${(error as Error).message}`);
    }
  }
}

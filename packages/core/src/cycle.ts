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
    const once = (claim: Claim, send: () => Promise<void>) => deliverOnce(store, now, options.app, { ...claim, ente: plan.ente.code, year: plan.year }, send, outcome);
    if (closed && handlers.postSummary) {
      const { postSummary } = handlers;
      const period = formatPeriod(closed);
      await once({ kind: 'summary', period, target: options.target, sent: outcome.summaries, label: `${plan.ente.code} ${period}`, what: `riepilogo ${plan.ente.code} ${period}` },
        async () => postSummary(await periodSummary(store, plan, closed)));
    }
    if (handlers.sendNotice) {
      const { sendNotice } = handlers;
      for (const notice of await noticesDue(store, plan, now)) {
        await once({ kind: 'notice', period: notice.key, target: notice.person.id, sent: outcome.notices, label: `${notice.person.id} ${notice.key}`, what: `avviso ${notice.key} a ${notice.person.id}` },
          () => sendNotice(notice));
      }
    }
    if (handlers.sendReminder) {
      const { sendReminder } = handlers;
      for (const reminder of await remindersDue(store, plan, now, options.reminderDays)) {
        await once({ kind: 'reminder', period: reminder.period, target: reminder.person.id, sent: outcome.reminders, label: `${reminder.person.id} ${reminder.period}`, what: `sollecito ${reminder.person.id} ${reminder.period}` },
          () => sendReminder(reminder));
      }
    }
  }
  return outcome;
}

/** One notification of a plan's period (or notice key) to one target: the list it is counted in once sent, and how it is named. */
interface Claim {
  readonly kind: 'summary' | 'reminder' | 'notice';
  readonly period: string;
  readonly target: string;
  readonly sent: string[];
  readonly label: string;
  readonly what: string;
}

/** Claims the notification in the database, then sends it; a failed send gives the claim back, so a later round retries it. */
async function deliverOnce(store: Store, now: Date, app: string, claim: Claim & { readonly ente: string; readonly year: number }, send: () => Promise<void>, outcome: CycleOutcome): Promise<void> {
  const kind = `${claim.kind}:${app}`;
  if (!(await store.claimNotification(kind, claim.ente, claim.year, claim.period, claim.target, now))) return;
  try {
    await send();
    claim.sent.push(claim.label);
  } catch (error) {
    await store.releaseNotification(kind, claim.ente, claim.year, claim.period, claim.target);
    outcome.failures.push(`${claim.what}: ${(error as Error).message}`);
  }
}

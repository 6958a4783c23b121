import { formatPeriod, italianPeriodName, periodEnd, readPeriod, type Period, type Person, type Plan } from '@perf/model';
import type { OperationalStatus } from '@perf/scoring';
import type { Store } from '@perf/store';
import { lastClosedPeriod, statusAtPeriod } from './period-status.ts';

/** What a notice asks or reminds of (its text: `renderNoticeText`). */
export type NoticeSubject =
  /** After a period closes: the dirigente's yellow and red operational objectives, for their causes and corrective actions. */
  | { readonly kind: 'gaps'; readonly period: string; readonly periodName: string; readonly area: string; readonly objectives: readonly OperationalStatus[] }
  /** The controllo, from 30 days before 30 June until the Giunta adopts the Relazione. */
  | { readonly kind: 'adoption'; readonly deadline: Date; readonly late: boolean }
  /** After the adoption: the controllo publishes it in Amministrazione trasparente. */
  | { readonly kind: 'publication'; readonly delibera: string }
  /** After the adoption: the OIV validates it. */
  | { readonly kind: 'validation'; readonly delibera: string };

/** A message the cycle owes one person once; `key` identifies it, so it is claimed and sent once. */
export interface PersonNotice {
  readonly ente: string;
  readonly year: number;
  readonly key: string;
  readonly person: Person;
  readonly subject: NoticeSubject;
}

/** Reminders of the Relazione's adoption start this many days before the deadline. */
export const ADOPTION_NOTICE_DAYS = 30;
/** A notice is due for this long after what it is about (a period's end, the deadline), never for a cycle long past. */
const DAY_MS = 86_400_000;
const NOTICE_WINDOW_MS = 92 * DAY_MS;

/** Art. 10 c. 1 lett. b d.lgs. 150/2009: the Relazione of year Y is adopted by 30 June Y+1 (end of the day, Rome). */
export function adoptionDeadline(year: number): Date {
  return new Date(Date.UTC(year + 1, 5, 30, 21, 59, 59));
}

/** The dirigente of each Area with yellow or red operational objectives at the close of `period`. */
async function gapNotices(store: Store, plan: Plan, period: Period, now: Date): Promise<PersonNotice[]> {
  if (now.getTime() - periodEnd(period).getTime() > NOTICE_WINDOW_MS) return [];
  const status = await statusAtPeriod(store, plan, period);
  const code = formatPeriod(period);
  return plan.areas.flatMap((area) => {
    const head = plan.people.find((p) => p.id === area.head);
    const objectives = status.operational.filter((o) => o.area === area.id && (o.band === 'yellow' || o.band === 'red'));
    if (head === undefined || objectives.length === 0) return [];
    return [{
      ente: plan.ente.code, year: plan.year, key: `scostamenti ${code} ${area.id}`, person: head,
      subject: { kind: 'gaps', period: code, periodName: italianPeriodName(period), area: area.name, objectives },
    }];
  });
}

/** Once the year is over: the adoption by 30 June for the controllo; after it, publication (controllo) and validation (OIV). */
async function relazioneNotices(store: Store, plan: Plan, now: Date): Promise<PersonNotice[]> {
  const deadline = adoptionDeadline(plan.year);
  const yearOver = now.getTime() >= periodEnd(readPeriod(String(plan.year))).getTime();
  if (!yearOver || now.getTime() - deadline.getTime() > NOTICE_WINDOW_MS) return [];
  const to = (role: Person['role'], key: string, subject: NoticeSubject): PersonNotice[] =>
    plan.people.filter((p) => p.role === role).map((person) => ({ ente: plan.ente.code, year: plan.year, key, person, subject }));
  const adoption = await store.relazione.adoption(plan.ente.code, plan.year, false);
  if (adoption === undefined) {
    if (deadline.getTime() - now.getTime() > ADOPTION_NOTICE_DAYS * DAY_MS) return [];
    const late = now.getTime() > deadline.getTime();
    // A second reminder once the deadline has passed, if the adoption is still missing.
    return to('controllo', late ? 'adozione scaduta' : 'adozione', { kind: 'adoption', deadline, late });
  }
  const validated = await store.relazione.validation(plan.ente.code, plan.year);
  return [
    ...to('controllo', 'pubblicazione', { kind: 'publication', delibera: adoption.delibera }),
    ...(validated === undefined ? to('oiv', 'validazione', { kind: 'validation', delibera: adoption.delibera }) : []),
  ];
}

/** Every notice due at `now` for a plan (each still to be claimed before it is sent). */
export async function noticesDue(store: Store, plan: Plan, now: Date): Promise<PersonNotice[]> {
  const closed = lastClosedPeriod(plan, now);
  return [...(closed === undefined ? [] : await gapNotices(store, plan, closed, now)), ...(await relazioneNotices(store, plan, now))];
}

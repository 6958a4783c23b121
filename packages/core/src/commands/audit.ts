import { PerfError, type Indicator } from '@perf/model';
import type { AuditEntry, PeriodLock, Rilevazione } from '@perf/store';
import { resolveActor, resolvePlan, type CommandContext } from '../context.ts';
import { assertCanReadAudit } from '../permissions.ts';
import { planLabel, type PlanLabel } from '../replies.ts';
import { shortList } from './report.ts';

/** A rilevazione as the OIV reads it: with the value it replaced, if any. */
export interface AuditRilevazione extends Rilevazione {
  readonly replaces: { readonly id: number; readonly value: number; readonly reportedBy: string; readonly reportedAt: Date } | null;
}

export interface AuditTrail {
  readonly plan: PlanLabel;
  readonly indicator: number | undefined;
  /** Every rilevazione of the year (of one indicator when asked), superseded ones and late ones included. */
  readonly rilevazioni: AuditRilevazione[];
  /** Plan imports, period closes, values imports and document imports of the ente and year, from the audit log. */
  readonly events: AuditEntry[];
  readonly locks: PeriodLock[];
  /** The plan's indicators, to show values with their units. */
  readonly definitions: Indicator[];
}

/** The OIV's read-only view of a year: who reported what, when, through which channel, and what changed. */
export async function auditTrail(request: { readonly indicator?: number | undefined }, context: CommandContext): Promise<AuditTrail> {
  const plan = await resolvePlan(context);
  assertCanReadAudit(resolveActor(plan, context.identity));
  const [history, log, locks] = await Promise.all([
    context.store.history(plan.ente.code, plan.year, request.indicator),
    context.store.auditLog({ ente: plan.ente.code, year: plan.year }),
    context.store.periodLocks({ ente: plan.ente.code, year: plan.year }),
  ]);
  if (request.indicator !== undefined && history.length === 0 && !plan.indicators.some((i) => i.id === request.indicator)) {
    throw new PerfError('INDICATOR_UNKNOWN', `L'indicatore ${request.indicator} non esiste nel Piano ${plan.ente.code} ${plan.year}.`, {
      hint: `Indicatori del Piano: ${shortList(plan.indicators.map((i) => i.id))}. Forma corretta: pnpm perf audit [--indicator <n>] [--year <AAAA>] [--json]`,
    });
  }
  const byId = new Map(history.map((r) => [r.id, r]));
  return {
    plan: planLabel(plan),
    indicator: request.indicator,
    rilevazioni: history.map((r) => {
      const replaced = r.supersedes === null ? undefined : byId.get(r.supersedes);
      return { ...r, replaces: replaced ? { id: replaced.id, value: replaced.value, reportedBy: replaced.reportedBy, reportedAt: replaced.reportedAt } : null };
    }),
    events: log.filter((e) => e.action !== 'rilevazione.add'),
    locks,
    definitions: plan.indicators,
  };
}

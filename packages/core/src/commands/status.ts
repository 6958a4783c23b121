import { PerfError, type Plan } from '@perf/model';
import { computeStatus, type IndicatorStatus, type StatusReport } from '@perf/scoring';
import { resolveActor, resolvePlan, type Actor, type CommandContext } from '../context.ts';
import { assertCanSeeIndicator, assertCanSeeObjective, visibleObjectiveIds } from '../permissions.ts';
import { planLabel, type StatusReply } from '../replies.ts';
import { defineCommand } from './command.ts';

export const STATUS_FORM = 'status [me | <obiettivo> | <indicatore>]';

export type StatusTarget = { readonly kind: 'ente' } | { readonly kind: 'me' } | { readonly kind: 'item'; readonly text: string };

export function parseStatusArgs(args: readonly string[]): StatusTarget {
  if (args.length > 1) {
    throw new PerfError('COMMAND_INVALID', `Troppe parole dopo "status": ${args.join(' ')}.`, { hint: `Forma corretta: ${STATUS_FORM}, ad esempio: status 05 oppure status me` });
  }
  const [target] = args;
  if (target === undefined) return { kind: 'ente' };
  if (/^(me|io|miei)$/i.test(target)) return { kind: 'me' };
  return { kind: 'item', text: target };
}

/** The plan's status as the scoring computes it from the stored values. */
export async function loadStatus(context: CommandContext, plan: Plan): Promise<StatusReport> {
  return computeStatus(plan, await context.store.latestValues(plan.ente.code, plan.year));
}

/** Missing indicators first, then by id: what a person still has to report stands out. */
export function missingFirst(indicators: readonly IndicatorStatus[]): IndicatorStatus[] {
  return [...indicators].sort((a, b) => Number(a.value !== null) - Number(b.value !== null) || a.id - b.id);
}

function personalStatus(plan: Plan, report: StatusReport, actor: Actor): StatusReply {
  const visible = visibleObjectiveIds(plan, { ...actor, role: 'staff' });
  return {
    kind: 'status', scope: 'me', plan: planLabel(plan), person: actor.name,
    indicators: missingFirst(report.indicators.filter((i) => i.owner === actor.id)),
    definitions: plan.indicators.filter((i) => i.owner === actor.id),
    objectives: [...report.strategic, ...report.operational].filter((o) => visible !== 'all' && visible.has(o.id)),
  };
}

export async function statusOf(target: StatusTarget, context: CommandContext): Promise<StatusReply> {
  const plan = await resolvePlan(context);
  const actor = resolveActor(plan, context.identity);
  const report = await loadStatus(context, plan);
  const label = planLabel(plan);
  if (target.kind === 'me' || (target.kind === 'ente' && actor.role === 'staff')) {
    if (actor.person === undefined) {
      throw new PerfError('PERSON_REQUIRED', '"status me" mostra gli indicatori di una persona del Piano.', { hint: 'Dalla riga di comando: pnpm perf status me --as <id persona>.' });
    }
    return personalStatus(plan, report, actor);
  }
  if (target.kind === 'ente') return { kind: 'status', scope: 'ente', plan: label, report };

  const text = target.text;
  const objective = [...report.strategic, ...report.operational].find((o) => o.id === text);
  if (objective && !text.startsWith('#')) {
    assertCanSeeObjective(plan, actor, objective.id);
    return {
      kind: 'status', scope: 'objective', plan: label, objective,
      operational: report.operational.filter((o) => o.strategic === objective.id),
      indicators: report.indicators.filter((i) => i.objective === objective.id),
      definitions: plan.indicators.filter((i) => i.objective === objective.id),
    };
  }
  const indicatorId = /^#?\d+$/.test(text) ? Number(text.replace('#', '')) : undefined;
  const indicator = report.indicators.find((i) => i.id === indicatorId);
  const definition = plan.indicators.find((i) => i.id === indicatorId);
  if (!indicator || !definition) {
    throw new PerfError('TARGET_UNKNOWN', `"${text}" non è né un obiettivo né un indicatore del Piano ${plan.ente.code} ${plan.year}.`, {
      hint: `Forma corretta: ${STATUS_FORM}. Obiettivi strategici: ${report.strategic.map((s) => s.id).join(', ')}.`,
    });
  }
  assertCanSeeIndicator(actor, definition);
  return { kind: 'status', scope: 'indicator', plan: label, indicator, definition, history: await context.store.history(plan.ente.code, plan.year, definition.id) };
}

export const statusCommand = defineCommand<StatusTarget>({
  name: 'status',
  aliases: ['stato'],
  usage: STATUS_FORM,
  description: "Grado di raggiungimento dell'ente, dei tuoi indicatori (me), di un obiettivo o di un indicatore (#12 se il numero è anche un obiettivo).",
  examples: ['status', 'status me', 'status 05', 'status #12'],
  parse: parseStatusArgs,
  execute: statusOf,
});

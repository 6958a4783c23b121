import { PerfError, type Plan } from '@perf/model';
import type { Grade, IndicatorStatus, StatusReport } from '@perf/scoring';
import { resolveActor, resolvePlan, type Actor, type CommandContext } from '../context.ts';
import { loadYearStatus } from '../locks.ts';
import { assertCanSeeEnte, assertCanSeeIndicator, assertCanSeeObjective, visibleObjectiveIds } from '../permissions.ts';
import { planLabel, type GradeComparison, type StatusComparison, type StatusReply } from '../replies.ts';
import { ALL_ROLES, defineCommand } from './command.ts';
import { field, optionalText, yearCheck } from './fields.ts';

export const STATUS_FORM = 'status [me | <obiettivo> | <indicatore>] [confronta=<anno>]';

export type StatusTarget = ({ readonly kind: 'ente' } | { readonly kind: 'me' } | { readonly kind: 'item'; readonly text: string }) & {
  /** `confronta=2012` (`--compare 2012` in the CLI): the ente's objectives beside the same ones in that year. */
  readonly compare?: number | undefined;
};

function statusInput(p: Readonly<Record<string, unknown>>): StatusTarget {
  const target = p.target as string | undefined;
  const compareText = p.confronta as string | undefined;
  if (compareText !== undefined && target !== undefined) {
    throw new PerfError('COMMAND_INVALID', 'Il confronto tra anni vale per lo stato dell\'ente, non per un obiettivo o un indicatore.', { hint: 'Forma corretta: status confronta=2012 (dalla riga di comando: pnpm perf status --compare 2012).', field: 'confronta' });
  }
  const compare = compareText === undefined ? {} : { compare: Number(compareText) };
  if (target === undefined) return { kind: 'ente', ...compare };
  if (/^(me|io|miei)$/i.test(target)) return { kind: 'me' };
  return { kind: 'item', text: target };
}

/** The plan's status from the values its year's view sees (a closed year: as it stood at the close, plus late values). */
export async function loadStatus(context: CommandContext, plan: Plan): Promise<StatusReport> {
  return loadYearStatus(context.store, plan);
}

/**
 * Each strategic and operational objective of this year beside the objective with the same id in the
 * other year; objectives present in one year only have `null` on the other side (listed after).
 */
export function compareStatus(current: StatusReport, other: StatusReport): StatusComparison {
  const pair = <T extends Grade & { id: string; title: string }>(mine: readonly T[], theirs: readonly T[], extra: (item: T) => Partial<GradeComparison>): GradeComparison[] => {
    const theirsById = new Map(theirs.map((o) => [o.id, o]));
    const mineIds = new Set(mine.map((o) => o.id));
    return [
      ...mine.map((o) => { const t = theirsById.get(o.id); return { id: o.id, title: o.title, ...extra(o), current: gradeOnly(o), other: t ? gradeOnly(t) : null }; }),
      ...theirs.filter((o) => !mineIds.has(o.id)).map((o) => ({ id: o.id, title: o.title, ...extra(o), current: null, other: gradeOnly(o) })),
    ];
  };
  return {
    year: other.year,
    overall: { current: gradeOnly(current.overall), other: gradeOnly(other.overall) },
    strategic: pair(current.strategic, other.strategic, () => ({})),
    operational: pair(current.operational, other.operational, (o) => ({ strategic: o.strategic })),
  };
}

function gradeOnly(grade: Grade): Grade {
  return { score: grade.score, percent: grade.percent, band: grade.band };
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
  if (target.compare !== undefined) assertCanSeeEnte(actor);
  if (target.kind === 'me' || (target.kind === 'ente' && actor.role === 'staff')) {
    if (actor.person === undefined) {
      throw new PerfError('PERSON_REQUIRED', '"status me" mostra gli indicatori di una persona del Piano.', { hint: 'Dalla riga di comando: pnpm perf status me --as <id persona>.' });
    }
    return personalStatus(plan, report, actor);
  }
  if (target.kind === 'ente') {
    if (target.compare === undefined) return { kind: 'status', scope: 'ente', plan: label, report };
    if (target.compare === plan.year) {
      throw new PerfError('COMMAND_INVALID', `Il confronto va fatto con un altro anno (lo stato mostrato è già del ${plan.year}).`, { hint: `Forma corretta: pnpm perf status --year ${plan.year} --compare ${plan.year - 1}.` });
    }
    const otherPlan = await resolvePlan({ ...context, ente: plan.ente.code }, target.compare);
    return { kind: 'status', scope: 'ente', plan: label, report, compare: compareStatus(report, await loadStatus(context, otherPlan)) };
  }

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

export const statusCommand = defineCommand<StatusTarget, StatusReply>({
  name: 'status',
  aliases: ['stato'],
  reach: 'all',
  access: 'person',
  roles: ALL_ROLES,
  fields: {
    target: field('text', optionalText(), 'me (i tuoi indicatori), un obiettivo (05, 04.3) o un indicatore (#12 se il numero è anche un obiettivo)', 'me | <obiettivo> | <indicatore>', { positional: true }),
    confronta: field('year', optionalText(yearCheck('confronta=')), "affianca a ogni obiettivo il grado dello stesso obiettivo nell'altro anno", '<anno>', { keys: ['confronta', 'compare'], option: 'compare' }),
  },
  input: statusInput,
  slow: false,
  json: true,
  summary: "grado di raggiungimento dell'ente, dei tuoi indicatori (me), di un obiettivo o di un indicatore",
  help: "Senza --year: il Piano dell'anno corrente o, se assente, il più recente. --json stampa l'oggetto del contratto (§7).\n--compare <AAAA> affianca al grado di ogni obiettivo strategico e operativo quello dello stesso obiettivo (stesso id) nell'altro anno (\"—\" dove manca); in --json è il membro \"compare\".\nUn anno chiuso mostra i dati alla chiusura, più i valori fuori termine accettati con motivo.",
  examples: ['', 'me', '05', '#12', 'confronta=2012'],
  execute: (input, { context }) => statusOf(input, context),
});

import type { Grade } from '@perf/scoring';
import { resolveActor, resolvePlan, type CommandContext } from '../context.ts';
import { loadYearStatus } from '../locks.ts';
import { assertCanExport } from '../permissions.ts';
import { BAND_LABELS } from '@perf/scoring';
import { planLabel, type PlanLabel } from '../replies.ts';

/** A cell of an exported table: numbers stay numbers, instants stay instants (the writer formats them). */
export type Cell = string | number | Date | null;

export interface Sheet {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export interface StatusExport {
  readonly plan: PlanLabel;
  /** "Stato" (ente, objectives and indicators with their grades) and "Rilevazioni" (every one, superseded included). */
  readonly sheets: readonly [Sheet, Sheet];
}

const STATUS_COLUMNS = [
  'livello', 'id', 'descrizione', 'appartiene a', 'area', 'responsabile', 'peso', 'direzione', 'unità', 'target', 'baseline',
  'valore', 'periodo', 'punteggio', 'grado %', 'fascia',
] as const;

const RILEVAZIONI_COLUMNS = [
  'id', 'indicatore', 'periodo', 'valore', 'valore digitato', 'nota', 'persona', 'registrato il (UTC)', 'canale',
  'sostituisce', 'sostituito', 'motivo fuori termine', 'accettato da',
] as const;

const DIRECTION = { higher: 'più è meglio', lower: 'meno è meglio', boolean: 'sì/no' } as const;

function gradeCells(grade: Grade): Cell[] {
  return [grade.score, grade.percent, grade.band === null ? null : BAND_LABELS[grade.band]];
}

/**
 * The year's status and every rilevazione as two tables, for a spreadsheet. Whoever sees the whole
 * ente may export it (not the staff). A closed year is exported as it stood at its close, plus late values.
 */
export async function statusExport(context: CommandContext): Promise<StatusExport> {
  const plan = await resolvePlan(context);
  assertCanExport(resolveActor(plan, context.identity));
  const status = await loadYearStatus(context.store, plan);
  const history = await context.store.history(plan.ente.code, plan.year);
  const empty = (n: number): Cell[] => Array.from({ length: n }, () => null);
  const rows: Cell[][] = [
    ['ente', plan.ente.code, plan.ente.name, null, null, null, null, ...empty(6), ...gradeCells(status.overall)],
    ...status.strategic.map((o) => {
      const def = plan.strategic_objectives.find((s) => s.id === o.id);
      return ['obiettivo strategico', o.id, o.title, null, null, null, def?.weight ?? null, ...empty(6), ...gradeCells(o)];
    }),
    ...status.operational.map((o) => {
      const def = plan.operational_objectives.find((s) => s.id === o.id);
      return ['obiettivo operativo', o.id, o.title, o.strategic, o.area, null, def?.weight ?? null, ...empty(6), ...gradeCells(o)];
    }),
    ...status.indicators.map((i) => {
      const def = plan.indicators.find((d) => d.id === i.id);
      return [
        'indicatore', i.id, i.name, i.objective, null, i.owner, def?.weight ?? null, def ? DIRECTION[def.direction] : null, def?.unit ?? null,
        def?.target ?? null, def?.baseline ?? null, i.value, i.period, ...gradeCells(i),
      ];
    }),
  ];
  const rilevazioni: Cell[][] = history.map((r) => [
    r.id, r.indicator, r.period, r.value, r.rawValue, r.note, r.reportedBy, r.reportedAt, r.channel,
    r.supersedes, r.superseded ? 'sì' : 'no', r.overrideReason, r.overrideBy,
  ]);
  return {
    plan: planLabel(plan),
    sheets: [{ name: 'Stato', columns: STATUS_COLUMNS, rows }, { name: 'Rilevazioni', columns: RILEVAZIONI_COLUMNS, rows: rilevazioni }],
  };
}

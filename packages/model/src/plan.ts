import * as z from 'zod';
import { CHAT_APPS, CHAT_ID_FIELDS } from './channels.ts';
import { PerfError } from './errors.ts';
import { countErrors, parseYamlWith, validateDocument, type InvalidDocument } from './documents.ts';

const id = z.string().trim().min(1);
/** YAML reads `01` as the number 1: ids of objectives are always kept as written, as text. */
const objectiveId = z.union([z.string().trim().min(1), z.number()]).transform((v) => String(v));
const weight = z.number().nonnegative().default(1);
const text = z.string();

/**
 * Where a plan entry comes from (issue 17): the document that prints it, and whether it is
 * reconstructed (its source does not print it). Optional sibling fields, so that a plan without
 * them reads as before; the Relazione marks a reconstructed entry with † and says so on its cover.
 */
const PROVENANCE_FIELDS = {
  /** The document the entry is taken from, as a reader can look it up (e.g. «Relazione sulla Performance 2012, p. 12»). */
  fonte: z.string().trim().min(1, 'la fonte non può essere vuota: togli la chiave o scrivi il documento di origine').optional(),
  /** True when the source does not print the entry (or, for an indicator, its target, weight, unit and owner). */
  ricostruito: z.boolean().optional(),
};
export const ProvenanceSchema = z.strictObject(PROVENANCE_FIELDS);
/** The provenance of the plan's free texts, which are plain strings and have no room for a sibling field. */
export const TextProvenanceSchema = z.strictObject({
  mandate: ProvenanceSchema.optional(),
  mission: ProvenanceSchema.optional(),
  vision: ProvenanceSchema.optional(),
});

export const RoleSchema = z.enum(['staff', 'dirigente', 'controllo', 'oiv']);
export const MonitoringSchema = z.enum(['quarterly', 'four-monthly']);
export const DirectionSchema = z.enum(['higher', 'lower', 'boolean']);

export const EnteSchema = z.strictObject({
  code: id,
  name: id,
  /** Who signs the Relazione's Presentazione for the ente (e.g. «Rag. Norberto Ricci»); the controllo when absent. */
  presidente: text.optional(),
  /** The Segretario Generale, who signs the Relazione beside the Presidente at its end (e.g. «Dott. Alessandro Beverini»). */
  segretario_generale: text.optional(),
});
export const PerspectiveSchema = z.strictObject({ id, name: id, description: text.optional() });
export const LineSchema = z.strictObject({ id, name: id, description: text.optional() });
export const AreaSchema = z.strictObject({ id, name: id, head: id });
export const PersonSchema = z.strictObject({
  id,
  name: id,
  role: RoleSchema,
  email: text.optional(),
  ...CHAT_ID_FIELDS,
});
export const StrategicObjectiveSchema = z.strictObject({
  id: objectiveId,
  title: id,
  perspective: id,
  line: id,
  weight,
  budget: z.number().nonnegative().optional(),
  services: z.array(id).default([]),
  impact: text.optional(),
  ...PROVENANCE_FIELDS,
});
export const OperationalObjectiveSchema = z.strictObject({
  id: objectiveId,
  strategic: objectiveId,
  area: id,
  title: id,
  weight,
  ...PROVENANCE_FIELDS,
});
export const IndicatorSchema = z.strictObject({
  id: z.number().int().positive(),
  objective: objectiveId,
  name: id,
  unit: text.optional(),
  direction: DirectionSchema,
  target: z.number(),
  weight,
  owner: id,
  baseline: z.number().optional(),
  /** The lowest and highest value the indicator can have (0 and 100 for a share in percent): a report outside is refused. */
  min: z.number().optional(),
  max: z.number().optional(),
  formula: text.optional(),
  /** Where the indicator's values are measured (a register, a survey): not the provenance of the entry, which is `fonte`. */
  source: text.optional(),
  ...PROVENANCE_FIELDS,
});
export const IndividualObjectiveSchema = z.strictObject({
  person: id,
  objectives: z.array(z.strictObject({ ref: objectiveId, weight })).min(1),
  ...PROVENANCE_FIELDS,
});

export const PlanSchema = z.strictObject({
  ente: EnteSchema,
  year: z.number().int().min(2000).max(2100),
  monitoring: MonitoringSchema.default('quarterly'),
  mandate: text.optional(),
  mission: text.optional(),
  vision: text.optional(),
  provenienza: TextProvenanceSchema.optional(),
  perspectives: z.array(PerspectiveSchema).min(1),
  lines: z.array(LineSchema).default([]),
  areas: z.array(AreaSchema).default([]),
  people: z.array(PersonSchema).default([]),
  strategic_objectives: z.array(StrategicObjectiveSchema).min(1),
  operational_objectives: z.array(OperationalObjectiveSchema).default([]),
  indicators: z.array(IndicatorSchema).default([]),
  individual_objectives: z.array(IndividualObjectiveSchema).default([]),
});

export type Role = z.infer<typeof RoleSchema>;
export type Monitoring = z.infer<typeof MonitoringSchema>;
export type Direction = z.infer<typeof DirectionSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type PlanInput = z.input<typeof PlanSchema>;
export type Person = z.infer<typeof PersonSchema>;
export type Area = z.infer<typeof AreaSchema>;
export type StrategicObjective = z.infer<typeof StrategicObjectiveSchema>;
export type OperationalObjective = z.infer<typeof OperationalObjectiveSchema>;
export type Indicator = z.infer<typeof IndicatorSchema>;
export type IndividualObjective = z.infer<typeof IndividualObjectiveSchema>;
export type Provenance = z.infer<typeof ProvenanceSchema>;
export type PlanText = keyof z.infer<typeof TextProvenanceSchema>;

const PLAN_FORM = 'Forma attesa: vedi il formato del Piano (ente, year, perspectives, strategic_objectives, indicators, ...) nel README.';

/** The ids a plan's references point at, collected once. */
interface PlanIds {
  readonly perspectives: Set<string>;
  readonly lines: Set<string>;
  readonly areas: Set<string>;
  readonly strategic: Set<string>;
  readonly operational: Set<string>;
  readonly people: Map<string, Person>;
}

/** Every id of each list, reporting the repeated ones, and the chat ids given to two people. */
function collectIds(plan: Plan, problems: string[]): PlanIds {
  const uniqueIds = <T>(list: readonly T[], key: (item: T) => string, listName: string): Set<string> => {
    const seen = new Set<string>();
    list.forEach((item, index) => {
      const value = key(item);
      if (seen.has(value)) problems.push(`${listName}[${index}].id: id "${value}" ripetuto (ogni id deve essere unico)`);
      seen.add(value);
    });
    return seen;
  };
  const perspectives = uniqueIds(plan.perspectives, (p) => p.id, 'perspectives');
  const lines = uniqueIds(plan.lines, (l) => l.id, 'lines');
  const areas = uniqueIds(plan.areas, (a) => a.id, 'areas');
  uniqueIds(plan.people, (p) => p.id, 'people');
  const strategic = uniqueIds(plan.strategic_objectives, (o) => o.id, 'strategic_objectives');
  const operational = uniqueIds(plan.operational_objectives, (o) => o.id, 'operational_objectives');
  uniqueIds(plan.indicators, (i) => String(i.id), 'indicators');
  plan.operational_objectives.forEach((o) => {
    if (strategic.has(o.id)) problems.push(`operational_objectives: id "${o.id}" già usato da un obiettivo strategico`);
  });
  for (const key of CHAT_APPS) {
    const seen = new Map<string, string>();
    plan.people.forEach((p, index) => {
      const chatId = p[key];
      if (chatId === undefined) return;
      const other = seen.get(chatId);
      if (other) problems.push(`people[${index}].${key}: "${chatId}" è già assegnato a ${other}`);
      seen.set(chatId, p.id);
    });
  }
  return { perspectives, lines, areas, strategic, operational, people: new Map(plan.people.map((p) => [p.id, p])) };
}

/**
 * The checks a schema cannot express: unique ids (chat ids included), references that resolve, Area
 * heads who are dirigenti, indicator bounds, provenance of texts the plan has, individual objectives.
 */
export function crossCheckPlan(plan: Plan): string[] {
  const problems: string[] = [];
  const { perspectives, lines, areas, strategic, operational, people } = collectIds(plan, problems);
  const refProblem = (path: string, kind: string, value: string, known: Iterable<string>) =>
    problems.push(`${path}: ${kind} "${value}" inesistente (noti: ${[...known].join(', ') || 'nessuno'})`);
  const objectives = [...strategic, ...operational];

  plan.areas.forEach((area, index) => {
    const head = people.get(area.head);
    if (!head) refProblem(`areas[${index}].head`, 'persona', area.head, people.keys());
    else if (head.role !== 'dirigente') problems.push(`areas[${index}].head: "${area.head}" ha ruolo ${head.role}, ma il responsabile di un'Area deve essere un dirigente`);
  });
  plan.strategic_objectives.forEach((o, index) => {
    if (!perspectives.has(o.perspective)) refProblem(`strategic_objectives[${index}].perspective`, 'prospettiva', o.perspective, perspectives);
    if (!lines.has(o.line)) refProblem(`strategic_objectives[${index}].line`, 'linea di indirizzo', o.line, lines);
  });
  plan.operational_objectives.forEach((o, index) => {
    if (!strategic.has(o.strategic)) refProblem(`operational_objectives[${index}].strategic`, 'obiettivo strategico', o.strategic, strategic);
    if (!areas.has(o.area)) refProblem(`operational_objectives[${index}].area`, 'Area', o.area, areas);
  });
  plan.indicators.forEach((indicator, index) => {
    if (!strategic.has(indicator.objective) && !operational.has(indicator.objective)) refProblem(`indicators[${index}].objective`, 'obiettivo', indicator.objective, objectives);
    if (!people.has(indicator.owner)) refProblem(`indicators[${index}].owner`, 'persona', indicator.owner, people.keys());
    problems.push(...boundProblems(indicator, index));
    if (indicator.direction === 'boolean' && indicator.target !== 1) {
      problems.push(`indicators[${index}].target: un indicatore boolean ha target 1 (fatto / non fatto), trovato ${indicator.target}`);
    }
  });
  for (const key of ['mandate', 'mission', 'vision'] as const) {
    if (plan.provenienza?.[key] !== undefined && plan[key] === undefined) problems.push(`provenienza.${key}: il Piano non ha il testo ${key} a cui riferire la provenienza`);
  }
  const individuals = new Set<string>();
  plan.individual_objectives.forEach((individual, index) => {
    if (!people.has(individual.person)) refProblem(`individual_objectives[${index}].person`, 'persona', individual.person, people.keys());
    if (individuals.has(individual.person)) problems.push(`individual_objectives[${index}].person: "${individual.person}" compare più volte`);
    individuals.add(individual.person);
    individual.objectives.forEach((ref, refIndex) => {
      if (!strategic.has(ref.ref) && !operational.has(ref.ref)) refProblem(`individual_objectives[${index}].objectives[${refIndex}].ref`, 'obiettivo', ref.ref, objectives);
    });
  });
  return problems;
}

/** An indicator's `min` and `max`: in order, not on a yes/no indicator, with target and baseline between them. */
function boundProblems(indicator: Indicator, index: number): string[] {
  const { min, max } = indicator;
  if (min === undefined && max === undefined) return [];
  const path = `indicators[${index}]`;
  if (indicator.direction === 'boolean') return [`${path}: un indicatore boolean vale 0 o 1, non ha min né max`];
  if (min !== undefined && max !== undefined && min > max) return [`${path}.min: ${min} è maggiore di max (${max})`];
  const outside = (value: number) => (min !== undefined && value < min) || (max !== undefined && value > max);
  const range = `${min ?? '-∞'}…${max ?? '+∞'}`;
  return (['target', 'baseline'] as const).flatMap((key) => {
    const value = indicator[key];
    return value !== undefined && outside(value) ? [`${path}.${key}: ${value} è fuori dall'intervallo min–max dell'indicatore (${range})`] : [];
  });
}

function invalidPlan(source: string): InvalidDocument {
  return (details) => new PerfError('PLAN_INVALID', `Il file del Piano "${source}" non è valido (${countErrors(details)}); nulla è stato importato.`, { details, hint: PLAN_FORM });
}

/** Validates an already parsed document (e.g. JSON from the store) as a plan. */
export function validatePlan(document: unknown, source = 'piano'): Plan {
  return validateDocument(PlanSchema, document, invalidPlan(source), crossCheckPlan);
}

/** Parses and validates the YAML text of a plan file; throws PerfError('PLAN_INVALID') listing every bad field. */
export function parsePlan(yamlText: string, source = 'piano'): Plan {
  return parseYamlWith(yamlText, source, (document) => validatePlan(document, source), invalidPlan(source));
}

/**
 * The people whose individual objectives' weights do not add up to 100, with the sum: allowed (§2:
 * weights need not sum to 100, the score is their weighted mean), but usually a slip worth a look.
 */
export function individualWeightSums(plan: Plan): { person: Person | undefined; id: string; sum: number }[] {
  return plan.individual_objectives
    .map((individual) => ({ person: plan.people.find((p) => p.id === individual.person), id: individual.person, sum: individual.objectives.reduce((total, o) => total + o.weight, 0) }))
    .filter(({ sum }) => Math.abs(sum - 100) > 1e-9);
}

/** Every objective id of the plan (strategic and operational). */
export function objectiveIds(plan: Plan): Set<string> {
  return new Set([...plan.strategic_objectives.map((o) => o.id), ...plan.operational_objectives.map((o) => o.id)]);
}

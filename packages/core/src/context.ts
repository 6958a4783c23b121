import { channelName, PerfError, romeDateParts, type ChatApp, type Person, type Plan, type Role } from '@perf/model';
import type { Channel, PlanRef, Store, WriteMeta } from '@perf/store';
import type { Clock } from './clock.ts';

/** Who is acting: a person of the plan, or the CLI's default controllo operator. */
export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** The person of the plan, when the actor is one. */
  readonly person: Person | undefined;
}

/** What every command needs: where data is, who asks, through which channel, and the time. */
export interface CommandContext {
  readonly store: Store;
  readonly channel: Channel;
  readonly clock: Clock;
  /** How the actor is found in the plan chosen for the command. */
  readonly identity: Identity;
  /** `--ente`, when the caller chose one. */
  readonly ente?: string | undefined;
  /** `--year`, when the caller chose one. */
  readonly year?: number | undefined;
  /**
   * The plan the caller already resolved for this context with `resolvePlan` (the dashboard does, once per
   * request): commands then use it instead of reading it again, for that ente and year only. Only the lookup
   * is saved; every command still resolves the actor in it and checks the actor's rights.
   */
  readonly plan?: Plan | undefined;
  /** Identifies this delivery (e.g. a Slack request) so a redelivery never stores twice. */
  readonly requestKey?: string | undefined;
  /** Where a long command (a Relazione, a large import) tells how far it has got. */
  readonly progress?: ((step: string) => void) | undefined;
  /** The dashboard's PERF_WEB_SECRET and PERF_WEB_URL for `dashboard`; default: read from the environment. */
  readonly web?: { readonly secret: string; readonly baseUrl: string } | undefined;
}

/**
 * How a caller maps to a person: the CLI's operator (`--as` or controllo), or a chat user id
 * looked up in the plan's id field of that chat app (`slack`, `discord`, `teams`).
 */
export type Identity =
  | { readonly kind: 'operator'; readonly personId?: string | undefined; readonly operatorName: string }
  | { readonly kind: 'chat'; readonly app: ChatApp; readonly userId: string };

export function writeMeta(context: CommandContext, actor: Actor): WriteMeta {
  return { actor: actor.id, channel: context.channel, at: context.clock() };
}

/** The plan's people as actors, by id, built once per plan: a file of values resolves a person per row. */
const actorsByPlan = new WeakMap<Plan, Map<string, Actor>>();

function personActor(plan: Plan, id: string): Actor | undefined {
  let actors = actorsByPlan.get(plan);
  if (actors === undefined) {
    actors = new Map(plan.people.map((person) => [person.id, { id: person.id, name: person.name, role: person.role, person }]));
    actorsByPlan.set(plan, actors);
  }
  return actors.get(id);
}

/** Finds the actor in a plan; refuses chat users and `--as` ids that are not among its people. */
export function resolveActor(plan: Plan, identity: Identity): Actor {
  if (identity.kind === 'operator') {
    if (identity.personId === undefined) return { id: identity.operatorName, name: 'Controllo di gestione', role: 'controllo', person: undefined };
    const actor = personActor(plan, identity.personId);
    if (actor !== undefined) return actor;
    throw new PerfError('PERSON_UNKNOWN', `Persona "${identity.personId}" sconosciuta nel Piano ${plan.ente.code} ${plan.year}.`, {
      hint: `Forma corretta: --as <id persona>, con uno di: ${plan.people.map((p) => p.id).join(', ')}.`,
    });
  }
  const person = plan.people.find((p) => p[identity.app] === identity.userId);
  if (!person) {
    throw new PerfError('USER_NOT_IN_PLAN', `Non risulti tra le persone del Piano della Performance ${plan.ente.code} ${plan.year}: non posso accettare comandi da questo utente.`, {
      hint: `Chiedi al controllo di gestione di aggiungere il tuo id ${channelName(identity.app)} (${identity.userId}) alla voce people del Piano.`,
    });
  }
  return { id: person.id, name: person.name, role: person.role, person };
}

function describePlans(plans: readonly PlanRef[]): string {
  return plans.map((p) => `${p.ente} ${p.year}`).join(', ');
}

/**
 * Chooses the plan a command works on: the ente given (or the only one, or the one the chat user
 * belongs to), and the year given, or the current year's plan, or the latest.
 */
export async function resolvePlan(context: CommandContext, explicitYear?: number): Promise<Plan> {
  const known = context.plan;
  const asked = explicitYear ?? context.year;
  if (known !== undefined && (asked === undefined || asked === known.year) && (context.ente === undefined || context.ente.toLowerCase() === known.ente.code.toLowerCase())) return known;
  const plans = await context.store.listPlans();
  if (plans.length === 0) {
    throw new PerfError('NO_PLAN', 'Nessun Piano della Performance nel database.', { hint: 'Importa un Piano con: pnpm perf plan import <piano.yaml> (oppure pnpm perf demo per l\'esempio).' });
  }
  let candidates = plans;
  if (context.ente !== undefined) {
    candidates = plans.filter((p) => p.ente.toLowerCase() === context.ente?.toLowerCase());
    if (candidates.length === 0) {
      throw new PerfError('ENTE_UNKNOWN', `Ente "${context.ente}" non presente nel database.`, { hint: `Enti presenti: ${[...new Set(plans.map((p) => p.ente))].join(', ')}.` });
    }
  } else if (context.identity.kind === 'chat') {
    const identity = context.identity;
    const mine: PlanRef[] = [];
    for (const ref of plans) {
      const plan = await context.store.getPlan(ref.ente, ref.year);
      if (plan?.people.some((p) => p[identity.app] === identity.userId)) mine.push(ref);
    }
    if (mine.length > 0) candidates = mine;
  }
  const entes = [...new Set(candidates.map((p) => p.ente))];
  if (entes.length > 1) {
    // A chat has no options: its form is the grammar's `ente=`.
    const form = context.identity.kind === 'chat' ? `aggiungi ente=<codice> al comando, ad esempio «status ente=${entes[0]}»` : `--ente <codice>, ad esempio --ente ${entes[0]}`;
    throw new PerfError('ENTE_AMBIGUOUS', `Il database contiene più enti (${entes.join(', ')}): indica quale.`, { hint: `Forma corretta: ${form}.` });
  }
  const year = explicitYear ?? context.year;
  if (year !== undefined) {
    const match = candidates.find((p) => p.year === year);
    if (!match) {
      throw new PerfError('YEAR_UNKNOWN', `Nessun Piano ${year} per ${entes[0]}.`, { hint: `Piani presenti: ${describePlans(candidates)}.` });
    }
    return loadPlan(context.store, match);
  }
  const currentYear = romeDateParts(context.clock()).year;
  const sorted = [...candidates].sort((a, b) => b.year - a.year);
  const chosen = sorted.find((p) => p.year === currentYear) ?? sorted.find((p) => p.year < currentYear) ?? sorted[sorted.length - 1];
  if (!chosen) throw new PerfError('NO_PLAN', 'Nessun Piano della Performance nel database.');
  return loadPlan(context.store, chosen);
}

async function loadPlan(store: Store, ref: PlanRef): Promise<Plan> {
  const plan = await store.getPlan(ref.ente, ref.year);
  if (!plan) throw new PerfError('NO_PLAN', `Piano ${ref.ente} ${ref.year} non trovato.`);
  return plan;
}

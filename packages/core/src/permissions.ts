import { PerfError, type Indicator, type Plan } from '@perf/model';
import type { Actor } from './context.ts';

const ROLE_NAMES = { staff: 'personale', dirigente: 'dirigente', controllo: 'controllo di gestione', oiv: 'OIV' } as const;

export function refuse(actor: Actor, what: string, rule: string): never {
  throw new PerfError('PERMISSION_DENIED', `${actor.name} (${ROLE_NAMES[actor.role]}) non può ${what}.`, { hint: rule });
}

/** The areas whose head is the actor. */
function areasLedBy(plan: Plan, actor: Actor): Set<string> {
  return new Set(plan.areas.filter((a) => a.head === actor.id).map((a) => a.id));
}

/** §5: who may report an indicator. */
export function canReport(plan: Plan, actor: Actor, indicator: Indicator): boolean {
  switch (actor.role) {
    case 'controllo': return true;
    case 'oiv': return false;
    case 'staff': return indicator.owner === actor.id;
    case 'dirigente': {
      if (indicator.owner === actor.id) return true;
      const objective = plan.operational_objectives.find((o) => o.id === indicator.objective);
      return objective !== undefined && areasLedBy(plan, actor).has(objective.area);
    }
  }
}

export function assertCanReport(plan: Plan, actor: Actor, indicator: Indicator): void {
  if (canReport(plan, actor, indicator)) return;
  if (actor.role === 'oiv') refuse(actor, "registrare valori: l'OIV legge tutto e non modifica nulla", 'Possono registrare: il responsabile dell\'indicatore, il dirigente della sua Area, il controllo di gestione.');
  refuse(actor, `registrare l'indicatore ${indicator.id} (responsabile: ${indicator.owner})`, "Puoi registrare solo gli indicatori di cui sei responsabile" + (actor.role === 'dirigente' ? ' o quelli degli obiettivi della tua Area.' : '. Scrivi "status me" per vederli.'));
}

/** The indicators an actor may report, e.g. for a check-in form or a reminder. */
export function reportableIndicators(plan: Plan, actor: Actor): Indicator[] {
  return plan.indicators.filter((indicator) => canReport(plan, actor, indicator));
}

/** §5: staff see their own indicators and the objectives those belong to; everyone else sees everything. */
export function visibleObjectiveIds(plan: Plan, actor: Actor): Set<string> | 'all' {
  if (actor.role !== 'staff') return 'all';
  const visible = new Set<string>();
  for (const indicator of plan.indicators) {
    if (indicator.owner !== actor.id) continue;
    visible.add(indicator.objective);
    const operational = plan.operational_objectives.find((o) => o.id === indicator.objective);
    if (operational) visible.add(operational.strategic);
  }
  return visible;
}

export function assertCanSeeObjective(plan: Plan, actor: Actor, objectiveId: string): void {
  const visible = visibleObjectiveIds(plan, actor);
  if (visible !== 'all' && !visible.has(objectiveId)) {
    refuse(actor, `vedere l'obiettivo ${objectiveId}`, 'Il personale vede i propri indicatori e gli obiettivi a cui contribuiscono: scrivi "status me".');
  }
}

export function assertCanSeeIndicator(actor: Actor, indicator: Pick<Indicator, 'id' | 'owner'>): void {
  if (actor.role === 'staff' && indicator.owner !== actor.id) {
    refuse(actor, `vedere l'indicatore ${indicator.id}`, 'Il personale vede i propri indicatori: scrivi "status me".');
  }
}

export function assertCanProduceRelazione(actor: Actor): void {
  if (actor.role !== 'controllo' && actor.role !== 'oiv') {
    refuse(actor, 'produrre la Relazione sulla Performance', 'La Relazione la producono il controllo di gestione e l\'OIV.');
  }
}

export function assertCanImportPlan(actor: Actor): void {
  if (actor.role !== 'controllo') refuse(actor, 'importare il Piano', 'Solo il controllo di gestione importa il Piano della Performance.');
}

export function assertCanClosePeriod(actor: Actor): void {
  if (actor.role !== 'controllo') refuse(actor, 'chiudere un periodo', 'Solo il controllo di gestione chiude i periodi di monitoraggio e l\'anno.');
}

/** A value for a closed period is accepted only from the controllo, with a reason. */
export function assertCanOverrideLock(actor: Actor, period: string): void {
  if (actor.role !== 'controllo') {
    refuse(actor, `registrare un valore fuori termine nel periodo chiuso ${period}`, 'Solo il controllo di gestione registra valori in un periodo chiuso, indicando il motivo (motivo="...").');
  }
}

/** The OIV's view of the audit trail: every role reads it except the staff. */
export function assertCanReadAudit(actor: Actor): void {
  if (actor.role === 'staff') refuse(actor, 'consultare il registro delle rilevazioni (audit)', 'Il registro lo consultano OIV, controllo di gestione e dirigenti; il personale vede i propri valori con "status me".');
}

/** Exporting the whole status and every rilevazione: whoever sees everything (§5), i.e. not the staff. */
export function assertCanExport(actor: Actor): void {
  if (actor.role === 'staff') refuse(actor, "esportare lo stato e le rilevazioni dell'ente", 'Il personale vede i propri indicatori: scrivi "status me".');
}

/** The ente's whole status (e.g. compared with another year): whoever sees everything (§5). */
export function assertCanSeeEnte(actor: Actor): void {
  if (actor.role === 'staff') refuse(actor, "vedere lo stato dell'intero ente", 'Il personale vede i propri indicatori e gli obiettivi a cui contribuiscono: scrivi "status me".');
}

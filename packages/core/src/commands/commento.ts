import { PerfError, type Plan } from '@perf/model';
import type { ScostamentoComment } from '@perf/store';
import { writeMeta, type Actor } from '../context.ts';
import { refuse } from '../permissions.ts';
import { planLabel, type CommentReply } from '../replies.ts';
import { defineCommand } from './command.ts';
import { field, optionalText, requiredText } from './fields.ts';

export interface CommentInput {
  readonly objective: string;
  readonly causa: string;
  readonly azione: string;
  readonly opportunita?: string | undefined;
}

/** The Areas an objective belongs to: an operational objective's own, a strategic one's through its operational objectives. */
function areasOf(plan: Plan, objective: string): Set<string> {
  const operational = plan.operational_objectives.filter((o) => o.id === objective || o.strategic === objective);
  return new Set(operational.map((o) => o.area));
}

/** The controllo, or the dirigente who heads an Area of the objective. */
function assertCanComment(plan: Plan, actor: Actor, objective: string): void {
  if (actor.role === 'controllo') return;
  const areas = areasOf(plan, objective);
  if (actor.role === 'dirigente' && plan.areas.some((a) => a.head === actor.id && areas.has(a.id))) return;
  refuse(actor, `commentare lo scostamento dell’obiettivo ${objective}`, 'Causa e azione correttiva le indicano il dirigente dell’Area dell’obiettivo e il controllo di gestione.');
}

function objectiveTitle(plan: Plan, id: string): string {
  const found = plan.strategic_objectives.find((o) => o.id === id) ?? plan.operational_objectives.find((o) => o.id === id);
  if (found === undefined) {
    throw new PerfError('OBJECTIVE_UNKNOWN', `L’obiettivo "${id}" non è nel Piano ${plan.ente.code} ${plan.year}.`, { hint: 'Scrivi il codice di un obiettivo strategico (01) o operativo (01.1).', field: 'objective' });
  }
  return found.title;
}

export const commentCommand = defineCommand<CommentInput, CommentReply>({
  name: 'commento',
  aliases: ['comment'],
  reach: 'all',
  access: 'person',
  roles: ['controllo', 'dirigente'],
  denied: { what: 'commentare gli scostamenti', rule: 'Causa e azione correttiva le indicano il dirigente dell’Area dell’obiettivo e il controllo di gestione.' },
  fields: {
    objective: field('text', requiredText('Manca l’obiettivo da commentare.'), 'il codice dell’obiettivo strategico (01) o operativo (01.1)', '<obiettivo>', { positional: true }),
    causa: field('text', requiredText('Manca la causa dello scostamento (causa="…").'), 'la causa dello scostamento', '"<causa>"', { keys: ['causa'] }),
    azione: field('text', requiredText('Manca l’azione correttiva (azione="…").'), 'l’azione correttiva', '"<azione>"', { keys: ['azione'] }),
    opportunita: field('text', optionalText(), 'facoltativa: l’opportunità che lo scostamento apre', '"<opportunità>"', { keys: ['opportunita', 'opportunità'] }),
  },
  input: (p) => ({ objective: p.objective as string, causa: (p.causa as string).trim(), azione: (p.azione as string).trim(), opportunita: (p.opportunita as string | undefined)?.trim() || undefined }),
  slow: false,
  json: true,
  summary: 'registra la causa di uno scostamento e l’azione correttiva di un obiettivo (il suo dirigente o il controllo di gestione)',
  help: 'Un nuovo commento dello stesso obiettivo sostituisce il precedente, che resta nello storico. Si può commentare anche dopo la chiusura dell’anno. La causa, l’azione e l’opportunità (facoltativa) compaiono nella tabella delle criticità della Relazione.',
  examples: ['01.1 causa="ritardo del fornitore" azione="gara anticipata a gennaio"'],
  async execute(input, { context, plan, actor }) {
    const title = objectiveTitle(plan, input.objective);
    assertCanComment(plan, actor, input.objective);
    const { comment, superseded } = await context.store.relazione.addComment(
      { ente: plan.ente.code, year: plan.year, objective: input.objective, causa: input.causa, azione: input.azione, opportunita: input.opportunita }, writeMeta(context, actor));
    return { kind: 'comment', plan: planLabel(plan), objective: { id: input.objective, title }, comment, superseded };
  },
});

export function renderComment(reply: CommentReply): string {
  const lines = [`Commento registrato per l’obiettivo ${reply.objective.id} «${reply.objective.title}» (${reply.plan.ente} ${reply.plan.year}):`,
    `  causa: ${reply.comment.causa}`, ...(reply.comment.opportunita === null ? [] : [`  opportunità: ${reply.comment.opportunita}`]), `  azione correttiva: ${reply.comment.azione}`];
  if (reply.superseded !== undefined) lines.push(`Sostituisce il commento del ${reply.superseded.writtenAt.toISOString().slice(0, 10).split('-').reverse().join('/')} di ${reply.superseded.writtenBy}, che resta nello storico.`);
  return lines.join('\n');
}

export type { ScostamentoComment };

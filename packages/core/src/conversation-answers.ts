import { articledPeriod, formatPeriod, lastPeriodOfYear, readPeriod, type Period, type Plan } from '@perf/model';
import type { HowTo, QuestionTopic } from '@perf/conversation';
import type { Actor, CommandContext } from './context.ts';
import { lastClosedPeriod } from './period-status.ts';
import { missingAmong, missingNowIn, missingPeriod, scopeOf, type MissingScope } from './missing.ts';
import { assertCanSeeEnte } from './permissions.ts';
import { gradeText, renderText } from './render-text.ts';
import { runCommandLine } from './commands/table.ts';

/** What a question is answered with: text, and the §6 line (or CLI command) that does the same. */
export interface Answer {
  readonly text: string;
  readonly command: string | undefined;
}

const HOW_TO: Record<HowTo, Answer> = {
  report: { text: 'Per registrare un valore scrivi il numero dell\'indicatore e il valore, ad esempio «12: 23,5», oppure una frase («seminari di alta formazione: 6 nel terzo trimestre»): ti mostro cosa ho capito e registro solo dopo il tuo «sì».', command: 'report 12 value=23,5 period=2012-Q3' },
  close: { text: 'Un periodo lo chiude il controllo di gestione: da quel momento un valore per quel periodo si registra solo con un motivo. Chiudere l\'anno chiude tutti i suoi periodi.', command: 'chiudi 2012-Q2 (dalla riga di comando: pnpm perf period close 2012-Q2)' },
  relazione: { text: 'La Relazione sulla Performance la producono il controllo di gestione e l\'OIV: il PDF arriva in questa conversazione.', command: 'relazione 2012' },
  correct: { text: 'Subito dopo aver registrato un valore scrivi «scusa, era 25» (oppure «correggi: il 41 era 91%»): ti mostro la correzione e la registro dopo il tuo «sì». Il valore precedente resta nello storico.', command: 'report 41 value=91% period=2012-Q3' },
  missing: { text: 'Scrivi «cosa devo ancora inserire?» per i tuoi indicatori senza valore; dirigenti e controllo possono chiedere «chi è in ritardo con il terzo trimestre?».', command: 'missing' },
  status: { text: 'Lo stato dell\'ente, di un obiettivo o di un indicatore si chiede con status, oppure a parole («a che punto è l\'obiettivo 09?»).', command: 'status 09' },
  help: { text: 'Posso registrare valori (anche scritti a parole), mostrare lo stato dei tuoi indicatori, degli obiettivi e dell\'ente, dirti cosa manca.', command: 'help' },
};

/** The period named, else the one "still missing" speaks of on every channel (`missingPeriod`). */
function periodOf(plan: Plan, code: string | undefined, now: Date): string | undefined {
  if (code !== undefined) return code;
  const period = missingPeriod(plan, now);
  return period === undefined ? undefined : formatPeriod(period);
}

async function missingOf(context: CommandContext, plan: Plan, period: string, scope: MissingScope): Promise<Plan['indicators']> {
  const reported = await context.store.valuesOfPeriod(plan.ente.code, plan.year, period);
  return missingAmong(plan, scope, reported);
}

/** "Per il terzo trimestre 2012 (2012-Q3)", "Per l'anno 2012 (2012)". */
function forPeriodWords(period: string): string {
  const words = articledPeriod('per', readPeriod(period));
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (${period})`;
}

/** "il 70%", "l'80%", "l'11%": the article a percentage takes, as it is read aloud. */
function percentWithArticle(percent: number): string {
  const digits = String(Math.trunc(Math.abs(percent)));
  const vowel = digits === '1' || digits === '11' || digits.startsWith('8');
  return `${vowel ? "l'" : 'il '}${percent}%`;
}

/** The speaker's indicators still missing for the period that matters now, with that period. */
export type MissingNow = { readonly period: Period; readonly ids: number[] } | undefined;

/** The speaker's indicators without a value in the period of `missingPeriod` (undefined before the plan's year). */
export async function missingNow(context: CommandContext, plan: Plan, actor: Actor): Promise<MissingNow> {
  const missing = await missingNowIn(context.store, plan, { kind: 'person', person: actor.id }, context.clock());
  return missing === undefined ? undefined : { period: missing.period, ids: missing.indicators.map((i) => i.id) };
}

async function viaCommand(line: string, context: CommandContext, intro = ''): Promise<Answer> {
  return { text: intro + renderText(await runCommandLine(line, context)), command: line };
}

async function lateAnswer(context: CommandContext, plan: Plan, actor: Actor, code: string | undefined): Promise<Answer> {
  assertCanSeeEnte(actor);
  // Without a period named: the one most recently closed (who is late), else the open one.
  const closed = lastClosedPeriod(plan, context.clock());
  const period = code ?? (closed === undefined ? periodOf(plan, undefined, context.clock()) : formatPeriod(closed)) ?? formatPeriod(lastPeriodOfYear(plan.year, plan.monitoring));
  // A dirigente is answered for their Area, as `missing` answers them.
  const scope = scopeOf(plan, actor);
  const missing = await missingOf(context, plan, period, scope);
  const byOwner = new Map<string, number[]>();
  for (const i of missing) byOwner.set(i.owner, [...(byOwner.get(i.owner) ?? []), i.id]);
  const words = forPeriodWords(period);
  const where = scope.kind === 'area' ? ' della tua Area' : '';
  const lines = [...byOwner].map(([owner, ids]) => `• ${plan.people.find((p) => p.id === owner)?.name ?? owner} (${owner}): ${ids.length === 1 ? 'indicatore' : 'indicatori'} ${ids.join(', ')}`);
  const text = missing.length === 0 ? `${words} tutti gli indicatori${where} hanno un valore.` : [`${words} mancano ${missing.length === 1 ? '1 valore' : `${missing.length} valori`}${where} di ${byOwner.size === 1 ? '1 persona' : `${byOwner.size} persone`}:`, ...lines].join('\n');
  return { text, command: `missing ${period}` };
}

async function bandsAnswer(context: CommandContext, actor: Actor, question: Extract<QuestionTopic, { topic: 'bands' }>): Promise<Answer> {
  assertCanSeeEnte(actor);
  const reply = await runCommandLine('status', context);
  if (reply.kind !== 'status' || reply.scope !== 'ente') return viaCommand('status', context);
  const wanted = reply.report.strategic.filter((o) => (question.bands.length === 0 || (o.band !== null && question.bands.includes(o.band)))
    && (question.below === undefined || (o.percent !== null && o.percent < question.below)));
  const what = question.below === undefined ? 'nelle fasce richieste' : `sotto ${percentWithArticle(question.below)}`;
  const text = wanted.length === 0 ? `Nessun obiettivo strategico ${what}.` : [`Obiettivi strategici ${what}: ${wanted.length}.`, ...wanted.map((o) => `• ${o.id} «${o.title}»: ${gradeText(o)}`)].join('\n');
  return { text, command: 'status' };
}

/** Answers a question with the data the person may see (§5), through the same commands as the grammar. */
export async function answerQuestion(question: QuestionTopic, context: CommandContext, plan: Plan, actor: Actor): Promise<Answer> {
  switch (question.topic) {
    case 'indicator': return viaCommand(`status #${question.indicator}`, context);
    case 'history': return viaCommand(`status #${question.indicator}`, context, 'Ogni valore con chi l\'ha registrato e quando:\n');
    case 'objective': return viaCommand(`status ${question.objective}`, context);
    case 'mine': return viaCommand('status me', context);
    case 'missing': {
      const period = periodOf(plan, question.period, context.clock());
      if (actor.person === undefined || period === undefined) return viaCommand('status me', context);
      const missing = await missingOf(context, plan, period, { kind: 'person', person: actor.id });
      const words = forPeriodWords(period);
      const text = missing.length === 0 ? `${words} hai inserito tutto: nessun indicatore mancante.` : [`${words} ti ${missing.length === 1 ? 'manca 1 indicatore' : `mancano ${missing.length} indicatori`}:`, ...missing.map((i) => `• ${i.id} «${i.name}»`)].join('\n');
      return { text, command: question.period === undefined ? 'missing' : `missing ${period}` };
    }
    case 'late': return lateAnswer(context, plan, actor, question.period);
    case 'bands': return bandsAnswer(context, actor, question);
    case 'overall': return viaCommand('status', context);
    case 'howto': return HOW_TO[question.task];
  }
}

/** A greeting or thanks, with what the person can do now (staff: their missing indicators, naming the period). */
export function smallTalkAnswer(greeting: 'hello' | 'thanks' | 'bye', actor: Actor, missingForSpeaker: MissingNow): string {
  const first = actor.name.split(' ')[0] ?? actor.name;
  const opening = greeting === 'hello' ? `Ciao ${first}!` : greeting === 'thanks' ? 'Prego!' : `A presto, ${first}!`;
  if (greeting === 'bye') return opening;
  const missing = actor.role === 'staff' ? missingForSpeaker : undefined;
  const ids = missing?.ids ?? [];
  const next = missing === undefined || ids.length === 0
    ? 'Puoi chiedermi lo stato («status me», «a che punto è l\'obiettivo 09?») o registrare un valore («12: 23,5»).'
    : `Ti ${ids.length === 1 ? 'manca l\'indicatore' : 'mancano gli indicatori'} ${ids.join(', ')} ${articledPeriod('per', missing.period)}: scrivi ad esempio «${ids[0]}: <valore>».`;
  return `${opening} ${next}`;
}

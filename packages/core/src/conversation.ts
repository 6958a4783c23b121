import { randomUUID } from 'node:crypto';
import { advance, current, parseState, understand, type Intent, type LastReport, type PendingReport } from '@perf/conversation';
import { italianPeriodName, PerfError, readPeriod, type Plan } from '@perf/model';
import type { ConversationKey } from '@perf/store';
import { resolveActor, resolvePlan, type Actor, type CommandContext } from './context.ts';
import { openPeriod } from './period-status.ts';
import { answerQuestion, missingNow, smallTalkAnswer, type MissingNow } from './conversation-answers.ts';
import { submitReport, type ReportInput } from './commands/report.ts';
import { COMMANDS, findCommand, runCommandLine } from './commands/table.ts';
import { chatWord } from './commands/usage.ts';
import { tokenize } from './grammar.ts';
import { reportableIndicators } from './permissions.ts';
import { gradeText, ofPeriod, targetText, valueText } from './render-text.ts';
import type { Reply, ReportReply } from './replies.ts';

/**
 * One turn of a conversation: a command's reply, a value to confirm before it is stored (with the
 * Italian preview: what was understood, the value it replaces, the grade it gives), or a message
 * (an answer to a question, a choice, a greeting, «Forse intendevi …?»).
 */
export type ConversationTurn =
  | { readonly kind: 'reply'; readonly reply: Reply }
  | { readonly kind: 'confirm'; readonly input: ReportInput; readonly preview: ReportReply; readonly text?: string; readonly replaces?: number | null }
  | { readonly kind: 'message'; readonly text: string; readonly choices?: readonly ConversationChoice[] };

/**
 * One option of a numbered choice: what the button says, and the answer that pressing it sends back
 * as if typed (`2`), so a channel with buttons and one without take the same path.
 */
export interface ConversationChoice {
  readonly label: string;
  readonly answer: string;
}

/** Button labels are short on every medium (Slack 75 characters, Discord 80). */
const CHOICE_LABEL_CHARS = 70;

export interface ConverseOptions {
  /** The conversation within the channel (a DM's channel id, the terminal): its state is kept apart. */
  readonly conversation?: string | undefined;
}

const COMMAND_WORDS = COMMANDS.flatMap((c) => [c.name, ...c.aliases]);

/** The `key=` words of each command, by each of its words: «Forse intendevi …?» corrects a key to the command's own. */
export const COMMAND_KEYS: ReadonlyMap<string, readonly string[]> = new Map(COMMANDS.flatMap((c) => {
  const keys = Object.values(c.fields).flatMap((f) => f.keys ?? []);
  return [c.name, chatWord(c), ...c.aliases].map((word) => [word.toLowerCase(), keys] as const);
}));

/**
 * Understands what a person writes to the bot (packages/conversation) and acts on it: the §6 grammar
 * runs at once; a value read from free text is previewed and stored only after «sì» (the pending
 * value and the last report live in the database per person and conversation, 15 minutes).
 */
export async function converse(text: string, context: CommandContext, options: ConverseOptions = {}): Promise<ConversationTurn> {
  let plan: Plan;
  let actor: Actor;
  try {
    plan = await resolvePlan(context);
    actor = resolveActor(plan, context.identity);
  } catch (error) {
    // Without a plan or a person, only the grammar can answer (help; or the command's own refusal).
    const first = tokenize(text.trim().replace(/^\/?perf\s+/i, ''))[0];
    if (first !== undefined && findCommand(first)) return { kind: 'reply', reply: await runCommandLine(text.trim().replace(/^\/?perf\s+/i, ''), context) };
    throw error;
  }
  const key: ConversationKey = { channel: context.channel, conversation: options.conversation ?? 'default', person: actor.id };
  const now = context.clock();
  const saved = await context.store.conversations.load(key);
  const state = saved === undefined ? {} : current(parseState(saved.state), saved.savedAt, now);
  const open = openPeriod(plan, now);
  // Read once per turn: the understanding prefers these indicators, and a greeting names them.
  const missing = await missingNow(context, plan, actor);
  const intent = understand({
    text, plan, speaker: { id: actor.id, role: actor.role }, state, commandWords: COMMAND_WORDS, commandKeys: COMMAND_KEYS,
    reportable: new Set(reportableIndicators(plan, actor).map((i) => i.id)),
    missing: missing?.ids ?? [],
    currentPeriod: open === undefined ? undefined : `${open.year}-${open.kind}${open.index}`,
  });
  let outcome: Awaited<ReturnType<typeof act>>;
  try {
    outcome = await act(intent, context, plan, actor, missing);
  } catch (error) {
    // A refusal of the understanding may leave its question open; a refusal of the command drops what was pending.
    await context.store.conversations.save(key, advance(state, intent.kind === 'refuse' ? intent : { kind: 'cancel' }), now);
    throw error;
  }
  await context.store.conversations.save(key, advance(state, intent, outcome.stored), now);
  return outcome.turn;
}

function inputOf(report: PendingReport): ReportInput {
  return { indicator: report.indicator, rawValue: report.rawValue, period: report.period, note: undefined };
}

function storedOf(reply: Reply): LastReport | undefined {
  return reply.kind === 'report' && reply.stored !== undefined ? { indicator: reply.indicator.id, period: reply.period } : undefined;
}

async function act(intent: Intent, context: CommandContext, plan: Plan, actor: Actor, missing: MissingNow): Promise<{ turn: ConversationTurn; stored?: LastReport | undefined }> {
  const say = (text: string) => ({ turn: { kind: 'message', text } as const });
  switch (intent.kind) {
    case 'command': {
      const reply = await runCommandLine(intent.line, context);
      return { turn: { kind: 'reply', reply }, stored: storedOf(reply) };
    }
    case 'report': return { turn: await preview(intent.report, context, plan) };
    case 'confirm': {
      const reply = await confirmAnswer(inputOf(intent.report), { ...context, requestKey: context.requestKey ?? `conversation:${randomUUID()}` });
      return { turn: { kind: 'reply', reply }, stored: storedOf(reply) };
    }
    case 'cancel': return say('Annullato: nulla è stato registrato.');
    case 'choose': {
      const text = [
        `Quale indicatore intendi?${intent.choice.rawValue === undefined ? '' : ` (valore ${intent.choice.rawValue})`}`,
        ...intent.candidates.map((c, i) => `${i + 1}. indicatore ${c.id} «${c.name}»`),
        'Rispondi con il numero della scelta.',
      ].join('\n');
      const choices = intent.candidates.map((c, i) => {
        const label = `${i + 1}) indicatore ${c.id}: ${c.name}`;
        return { answer: String(i + 1), label: label.length > CHOICE_LABEL_CHARS ? `${label.slice(0, label.lastIndexOf(' ', CHOICE_LABEL_CHARS - 1))}…` : label };
      });
      return { turn: { kind: 'message', text, choices } };
    }
    case 'ask-value': return say(intent.indicator.direction === 'boolean'
      ? `Indicatore ${intent.indicator.id} «${intent.indicator.name}»: è fatto? Rispondi «sì» o «no».`
      : `Che valore registro per l'indicatore ${intent.indicator.id} «${intent.indicator.name}» (target ${targetText(intent.indicator)})? Scrivi il numero.`);
    case 'question': {
      const answer = await answerQuestion(intent.question, context, plan, actor);
      return say(answer.command === undefined ? answer.text : `${answer.text}\n\nLo stesso in breve: ${answer.command}`);
    }
    case 'smalltalk': return say(smallTalkAnswer(intent.greeting, actor, missing));
    case 'suggest': return say(`Forse intendevi:\n${intent.line}\n(hai scritto «${intent.typed}»)`);
    case 'refuse': throw new PerfError(intent.code === 'NOT_UNDERSTOOD' ? 'COMMAND_UNKNOWN' : `CONVERSATION_${intent.code}`, intent.message, { hint: intent.hint });
  }
}

/** The preview of a value understood from free text: nothing is stored until «sì». */
async function preview(report: PendingReport, context: CommandContext, plan: Plan): Promise<ConversationTurn> {
  const input = inputOf(report);
  const reply = await submitReport(input, context, { store: false });
  const replaces = (await context.store.valuesOfPeriod(plan.ente.code, plan.year, reply.period)).get(reply.indicator.id) ?? null;
  const { indicator } = reply;
  const text = [
    report.correction ? 'Correzione del valore appena registrato — ho capito:' : 'Ho capito:',
    `• indicatore ${indicator.id} «${indicator.name}»`,
    `• periodo: ${italianPeriodName(readPeriod(reply.period))} (${reply.period})`,
    `• valore: ${valueText(indicator, reply.value)}`,
    `• sostituisce: ${replaces === null ? 'nessun valore finora' : valueText(indicator, replaces)}`,
    reply.standsForYear || reply.grade.period === null
      ? `• grado che darebbe: ${gradeText(reply.grade)} (target ${targetText(indicator)})`
      : `• grado: per l'anno resta il valore ${ofPeriod(reply.grade.period)}${reply.grade.value === null ? '' : ` (${valueText(indicator, reply.grade.value)})`}, ${gradeText(reply.grade)} (target ${targetText(indicator)})`,
    'Confermi? Rispondi «sì» (ok, va bene, conferma, esatto) per registrarlo, «no» per annullare.',
  ].join('\n');
  return { kind: 'confirm', input, preview: reply, text, replaces };
}

/**
 * Stores a confirmed answer; the request key makes a repeated confirmation harmless. Given the
 * conversation (a Confirm button), the value waiting there for «sì» is settled too, so a later
 * «ok» does not store it a second time, and the stored value becomes the one a correction replaces.
 */
export async function confirmAnswer(input: ReportInput, context: CommandContext, options: ConverseOptions = {}): Promise<ReportReply> {
  const reply = await submitReport(input, context, { store: true });
  if (options.conversation !== undefined && reply.stored !== undefined) {
    const key: ConversationKey = { channel: context.channel, conversation: options.conversation, person: reply.stored.reportedBy };
    await context.store.conversations.save(key, { last: { indicator: reply.indicator.id, period: reply.period } }, context.clock());
  }
  return reply;
}

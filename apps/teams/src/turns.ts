import { CardFactory, MessageFactory, type TurnContext } from '@microsoft/agents-hosting';
import { ActionTypes } from '@microsoft/agents-activity';
import { confirmAnswer, converse, decodeConfirmation, isPrivateReply, renderText, runCommandLine, type ConversationChoice, type Reply } from '@perf/core';
import { answeredCard, confirmCard, statusCard, type AdaptiveCard } from './cards.ts';
import { errorText } from './errors.ts';
import { offerRelazione } from './relazione.ts';
import { activityKey, commandContext, isPersonal, senderId, type TeamsRuntime } from './runtime.ts';

/** A reply of the core as Teams shows it: `status` as an Adaptive Card, anything else as text. */
export function replyActivity(reply: Reply) {
  return reply.kind === 'status' ? MessageFactory.attachment(CardFactory.adaptiveCard(statusCard(reply))) : MessageFactory.text(renderText(reply));
}

/**
 * A message of the conversation; a numbered choice gets one suggested action per option (Teams
 * shows them in a personal chat), which sends the option's number back as if typed.
 */
function conversationActivity(text: string, choices: readonly ConversationChoice[]) {
  if (choices.length === 0) return MessageFactory.text(text);
  return MessageFactory.suggestedActions(choices.map((choice) => ({ type: ActionTypes.ImBack, title: choice.label, value: choice.answer })), text);
}

/** A sign-in link asked in a channel: Teams has no message seen by one member only, so it is not shown there. */
const PRIVATE_ONLY = 'Il link personale al cruscotto arriva solo nella chat privata con perf: scrivimi «dashboard» lì. In questo canale non lo mostro.';

/** The text after the app's @mention (Teams sends `<at>perf</at> status`). */
function typedText(context: TurnContext): string {
  return (context.activity.text ?? '').replace(/<at>[^<]*<\/at>/gi, ' ').replace(/&nbsp;/g, ' ').trim();
}

/** Stores where the person can be reached later (reminders), from their personal chat. */
async function rememberConversation(runtime: TeamsRuntime, context: TurnContext): Promise<void> {
  const id = senderId(context);
  if (id === '' || !isPersonal(context)) return;
  await runtime.store.teamsConversations.save(id, context.activity.getConversationReference(), runtime.clock());
}

/**
 * One message to the app, in a personal chat or with an @mention in a channel: the §6 grammar, or
 * free text understood by the core and confirmed through a card. Each activity is handled once.
 */
export async function handleMessage(runtime: TeamsRuntime, context: TurnContext): Promise<void> {
  const key = activityKey(context);
  if (!(await runtime.store.claimRequest(`teams:activity:${key}`, runtime.clock()))) {
    runtime.log(`perf Teams: attività ${key} già gestita (nuovo invio): ignorata.`);
    return;
  }
  await rememberConversation(runtime, context);
  const text = typedText(context);
  try {
    if (/^\/?(perf\s+)?relazione\b/i.test(text)) {
      await offerRelazione(runtime, context, text);
      return;
    }
    const outcome = await converse(text === '' ? 'help' : text, commandContext(runtime, context, `teams:activity:${key}`));
    if (outcome.kind === 'confirm') await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(confirmCard(outcome.input, outcome.preview, outcome.text))));
    else if (outcome.kind === 'message') await context.sendActivity(conversationActivity(outcome.text, outcome.choices ?? []));
    else if (isPrivateReply(outcome.reply) && !isPersonal(context)) await context.sendActivity(MessageFactory.text(PRIVATE_ONLY));
    else await context.sendActivity(replyActivity(outcome.reply));
  } catch (error) {
    await context.sendActivity(MessageFactory.text(errorText(error, runtime.log)));
  }
}

/** Conferma: stores the previewed value once per card (a double click or a redelivery stores nothing new). */
export async function handleConfirm(runtime: TeamsRuntime, context: TurnContext, data: unknown): Promise<AdaptiveCard> {
  try {
    const cardKey = `${context.activity.conversation?.id ?? ''}:${context.activity.replyToId ?? context.activity.id ?? ''}`;
    const reply = await confirmAnswer(decodeConfirmation((data as { answer?: unknown } | undefined)?.answer), commandContext(runtime, context, `teams:confirm:${cardKey}`));
    return answeredCard(`✅ ${renderText(reply)}`);
  } catch (error) {
    return answeredCard(errorText(error, runtime.log));
  }
}

/** A drill-down button of the status card: the objective's own status. */
export async function handleStatusDrill(runtime: TeamsRuntime, context: TurnContext, data: unknown): Promise<AdaptiveCard | string> {
  const target = (data as { target?: unknown } | undefined)?.target;
  try {
    const reply = await runCommandLine(`status ${typeof target === 'string' && /^[\w.-]+$/.test(target) ? target : 'ente'}`, commandContext(runtime, context));
    return reply.kind === 'status' ? statusCard(reply) : renderText(reply);
  } catch (error) {
    return errorText(error, runtime.log);
  }
}

/** Installation in a personal chat: the reference is kept for reminders, and a welcome is said. */
export async function handleInstall(runtime: TeamsRuntime, context: TurnContext): Promise<void> {
  const joined = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient?.id) ?? false;
  if (!joined) return;
  await rememberConversation(runtime, context);
  await context.sendActivity(MessageFactory.text('Ciao! Sono perf: scrivimi «help» per i comandi, «status» per lo stato del Piano, oppure un valore come «12: 23,5».'));
}

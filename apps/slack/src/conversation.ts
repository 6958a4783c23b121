import type { App } from '@slack/bolt';
import { converse, parseRelazioneArgs } from '@perf/core';
import { checkInButtonMessage, confirmMessage, conversationMessage, notice, replyMessage, type SlackMessage } from './blocks.ts';
import { errorMessage } from './errors.ts';
import { isBareReport, leadingCommand, typedText } from './grammar.ts';
import { homeView } from './home.ts';
import { commandContext, type SlackRuntime } from './runtime.ts';
import { checkRelazione, deliverRelazione } from './uploads.ts';

export interface Turn {
  readonly userId: string;
  readonly channelId: string;
  readonly text: string;
  /** Repeated by a redelivery (the event id, the slash command's trigger id): nothing is stored twice. */
  readonly requestKey: string;
  /** In a DM the answer is a message; in a channel it is shown only to the person (ephemeral). */
  readonly send: (message: SlackMessage) => Promise<unknown>;
}

/**
 * One message to the bot: the §6 grammar without `/perf`, or an answer to a question it asked
 * ("23", "12: 23,5"), echoed with its grade and stored only when the person presses Conferma.
 */
export async function handleTurn(runtime: SlackRuntime, turn: Turn): Promise<void> {
  try {
    if (isBareReport(turn.text)) {
      await turn.send(checkInButtonMessage('Apri il modulo per registrare un valore, oppure scrivi «report <indicatore> value=<valore>», ad esempio «report 12 value=23».'));
      return;
    }
    const leading = leadingCommand(turn.text);
    if (leading?.name === 'relazione') {
      const input = parseRelazioneArgs(leading.args);
      const plan = await checkRelazione(runtime, turn.userId, input);
      await turn.send(notice(`⏳ Preparo la Relazione sulla Performance ${plan.year} di ${plan.ente.name}: la carico qui tra qualche secondo.`));
      await deliverRelazione(runtime, turn.userId, turn.channelId, input);
      return;
    }
    const outcome = await converse(turn.text, commandContext(runtime, turn.userId, turn.requestKey), { conversation: turn.channelId });
    await turn.send(outcome.kind === 'confirm' ? confirmMessage(outcome.input, outcome.preview, outcome.text)
      : outcome.kind === 'message' ? conversationMessage(outcome.text, outcome.choices) : replyMessage(outcome.reply));
  } catch (error) {
    await turn.send(errorMessage(error, runtime.logger));
  }
}

/** Mentions look like `<@U0BOT> status`; the grammar starts after them. */
function withoutMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ').trim();
}

/** Direct messages, mentions in channels and the App Home tab. */
export function registerConversation(app: App, runtime: SlackRuntime): void {
  const { client } = runtime;

  app.event('message', async ({ event, body }) => {
    // Only what people write in their conversation with the app: no edits, joins or bot messages.
    if (event.channel_type !== 'im' || event.subtype !== undefined || event.bot_id !== undefined) return;
    const channelId = event.channel;
    await handleTurn(runtime, {
      userId: event.user, channelId, text: typedText(event.text ?? ''), requestKey: `slack:event:${body.event_id}`,
      send: (message) => client.chat.postMessage({ channel: channelId, ...message }),
    });
  });

  app.event('app_mention', async ({ event, body }) => {
    const userId = event.user;
    if (event.bot_id !== undefined || userId === undefined) return;
    const channelId = event.channel;
    await handleTurn(runtime, {
      userId, channelId, text: typedText(withoutMentions(event.text)), requestKey: `slack:event:${body.event_id}`,
      send: (message) => client.chat.postEphemeral({ channel: channelId, user: userId, ...message }),
    });
  });

  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await client.views.publish({ user_id: event.user, view: await homeView(runtime, event.user) });
  });
}

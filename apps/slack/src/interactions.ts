import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { confirmAnswer, decodeConfirmation, submitReport } from '@perf/core';
import { ACTION } from './actions.ts';
import { handleTurn } from './conversation.ts';
import { cancelledMessage, replyMessage, type SlackMessage } from './blocks.ts';
import { errorFieldText, errorMessage } from './errors.ts';
import { CHECKIN_CALLBACK, checkInView, fieldOf, readCheckIn } from './modal.ts';
import { commandContext, type SlackRuntime } from './runtime.ts';

const FIELD_ERROR_LIMIT = 300;

/** Where a button's answer goes: replacing or following its message, or else a DM to the person. */
function answerer(runtime: SlackRuntime, body: BlockAction, respond: RespondFn | undefined) {
  return async (message: SlackMessage, replaceOriginal: boolean): Promise<void> => {
    if (respond) await respond({ response_type: 'ephemeral', replace_original: replaceOriginal, ...message });
    else await runtime.client.chat.postMessage({ channel: body.user.id, ...message });
  };
}

/** Identifies the message a button belongs to, so a double click is one request. */
function messageKey(body: BlockAction): string {
  const container = body.container as { channel_id?: string; message_ts?: string; view_id?: string } | undefined;
  const channel = body.channel?.id ?? container?.channel_id ?? container?.view_id ?? body.user.id;
  return `${channel}:${container?.message_ts ?? body.message?.ts ?? body.actions[0]?.action_ts ?? body.trigger_id}`;
}

/** The conversation a button was pressed in (its state is kept per conversation). */
function conversationOf(body: BlockAction): string | undefined {
  return body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
}

/** Buttons (Conferma, Annulla, a choice, the check-in modal) and the modal's submission. */
export function registerInteractions(app: App, runtime: SlackRuntime): void {
  const { logger } = runtime;

  app.action<BlockAction<ButtonAction>>(ACTION.confirm, async ({ ack, body, action, respond }) => {
    await ack();
    const answer = answerer(runtime, body, respond);
    try {
      const context = commandContext(runtime, body.user.id, `slack:confirm:${messageKey(body)}`);
      await answer(replyMessage(await confirmAnswer(decodeConfirmation(action.value), context, { conversation: conversationOf(body) })), true);
    } catch (error) {
      await answer(errorMessage(error, logger), false);
    }
  });

  app.action<BlockAction<ButtonAction>>(ACTION.cancel, async ({ ack, body, respond }) => {
    await ack();
    await answerer(runtime, body, respond)(cancelledMessage(), true);
  });

  // A numbered choice's button answers as if the person had typed the option's number.
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION.choose}_\\d+$`), async ({ ack, body, action, respond }) => {
    await ack();
    const answer = answerer(runtime, body, respond);
    await handleTurn(runtime, {
      userId: body.user.id, channelId: conversationOf(body) ?? body.user.id, text: action.value ?? '', requestKey: `slack:choose:${messageKey(body)}`,
      send: (message) => answer(message, true),
    });
  });

  app.action<BlockAction<ButtonAction>>(ACTION.openCheckIn, async ({ ack, body, action, respond, client }) => {
    await ack();
    try {
      const preselect = /^\d+$/.test(action.value ?? '') ? Number(action.value) : undefined;
      await client.views.open({ trigger_id: body.trigger_id, view: await checkInView(runtime, body.user.id, preselect) });
    } catch (error) {
      await answerer(runtime, body, respond)(errorMessage(error, logger), false);
    }
  });

  app.view(CHECKIN_CALLBACK, async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    let message: SlackMessage;
    try {
      // The view id is the request key: a repeated submission of the same modal stores once.
      message = replyMessage(await submitReport(readCheckIn(view), commandContext(runtime, userId, `slack:view:${view.id}`)));
    } catch (error) {
      const text = errorFieldText(error, logger);
      await ack({ response_action: 'errors', errors: { [fieldOf(error)]: text.length <= FIELD_ERROR_LIMIT ? text : `${text.slice(0, FIELD_ERROR_LIMIT - 1)}…` } });
      return;
    }
    await ack();
    await client.chat.postMessage({ channel: userId, ...message });
  });
}

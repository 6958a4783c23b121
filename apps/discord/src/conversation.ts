import { confirmAnswer, converse, decodeConfirmation, encodeConfirmation, type ReportInput } from '@perf/core';
import { PerfError } from '@perf/model';
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type ButtonInteraction, type Message } from 'discord.js';
import { BAND_COLOUR, replyEmbed, replyMessage } from './embeds.ts';
import { chatContext, type BotDeps } from './respond.ts';

const CONFIRM = 'perf:confirm:';
const CANCEL = 'perf:cancel';
/** Discord's limit for a button's custom id. */
const MAX_CUSTOM_ID = 100;

export function isConversationButton(customId: string): boolean {
  return customId.startsWith(CONFIRM) || customId === CANCEL;
}

/** The value to confirm travels in the button itself: indicator, period (fixed by the preview) and raw value. */
function confirmId(input: ReportInput, period: string): string {
  const id = CONFIRM + encodeConfirmation({ ...input, period });
  if (id.length > MAX_CUSTOM_ID) {
    throw new PerfError('VALUE_TOO_LONG', 'Il valore (o la nota) è troppo lungo per essere confermato qui.', { hint: 'Usa /perf report indicator:<n> value:<valore> [note:<testo>].' });
  }
  return id;
}

function confirmButtons(input: ReportInput, period: string): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Success, label: 'Conferma', custom_id: confirmId(input, period) },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Annulla', custom_id: CANCEL },
    ],
  };
}

/**
 * A direct message to the bot: a §6 command, or a value in free text («12: 23,5», «newsletter
 * inviate: 9»), echoed with the grade it would give and stored only when the person presses
 * «Conferma» or answers «sì»; or a question, answered in words.
 * Errors are left to the caller's single error handler.
 */
export async function answerDirectMessage(message: Message, deps: BotDeps): Promise<void> {
  const context = chatContext(deps, message.author.id, `discord:${message.id}`);
  const turn = await converse(message.content, context, { conversation: message.channelId });
  if (turn.kind === 'reply') {
    await message.reply(replyMessage(turn.reply));
    return;
  }
  if (turn.kind === 'message') {
    await message.reply({ content: turn.text });
    return;
  }
  await message.reply({ ...(turn.text === undefined ? {} : { content: turn.text }), embeds: [replyEmbed(turn.preview)], components: [confirmButtons(turn.input, turn.preview.period)] });
}

/**
 * «Conferma» stores the previewed value; the preview message's id is the request key, so pressing
 * it twice stores once. «Annulla» stores nothing. Both replace the preview.
 */
export async function answerConversationButton(interaction: ButtonInteraction, deps: BotDeps): Promise<void> {
  if (interaction.customId === CANCEL) {
    await interaction.update({ embeds: [{ title: 'Annullato', description: 'Nulla è stato registrato.', color: BAND_COLOUR.none }], components: [] });
    return;
  }
  const context = chatContext(deps, interaction.user.id, `discord:${interaction.message.id}`);
  const reply = await confirmAnswer(decodeConfirmation(interaction.customId.slice(CONFIRM.length)), context, { conversation: interaction.channelId });
  await interaction.update({ embeds: [replyEmbed(reply)], components: [] });
}

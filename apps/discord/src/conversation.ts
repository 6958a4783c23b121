import { confirmAnswer, converse, decodeConfirmation, encodeConfirmation, isPrivateReply, type ConversationChoice, type ConversationTurn, type ReportInput } from '@perf/core';
import { PerfError } from '@perf/model';
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type ButtonInteraction, type Message } from 'discord.js';
import { BAND_COLOUR, replyEmbed, replyMessage } from './embeds.ts';
import { chatContext, type BotDeps } from './respond.ts';

const CONFIRM = 'perf:confirm:';
const CANCEL = 'perf:cancel';
/** A numbered choice's button: its custom id ends with the answer it sends, as if typed. */
const CHOOSE = 'perf:choose:';
/** Discord's limit for a button's custom id. */
const MAX_CUSTOM_ID = 100;

export function isConversationButton(customId: string): boolean {
  return customId.startsWith(CONFIRM) || customId === CANCEL || customId.startsWith(CHOOSE);
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

/** Discord shows at most 5 buttons in a row. */
const ROW_BUTTONS = 5;

function choiceButtons(choices: readonly ConversationChoice[]): APIActionRowComponent<APIButtonComponent>[] {
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < Math.min(choices.length, 25); i += ROW_BUTTONS) {
    rows.push({
      type: ComponentType.ActionRow,
      components: choices.slice(i, i + ROW_BUTTONS).map((choice) => ({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: choice.label, custom_id: CHOOSE + choice.answer })),
    });
  }
  return rows;
}

/** A turn of the conversation as a Discord message: a reply's embed, a text with its choice buttons, or a preview with Conferma / Annulla. */
function turnMessage(turn: ConversationTurn) {
  // Every field is set, so a message updated in place (a choice pressed) loses the old buttons.
  if (turn.kind === 'reply') return { content: '', components: [], ...replyMessage(turn.reply) };
  if (turn.kind === 'message') return { content: turn.text, embeds: [], components: choiceButtons(turn.choices ?? []) };
  return { content: turn.text ?? '', embeds: [replyEmbed(turn.preview)], components: [confirmButtons(turn.input, turn.preview.period)] };
}

/** Said in a server channel instead of a reply that is the asker's alone (the dashboard link). */
const SENT_PRIVATELY = 'Il link personale al cruscotto te l’ho mandato in un messaggio diretto: in questo canale non lo mostro.';

/**
 * A message to the bot (`text`: a DM, or a mention without the mention): a §6 command, or a value
 * in free text («12: 23,5», «newsletter inviate: 9»), echoed with the grade it would give and stored
 * only when the person presses «Conferma» or answers «sì»; or a question, answered in words.
 * Errors are left to the caller's single error handler.
 */
export async function answerDirectMessage(message: Message, deps: BotDeps, text = message.content): Promise<void> {
  const context = chatContext(deps, message.author.id, `discord:${message.id}`);
  const turn = await converse(text, context, { conversation: message.channelId });
  if (message.inGuild() && turn.kind === 'reply' && isPrivateReply(turn.reply)) {
    await message.author.send(turnMessage(turn));
    await message.reply({ content: SENT_PRIVATELY });
    return;
  }
  await message.reply(turnMessage(turn));
}

/**
 * «Conferma» stores the previewed value; the preview message's id is the request key, so pressing
 * it twice stores once. «Annulla» stores nothing. Both replace the preview.
 */
export async function answerConversationButton(interaction: ButtonInteraction, deps: BotDeps): Promise<void> {
  if (interaction.customId.startsWith(CHOOSE)) {
    // Pressed once per message: the choice message's id is the request key, as for Conferma.
    const context = chatContext(deps, interaction.user.id, `discord:${interaction.message.id}`);
    await interaction.update(turnMessage(await converse(interaction.customId.slice(CHOOSE.length), context, { conversation: interaction.channelId })));
    return;
  }
  if (interaction.customId === CANCEL) {
    await interaction.update({ embeds: [{ title: 'Annullato', description: 'Nulla è stato registrato.', color: BAND_COLOUR.none }], components: [] });
    return;
  }
  const context = chatContext(deps, interaction.user.id, `discord:${interaction.message.id}`);
  const reply = await confirmAnswer(decodeConfirmation(interaction.customId.slice(CONFIRM.length)), context, { conversation: interaction.channelId });
  await interaction.update({ embeds: [replyEmbed(reply)], components: [] });
}

import { authorizeRelazione, commandParams, isPrivateReply, parseRelazioneArgs, produceRelazione } from '@perf/core';
import { MessageFlags, type AutocompleteInteraction, type ChatInputCommandInteraction, type Interaction, type Message } from 'discord.js';
import { indicatorChoices } from './autocomplete.ts';
import { COMMAND_NAME, OPTION } from './command-definition.ts';
import { answerConversationButton, answerDirectMessage, isConversationButton } from './conversation.ts';
import { replyMessage } from './embeds.ts';
import { coreCommand, grammarLine } from './options.ts';
import { answerError, chatContext, type BotDeps } from './respond.ts';

/** Routes every interaction the bot receives; any error ends in `answerError`. */
export async function handleInteraction(interaction: Interaction, deps: BotDeps): Promise<void> {
  try {
    if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME) {
      await answerAutocomplete(interaction, deps);
    } else if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) {
      await answerSlashCommand(interaction, deps);
    } else if (interaction.isButton() && isConversationButton(interaction.customId)) {
      await answerConversationButton(interaction, deps);
    }
  } catch (error) {
    await answerError(interaction, error, deps);
  }
}

/**
 * What a message says to the bot: all of a direct message; in a server channel, only a message that
 * @mentions the bot, without the mention (a bare mention asks for help). Undefined: not for the bot.
 */
function textForBot(message: Message): string | undefined {
  if (!message.inGuild()) return message.content;
  const me = message.client.user?.id;
  if (me === undefined || !(message.content.includes(`<@${me}>`) || message.content.includes(`<@!${me}>`))) return undefined;
  return message.content.replace(new RegExp(`<@!?${me}>`, 'g'), ' ').trim() || 'help';
}

/** Direct messages to the bot (answers to reminders, commands or free text) and @mentions in a server channel. */
export async function handleMessage(message: Message, deps: BotDeps): Promise<void> {
  if (message.author.bot || message.content.trim() === '') return;
  const text = textForBot(message);
  if (text === undefined) return;
  try {
    await answerDirectMessage(message, deps, text);
  } catch (error) {
    await answerError(message, error, deps);
  }
}

async function answerAutocomplete(interaction: AutocompleteInteraction, deps: BotDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== OPTION.indicator) {
    await interaction.respond([]);
    return;
  }
  await interaction.respond(await indicatorChoices(String(focused.value), chatContext(deps, interaction.user.id, undefined)));
}

async function answerSlashCommand(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void> {
  const line = grammarLine(interaction.options);
  const context = chatContext(deps, interaction.user.id, `discord:${interaction.id}`);
  if (line.name === 'relazione') {
    const input = parseRelazioneArgs(line.words);
    // Refusals are answered at once (ephemeral); only a permitted request waits for the PDF.
    await authorizeRelazione(input, context);
    await interaction.deferReply();
    await interaction.followUp(replyMessage(await produceRelazione(input, context)));
    return;
  }
  const command = coreCommand(line.name);
  const reply = await command.run(commandParams(command, line.words), context);
  // A sign-in link is the asker's alone: never posted to the channel.
  await interaction.reply(isPrivateReply(reply) ? { ...replyMessage(reply), flags: MessageFlags.Ephemeral } : replyMessage(reply));
}

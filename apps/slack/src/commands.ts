import type { App } from '@slack/bolt';
import { parseRelazioneArgs, runCommandLine } from '@perf/core';
import { notice, replyMessage, type SlackMessage } from './blocks.ts';
import { errorMessage } from './errors.ts';
import { isBareReport, leadingCommand, typedText } from './grammar.ts';
import { handleTurn } from './conversation.ts';
import { checkInView } from './modal.ts';
import { commandContext, type SlackRuntime } from './runtime.ts';
import { checkRelazione, deliverRelazione } from './uploads.ts';

/**
 * `/perf <grammar of §6>` (or free text, which goes to the conversation): acknowledged at once with an empty answer, as Slack recommends, then
 * answered through response_url, visible only to the person who asked. Nothing waits on the
 * database before the acknowledgement, so Slack never times out and never sees an error page;
 * "Registrato" is said only once the rilevazione is committed.
 */
export function registerSlashCommand(app: App, runtime: SlackRuntime): void {
  app.command('/perf', async ({ command, ack, respond, client }) => {
    await ack();
    const userId = command.user_id;
    const text = typedText(command.text);
    const answer = async (message: SlackMessage): Promise<void> => {
      await respond({ response_type: 'ephemeral', ...message });
    };
    try {
      if (isBareReport(text)) {
        await client.views.open({ trigger_id: command.trigger_id, view: await checkInView(runtime, userId) });
        return;
      }
      const leading = leadingCommand(text);
      if (leading === undefined && text !== '') {
        // `/perf` followed by free text: the conversation, as in a DM; what it infers waits for «sì».
        await handleTurn(runtime, { userId, channelId: command.channel_id, text, requestKey: `slack:command:${command.trigger_id}`, send: answer });
        return;
      }
      if (leading?.name === 'relazione') {
        const input = parseRelazioneArgs(leading.args);
        const plan = await checkRelazione(runtime, userId, input);
        if (!(await runtime.store.claimRequest(`slack:relazione:${command.trigger_id}`, runtime.clock()))) {
          await answer(notice('Questa richiesta è già stata ricevuta: la Relazione arriva tra poco in questo canale.'));
          return;
        }
        await answer(notice(`⏳ Preparo la Relazione sulla Performance ${plan.year} di ${plan.ente.name}: la carico in questo canale tra qualche secondo.`));
        await deliverRelazione(runtime, userId, command.channel_id, input);
        return;
      }
      // The trigger id is unique per invocation and repeated by a redelivery: a report never stores twice.
      const context = commandContext(runtime, userId, `slack:command:${command.trigger_id}`);
      await answer(replyMessage(await runCommandLine(text === '' ? 'help' : text, context)));
    } catch (error) {
      await answer(errorMessage(error, runtime.logger));
    }
  });
}

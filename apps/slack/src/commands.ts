import type { App, RespondArguments } from '@slack/bolt';
import { parseRelazioneArgs, runCommandLine } from '@perf/core';
import { notice, replyMessage, type SlackMessage } from './blocks.ts';
import { errorMessage } from './errors.ts';
import { isBareReport, leadingCommand, typedText } from './grammar.ts';
import { checkInView } from './modal.ts';
import { commandContext, type SlackRuntime } from './runtime.ts';
import { checkRelazione, deliverRelazione } from './uploads.ts';

type Ack = (response?: RespondArguments) => Promise<void>;
type Respond = (message: RespondArguments) => Promise<unknown>;

/**
 * Answers a slash command: the answer itself when it is ready within the budget (Slack waits
 * 3 seconds), otherwise an empty acknowledgement now and the answer through response_url.
 */
async function answerWithin(runtime: SlackRuntime, ack: Ack, respond: Respond, work: () => Promise<SlackMessage>): Promise<void> {
  const result = work().catch((error: unknown) => errorMessage(error, runtime.logger));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), runtime.answerBudgetMs);
  });
  const first = await Promise.race([result, late]);
  clearTimeout(timer);
  if (first !== undefined) {
    await ack({ response_type: 'ephemeral', ...first });
    return;
  }
  await ack();
  await respond({ response_type: 'ephemeral', ...(await result) });
}

/** `/perf <grammar of §6>`: the command core's answers, visible only to the person who asked. */
export function registerSlashCommand(app: App, runtime: SlackRuntime): void {
  app.command('/perf', async ({ command, ack, respond, client }) => {
    const userId = command.user_id;
    const text = typedText(command.text);
    let acknowledged = false;
    const answer = async (message: SlackMessage): Promise<void> => {
      if (acknowledged) {
        await respond({ response_type: 'ephemeral', ...message });
        return;
      }
      acknowledged = true;
      await ack({ response_type: 'ephemeral', ...message });
    };
    const leading = leadingCommand(text);

    try {
      if (isBareReport(text)) {
        const view = await checkInView(runtime, userId);
        acknowledged = true;
        await ack();
        await client.views.open({ trigger_id: command.trigger_id, view });
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
        runtime.tasks.background('invio della Relazione', async () => {
          try {
            await deliverRelazione(runtime, userId, command.channel_id, input);
          } catch (error) {
            await respond({ response_type: 'ephemeral', ...errorMessage(error, runtime.logger) });
          }
        });
        return;
      }
    } catch (error) {
      await answer(errorMessage(error, runtime.logger));
      return;
    }

    // The trigger id is unique per invocation and repeated by a redelivery: a report never stores twice.
    const context = commandContext(runtime, userId, `slack:command:${command.trigger_id}`);
    await answerWithin(runtime, ack, respond, async () => replyMessage(await runCommandLine(text === '' ? 'help' : text, context)));
  });
}

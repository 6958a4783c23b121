import type { Person } from '@perf/model';
import { renderNoticeText, type CycleHandlers } from '@perf/core';
import { reminderMessage, summaryMessage, type SlackMessage } from './blocks.ts';
import type { SlackRuntime } from './runtime.ts';

/** How the Slack app delivers the cycle's notifications: the summary to a channel, reminders and notices by DM. */
export function cycleHandlers(runtime: SlackRuntime): CycleHandlers {
  const { client, logger, summaryChannel } = runtime;
  const sendDirect = async (person: Person, what: string, message: { readonly text: string; readonly blocks?: SlackMessage['blocks'] }): Promise<void> => {
    if (!person.slack) {
      logger.info(`perf: ${what} per ${person.id} non inviato: nessun id Slack nel Piano.`);
      return;
    }
    // Posting to a user id delivers the message in the person's conversation with the app.
    await client.chat.postMessage({ channel: person.slack, ...message });
  };
  const sendReminder: CycleHandlers['sendReminder'] = (reminder) => sendDirect(reminder.person, `sollecito ${reminder.period}`, reminderMessage(reminder));
  const sendNotice: CycleHandlers['sendNotice'] = (notice) => sendDirect(notice.person, `avviso «${notice.key}»`, { text: renderNoticeText(notice) });
  if (summaryChannel === undefined) return { sendReminder, sendNotice };
  return {
    sendReminder,
    sendNotice,
    postSummary: async (summary) => {
      await client.chat.postMessage({ channel: summaryChannel, ...summaryMessage(summary) });
    },
  };
}

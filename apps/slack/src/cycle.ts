import { renderNoticeText, type CycleHandlers } from '@perf/core';
import { reminderMessage, summaryMessage } from './blocks.ts';
import type { SlackRuntime } from './runtime.ts';

/** How the Slack app delivers the cycle's notifications: the summary to a channel, reminders by DM. */
export function cycleHandlers(runtime: SlackRuntime): CycleHandlers {
  const { client, logger, summaryChannel } = runtime;
  const sendReminder: CycleHandlers['sendReminder'] = async (reminder) => {
    if (!reminder.person.slack) {
      logger.info(`perf: sollecito ${reminder.period} per ${reminder.person.id} non inviato: nessun id Slack nel Piano.`);
      return;
    }
    // Posting to a user id delivers the message in the person's conversation with the app.
    await client.chat.postMessage({ channel: reminder.person.slack, ...reminderMessage(reminder) });
  };
  // Posting to a user id delivers the message in the person's conversation with the app.
  const sendNotice: CycleHandlers['sendNotice'] = async (notice) => {
    if (!notice.person.slack) {
      logger.info(`perf: avviso «${notice.key}» per ${notice.person.id} non inviato: nessun id Slack nel Piano.`);
      return;
    }
    await client.chat.postMessage({ channel: notice.person.slack, text: renderNoticeText(notice) });
  };
  if (summaryChannel === undefined) return { sendReminder, sendNotice };
  return {
    sendReminder,
    sendNotice,
    postSummary: async (summary) => {
      await client.chat.postMessage({ channel: summaryChannel, ...summaryMessage(summary) });
    },
  };
}

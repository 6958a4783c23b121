import { MessageFactory } from '@microsoft/agents-hosting';
import type { ConversationReference } from '@microsoft/agents-activity';
import { runCycleRound } from '@perf/chat';
import { renderNoticeText, renderReminderText, renderSummaryText, type CycleHandlers, type CycleOutcome } from '@perf/core';
import { PerfError, type Person } from '@perf/model';
import type { TeamsRuntime } from './runtime.ts';

/**
 * Sends one proactive message into a stored (or configured) conversation. A failure is thrown to the cycle
 * (which then does not count the notification as sent and retries it): the adapter alone would hand it to
 * its turn-error handler and return as if the message had gone out.
 */
async function sendTo(runtime: TeamsRuntime, reference: Partial<ConversationReference>, text: string): Promise<void> {
  let failure: unknown;
  await runtime.adapter.continueConversation(runtime.appId, reference as ConversationReference, async (context) => {
    try {
      await context.sendActivity(MessageFactory.text(text));
    } catch (error) {
      failure = error;
    }
  });
  if (failure !== undefined) throw failure;
}

/** The summary to TEAMS_SUMMARY_CONVERSATION; reminders to the personal chats whose references are stored. */
function cycleHandlers(runtime: TeamsRuntime): CycleHandlers {
  const sendPersonal = async (person: Person, text: string): Promise<void> => {
    const reference = person.teams === undefined ? undefined : await runtime.store.teamsConversations.find(person.teams);
    // Thrown, so the claim is given back: the message goes out at a later check, once the person has
    // installed the app or written to it (returning would count it as sent and lose it).
    if (reference === undefined) throw new PerfError('TEAMS_UNREACHABLE', `l'app non ha ancora una chat personale con ${person.id}.`);
    await sendTo(runtime, reference as ConversationReference, text);
  };
  const sendReminder: CycleHandlers['sendReminder'] = (reminder) => sendPersonal(reminder.person, renderReminderText(reminder));
  const sendNotice: CycleHandlers['sendNotice'] = (notice) => sendPersonal(notice.person, renderNoticeText(notice));
  const conversation = runtime.summaryConversation;
  if (conversation === undefined) return { sendReminder, sendNotice };
  return {
    sendReminder,
    sendNotice,
    postSummary: (summary) => sendTo(runtime, { serviceUrl: runtime.serviceUrl, channelId: 'msteams', agent: { id: `28:${runtime.appId}`, name: 'perf' }, conversation: { id: conversation, isGroup: true } } as ConversationReference, renderSummaryText(summary)),
  };
}

/** One round of cycle checks; the core claims each notification in the database, so it goes out once across restarts and instances. */
export function runTeamsChecks(runtime: TeamsRuntime): Promise<CycleOutcome> {
  return runCycleRound({
    app: 'teams', store: runtime.store, clock: runtime.clock, summaryTarget: runtime.summaryConversation,
    reminderDays: runtime.reminderDays, handlers: cycleHandlers(runtime), log: runtime.log,
  });
}

import { runCycleRound } from '@perf/chat';
import { renderNoticeText, renderReminderText, type Clock, type CycleOutcome, type PeriodSummary, type PersonNotice, type Reminder } from '@perf/core';
import type { Person } from '@perf/model';
import type { Store } from '@perf/store';
import { Routes, type Client } from 'discord.js';
import { clip, summaryEmbed } from './embeds.ts';

export interface CycleOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly summaryChannel: string | undefined;
  readonly reminderDays: number;
  readonly log: (line: string) => void;
}

/** Discord's limit for a message's text. */
const MAX_CONTENT = 2000;

async function postSummary(client: Client, channelId: string, summary: PeriodSummary): Promise<void> {
  await client.rest.post(Routes.channelMessages(channelId), { body: { embeds: [summaryEmbed(summary)] } });
}

/** Reminders and notices go by direct message: open (or reuse) the DM channel, then post in it. */
async function sendDirect(client: Client, person: Person, what: string, text: string, log: (line: string) => void): Promise<void> {
  if (person.discord === undefined) {
    log(`${what} per ${person.id} non inviato: nel Piano manca il suo id Discord.`);
    return;
  }
  const channel = await client.users.createDM(person.discord);
  await channel.send({ content: clip(text, MAX_CONTENT) });
}

/**
 * One check of the cycle (core `runCycleChecks`): the summary of the period just closed to the
 * summary channel, and the reminders due; each is claimed in the database so it goes out once.
 */
export function checkCycle(client: Client, options: CycleOptions): Promise<CycleOutcome> {
  const { summaryChannel, log } = options;
  return runCycleRound({
    app: 'discord', store: options.store, clock: options.clock, summaryTarget: summaryChannel, reminderDays: options.reminderDays, log,
    handlers: {
      ...(summaryChannel === undefined ? {} : { postSummary: (summary: PeriodSummary) => postSummary(client, summaryChannel, summary) }),
      sendReminder: (reminder: Reminder) => sendDirect(client, reminder.person, `Sollecito ${reminder.period}`, renderReminderText(reminder), log),
      sendNotice: (notice: PersonNotice) => sendDirect(client, notice.person, `Avviso «${notice.key}»`, renderNoticeText(notice), log),
    },
  });
}

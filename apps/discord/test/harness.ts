import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import type { Clock, CommandContext } from '@perf/core';
import { openStore, type Store } from '@perf/store';
import { importPlanFile, importValuesFile } from '../../cli/src/import-files.ts';
import { freshEmbeddedDir } from '../../../test/support/databases.ts';
import { createDiscordBot, type DiscordBot } from '../src/bot.ts';
import { FakeDiscord, type FakeUser, type RecordedCall } from './fake-discord.ts';

export const APPLICATION_ID = '200000000000000001';
export const GUILD_ID = '210000000000000001';
export const SUMMARY_CHANNEL = '220000000000000001';
export const TOKEN = 'fake-bot-token';

const EXAMPLE = fileURLToPath(new URL('../../../examples/cciaa-ms-2012/', import.meta.url));

/** People of the example plan, by their Discord ids. */
export const PEOPLE = {
  conti: { id: '100000000000000006', username: 'g.conti' },      // staff, owner of indicator 12
  rossi: { id: '100000000000000002', username: 'p.rossi' },      // dirigente
  serra: { id: '100000000000000013', username: 'f.serra' },      // controllo di gestione
  ferri: { id: '100000000000000014', username: 'g.ferri' },      // OIV
  stranger: { id: '199999999999999999', username: 'estraneo' },  // not in the plan
} as const satisfies Record<string, FakeUser>;

/** A fresh embedded database with the example plan (and, optionally, its 2012 values). */
export async function exampleStore(withValues: boolean): Promise<{ store: Store; dir: string }> {
  const dir = await freshEmbeddedDir();
  // As `pnpm discord` opens it: the embedded engine on a worker thread.
  const store = await openStore(dir, { embeddedThread: 'worker' });
  const context: CommandContext = {
    store, channel: 'cli', clock: () => new Date('2012-01-10T09:00:00+01:00'), identity: { kind: 'operator', operatorName: 'controllo:test' },
  };
  await importPlanFile(`${EXAMPLE}piano-2012.yaml`, context);
  if (withValues) await importValuesFile(`${EXAMPLE}valori-2012.yaml`, context);
  return { store, dir };
}

export interface RunningBot {
  readonly bot: DiscordBot;
  readonly log: string[];
}

/** Starts the real bot (discord.js client) against the fake, sharing the test's open store. */
export async function startBot(fake: FakeDiscord, store: Store, clock: Clock, options: { summaryChannel?: string; reminderDays?: number } = {}): Promise<RunningBot> {
  const log: string[] = [];
  const bot = createDiscordBot({
    store, token: TOKEN, applicationId: APPLICATION_ID, apiUrl: fake.apiUrl, clock, guildId: GUILD_ID,
    summaryChannel: options.summaryChannel, reminderDays: options.reminderDays ?? 7, readyTimeoutMs: 10_000, log: (line) => log.push(line),
  });
  try {
    await bot.start();
  } catch (error) {
    await bot.stop();
    throw error;
  }
  return { bot, log };
}

/** The fake Discord, a fresh example store and the real bot of one test file: started before its tests, stopped after them. */
export interface BotFixture {
  readonly fake: FakeDiscord;
  readonly store: Store;
  readonly running: RunningBot;
}

export function useExampleBot(clock: Clock, withValues: boolean): BotFixture {
  const fixture: Partial<{ -readonly [K in keyof BotFixture]: BotFixture[K] }> = {};
  beforeAll(async () => {
    fixture.fake = await FakeDiscord.start(APPLICATION_ID, GUILD_ID);
    ({ store: fixture.store } = await exampleStore(withValues));
    fixture.running = await startBot(fixture.fake, fixture.store, clock);
  });
  afterAll(async () => {
    await fixture.running?.bot.stop();
    await fixture.fake?.close();
    await fixture.store?.close();
  });
  return fixture as BotFixture;
}

/** The interaction callback of one interaction (POST /interactions/{id}/{token}/callback). */
export function callbackOf(fake: FakeDiscord, interaction: { id: string }): Promise<RecordedCall> {
  return fake.waitForCall((c) => c.method === 'POST' && c.path === `/api/v10/interactions/${interaction.id}/token-${interaction.id}/callback`);
}

/** The follow-up messages of one interaction (POST /webhooks/{app}/{token}). */
export function followUpOf(fake: FakeDiscord, interaction: { token: string }, timeoutMs?: number): Promise<RecordedCall> {
  return fake.waitForCall((c) => c.method === 'POST' && c.path === `/api/v10/webhooks/${APPLICATION_ID}/${interaction.token}`, timeoutMs);
}

export function fixedClock(iso: string): Clock {
  const instant = new Date(iso);
  return () => new Date(instant.getTime());
}

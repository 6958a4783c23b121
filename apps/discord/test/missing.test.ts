import { missingIndicators, resolveActor, scopeOf } from '@perf/core';
import type { Store } from '@perf/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord.ts';
import { APPLICATION_ID, callbackOf, exampleStore, fixedClock, GUILD_ID, PEOPLE, startBot, type RunningBot } from './harness.ts';

/** Inside 2012-Q4, on the plan without values: most indicators are still missing. */
const clock = fixedClock('2012-11-15T10:00:00+01:00');

let fake: FakeDiscord;
let store: Store;
let running: RunningBot | undefined;

beforeAll(async () => {
  fake = await FakeDiscord.start(APPLICATION_ID, GUILD_ID);
  ({ store } = await exampleStore(false));
  running = await startBot(fake, store, clock);
});

afterAll(async () => {
  await running?.bot.stop();
  await fake?.close();
  await store?.close();
});

async function choicesOf(user: (typeof PEOPLE)[keyof typeof PEOPLE]): Promise<{ name: string; value: number }[]> {
  const callback = await callbackOf(fake, fake.command(user, 'report', { indicator: '' }, { type: 4, focused: 'indicator' }));
  return callback.body.data.choices as { name: string; value: number }[];
}

describe('autocomplete of indicator and the core rule of "still missing"', () => {
  it("marks, first, exactly what the core's missingIndicators lists for the person and the open period", async () => {
    // g.conti reports indicator 12 for Q4: it is no longer missing, the others of hers still are.
    const report = await callbackOf(fake, fake.command(PEOPLE.conti, 'report', { indicator: 12, value: '25' }));
    expect(report.body.type).toBe(4);
    const plan = await store.getPlan('CCIAA-MS', 2012);
    if (!plan) throw new Error('no plan');
    for (const user of [PEOPLE.conti, PEOPLE.rossi]) {
      const actor = resolveActor(plan, { kind: 'chat', app: 'discord', userId: user.id });
      const expected = (await missingIndicators(store, plan, scopeOf(plan, actor), { year: 2012, kind: 'Q', index: 4 })).map((i) => i.id).sort((a, b) => a - b);
      expect(expected.length).toBeGreaterThan(0);
      const choices = await choicesOf(user);
      const marked = choices.filter((c) => c.name.endsWith(' (manca 2012-Q4)')).map((c) => c.value);
      // Discord shows 25 choices at most: the missing ones first, by number.
      expect(marked).toEqual(expected.slice(0, 25));
      expect(choices.slice(0, marked.length).map((c) => c.value)).toEqual(marked);
    }
    expect(await choicesOf(PEOPLE.conti)).toContainEqual({ name: '12 — Adesioni al bando per la partecipazione a CarraraMarmotec', value: 12 });
  });
});

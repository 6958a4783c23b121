import { missingIndicators, resolveActor, scopeOf } from '@perf/core';
import { describe, expect, it } from 'vitest';
import { callbackOf, fixedClock, PEOPLE, useExampleBot } from './harness.ts';

/** Inside 2012-Q4, on the plan without values: most indicators are still missing. */
const clock = fixedClock('2012-11-15T10:00:00+01:00');

const bot = useExampleBot(clock, false);

async function choicesOf(user: (typeof PEOPLE)[keyof typeof PEOPLE]): Promise<{ name: string; value: number }[]> {
  const callback = await callbackOf(bot.fake, bot.fake.command(user, 'report', { indicator: '' }, { type: 4, focused: 'indicator' }));
  return callback.body.data.choices as { name: string; value: number }[];
}

describe('autocomplete of indicator and the core rule of "still missing"', () => {
  it("marks, first, exactly what the core's missingIndicators lists for the person and the open period", async () => {
    // g.conti reports indicator 12 for Q4: it is no longer missing, the others of hers still are.
    const report = await callbackOf(bot.fake, bot.fake.command(PEOPLE.conti, 'report', { indicator: 12, value: '25' }));
    expect(report.body.type).toBe(4);
    const plan = await bot.store.getPlan('CCIAA-MS', 2012);
    if (!plan) throw new Error('no plan');
    for (const user of [PEOPLE.conti, PEOPLE.rossi]) {
      const actor = resolveActor(plan, { kind: 'chat', app: 'discord', userId: user.id });
      const expected = (await missingIndicators(bot.store, plan, scopeOf(plan, actor), { year: 2012, kind: 'Q', index: 4 })).map((i) => i.id).sort((a, b) => a - b);
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

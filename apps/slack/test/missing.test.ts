import { missingIndicators, resolveActor, scopeOf } from '@perf/core';
import type { Period } from '@perf/model';
import { afterEach, describe, expect, it } from 'vitest';
import { dmChannel } from './support/conversation.ts';
import { blocksText, Harness, USERS } from './support/harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

type Option = { text: { text: string }; value: string };
type ModalView = { blocks: { block_id?: string; elements?: { text?: string }[]; element?: { option_groups?: { options: Option[] }[] } }[] };

/** The ids the Home tab lists under "Da rilevare", and its text. */
async function homeOf(h: Harness, user: string): Promise<{ text: string; listed: number[] }> {
  await h.event({ type: 'app_home_opened', user, channel: dmChannel(user), tab: 'home', event_ts: '1348600000.002000' });
  const publish = h.fake.callsTo('views.publish').find((c) => c.body.user_id === user);
  const text = blocksText((publish?.body.view as { blocks: unknown[] }).blocks);
  const list = text.split('Da rilevare per il')[1]?.split('*Indicatori di')[0] ?? '';
  return { text, listed: [...list.matchAll(/• \\?\*(\d+)\\?\*/g)].map((m) => Number(m[1])) };
}

/** The check-in modal `/perf report` opens: the ⚪ ids and its legend. */
async function modalOf(h: Harness, user: string): Promise<{ legend: string; marked: number[] }> {
  await h.command('report', user, { triggerId: `TR-MISSING-${user}` });
  const open = await h.fake.waitFor('views.open');
  const view = open.body.view as ModalView;
  const options = view.blocks.flatMap((b) => b.element?.option_groups ?? []).flatMap((g) => g.options);
  return {
    legend: view.blocks[0]?.elements?.[0]?.text ?? '',
    marked: options.filter((o) => o.text.text.startsWith('⚪ ')).map((o) => Number(o.value)),
  };
}

async function expectedMissing(h: Harness, user: string, period: Period, own: boolean): Promise<number[]> {
  const plan = await h.store.getPlan('CCIAA-MS', 2012);
  if (!plan) throw new Error('no plan');
  const actor = resolveActor(plan, { kind: 'chat', app: 'slack', userId: user });
  const scope = own ? { kind: 'person', person: actor.id } as const : scopeOf(plan, actor);
  return (await missingIndicators(h.store, plan, scope, period)).map((i) => i.id);
}

describe('Home tab and check-in modal follow the core rule of "still missing"', () => {
  it("list, in the open period, exactly what the core's missingIndicators lists", async () => {
    harness = await Harness.start({ now: '2012-09-20T10:00:00+02:00' });
    const q3: Period = { year: 2012, kind: 'Q', index: 3 };
    const own = await expectedMissing(harness, USERS.conti, q3, true);
    expect(own.length).toBeGreaterThan(0);
    expect((await homeOf(harness, USERS.conti)).listed).toEqual(own);
    const modal = await modalOf(harness, USERS.conti);
    expect(modal.legend).toContain('⚪ = senza valore nel terzo trimestre 2012');
    expect(modal.marked.sort((a, b) => a - b)).toEqual((await expectedMissing(harness, USERS.conti, q3, false)).sort((a, b) => a - b));
  });

  it("speak of the year's last period once the year is over, as /perf missing does (they used to say nothing)", async () => {
    harness = await Harness.start({ now: '2013-01-10T10:00:00+01:00' });
    const missing = await harness.command('missing', USERS.conti);
    expect(missing.text).toContain('2012-Q4');
    expect(await expectedMissing(harness, USERS.conti, { year: 2012, kind: 'Q', index: 4 }, true)).toEqual([]);
    expect((await homeOf(harness, USERS.conti)).text).toContain('✅ Tutti i tuoi indicatori hanno un valore per il quarto trimestre 2012.');
    const modal = await modalOf(harness, USERS.conti);
    expect(modal.legend).toContain('⚪ = senza valore nel quarto trimestre 2012');
    expect(modal.marked).toEqual([]);
  });
});

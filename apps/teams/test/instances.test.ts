import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '@perf/store';
import { freshPostgresUrl } from '../../../test/support/databases.ts';
import { exampleOnPostgres } from '../../../test/support/instances.ts';
import { FakeConnector } from './support/fake-connector.ts';
import { Harness, loadExample } from './support/harness.ts';

const SUMMARY = '19:summary@thread.tacv2';
/** Q3 2012 closes in 4 days: reminders are due; Q2 is the most recently closed period (its summary is due). */
const NOW = '2012-09-26T10:00:00+02:00';
const texts = (fake: FakeConnector, conversation: string) => fake.sent(conversation).map((a) => String(a.text ?? ''));

let running: Harness[] = [];
let fake: FakeConnector | undefined;
afterEach(async () => {
  for (const h of running) await h.stop();
  await fake?.close();
  running = [];
  fake = undefined;
});

/** Two instances of the real Teams app, each with its own store on one PostgreSQL database. */
async function twoInstances(url: string): Promise<[Harness, Harness]> {
  if (!fake) throw new Error('fake connector not started');
  const app = { summaryConversation: SUMMARY, reminderDays: 7 };
  const pair = await Promise.all([Harness.start({ dbDir: url, fake, now: NOW, app }), Harness.start({ dbDir: url, fake, now: NOW, app })]);
  running.push(...pair);
  return pair;
}

async function stopAll(): Promise<void> {
  for (const h of running) await h.stop();
  running = [];
}

describe.skipIf(!process.env.PERF_TEST_PG)('two Teams instances on one PostgreSQL database', () => {
  it('post the period summary once and each reminder once per owner and period, across a restart of both', async () => {
    const { url, owingQ3 } = await exampleOnPostgres(loadExample);
    // Two owners with Q3 values still missing: each gets exactly one reminder.
    const OWNERS = owingQ3.map((p) => p.teams ?? '').slice(0, 2);
    expect(OWNERS).toHaveLength(2);
    fake = await FakeConnector.start();
    let [a, b] = await twoInstances(url);
    // Each owner first talks to a different instance: the conversation reference is stored for both to use.
    expect((await a.message('help', { from: OWNERS[0] ?? '' })).status).toBe(200);
    expect((await b.message('help', { from: OWNERS[1] ?? '' })).status).toBe(200);
    await Promise.all([a.teams.runChecks(), b.teams.runChecks(), a.teams.runChecks(), b.teams.runChecks()]);
    await stopAll();
    [a, b] = await twoInstances(url);
    await Promise.all([a.teams.runChecks(), b.teams.runChecks()]);

    const summaries = texts(fake, SUMMARY);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toContain('Riepilogo del secondo trimestre 2012');
    for (const owner of OWNERS) {
      const reminders = texts(fake, `a:personal-${owner}`).filter((t) => t.includes(' si chiude il '));
      expect(reminders, owner).toHaveLength(1);
      expect(reminders[0]).toContain('terzo trimestre 2012 si chiude il 30/09/2012');
    }
  });

  it('store each report of a burst split between them exactly once, a redelivery to the other instance included', async () => {
    const url = await freshPostgresUrl();
    const setup = await openStore(url);
    await loadExample(setup);
    await setup.close();
    fake = await FakeConnector.start();
    const [a, b] = await twoInstances(url);
    const indicators = [12, 13, 14, 18];
    const reports = Array.from({ length: 24 }, (_, i) => ({ id: `burst-${i}`, text: `report ${indicators[i % 4]} value=${10 + i} period=2012-Q3` }));
    const responses = await Promise.all(reports.flatMap((r, i) => {
      const [first, other] = i % 2 === 0 ? [a, b] : [b, a];
      return [first.message(r.text, { id: r.id }), other.message(r.text, { id: r.id })];
    }));
    expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const stored = (await a.store.history('CCIAA-MS', 2012)).filter((r) => r.channel === 'teams');
    expect(stored.map((r) => r.value).sort((x, y) => x - y)).toEqual(reports.map((_, i) => 10 + i));
  });
});

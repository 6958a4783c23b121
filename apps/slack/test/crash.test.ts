import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '@perf/store';
import { ENGINES } from '../../../test/support/databases.ts';
import { importExamplePlan } from '../../../test/support/example.ts';
import { FakeSlack } from './support/fake-slack.ts';
import { USERS } from './support/harness.ts';
import { startMain, waitHealthy, type MainProcess } from './support/process.ts';
import { postToSlackApp, SIGNING_SECRET, slashCommandBody } from './support/slack-requests.ts';

const SENDERS = 4;
const KILLS = 3;

let running: MainProcess | undefined;
afterEach(() => {
  if (running?.child.exitCode === null) running.child.kill('SIGKILL');
  running = undefined;
});

/**
 * Sends `/perf report 12` from g.conti with SENDERS requests in flight, each with a unique value and
 * response_url, until `killAfter` answers "Registrato" have reached the fake Slack; then kill -9.
 * Returns the values whose rilevazione the app said it had stored.
 */
async function loadAndKill(main: MainProcess, fake: FakeSlack, firstValue: number, killAfter: number): Promise<number[]> {
  const valueAt = new Map<string, number>();
  let next = firstValue;
  const registered = () => fake.callsTo('response_url')
    .filter((c) => valueAt.has(c.path) && String(c.body.text).includes('Registrato'))
    .map((c) => valueAt.get(c.path) ?? -1);
  const url = `http://127.0.0.1:${main.port}/slack/events`;
  const sender = async (): Promise<void> => {
    while (main.child.exitCode === null && main.child.signalCode === null) {
      const value = next++;
      const responseUrl = fake.responseUrl();
      valueAt.set(new URL(responseUrl).pathname, value);
      const text = `report 12 value=${value} period=2012-Q${(value % 4) + 1} note="carico ${value}"`;
      await postToSlackApp(url, slashCommandBody({ text, userId: USERS.conti, responseUrl }), 'application/x-www-form-urlencoded').catch(() => undefined);
    }
  };
  const senders = Array.from({ length: SENDERS }, sender);
  const deadline = Date.now() + 60_000;
  while (registered().length < killAfter) {
    if (Date.now() > deadline) throw new Error(`Solo ${registered().length} risposte "Registrato" entro 60 s: ${main.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  main.child.kill('SIGKILL');
  await main.exited;
  await Promise.all(senders);
  return registered();
}

describe.each(ENGINES)('the Slack app killed with kill -9 under load, on %s', (engine, location) => {
  it('keeps every rilevazione it answered "Registrato" for, none half-written or duplicated, across repeated kills', async () => {
    const db = await location();
    await importExamplePlan(db);
    const fake = await FakeSlack.start();
    const acknowledged: number[] = [];
    try {
      for (let round = 0; round < KILLS; round++) {
        running = await startMain({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-perf-test', PERF_DB: db, SLACK_API_URL: fake.apiUrl, PERF_NOW: '2012-11-15T10:00:00+01:00' });
        await waitHealthy(running);
        acknowledged.push(...await loadAndKill(running, fake, 1_000 * (round + 1), 15 + round * 10));
      }
    } finally {
      await fake.close();
    }
    const store = await openStore(db, { lockWaitMs: 2_000 });
    try {
      const stored = (await store.history('CCIAA-MS', 2012, 12)).filter((r) => r.channel === 'slack');
      const values = stored.map((r) => r.value);
      const lost = acknowledged.filter((value) => !values.includes(value));
      const duplicates = values.length - new Set(values).size;
      const audited = new Set((await store.auditLog({ ente: 'CCIAA-MS', year: 2012 })).filter((e) => e.action === 'rilevazione.add').map((e) => e.details.rilevazione));
      const halfWritten = stored.filter((r) => !audited.has(r.id) || r.note !== `carico ${r.value}` || r.reportedBy !== 'g.conti' || r.period !== `2012-Q${(r.value % 4) + 1}`);
      console.log(`slack crash (${engine}): ${KILLS} kills survived, ${acknowledged.length} acknowledged, ${stored.length} stored, ${lost.length} lost, ${halfWritten.length} half-written, ${duplicates} duplicates`);
      expect(acknowledged.length).toBeGreaterThanOrEqual(15 + 25 + 35);
      expect(lost).toEqual([]);
      expect(halfWritten).toEqual([]);
      expect(duplicates).toBe(0);
      const current = stored.filter((r) => !r.superseded).map((r) => r.period).sort();
      expect(current).toEqual([...new Set(current)]);
    } finally {
      await store.close();
    }
  }, 300_000);
});

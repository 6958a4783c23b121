import { afterEach, describe, expect, it } from 'vitest';
import { exampleOnPostgres } from '../../../test/support/instances.ts';
import { FakeSlack } from './support/fake-slack.ts';
import { Harness, loadExample, USERS } from './support/harness.ts';

const SUMMARY_CHANNEL = 'C0RIEPILOGHI';
/** Q3 2012 closes in 4 days: its reminders are due, and so is the summary of Q2 (the period most recently closed). */
const NOW = '2012-09-26T10:00:00+02:00';
/** Numeric indicators g.conti owns: the burst reports them for Q3. */
const CONTI_INDICATORS = [12, 13, 14, 18];

let running: Harness[] = [];
let fake: FakeSlack | undefined;
afterEach(async () => {
  for (const h of running) await h.stop();
  await fake?.close();
  running = [];
  fake = undefined;
});

/** Two instances of the real Slack app (HTTP, as behind a load balancer), each with its own store on one PostgreSQL database. */
async function twoInstances(url: string, shared: FakeSlack): Promise<[Harness, Harness]> {
  // Started together: the cycle checks each runs at start race each other.
  const pair = await Promise.all([0, 1].map(() => Harness.start({ dbDir: url, fake: shared, now: NOW, summaryChannel: SUMMARY_CHANNEL, reminderDays: 7 })));
  running.push(...pair);
  const [a, b] = pair;
  if (!a || !b) throw new Error('instances not started');
  return [a, b];
}

describe.skipIf(!process.env.PERF_TEST_PG)('two Slack app instances on one PostgreSQL database', () => {
  it('store a quarter-end burst split between them exactly once, answer every request, and post the summary and each reminder once', async () => {
    const { url, owingQ3 } = await exampleOnPostgres(loadExample);
    // Every owner with a Q3 value still missing gets exactly one reminder, in their conversation with the app.
    const owners = owingQ3.map((p) => p.slack ?? '').sort();
    expect(owners.length).toBeGreaterThan(3);
    fake = await FakeSlack.start();
    const [a, b] = await twoInstances(url, fake);
    const before = await a.rilevazioni();

    const reports = Array.from({ length: 36 }, (_, i) => ({
      text: `report ${CONTI_INDICATORS[i % CONTI_INDICATORS.length]} value=${40 + i} period=2012-Q3`,
      triggerId: `TR-BURST-${i}`, responseUrl: fake!.responseUrl(), redelivered: i % 3 === 0,
    }));
    const sends = reports.flatMap((r, i) => {
      const [first, other] = i % 2 === 0 ? [a, b] : [b, a];
      const options = { triggerId: r.triggerId, responseUrl: r.responseUrl };
      // A redelivery is the same signed request again (same trigger_id and response_url), with X-Slack-Retry-Num, to the other instance.
      return [first.command(r.text, USERS.conti, options), ...(r.redelivered ? [other.command(r.text, USERS.conti, { ...options, retryNum: 1 })] : [])];
    });
    const started = performance.now();
    const acknowledgements = await Promise.all(sends);
    await Promise.all([a.slack.idle(), b.slack.idle()]);
    const elapsed = performance.now() - started;
    expect(acknowledgements.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);

    // Every request answered through its response_url: once, or once by each instance for a redelivered one, which only one of them stores.
    for (const [i, r] of reports.entries()) {
      const answers = fake.postsTo(r.responseUrl).map((c) => String(c.body.text));
      expect(answers, r.text).toHaveLength(r.redelivered ? 2 : 1);
      for (const text of answers) expect(text, r.text).toMatch(new RegExp(`Registrato: indicatore \\d+ .* = ${40 + i}`));
      expect(answers.filter((text) => !text.startsWith('Questa richiesta era già stata registrata')), r.text).toHaveLength(1);
    }
    expect(await a.rilevazioni()).toBe(before + reports.length);
    const stored = (await b.history()).filter((r) => r.channel === 'slack' && r.period === '2012-Q3');
    expect(stored.map((r) => r.value).sort((x, y) => x - y)).toEqual(reports.map((_, i) => 40 + i));
    console.log(`slack instances: ${sends.length} requests (${reports.length} reports, ${reports.filter((r) => r.redelivered).length} redelivered to the other instance) in ${elapsed.toFixed(0)} ms`);

    // More cycle rounds on both instances at once: still one summary and one reminder per owner.
    await Promise.all([a.slack.runChecks(), b.slack.runChecks(), a.slack.runChecks(), b.slack.runChecks()]);
    const posts = fake.callsTo('chat.postMessage');
    const summaries = posts.filter((c) => c.body.channel === SUMMARY_CHANNEL);
    expect(summaries).toHaveLength(1);
    expect(String(summaries[0]?.body.text)).toContain('Riepilogo del secondo trimestre 2012');
    const direct = posts.filter((c) => c.body.channel !== SUMMARY_CHANNEL);
    const reminders = direct.filter((c) => String(c.body.text).includes(' si chiude il '));
    expect(reminders.map((c) => String(c.body.channel)).sort()).toEqual(owners);
    for (const reminder of reminders) expect(String(reminder.body.text)).toContain('il terzo trimestre 2012 si chiude il 30/09/2012');
    // The other direct messages are the cycle's notices (the Q2 gaps, to the dirigenti): each sent once too.
    const notices = direct.filter((c) => !reminders.includes(c));
    expect(notices.length).toBeGreaterThan(0);
    for (const notice of notices) expect(String(notice.body.text)).toContain('il secondo trimestre 2012 (2012-Q2) è chiuso');
    expect(new Set(notices.map((c) => `${String(c.body.channel)} ${String(c.body.text)}`)).size).toBe(notices.length);
  });
});

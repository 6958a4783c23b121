import { readFileSync } from 'node:fs';
import { LogLevel } from '@slack/bolt';
import { parsePlan } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { createDatabase, startTemporaryPostgres } from '../test/support/postgres-server.ts';
import { createSlackApp, type SlackApp } from '../apps/slack/src/app.ts';
import { FakeSlack } from '../apps/slack/test/support/fake-slack.ts';
import { postToSlackApp, SIGNING_SECRET, slashCommandBody } from '../apps/slack/test/support/slack-requests.ts';
import { fmt, paced, percentile, type Bench, type BenchFigure } from './harness.ts';

const REPORTS = Number(process.env.PERF_BENCH_BURST_REPORTS ?? 2_000);
const SECONDS = Number(process.env.PERF_BENCH_BURST_SECONDS ?? 60);
/** Every twentieth request is delivered a second time with `X-Slack-Retry-Num`, as Slack does after a timeout. */
const REDELIVER_EVERY = 20;
const SUMMARY_CHANNEL = 'C0RIEPILOGO';
const EXAMPLE = new URL('../examples/cciaa-ms-2012/piano-2012.yaml', import.meta.url);
/** Days before the year's close: the third quarter's summary is due, and the reminders for the fourth. */
const NOW = new Date('2012-12-27T09:00:00+01:00');

/** Who reports what in the burst: owners of the example's indicators, by their Slack ids. */
const REPORTERS: readonly { readonly user: string; readonly indicator: number }[] = [
  { user: 'U0000006', indicator: 12 },
  { user: 'U0000006', indicator: 19 },
  { user: 'U0000007', indicator: 23 },
];

interface BurstOutcome {
  readonly latencies: number[];
  readonly stored: number;
  readonly expected: number;
  readonly summaries: number;
  /** Reminder DMs posted, and how many of them went to an owner already reminded. */
  readonly reminders: number;
  readonly repeatedReminders: number;
  /** The cycle's other DMs (notices to dirigenti), and how many repeated one already sent. */
  readonly notices: number;
  readonly repeatedNotices: number;
}

/** How many of `keys` repeat one before them. */
const repeats = (keys: readonly string[]): number => keys.length - new Set(keys).size;

/**
 * `instances` real Slack apps, each with its own connection pool on one PostgreSQL database, behind
 * a round-robin "load balancer" (the sender picks the next instance): the quarter-end burst, the
 * redeliveries, and every instance's cycle check at once.
 */
async function burst(serverUrl: string, instances: number): Promise<BurstOutcome> {
  const url = await createDatabase(serverUrl, 'perf_burst');
  const fake = await FakeSlack.start();
  const stores: Store[] = [];
  const apps: SlackApp[] = [];
  try {
    for (let i = 0; i < instances; i++) stores.push(await openStore(url));
    await stores[0]!.importPlan(parsePlan(readFileSync(EXAMPLE, 'utf8')), { actor: 'bench', channel: 'cli', at: new Date('2012-01-10T09:00:00Z') });
    for (const store of stores) {
      apps.push(createSlackApp({ store, transport: { mode: 'http', signingSecret: SIGNING_SECRET }, token: 'xoxb-bench', apiUrl: fake.apiUrl, clock: () => NOW, summaryChannel: SUMMARY_CHANNEL, reminderDays: 7, logLevel: LogLevel.ERROR }));
    }
    const urls = await Promise.all(apps.map(async (app) => `http://127.0.0.1:${(await app.start({ port: 0, host: '127.0.0.1' })).port}/slack/events`));
    await Promise.all(apps.map((app) => app.runChecks()));
    const latencies: number[] = [];
    let expected = 0;
    await paced(REPORTS, REPORTS / SECONDS, async (i) => {
      const reporter = REPORTERS[i % REPORTERS.length]!;
      const value = reporter.indicator === 19 ? (i % 2 === 0 ? 'sì' : 'no') : String(i % 90);
      const responseUrl = fake.responseUrl();
      const body = slashCommandBody({ text: `report ${reporter.indicator} value=${value} period=2012-Q${(i % 3) + 1}`, userId: reporter.user, responseUrl });
      const started = performance.now();
      const response = await postToSlackApp(urls[i % urls.length]!, body, 'application/x-www-form-urlencoded');
      if (response.status !== 200) throw new Error(`risposta ${response.status}: ${response.text}`);
      if (i % REDELIVER_EVERY === 0) await postToSlackApp(urls[(i + 1) % urls.length]!, body, 'application/x-www-form-urlencoded', { retryNum: 1 });
      await fake.firstPostTo(responseUrl);
      latencies.push(performance.now() - started);
      expected++;
    });
    await Promise.all(apps.map((app) => app.idle()));
    const history = await Promise.all(REPORTERS.map((r) => r.indicator).filter((v, i, all) => all.indexOf(v) === i).map((indicator) => stores[0]!.history('CCIAA-MS', 2012, indicator)));
    const stored = history.flat().filter((r) => r.channel === 'slack').length;
    const posts = fake.callsTo('chat.postMessage');
    const summaries = posts.filter((c) => c.body.channel === SUMMARY_CHANNEL).length;
    const direct = posts.filter((c) => c.body.channel !== SUMMARY_CHANNEL);
    // A reminder names the period's close ("… si chiude il …"): one per owner; any other DM is a notice, each sent once.
    const isReminder = (c: (typeof direct)[number]) => String(c.body.text).includes(' si chiude il ');
    const reminderChannels = direct.filter(isReminder).map((c) => String(c.body.channel));
    const notices = direct.filter((c) => !isReminder(c)).map((c) => `${String(c.body.channel)} ${String(c.body.text)}`);
    return { latencies, stored, expected, summaries, reminders: reminderChannels.length, repeatedReminders: repeats(reminderChannels), notices: notices.length, repeatedNotices: repeats(notices) };
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    await Promise.all(stores.map((store) => store.close()));
    await fake.close();
  }
}

export const burstBench: Bench = {
  name: 'burst',
  description: `chiusura di trimestre: ${REPORTS.toLocaleString('it-IT')} /perf report firmati in ${SECONDS} s (uno ogni ${REDELIVER_EVERY} consegnato due volte) su 3 istanze Slack e un PostgreSQL, contro un'istanza sola nella stessa esecuzione`,
  async run(log) {
    const server = process.env.PERF_BENCH_PG ? undefined : await startTemporaryPostgres();
    const serverUrl = process.env.PERF_BENCH_PG ?? server?.url ?? '';
    try {
      const one = await burst(serverUrl, 1);
      const three = await burst(serverUrl, 3);
      const p = (o: BurstOutcome, q: number) => percentile(o.latencies, q);
      for (const [label, o] of [['1 istanza', one], ['3 istanze', three]] as const) {
        log(`${label}: richiesta → registrata e risposta p50 ${fmt(p(o, 50), 2)} ms, p99 ${fmt(p(o, 99), 2)} ms; ${o.stored} registrate su ${o.expected} (perse ${o.expected - Math.min(o.stored, o.expected)}, doppie ${Math.max(0, o.stored - o.expected)}); riepiloghi del trimestre: ${o.summaries}; solleciti: ${o.reminders}, uno per responsabile (ripetuti ${o.repeatedReminders}); avvisi: ${o.notices} (ripetuti ${o.repeatedNotices})`);
      }
      const exact = (o: BurstOutcome) => o.stored === o.expected && o.summaries === 1 && o.reminders > 0 && o.repeatedReminders === 0 && o.reminders === one.reminders && o.repeatedNotices === 0 && o.notices === one.notices;
      return [
        { bench: 'burst', label: 'richiesta → registrata, p50 (3 istanze)', value: p(three, 50), unit: 'ms', baselineLabel: '1 istanza, p50', baseline: p(one, 50), goal: '0 perse, 0 doppie, 1 riepilogo, solleciti e avvisi una volta', met: exact(one) && exact(three) },
        { bench: 'burst', label: 'richiesta → registrata, p99 (3 istanze)', value: p(three, 99), unit: 'ms', baselineLabel: '1 istanza, p99', baseline: p(one, 99), goal: 'riportato', met: true },
      ] satisfies BenchFigure[];
    } finally {
      await server?.stop();
    }
  },
};

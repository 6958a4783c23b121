import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import { parsePlan } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { startTemporaryPostgres } from '../test/support/postgres-server.ts';
import { createSlackApp } from '../apps/slack/src/app.ts';
import { FakeSlack } from '../apps/slack/test/support/fake-slack.ts';
import { postToSlackApp, SIGNING_SECRET, slashCommandBody } from '../apps/slack/test/support/slack-requests.ts';
import { fmt, paced, percentile, type Bench, type BenchFigure } from './harness.ts';

const REQUESTS = Number(process.env.PERF_BENCH_SLACK_REQUESTS ?? 2_000);
const EXAMPLE = new URL('../examples/cciaa-ms-2012/piano-2012.yaml', import.meta.url);

/** The baseline: a bare node:http server that verifies the same HMAC and answers 200. */
function bareVerifyingServer(): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const timestamp = String(request.headers['x-slack-request-timestamp'] ?? '');
      const expected = Buffer.from(`v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${Buffer.concat(chunks).toString()}`).digest('hex')}`);
      const given = Buffer.from(String(request.headers['x-slack-signature'] ?? ''));
      const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
      response.writeHead(given.length === expected.length && timingSafeEqual(given, expected) && fresh ? 200 : 401).end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Requests a second in the paced runs: RATE, already far above what an ente's staff sends (a few
 * reports a minute at a quarter's close), for the goal; PEAK_RATE to show the cost of a burst.
 */
const RATE = 20;
const PEAK_RATE = 50;
const WARMUP = 50;

interface Timings {
  /** Request sent → HTTP acknowledgement received, per request. */
  readonly acknowledgements: number[];
  /** Request sent → the answer posted to its response_url (only where the server answers there). */
  readonly answers: number[];
}

/**
 * Signed `/perf report` requests from g.conti. Paced: one every 1000/RATE ms whatever the previous
 * did (open loop, so a slow answer cannot hide the next one's wait). Serial: the next request
 * leaves when the previous one is answered (its response_url post, where the server answers there).
 */
async function sendReports(url: string, fake: FakeSlack, mode: 'paced' | 'serial', answersByUrl: boolean, count = REQUESTS, rate = RATE): Promise<Timings> {
  const acknowledgements: number[] = [];
  const answers: number[] = [];
  const send = async (i: number): Promise<void> => {
    const responseUrl = fake.responseUrl();
    const body = slashCommandBody({ text: `report 12 value=${i % 60} period=2012-Q${(i % 4) + 1}`, userId: 'U0000006', responseUrl });
    const started = performance.now();
    const response = await postToSlackApp(url, body, 'application/x-www-form-urlencoded');
    acknowledgements.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`risposta ${response.status}: ${response.text}`);
    if (answersByUrl) answers.push((await fake.firstPostTo(responseUrl)).receivedAt - started);
  };
  if (mode === 'paced') await paced(count, rate, send);
  else for (let i = 0; i < count; i++) await send(i);
  return { acknowledgements, answers };
}

/** Every figure of one engine: the app on `store` against the bare server, in the same run. */
async function measureEngine(engine: string, store: Store, log: (line: string) => void): Promise<BenchFigure[]> {
  const fake = await FakeSlack.start();
  const baseline = await bareVerifyingServer();
  const slack = createSlackApp({ store, transport: { mode: 'http', signingSecret: SIGNING_SECRET }, token: 'xoxb-bench', apiUrl: fake.apiUrl, clock: () => new Date('2012-11-15T10:00:00+01:00'), reminderDays: 7, logLevel: LogLevel.ERROR });
  try {
    await store.importPlan(parsePlan(readFileSync(EXAMPLE, 'utf8')), { actor: 'bench', channel: 'cli', at: new Date() });
    const { port } = await slack.start({ port: 0, host: '127.0.0.1' });
    await slack.runChecks();
    const bareUrl = `http://127.0.0.1:${(baseline.address() as AddressInfo).port}/slack/events`;
    const ourUrl = `http://127.0.0.1:${port}/slack/events`;
    await sendReports(bareUrl, fake, 'serial', false, WARMUP);
    await sendReports(ourUrl, fake, 'serial', true, WARMUP);
    const bare = await sendReports(bareUrl, fake, 'paced', false);
    const ours = await sendReports(ourUrl, fake, 'paced', true);
    const barePeak = await sendReports(bareUrl, fake, 'paced', false, REQUESTS, PEAK_RATE);
    const oursPeak = await sendReports(ourUrl, fake, 'paced', true, REQUESTS, PEAK_RATE);
    const bareSerial = await sendReports(bareUrl, fake, 'serial', false);
    const oursSerial = await sendReports(ourUrl, fake, 'serial', true);
    await slack.stop();
    const stored = (await store.history('CCIAA-MS', 2012, 12)).filter((r) => r.channel === 'slack').length;
    const p = (samples: readonly number[], q: number) => `${fmt(percentile(samples, q), 2)} ms`;
    log(`${engine}, ${RATE} richieste/s: conferma p50 ${p(ours.acknowledgements, 50)}, p99 ${p(ours.acknowledgements, 99)}; risposta con il grado (response_url) p50 ${p(ours.answers, 50)}, p99 ${p(ours.answers, 99)}; node:http p50 ${p(bare.acknowledgements, 50)}, p99 ${p(bare.acknowledgements, 99)}`);
    log(`${engine}, ${PEAK_RATE} richieste/s: conferma p50 ${p(oursPeak.acknowledgements, 50)}, p99 ${p(oursPeak.acknowledgements, 99)}; risposta p50 ${p(oursPeak.answers, 50)}, p99 ${p(oursPeak.answers, 99)}; node:http p50 ${p(barePeak.acknowledgements, 50)}`);
    log(`${engine}, una dopo l'altra: risposta con il grado p50 ${p(oursSerial.answers, 50)}, p99 ${p(oursSerial.answers, 99)} (node:http p50 ${p(bareSerial.acknowledgements, 50)}); ${stored} rilevazioni registrate`);
    const ackP50 = percentile(ours.acknowledgements, 50);
    const bareP50 = percentile(bare.acknowledgements, 50);
    const figure = (label: string, value: number, baselineLabel: string, baselineValue: number): BenchFigure => ({
      bench: 'slack', label: `${label} (${engine})`, value, unit: 'ms', baselineLabel, baseline: baselineValue, goal: 'riportato', met: true,
    });
    return [
      { ...figure(`/perf report → conferma, p50 a ${RATE}/s`, ackP50, 'node:http + HMAC, p50', bareP50), goal: '≤ 3× la base (p50)', met: ackP50 <= 3 * bareP50 },
      figure(`/perf report → conferma, p99 a ${RATE}/s`, percentile(ours.acknowledgements, 99), 'node:http + HMAC, p99', percentile(bare.acknowledgements, 99)),
      figure(`/perf report → risposta registrata, p50 a ${RATE}/s`, percentile(ours.answers, 50), 'node:http + HMAC, p50', bareP50),
      figure(`/perf report → conferma, p50 a ${PEAK_RATE}/s`, percentile(oursPeak.acknowledgements, 50), 'node:http + HMAC, p50', percentile(barePeak.acknowledgements, 50)),
      figure('/perf report → risposta registrata, p50 una dopo l\'altra', percentile(oursSerial.answers, 50), 'node:http + HMAC, p50', percentile(bareSerial.acknowledgements, 50)),
    ];
  } finally {
    await slack.stop();
    baseline.close();
    await fake.close();
  }
}

export const slackBench: Bench = {
  name: 'slack',
  description: `/perf report firmato → conferma e risposta, ${REQUESTS.toLocaleString('it-IT')} richieste su loopback a ${RATE}/s (e ${PEAK_RATE}/s, e una dopo l'altra), contro node:http che verifica lo stesso HMAC; integrato e PostgreSQL`,
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'perf-bench-slack-'));
    const embedded = await openStore(join(dir, 'db'), { embeddedThread: 'worker' });
    const figures = await measureEngine('integrato', embedded, log).finally(async () => {
      await embedded.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const server = process.env.PERF_BENCH_PG ? undefined : await startTemporaryPostgres();
    const postgres = await openStore(process.env.PERF_BENCH_PG ?? server?.url ?? '');
    try {
      figures.push(...await measureEngine('PostgreSQL', postgres, log));
    } finally {
      await postgres.close();
      await server?.stop();
    }
    return figures;
  },
};

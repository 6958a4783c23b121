import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import { parsePlan } from '@perf/model';
import { openStore } from '@perf/store';
import { createSlackApp } from '../apps/slack/src/app.ts';
import { FakeSlack } from '../apps/slack/test/support/fake-slack.ts';
import { postToSlackApp, SIGNING_SECRET, slashCommandBody } from '../apps/slack/test/support/slack-requests.ts';
import { percentile, type Bench } from './harness.ts';

const REQUESTS = 2_000;
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

async function latencies(url: string, responseUrl: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const body = slashCommandBody({ text: `report 12 value=${i % 60} period=2012-Q${(i % 4) + 1}`, userId: 'U0000006', responseUrl });
    const started = performance.now();
    const response = await postToSlackApp(url, body, 'application/x-www-form-urlencoded');
    samples.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`risposta ${response.status}: ${response.text}`);
  }
  return samples;
}

export const slackBench: Bench = {
  name: 'slack',
  description: `/perf report firmato → risposta, ${REQUESTS.toLocaleString('it-IT')} richieste su loopback, contro node:http che verifica lo stesso HMAC`,
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'perf-bench-slack-'));
    const store = await openStore(join(dir, 'db'));
    const fake = await FakeSlack.start();
    const baseline = await bareVerifyingServer();
    try {
      await store.importPlan(parsePlan(readFileSync(EXAMPLE, 'utf8')), { actor: 'bench', channel: 'cli', at: new Date() });
      const slack = createSlackApp({ store, signingSecret: SIGNING_SECRET, token: 'xoxb-bench', apiUrl: fake.apiUrl, clock: () => new Date('2012-11-15T10:00:00+01:00'), reminderDays: 7, logLevel: LogLevel.ERROR });
      const { port } = await slack.start({ port: 0, host: '127.0.0.1' });
      await slack.runChecks();
      const bareUrl = `http://127.0.0.1:${(baseline.address() as AddressInfo).port}/slack/events`;
      const bare = await latencies(bareUrl, fake.responseUrl());
      const ours = await latencies(`http://127.0.0.1:${port}/slack/events`, fake.responseUrl());
      await slack.stop();
      const stored = (await store.history('CCIAA-MS', 2012, 12)).length;
      log(`perf: p50 ${percentile(ours, 50).toFixed(2)} ms, p99 ${percentile(ours, 99).toFixed(2)} ms (${stored} rilevazioni registrate); node:http: p50 ${percentile(bare, 50).toFixed(2)} ms, p99 ${percentile(bare, 99).toFixed(2)} ms`);
      return [
        { bench: 'slack', label: '/perf report, p50', value: percentile(ours, 50), unit: 'ms', baselineLabel: 'node:http + HMAC, p50', baseline: percentile(bare, 50), goal: '≤ 3× la base (p50)', met: percentile(ours, 50) <= 3 * percentile(bare, 50) },
        { bench: 'slack', label: '/perf report, p99', value: percentile(ours, 99), unit: 'ms', baselineLabel: 'node:http + HMAC, p99', baseline: percentile(bare, 99), goal: 'riportato', met: true },
      ];
    } finally {
      baseline.close();
      await fake.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

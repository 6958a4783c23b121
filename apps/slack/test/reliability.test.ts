import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '@perf/store';
import { startTemporaryPostgres, type TemporaryPostgres } from '../../../test/support/postgres-server.ts';
import { Harness, loadExample, USERS } from './support/harness.ts';
import { postToSlackApp, slashCommandBody, type SlackResponse } from './support/slack-requests.ts';

const FORM = 'application/x-www-form-urlencoded';
let harness: Harness | undefined;
let server: TemporaryPostgres | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await server?.stop();
  server = undefined;
});

describe('Slack delivery under load', () => {
  it('accepts no forgery and stores no duplicate among forged, stale, replayed and retried requests', async () => {
    harness = await Harness.start();
    const app = harness;
    const before = await app.rilevazioni();
    const now = Math.floor(Date.now() / 1000);
    const valid = Array.from({ length: 60 }, (_, i) => slashCommandBody({ text: `report 12 value=${i} period=2012-Q${(i % 4) + 1}`, userId: USERS.conti, responseUrl: app.fake.responseUrl(), triggerId: `TRLOAD${i}` }));
    const sends: Promise<{ kind: string; response: SlackResponse }>[] = [];
    for (const [i, body] of valid.entries()) {
      sends.push(postToSlackApp(app.url, body, FORM).then((response) => ({ kind: 'valid', response })));
      sends.push(postToSlackApp(app.url, body, FORM, { retryNum: 1 }).then((response) => ({ kind: 'retry', response })));
      sends.push(postToSlackApp(app.url, body, FORM).then((response) => ({ kind: 'replay', response })));
      sends.push(postToSlackApp(app.url, body, FORM, { secret: 'forged-secret' }).then((response) => ({ kind: 'forged', response })));
      sends.push(postToSlackApp(app.url, body.replace('value%3D', 'value%3D9'), FORM, { signature: 'v0=' + '0'.repeat(64) }).then((response) => ({ kind: 'tampered', response })));
      if (i % 3 === 0) sends.push(postToSlackApp(app.url, body, FORM, { timestamp: now - 6 * 60 }).then((response) => ({ kind: 'stale', response })));
    }
    const results = await Promise.all(sends);
    await app.slack.idle();
    const accepted = (kind: string) => results.filter((r) => r.kind === kind && r.response.status === 200).length;
    const forgeriesAccepted = accepted('forged') + accepted('tampered') + accepted('stale');
    const stored = (await app.rilevazioni()) - before;
    const duplicates = stored - valid.length;
    console.log(`slack delivery: ${results.length} requests, ${forgeriesAccepted} forgeries accepted, ${duplicates} duplicates, ${stored} rilevazioni stored for ${valid.length} distinct commands`);
    expect(forgeriesAccepted).toBe(0);
    expect(results.filter((r) => ['forged', 'tampered', 'stale'].includes(r.kind)).every((r) => r.response.status === 401)).toBe(true);
    expect(accepted('valid')).toBe(valid.length);
    expect(duplicates).toBe(0);
  }, 300_000);
});

describe('PostgreSQL restarted while the Slack app runs', () => {
  it('reports the failure in Italian, recovers when the server is back, and loses nothing it acknowledged', async () => {
    server = await startTemporaryPostgres();
    const store = await openStore(server.url);
    await loadExample(store);
    harness = await Harness.start({ store });
    const app = harness;
    const report = (value: number, trigger: string) => app.command(`report 12 value=${value} period=2012-Q3`, USERS.conti, { triggerId: trigger });

    const first = await report(31, 'TRPG1');
    expect(first.text).toMatch(/Registrat/);
    server.pgCtl('stop');
    const during = await report(32, 'TRPG2');
    const duringText = during.text + JSON.stringify(app.fake.calls.slice(-3).map((c) => c.body));
    expect(duringText).toMatch(/Il database PostgreSQL non risponde in questo momento: nulla è stato registrato/);
    expect(duringText).not.toMatch(/ECONNREFUSED|Error:/);
    server.pgCtl('start');
    let after: SlackResponse | undefined;
    for (let attempt = 0; attempt < 20 && !/Registrat/.test(after?.text ?? ''); attempt++) {
      after = await report(33, `TRPG3-${attempt}`);
      if (!/Registrat/.test(after.text)) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(after?.text).toMatch(/Registrat/);
    const history = (await store.history('CCIAA-MS', 2012, 12)).filter((r) => r.period === '2012-Q3' && r.channel === 'slack');
    expect(history.map((r) => r.value)).toEqual([31, 33]);
    await harness.stop();
    harness = undefined;
    await store.close();
  }, 300_000);
});

import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '@perf/store';
import { FakeSlack } from '../apps/slack/test/support/fake-slack.ts';
import { loadExample } from '../apps/slack/test/support/harness.ts';
import { startMain, waitHealthy, type MainProcess } from '../apps/slack/test/support/process.ts';
import { dmChannel, directMessage } from '../apps/slack/test/support/conversation.ts';
import { eventEnvelope, postToSlackApp, SIGNING_SECRET, slashCommandBody } from '../apps/slack/test/support/slack-requests.ts';
import { FakeConnector } from '../apps/teams/test/support/fake-connector.ts';
import { sendActivity } from '../apps/teams/test/support/harness.ts';
import { exampleOnPostgres } from './support/instances.ts';
import { freePort } from './support/postgres-server.ts';

const SLACK_SUMMARY = 'C0RIEPILOGHI';
const TEAMS_SUMMARY = '19:summary@thread.tacv2';
/** Q3 2012 closes in 4 days: its reminders are due, and so is the summary of Q2 (the period most recently closed). */
const NOW = '2012-09-26T10:00:00+02:00';
/** Numeric indicators g.conti owns: the burst reports them for Q3. */
const CONTI_INDICATORS = [12, 13, 14, 18];
const CONTI_SLACK = 'U0000006';
/** Reports per channel; every third is delivered again to the other process. */
const BURST = 30;

interface ServeProcess {
  readonly main: MainProcess;
  readonly slackUrl: string;
  readonly teamsUrl: string;
}

/** `pnpm serve` as its own process, running Slack (HTTP) and Teams (local trial mode) on one PostgreSQL database. */
async function startServeProcess(db: string, slack: FakeSlack, connector: FakeConnector): Promise<ServeProcess> {
  const [slackPort, teamsPort] = [await freePort(), await freePort()];
  const main = await startMain({
    PERF_DB: db, PERF_NOW: NOW, PERF_REMINDER_DAYS: '7',
    SLACK_BOT_TOKEN: 'xoxb-perf-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, SLACK_PORT: String(slackPort), PERF_SUMMARY_CHANNEL: SLACK_SUMMARY,
    TEAMS_PORT: String(teamsPort), TEAMS_SUMMARY_CONVERSATION: TEAMS_SUMMARY, TEAMS_SERVICE_URL: connector.url,
  }, 'apps/serve/src/main.ts');
  return { main, slackUrl: `http://127.0.0.1:${slackPort}/slack/events`, teamsUrl: `http://127.0.0.1:${teamsPort}` };
}

/** Stops a process as an operator would (SIGTERM) and waits for it to exit cleanly. */
async function stopServeProcess(serve: ServeProcess): Promise<void> {
  if (serve.main.child.exitCode !== null) return;
  serve.main.child.kill('SIGTERM');
  expect(await serve.main.exited, serve.main.output()).toBe(0);
}

/** Polls `done` until it holds (bounded), for answers the apps send after acknowledging a request. */
async function eventually(done: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Non arrivato entro ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Free text answered on one process and confirmed on the other, in Slack («sì» in the DM) and in Teams
 * (the card's Conferma): the pending confirmation lives in the database, so the other process stores it.
 */
async function confirmAcross(first: ServeProcess, second: ServeProcess, slack: FakeSlack, connector: FakeConnector): Promise<void> {
  const dm = (text: string) => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === dmChannel(CONTI_SLACK) && String(c.body.text).includes(text));
  const event = (serve: ServeProcess, text: string) => postToSlackApp(serve.slackUrl, eventEnvelope(directMessage(CONTI_SLACK, text)), 'application/json');
  expect((await event(first, '12: 31')).status).toBe(200);
  await eventually(() => dm('Anteprima (non ancora registrato): indicatore 12').length === 1, "l'anteprima Slack");
  expect((await event(second, 'sì')).status).toBe(200);
  await eventually(() => dm('Registrato: indicatore 12').length === 1, 'la conferma Slack');

  const card = await sendActivity(second.teamsUrl, connector.url, { type: 'message', text: '12: 32' }, { id: 'free-text-1' });
  expect(card.status).toBe(200);
  const [offered] = connector.repliesTo('free-text-1').flatMap((x) => (x.attachments as { content: { actions: { verb: string; data: unknown }[] } }[] | undefined) ?? []);
  const confirm = offered?.content.actions.find((a) => a.verb === 'perf.confirm');
  expect(confirm).toBeDefined();
  const pressed = await sendActivity(first.teamsUrl, connector.url, {
    type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-free-text-1', value: { action: { type: 'Action.Execute', verb: 'perf.confirm', data: confirm?.data }, trigger: 'manual' },
  });
  expect(pressed.status).toBe(200);
}

/** The messages that occur more than once in `messages` (none, for "exactly once"). */
const repeated = (messages: readonly string[]) => messages.filter((m, i) => messages.indexOf(m) !== i);

const running: ServeProcess[] = [];
let slack: FakeSlack | undefined;
let connector: FakeConnector | undefined;
afterAll(async () => {
  for (const serve of running) if (serve.main.child.exitCode === null) serve.main.child.kill('SIGKILL');
  await slack?.close();
  await connector?.close();
});

describe.skipIf(!process.env.PERF_TEST_PG)('two pnpm serve processes (Slack and Teams each) on one PostgreSQL database', () => {
  it('store a quarter-end burst split across the four endpoints exactly once, answer every request, confirm free text on the other process, post each summary once', async () => {
    const { url, owingQ3 } = await exampleOnPostgres(loadExample);
    slack = await FakeSlack.start();
    connector = await FakeConnector.start();
    // Started together: the cycle rounds each process runs at start race each other.
    const [a, b] = await Promise.all([startServeProcess(url, slack, connector), startServeProcess(url, slack, connector)]);
    if (!a || !b) throw new Error('processes not started');
    running.push(a, b);
    await Promise.all([waitHealthy(a.main), waitHealthy(b.main)]);
    for (const serve of [a, b]) expect(serve.main.output()).toMatch(/perf serve: Slack avviato[\s\S]*perf serve: Teams avviato/);
    const store = await openStore(url);
    try {
      const before = (await store.counts()).rilevazioni;
      const slackReports = Array.from({ length: BURST }, (_, i) => ({
        value: 40 + i, redelivered: i % 3 === 0, responseUrl: slack!.responseUrl(),
        body: '', first: i % 2 === 0 ? a : b, other: i % 2 === 0 ? b : a,
      })).map((r, i) => ({ ...r, body: slashCommandBody({ text: `report ${CONTI_INDICATORS[i % 4]} value=${r.value} period=2012-Q3`, userId: CONTI_SLACK, responseUrl: r.responseUrl, triggerId: `TR-SERVE-${i}` }) }));
      const teamsReports = Array.from({ length: BURST }, (_, i) => ({
        id: `serve-burst-${i}`, value: 70 + i, redelivered: i % 3 === 1, first: i % 2 === 0 ? b : a, other: i % 2 === 0 ? a : b,
      }));
      const timestamp = Math.floor(Date.now() / 1000);
      const started = performance.now();
      const statuses = await Promise.all([
        // A Slack redelivery is the same signed request again, with X-Slack-Retry-Num, to the other process.
        ...slackReports.flatMap((r) => [r.first, ...(r.redelivered ? [r.other] : [])].map((serve, n) =>
          postToSlackApp(serve.slackUrl, r.body, 'application/x-www-form-urlencoded', { timestamp, ...(n > 0 ? { retryNum: 1 } : {}) }).then((x) => x.status))),
        // A Teams redelivery is the same activity (same id) to the other process.
        ...teamsReports.flatMap((r, i) => [r.first, ...(r.redelivered ? [r.other] : [])].map((serve) =>
          sendActivity(serve.teamsUrl, connector!.url, { type: 'message', text: `report ${CONTI_INDICATORS[i % 4]} value=${r.value} period=2012-Q3` }, { id: r.id }).then((x) => x.status))),
      ]);
      expect(statuses.filter((s) => s !== 200)).toEqual([]);

      // Every request answered. A Slack retry is answered again by the other process ("già registrata");
      // a Teams activity delivered again is acknowledged (200) and ignored, so the chat shows one answer.
      // (A reminder sent meanwhile through the reference stored from an activity also names it as replyToId.)
      const slackAnswers = (r: (typeof slackReports)[number]) => slack!.postsTo(r.responseUrl).map((c) => String(c.body.text));
      const teamsAnswers = (r: (typeof teamsReports)[number]) => connector!.repliesTo(r.id).map((x) => String(x.text)).filter((text) => !text.includes(' si chiude il '));
      await eventually(() => slackReports.every((r) => slackAnswers(r).length === (r.redelivered ? 2 : 1)), 'le risposte Slack');
      await eventually(() => teamsReports.every((r) => teamsAnswers(r).length === 1), 'le risposte Teams');
      const elapsed = performance.now() - started;
      for (const r of slackReports) {
        const answers = slackAnswers(r);
        for (const text of answers) expect(text).toMatch(new RegExp(`Registrato: indicatore \\d+ .* = ${r.value}`));
        expect(answers.filter((text) => text.startsWith('Questa richiesta era già stata registrata'))).toHaveLength(answers.length - 1);
      }
      for (const r of teamsReports) expect(teamsAnswers(r)[0]).toMatch(new RegExp(`^Registrato: indicatore \\d+ .* = ${r.value}`));

      // Every report stored exactly once, none twice.
      expect((await store.counts()).rilevazioni).toBe(before + 2 * BURST);
      const q3 = (await store.history('CCIAA-MS', 2012)).filter((r) => r.period === '2012-Q3');
      const values = (channel: string) => q3.filter((r) => r.channel === channel).map((r) => r.value).sort((x, y) => x - y);
      expect(values('slack')).toEqual(slackReports.map((r) => r.value));
      expect(values('teams')).toEqual(teamsReports.map((r) => r.value));
      console.log(`serve instances: ${statuses.length} requests (${2 * BURST} reports, ${statuses.length - 2 * BURST} redelivered to the other process) answered in ${elapsed.toFixed(0)} ms`);

      await confirmAcross(a, b, slack, connector);
      const confirmed = (await store.history('CCIAA-MS', 2012, 12)).filter((r) => r.channel !== 'cli' && (r.value === 31 || r.value === 32)).map((r) => [r.channel, r.value]).sort();
      expect(confirmed).toEqual([['slack', 31], ['teams', 32]]);

      // One more cycle round: process a restarts (its channels run their checks at start) while b keeps serving.
      await stopServeProcess(a);
      const again = await startServeProcess(url, slack, connector);
      running.push(again);
      await waitHealthy(again.main);

      const slackPosts = slack.callsTo('chat.postMessage');
      const slackSummaries = slackPosts.filter((c) => c.body.channel === SLACK_SUMMARY);
      expect(slackSummaries).toHaveLength(1);
      expect(String(slackSummaries[0]?.body.text)).toContain('Riepilogo del secondo trimestre 2012');
      const teamsSummaries = connector.sent(TEAMS_SUMMARY);
      expect(teamsSummaries).toHaveLength(1);
      expect(String(teamsSummaries[0]?.text)).toContain('Riepilogo del secondo trimestre 2012');
      // Each owner still owing a Q3 value reminded once on Slack; no direct message, on either channel, sent twice.
      const direct = slackPosts.filter((c) => c.body.channel !== SLACK_SUMMARY).map((c) => `${String(c.body.channel)} ${String(c.body.text)}`);
      expect(direct.filter((m) => m.includes(' si chiude il ')).map((m) => m.split(' ')[0]).sort()).toEqual(owingQ3.map((p) => p.slack ?? '').sort());
      expect(repeated(direct)).toEqual([]);
      const teamsSent = connector.recorded.filter((x) => x.method === 'POST').map((x) => `${decodeURIComponent(x.path)} ${JSON.stringify(x.body.text ?? x.body.attachments)}`);
      expect(repeated(teamsSent)).toEqual([]);
      for (const serve of [a, b, again]) expect(serve.main.output()).not.toMatch(/Errore|non riusciti/);
      await Promise.all([stopServeProcess(b), stopServeProcess(again)]);
    } finally {
      await store.close();
    }
  });
});

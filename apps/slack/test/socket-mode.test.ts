import { dirname } from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { openStore, type Store } from '@perf/store';
import { createSlackApp, type SlackApp } from '../src/app.ts';
import { readSlackEnv } from '../src/env.ts';
import { directMessage, dmChannel } from './support/conversation.ts';
import { FakeSlack } from './support/fake-slack.ts';
import { FakeSocketMode } from './support/fake-socket-mode.ts';
import { blocksText, DEFAULT_NOW, exampleDatabaseDir, USERS } from './support/harness.ts';
import { buttonPayload, checkInSubmission, eventEnvelopeFields, slashCommandFields } from './support/slack-requests.ts';

/** A slash command as Socket Mode delivers it: the same fields as the HTTP form, as JSON. */
const slashPayload = (text: string, userId: string, responseUrl: string, triggerId?: string) => slashCommandFields({ text, userId, responseUrl, ...(triggerId ? { triggerId } : {}) });

const SUMMARY_CHANNEL = 'C0RIEPILOGHI';

describe('Slack in Socket Mode: the real Bolt app over a local fake WebSocket, no public URL', () => {
  let fake: FakeSlack;
  let socket: FakeSocketMode;
  let store: Store;
  let dir: string;
  let slack: SlackApp;
  let port: number;
  /** The app's clock: DEFAULT_NOW, moved near a period's close for the reminders. */
  let now = DEFAULT_NOW;
  const values = async (indicator: number) => (await store.history('CCIAA-MS', 2012, indicator)).filter((r) => r.channel === 'slack').map((r) => r.value);
  const dmPosts = (userId: string) => fake.callsTo('chat.postMessage').filter((c) => c.body.channel === dmChannel(userId));

  beforeAll(async () => {
    fake = await FakeSlack.start();
    socket = await FakeSocketMode.start();
    fake.socketModeUrl = socket.url;
    dir = await exampleDatabaseDir();
    store = await openStore(dir, { embeddedThread: 'worker' });
    slack = createSlackApp({
      store, transport: { mode: 'socket', appToken: 'xapp-1-A0PERF-1-test' }, token: 'xoxb-perf-test', apiUrl: fake.apiUrl,
      clock: () => new Date(now), summaryChannel: SUMMARY_CHANNEL, reminderDays: 7, logLevel: LogLevel.ERROR,
    });
    ({ port } = await slack.start({ port: 0, host: '127.0.0.1' }));
    await slack.runChecks();
  });
  afterAll(async () => {
    await slack.stop();
    await store.close();
    await socket.close();
    await fake.close();
    rmSync(dirname(dir), { recursive: true, force: true });
  });

  it('opens the connection through SLACK_API_URL with the app-level token and answers /healthz on PORT', async () => {
    const opened = fake.callsTo('apps.connections.open');
    expect(opened).toHaveLength(1);
    expect(opened[0]?.authorization).toBe('Bearer xapp-1-A0PERF-1-test');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status).toBe(404);
  });

  it('acknowledges /perf report over the socket, answers through response_url, and stores once when the envelope comes again', async () => {
    const responseUrl = fake.responseUrl();
    const payload = slashPayload('report 12 value=23 period=2012-Q3', USERS.conti, responseUrl);
    const ack = await socket.deliver('slash_commands', payload);
    expect(ack.envelope_id).toEqual(expect.any(String));
    const answer = await fake.firstPostTo(responseUrl);
    expect(String(answer.body.text)).toContain('Registrato: indicatore 12');
    await socket.deliver('slash_commands', payload);
    await slack.idle();
    expect(await values(12)).toEqual([23]);
  });

  it('holds the free-text conversation in a DM: preview first, stored on «sì», a redelivered «sì» acts once', async () => {
    await socket.deliver('events_api', eventEnvelopeFields(directMessage(USERS.conti, 'newsletter inviate: 9 nel secondo trimestre')));
    await slack.idle();
    const preview = dmPosts(USERS.conti).at(-1);
    expect(String(preview?.body.text)).toContain('indicatore 61 «Newsletter inviate»');
    expect(await values(61)).toEqual([]);
    const yes = eventEnvelopeFields(directMessage(USERS.conti, 'sì'), 'EV-SOCKET-SI');
    await socket.deliver('events_api', yes);
    await socket.deliver('events_api', yes, { retryAttempt: 1 });
    await slack.idle();
    expect(await values(61)).toEqual([9]);
  });

  it('publishes the App Home on app_home_opened, as in HTTP mode: own indicators, what is missing, the check-in button; a stranger is told so', async () => {
    await socket.deliver('events_api', eventEnvelopeFields({ type: 'app_home_opened', user: USERS.conti, channel: dmChannel(USERS.conti), tab: 'home', event_ts: '1348600000.003000' }));
    await slack.idle();
    const published = fake.callsTo('views.publish').filter((c) => c.body.user_id === USERS.conti);
    expect(published).toHaveLength(1);
    const view = published[0]?.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = blocksText(view.blocks);
    expect(text).toContain('✅ Tutti i tuoi indicatori hanno un valore per il quarto trimestre 2012.');
    expect(text).toContain('Indicatori di Giulia Conti');
    expect(text).toContain('perf_open_checkin');

    await socket.deliver('events_api', eventEnvelopeFields({ type: 'app_home_opened', user: USERS.stranger, channel: 'D0999999', tab: 'home', event_ts: '1348600000.003100' }));
    await slack.idle();
    const refused = fake.callsTo('views.publish').find((c) => c.body.user_id === USERS.stranger);
    expect(blocksText((refused?.body.view as { blocks: unknown[] }).blocks)).toContain('Non risulti tra le persone del Piano');
  });

  it('opens the check-in modal from the Home button and from a bare /perf report, over the socket', async () => {
    const button = buttonPayload(USERS.conti, { actionId: 'perf_open_checkin', value: '13' }, { channelId: dmChannel(USERS.conti), ts: '1348600000.003200' }, fake.responseUrl());
    await socket.deliver('interactive', button);
    await slack.idle();
    const fromButton = fake.callsTo('views.open').find((c) => c.body.trigger_id === button.trigger_id);
    const view = fromButton?.body.view as { callback_id: string; blocks: { block_id?: string; element?: { initial_option?: { value: string } } }[] };
    expect(view.callback_id).toBe('perf_checkin');
    expect(view.blocks.find((b) => b.block_id === 'perf_indicator')?.element?.initial_option?.value).toBe('13');

    await socket.deliver('slash_commands', slashPayload('report', USERS.conti, fake.responseUrl(), 'TR-SOCKET-MODAL'));
    const fromCommand = await fake.waitFor('views.open', (c) => c.body.trigger_id === 'TR-SOCKET-MODAL');
    expect((fromCommand.body.view as { callback_id: string }).callback_id).toBe('perf_checkin');
  });

  it('answers a bad modal value with the field error in the envelope ack, and stores a good one once, a redelivered submission included', async () => {
    const count = async () => (await store.counts()).rilevazioni;
    const before = await count();
    const invalid = await socket.deliver('interactive', checkInSubmission(USERS.conti, 'V-SOCKET-1', { indicator: '12', value: 'molti', period: '2012-Q4' }));
    expect(invalid.payload).toMatchObject({ response_action: 'errors', errors: { perf_value: expect.stringContaining('non è un numero') } });
    expect(await count()).toBe(before);

    const valid = checkInSubmission(USERS.conti, 'V-SOCKET-1', { indicator: '12', value: '29', period: '2012-Q4', note: 'dal modulo, via socket' });
    const ack = await socket.deliver('interactive', valid);
    expect(ack.payload ?? {}).toEqual({});
    await socket.deliver('interactive', valid);
    await slack.idle();
    const dms = fake.callsTo('chat.postMessage').filter((c) => c.body.channel === USERS.conti && String(c.body.text).includes('= 29'));
    expect(String(dms[0]?.body.text)).toContain('Registrato: indicatore 12');
    expect(await count()).toBe(before + 1);
    expect((await store.history('CCIAA-MS', 2012, 12)).at(-1)).toMatchObject({ value: 29, period: '2012-Q4', note: 'dal modulo, via socket', channel: 'slack', reportedBy: 'g.conti' });
  });

  it('posts the period summary to the channel once, as in HTTP mode, however many cycle rounds run', async () => {
    await Promise.all([slack.runChecks(), slack.runChecks()]);
    await slack.runChecks();
    const summaries = fake.callsTo('chat.postMessage').filter((c) => c.body.channel === SUMMARY_CHANNEL);
    expect(summaries).toHaveLength(1);
    expect(String(summaries[0]?.body.text)).toContain('Riepilogo del terzo trimestre 2012');
  });

  it('sends the reminders by direct message once per owner, as in HTTP mode, however many cycle rounds run', async () => {
    now = '2012-09-26T10:00:00+02:00'; // Q3 closes in 4,6 days: within PERF_REMINDER_DAYS (7); the example lacks some Q3 values
    try {
      await Promise.all([slack.runChecks(), slack.runChecks()]);
      await slack.runChecks();
      const plan = await store.getPlan('CCIAA-MS', 2012);
      const reported = await store.valuesOfPeriod('CCIAA-MS', 2012, '2012-Q3');
      const owners = (plan?.people ?? []).filter((p) => plan?.indicators.some((i) => i.owner === p.id && !reported.has(i.id))).map((p) => p.slack);
      expect(owners.length).toBeGreaterThan(0);
      const reminders = fake.callsTo('chat.postMessage').filter((c) => String(c.body.text).includes('il terzo trimestre 2012 si chiude il 30/09/2012'));
      expect(reminders.map((c) => c.body.channel).sort()).toEqual([...owners].sort());
    } finally {
      now = DEFAULT_NOW;
    }
  });

  it('reconnects when Slack asks (a disconnect message): a new apps.connections.open, and commands keep working', async () => {
    const before = socket.connections.length;
    await socket.askToReconnect();
    await fake.waitFor('apps.connections.open', () => fake.callsTo('apps.connections.open').length >= 2);
    const responseUrl = fake.responseUrl();
    await socket.deliver('slash_commands', slashPayload('status 04.1', USERS.rossi, responseUrl));
    expect(socket.connections.length).toBe(before + 1);
    expect(JSON.stringify((await fake.firstPostTo(responseUrl)).body)).toContain('04.1');
  });

  it('reconnects when the socket drops without a disconnect message, and a later slash command still works', async () => {
    const opened = fake.callsTo('apps.connections.open').length;
    const before = socket.connections.length;
    await socket.drop();
    await fake.waitFor('apps.connections.open', () => fake.callsTo('apps.connections.open').length > opened);
    const responseUrl = fake.responseUrl();
    await socket.deliver('slash_commands', slashPayload('report 13 value=77 period=2012-Q3', USERS.conti, responseUrl));
    expect(socket.connections.length).toBeGreaterThan(before);
    expect(String((await fake.firstPostTo(responseUrl)).body.text)).toContain('Registrato: indicatore 13');
    await slack.idle();
    expect(await values(13)).toContain(77);
  });
});

describe('Socket Mode variables', () => {
  it('needs no signing secret with SLACK_APP_TOKEN, and names a malformed or missing one in Italian', () => {
    expect(readSlackEnv({ SLACK_APP_TOKEN: 'xapp-1-A0-1-x', SLACK_BOT_TOKEN: 'xoxb-1' }).transport).toEqual({ mode: 'socket', appToken: 'xapp-1-A0-1-x' });
    expect(() => readSlackEnv({ SLACK_APP_TOKEN: 'xoxb-wrong', SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(expect.objectContaining({ details: [expect.stringContaining('SLACK_APP_TOKEN non valido')] }));
    expect(() => readSlackEnv({ SLACK_APP_TOKEN: 'xapp-1-A0-1-x' })).toThrow(/manca la variabile d'ambiente SLACK_BOT_TOKEN\./);
    expect(() => readSlackEnv({})).toThrow(/mancano le variabili d'ambiente SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN/);
  });
});

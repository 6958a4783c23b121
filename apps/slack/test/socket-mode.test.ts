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
import { DEFAULT_NOW, exampleDatabaseDir, USERS } from './support/harness.ts';
import { nextId } from './support/slack-requests.ts';

/** A slash command as Socket Mode delivers it: the same fields as the HTTP form, as JSON. */
const slashPayload = (text: string, userId: string, responseUrl: string, triggerId = nextId('TR')) => ({
  token: 'legacy-verification-token', team_id: 'T0PERF', team_domain: 'perf-test', channel_id: 'C0GENERALE', channel_name: 'generale',
  user_id: userId, user_name: userId.toLowerCase(), command: '/perf', text, api_app_id: 'A0PERF', response_url: responseUrl, trigger_id: triggerId,
});
const eventPayload = (event: Record<string, unknown>, eventId = nextId('EV')) => ({
  token: 'legacy-verification-token', team_id: 'T0PERF', api_app_id: 'A0PERF', type: 'event_callback', event_id: eventId,
  event_time: Math.floor(Date.now() / 1000), authorizations: [{ team_id: 'T0PERF', user_id: 'U0BOTPERF', is_bot: true, is_enterprise_install: false }], event,
});

describe('Slack in Socket Mode: the real Bolt app over a local fake WebSocket, no public URL', () => {
  let fake: FakeSlack;
  let socket: FakeSocketMode;
  let store: Store;
  let dir: string;
  let slack: SlackApp;
  let port: number;
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
      clock: () => new Date(DEFAULT_NOW), reminderDays: 7, logLevel: LogLevel.ERROR,
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
    await socket.deliver('events_api', eventPayload(directMessage(USERS.conti, 'newsletter inviate: 9 nel secondo trimestre')));
    await slack.idle();
    const preview = dmPosts(USERS.conti).at(-1);
    expect(String(preview?.body.text)).toContain('indicatore 61 «Newsletter inviate»');
    expect(await values(61)).toEqual([]);
    const yes = eventPayload(directMessage(USERS.conti, 'sì'), 'EV-SOCKET-SI');
    await socket.deliver('events_api', yes);
    await socket.deliver('events_api', yes, { retryAttempt: 1 });
    await slack.idle();
    expect(await values(61)).toEqual([9]);
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
});

describe('Socket Mode variables', () => {
  it('needs no signing secret with SLACK_APP_TOKEN, and names a malformed or missing one in Italian', () => {
    expect(readSlackEnv({ SLACK_APP_TOKEN: 'xapp-1-A0-1-x', SLACK_BOT_TOKEN: 'xoxb-1' }).transport).toEqual({ mode: 'socket', appToken: 'xapp-1-A0-1-x' });
    expect(() => readSlackEnv({ SLACK_APP_TOKEN: 'xoxb-wrong', SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(expect.objectContaining({ details: [expect.stringContaining('SLACK_APP_TOKEN non valido')] }));
    expect(() => readSlackEnv({ SLACK_APP_TOKEN: 'xapp-1-A0-1-x' })).toThrow(/manca la variabile d'ambiente SLACK_BOT_TOKEN\./);
    expect(() => readSlackEnv({})).toThrow(/mancano le variabili d'ambiente SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN/);
  });
});

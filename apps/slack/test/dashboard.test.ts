import { afterEach, describe, expect, it } from 'vitest';
import { withEnv } from '../../../test/support/env.ts';
import { createWebApp } from '../../web/src/app.ts';
import { DEFAULT_NOW, Harness, USERS } from './support/harness.ts';

const SECRET = 'a-secret-shared-by-slack-and-the-dashboard';
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

interface SlashAnswer { response_type?: string; text: string }

describe('/perf dashboard in Slack', () => {
  it('answers g.conti alone (ephemeral) with a link that opens the dashboard as g.conti, once', async () => {
    harness = await Harness.start();
    const started = harness;
    const answer = await withEnv({ PERF_WEB_SECRET: SECRET, PERF_WEB_URL: 'https://cruscotto.cciaa-ms.example' },
      async () => (await started.command('dashboard', USERS.conti)).json<SlashAnswer>());
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('Il tuo link personale al cruscotto di Camera di Commercio di Massa Carrara:');
    // Never posted in a conversation others can read.
    expect(harness.fake.callsTo('chat.postMessage').filter((c) => String(c.body.text).includes('/accesso'))).toEqual([]);
    const url = /https:\/\/cruscotto\.cciaa-ms\.example\/accesso\?t=[\w.%-]+/.exec(answer.text)?.[0] ?? '';
    const token = new URL(url).searchParams.get('t') ?? '';

    const web = createWebApp({ store: harness.store, secret: SECRET, baseUrl: 'https://cruscotto.cciaa-ms.example', clock: () => new Date(DEFAULT_NOW) });
    const signIn = () => web.request('/accesso', { method: 'POST', body: new URLSearchParams({ t: token }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    const first = await signIn();
    expect(first.status).toBe(303);
    const cookie = /perf_sessione=[^;]+/.exec(first.headers.get('set-cookie') ?? '')?.[0] ?? '';
    const mine = await web.request('/ente/2012/miei', { headers: { Cookie: cookie } });
    expect(mine.status).toBe(200);
    expect(await mine.text()).toContain('<p class="who">Giulia Conti · Camera di Commercio di Massa Carrara · 2012</p>');
    expect((await signIn()).status).toBe(400);
  });

  it('says in Italian that the dashboard is not configured, with cruscotto as well', async () => {
    harness = await Harness.start();
    const started = harness;
    const answer = await withEnv({ PERF_WEB_SECRET: undefined, PERF_WEB_URL: undefined },
      async () => (await started.command('cruscotto', USERS.rossi)).json<SlashAnswer>());
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('Il cruscotto web non è configurato: mancano PERF_WEB_SECRET e PERF_WEB_URL.');
  });
});

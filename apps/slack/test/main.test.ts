import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PerfError } from '@perf/model';
import { openStore } from '@perf/store';
import { readSlackEnv } from '../src/env.ts';
import { FakeSlack } from './support/fake-slack.ts';
import { exampleDatabaseDir, USERS } from './support/harness.ts';
import { startMain, waitHealthy } from './support/process.ts';
import { postToSlackApp, SIGNING_SECRET, slashCommandBody } from './support/slack-requests.ts';

describe('environment', () => {
  it('names each missing or invalid variable in one Italian message', () => {
    let error: unknown;
    try {
      readSlackEnv({ PORT: 'ottanta', PERF_REMINDER_DAYS: '-1', PERF_NOW: 'ieri' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PerfError);
    const text = (error as PerfError).toText();
    expect(text).toContain("Impossibile avviare l'app Slack: mancano le variabili d'ambiente SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN.");
    expect(text).toContain('SLACK_SIGNING_SECRET mancante');
    expect(text).toContain('SLACK_BOT_TOKEN mancante');
    expect(text).toContain('PORT="ottanta" non valido');
    expect(text).toContain('PERF_REMINDER_DAYS="-1" non valido');
    expect(text).toContain('PERF_NOW="ieri" non è una data valida');
  });

  it('applies the defaults: PORT 3000, PERF_DB ./.perf, PERF_REMINDER_DAYS 7, checks every 60 minutes, the real clock', () => {
    const env = readSlackEnv({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(env).toMatchObject({ transport: { mode: 'http', signingSecret: 's' }, botToken: 'xoxb-1', port: 3000, db: '.perf', apiUrl: undefined, summaryChannel: undefined, reminderDays: 7, checkIntervalMinutes: 60 });
    expect(Math.abs(env.clock().getTime() - Date.now())).toBeLessThan(5_000);
    const set = readSlackEnv({
      SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1', PORT: '8080', PERF_DB: 'postgres://perf@db/perf', SLACK_API_URL: 'http://127.0.0.1:9/api/',
      PERF_SUMMARY_CHANNEL: 'C0RIEPILOGHI', PERF_REMINDER_DAYS: '5', PERF_CHECK_INTERVAL_MINUTES: '15', PERF_NOW: '2012-07-02T09:00:00+02:00',
    });
    expect(set).toMatchObject({ port: 8080, db: 'postgres://perf@db/perf', apiUrl: 'http://127.0.0.1:9/api/', summaryChannel: 'C0RIEPILOGHI', reminderDays: 5, checkIntervalMinutes: 15 });
    expect(set.clock().toISOString()).toBe('2012-07-02T07:00:00.000Z');
  });
});

describe('manifest.yml', () => {
  it('declares /perf, the bot scopes, interactivity, the events and the Home tab at /slack/events', () => {
    const manifest = readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8');
    expect(manifest).toMatch(/- command: \/perf\n\s+url: https:\/\/YOUR-HOST\/slack\/events/);
    for (const scope of ['commands', 'chat:write', 'im:history', 'im:write', 'app_mentions:read', 'files:write', 'users:read']) expect(manifest).toContain(`      - ${scope}\n`);
    for (const event of ['message.im', 'app_mention', 'app_home_opened']) expect(manifest).toContain(`      - ${event}\n`);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true\n\s+request_url: https:\/\/YOUR-HOST\/slack\/events/);
    expect(manifest).toMatch(/event_subscriptions:\n\s+request_url: https:\/\/YOUR-HOST\/slack\/events/);
    expect(manifest).toContain('home_tab_enabled: true');
  });
});

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('pnpm slack (whole process)', () => {
  it('refuses to start without its variables, naming each one, with exit status 1', async () => {
    const main = await startMain({});
    running.push(main.child);
    expect(await main.exited).toBe(1);
    expect(main.output()).toContain('mancano le variabili d\'ambiente SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN');
  });

  it('starts with PERF_DB and PERF_NOW, answers /healthz and /perf, posts the closed quarter\'s summary, and stops on SIGTERM', async () => {
    const fake = await FakeSlack.start();
    const dir = await exampleDatabaseDir();
    try {
      const main = await startMain({
        SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-perf-test', PERF_DB: dir,
        SLACK_API_URL: fake.apiUrl, PERF_SUMMARY_CHANNEL: 'C0RIEPILOGHI', PERF_NOW: '2012-07-02T09:00:00+02:00',
      });
      running.push(main.child);
      await waitHealthy(main);
      const port = main.port;
      expect(fake.callsTo('auth.test')).toHaveLength(1);
      const summary = await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'C0RIEPILOGHI');
      expect(String(summary.body.text)).toContain('Riepilogo del secondo trimestre 2012');

      const responseUrl = fake.responseUrl();
      const acknowledgement = await postToSlackApp(`http://127.0.0.1:${port}/slack/events`, slashCommandBody({ text: 'status', userId: USERS.rossi, responseUrl }), 'application/x-www-form-urlencoded');
      expect(acknowledgement.status).toBe(200);
      const answer = await fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname);
      expect(String(answer.body.text)).toContain("Performance complessiva dell'ente: 🟢 94% raggiunto");
      const forged = await postToSlackApp(`http://127.0.0.1:${port}/slack/events`, slashCommandBody({ text: 'report 12 value=1', userId: USERS.conti, responseUrl: fake.responseUrl() }), 'application/x-www-form-urlencoded', { secret: 'sbagliato' });
      expect(forged.status).toBe(401);

      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
      // The embedded database is free again: the lock was released on the way out.
      const store = await openStore(dir, { lockWaitMs: 1_000 });
      expect((await store.counts()).notifications).toBeGreaterThan(0);
      await store.close();
    } finally {
      await fake.close();
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  }, 90_000);
});

import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type RunningServe } from '../apps/serve/src/serve.ts';
import { discardDatabase, freshEmbeddedDir } from './support/databases.ts';
import { importExamplePlan } from './support/example.ts';
import { runCli, runCliOk } from './support/cli.ts';
import { FakeDiscord } from '../apps/discord/test/fake-discord.ts';
import { APPLICATION_ID, callbackOf, GUILD_ID, PEOPLE, TOKEN } from '../apps/discord/test/harness.ts';
import { FakeSlack } from '../apps/slack/test/support/fake-slack.ts';
import { postToSlackApp, SIGNING_SECRET, slashCommandBody } from '../apps/slack/test/support/slack-requests.ts';
import { FakeConnector } from '../apps/teams/test/support/fake-connector.ts';
import { sendActivity, USERS } from '../apps/teams/test/support/harness.ts';

/** A forwarded command that fell back to opening the database would wait for the lock: refuse at once instead. */
const NO_WAIT = { PERF_LOCK_WAIT_MS: '0' };

describe('pnpm serve holds the embedded database; pnpm perf sends its commands there', () => {
  let db: string;
  let serve: RunningServe;
  const log: string[] = [];

  beforeAll(async () => {
    db = await freshEmbeddedDir();
    await importExamplePlan(db);
    serve = await startServe({ env: { PERF_DB: db, PORT: '0' }, log: (line) => log.push(line) });
  });
  afterAll(async () => {
    await serve?.stop();
    discardDatabase(db);
  });

  it('names each channel it skipped and the variable missing, answers one /healthz, keeps its socket private', async () => {
    expect(serve.started).toEqual([]);
    expect(log).toContain('perf serve: Slack non avviato: manca SLACK_BOT_TOKEN.');
    expect(log).toContain('perf serve: Discord non avviato: manca DISCORD_TOKEN.');
    expect(log).toContain('perf serve: Teams non avviato: manca TEAMS_APP_ID (oppure TEAMS_PORT per la modalità di prova locale).');
    expect(log).toContain('perf serve: cruscotto web non avviato: manca PERF_WEB_SECRET.');
    const health = await fetch(`http://127.0.0.1:${serve.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, channels: [] });
    expect(serve.socketPath).toBe(join(db, 'perf.sock'));
    expect(statSync(join(db, 'perf.sock')).mode & 0o777).toBe(0o600);
  });

  it('stores a report once through the server, as the person given by --as, audited as cli', async () => {
    const stored = await runCliOk(['report', '12', 'value=31', 'period=2012-Q4', '--as', 'g.conti', '--db', db], { PERF_NOW: '2013-01-10T09:00:00Z', ...NO_WAIT });
    expect(stored.stdout).toMatch(/31/);
    const history = await serve.store.history('CCIAA-MS', 2012, 12);
    expect(history.map((r) => [r.period, r.value, r.reportedBy, r.channel])).toEqual([['2012-Q4', 31, 'g.conti', 'cli']]);
    const status = JSON.parse((await runCliOk(['status', '--json', '--db', db], NO_WAIT)).stdout);
    expect(JSON.stringify(status)).toContain('"2012-Q4"');
  });

  it('refuses a command the person may not run exactly as the CLI does on its own', async () => {
    const args = ['report', '12', 'value=40', 'period=2012-Q4', '--as', 's.galli', '--db', db];
    const viaServer = await runCli(args, NO_WAIT);
    expect(viaServer.code).toBe(1);
    expect(viaServer.stderr).toMatch(/^Errore: /);
    const missing = await runCli(['status', '--as', 'nessuno', '--db', db], NO_WAIT);
    expect(missing.code).toBe(1);
    await serve.stop();
    const alone = await runCli(args, NO_WAIT);
    expect([alone.code, alone.stderr]).toEqual([viaServer.code, viaServer.stderr]);
    expect(existsSync(join(db, 'perf.sock'))).toBe(false);
    serve = await startServe({ env: { PERF_DB: db, PORT: '0' }, log: () => undefined });
    expect((await serve.store.history('CCIAA-MS', 2012, 12)).length).toBe(1);
  });

  it('starts a channel whose variables are set on the same store (Teams in local trial mode)', async () => {
    await serve.stop();
    const lines: string[] = [];
    serve = await startServe({ env: { PERF_DB: db, PORT: '0', TEAMS_PORT: '0' }, log: (line) => lines.push(line) });
    expect(serve.started).toEqual(['Teams']);
    expect(lines.some((line) => /^perf serve: Teams avviato, porta \d+ \(POST \/api\/messages; modalità di prova locale, anonima: nessun token controllato\)\.$/.test(line))).toBe(true);
    expect(await (await fetch(`http://127.0.0.1:${serve.port}/healthz`)).json()).toMatchObject({ ok: true, channels: ['Teams'] });
  });

  it('prints a dashboard link signed by the running dashboard: the CLI needs neither PERF_WEB_SECRET nor the database', async () => {
    await serve.stop();
    const lines: string[] = [];
    const secret = 'segreto-del-cruscotto-in-serve';
    serve = await startServe({ env: { PERF_DB: db, PORT: '0', PERF_WEB_SECRET: secret, PERF_WEB_URL: 'https://perf.ente.example', WEB_PORT: '0' }, log: (line) => lines.push(line) });
    expect(serve.started).toEqual(['cruscotto web']);
    const port = /cruscotto web avviato, porta (\d+)/.exec(lines.join('\n'))?.[1];
    const printed = (await runCliOk(['web', 'link', '--as', 'g.conti', '--db', db], { ...NO_WAIT, PERF_WEB_SECRET: undefined })).stdout.split('\n');
    expect(printed[0]).toMatch(/^https:\/\/perf\.ente\.example\/accesso\?t=[\w.%-]+$/);
    expect(printed[1]).toMatch(/^Link di accesso per Giulia Conti \(CCIAA-MS\): vale 15 minuti \(scade il .+\) e una sola volta\.$/);
    // The running dashboard accepts it, once.
    const post = () => fetch(`http://127.0.0.1:${port}/accesso`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ t: new URL(printed[0] ?? '').searchParams.get('t') ?? '' }) });
    expect((await post()).status).toBe(303);
    expect((await post()).status).toBe(400);
    const refused = await runCli(['web', 'link', '--db', db], { ...NO_WAIT, PERF_WEB_SECRET: undefined });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Il link di accesso al cruscotto è personale');
  });

  it('writes the Relazione the server made to --out on the CLI side', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'perf-serve-')), 'relazione.pdf');
    await runCliOk(['relazione', '--year', '2012', '--out', out, '--db', db], NO_WAIT);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('runs Slack, Discord and Teams together in one process on one store, each storing a report once', async () => {
    await serve.stop();
    const [slack, discord, connector] = await Promise.all([FakeSlack.start(), FakeDiscord.start(APPLICATION_ID, GUILD_ID), FakeConnector.start()]);
    const lines: string[] = [];
    try {
      serve = await startServe({
        env: {
          PERF_DB: db, PORT: '0', PERF_NOW: '2012-11-15T10:00:00+01:00',
          SLACK_BOT_TOKEN: 'xoxb-perf-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, SLACK_PORT: '0',
          DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: discord.apiUrl, DISCORD_GUILD_ID: GUILD_ID,
          TEAMS_PORT: '0',
        },
        log: (line) => lines.push(line),
      });
      expect(serve.started).toEqual(['Slack', 'Discord', 'Teams']);
      const portOf = (name: string) => /avviato, porta (\d+)/.exec(lines.find((l) => l.startsWith(`perf serve: ${name} avviato`)) ?? '')?.[1];
      const before = (await serve.store.history('CCIAA-MS', 2012, 12)).length;
      const responseUrl = slack.responseUrl();
      const body = slashCommandBody({ text: 'report 12 value=41 period=2012-Q4', userId: 'U0000006', responseUrl });
      expect((await postToSlackApp(`http://127.0.0.1:${portOf('Slack')}/slack/events`, body, 'application/x-www-form-urlencoded')).status).toBe(200);
      await callbackOf(discord, discord.command(PEOPLE.conti, 'report', { indicator: 12, value: '42', period: '2012-Q4' }));
      expect((await sendActivity(`http://127.0.0.1:${portOf('Teams')}`, connector.url, { type: 'message', text: 'report 12 value=43 period=2012-Q4' }, { from: USERS.conti })).status).toBe(200);
      expect(String((await slack.firstPostTo(responseUrl)).body.text)).toContain('Registrato');
      const stored = (await serve.store.history('CCIAA-MS', 2012, 12)).slice(before).map((r) => [r.channel, r.value, r.reportedBy]).sort();
      expect(stored).toEqual([['discord', 42, 'g.conti'], ['slack', 41, 'g.conti'], ['teams', 43, 'g.conti']]);
    } finally {
      // The channels first, then the fakes they talk to (afterAll's second stop finds nothing left to do).
      await serve.stop();
      await Promise.all([slack.close(), discord.close(), connector.close()]);
    }
  });
});

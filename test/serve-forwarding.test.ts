import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type RunningServe } from '../apps/serve/src/serve.ts';
import { discardDatabase, freshEmbeddedDir } from './support/databases.ts';
import { importExamplePlan } from './support/example.ts';
import { runCli, runCliOk } from './support/cli.ts';

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
});

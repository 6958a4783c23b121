import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgresUrl } from './support/databases.ts';
import { EXAMPLE_DIR, REPO_ROOT, runCli, runCliOk } from './support/cli.ts';

const SECRET = 'e2e-secret-of-the-dashboard-0123456789';

/** A loopback port that was free a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * `pnpm perf web link` and `pnpm perf dashboard` print links that the real `pnpm web` process accepts,
 * once. On PostgreSQL: an embedded directory is held by the running dashboard.
 */
describe('perf web link → pnpm web', () => {
  let db: string;
  let origin: string;
  let server: ChildProcess;
  let serverLog = '';
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await freshPostgresUrl();
    await runCliOk(['plan', 'import', join(EXAMPLE_DIR, 'piano-2012.yaml'), '--db', db]);
    await runCliOk(['values', 'import', join(EXAMPLE_DIR, 'valori-2012.yaml'), '--db', db]);
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    env = { PERF_DB: db, PERF_WEB_SECRET: SECRET, PERF_WEB_URL: origin, PORT: String(port), PERF_NOW: '2012-11-15T10:00:00+01:00' };
    server = spawn(process.execPath, ['--import', 'tsx', 'apps/web/src/main.ts'], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    server.stderr?.on('data', (chunk: Buffer) => { serverLog += chunk.toString(); });
    for (let i = 0; i < 300; i++) {
      const ready = await fetch(`${origin}/healthz`).then((r) => r.status === 200, () => false);
      if (ready) return;
      if (server.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`pnpm web did not start: ${serverLog}`);
  }, 120_000);
  afterAll(async () => {
    if (server?.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
  });

  it('refuses to print a link without PERF_WEB_SECRET, in Italian', async () => {
    const result = await runCli(['web', 'link', '--as', 'g.conti'], { ...env, PERF_WEB_SECRET: undefined });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('PERF_WEB_SECRET mancante');
    expect(result.stdout).toBe('');
  });

  it('prints a link that opens the dashboard as that person, once; `dashboard` prints the same kind of link', async () => {
    const printed = (await runCliOk(['web', 'link', '--as', 'g.conti'], env)).stdout.split('\n');
    expect(printed[0]).toMatch(new RegExp(`^${origin}/accesso\\?t=[\\w.%-]+$`));
    expect(printed[1]).toBe('Link di accesso per Giulia Conti (CCIAA-MS): vale 15 minuti (scade il 15/11/2012 alle 10:15) e una sola volta.');
    const post = (url: string) => fetch(`${origin}/accesso`, {
      method: 'POST', redirect: 'manual', body: new URLSearchParams({ t: new URL(url).searchParams.get('t') ?? '' }),
    });
    const first = await post(printed[0] ?? '');
    expect(first.status).toBe(303);
    const cookie = /perf_sessione=[^;]+/.exec(first.headers.get('set-cookie') ?? '')?.[0] ?? '';
    const mine = await fetch(`${origin}/ente/2012/miei`, { headers: { Cookie: cookie } });
    expect(mine.status).toBe(200);
    expect(await mine.text()).toContain('Giulia Conti · Camera di Commercio di Massa Carrara · 2012');
    expect((await post(printed[0] ?? '')).status).toBe(400);

    const dashboard = (await runCliOk(['dashboard', '--as', 'g.ferri'], env)).stdout.split('\n');
    expect(dashboard[0]).toBe('Il tuo link personale al cruscotto di Camera di Commercio di Massa Carrara:');
    expect((await post(dashboard[1] ?? '')).status).toBe(303);
  });
});

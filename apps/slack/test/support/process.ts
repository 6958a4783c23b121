import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../../test/support/postgres-server.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface MainProcess {
  readonly child: ChildProcess;
  readonly port: number;
  output(): string;
  readonly exited: Promise<number | null>;
}

/**
 * The process `pnpm slack` runs (or another app's main, e.g. `apps/serve/src/main.ts`), on a free loopback
 * PORT, started directly so that signals reach it (pnpm does not wait for its child). Of the channels'
 * variables (SLACK_, TEAMS_, DISCORD_, PERF_, WEB_PORT) only the given ones are set.
 */
export async function startMain(env: Record<string, string>, script = 'apps/slack/src/main.ts'): Promise<MainProcess> {
  const port = await freePort();
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(SLACK_|TEAMS_|DISCORD_|PERF_|WEB_PORT$|PORT$|HOST$)/.test(key)));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT, env: { ...clean, PORT: String(port), HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, output: () => output, exited };
}

/** Waits until the process answers GET /healthz with 200 (bounded); fails with its output otherwise. */
export async function waitHealthy(main: MainProcess, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (main.child.exitCode !== null) throw new Error(`L'app si è fermata: ${main.output()}`);
    if (Date.now() > deadline) throw new Error(`/healthz non risponde: ${main.output()}`);
    if (await fetch(`http://127.0.0.1:${main.port}/healthz`).then((r) => r.status === 200, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

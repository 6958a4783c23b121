import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLE_DIR = fileURLToPath(new URL('../../examples/cciaa-ms-2012/', import.meta.url));
/** The CLI's entry, as `pnpm perf` runs it: the launcher of its bundle (built fresh by the global setup). */
export const CLI_ENTRY = 'apps/cli/bin/perf.mjs';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real CLI in a child process, as `pnpm perf` does, with its own environment. */
export function runCli(args: readonly string[], env: Record<string, string | undefined> = {}, input?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI_ENTRY, ...args], {
      cwd: REPO_ROOT, env: { ...process.env, PERF_DB: undefined, PERF_NOW: undefined, ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 120_000,
    }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

/** Runs the CLI and fails loudly (with its stderr) when it does not exit 0. */
export async function runCliOk(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const result = await runCli(args, env);
  if (result.code !== 0) throw new Error(`perf ${args.join(' ')} → exit ${result.code}\n${result.stderr}\n${result.stdout}`);
  return result;
}

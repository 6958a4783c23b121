import { execFileSync } from 'node:child_process';
import { CLI_ENTRY, REPO_ROOT } from './cli.ts';

/**
 * Builds the CLI's bundle once, before the test workers start spawning the CLI: otherwise the first
 * CLI processes of every worker would find it stale together (after a source change) and wait for one
 * of them to rebuild it. A source file that does not compile fails here, with esbuild's message.
 */
export default function setup(): void {
  execFileSync(process.execPath, [CLI_ENTRY, 'help'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, type Bench } from './harness.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function timeCommand(command: string, args: readonly string[], runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    execFileSync(command, [...args], { cwd: ROOT, stdio: 'ignore' });
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export const coldStartBench: Bench = {
  name: 'cold-start',
  description: 'avvio a freddo di `pnpm perf status` e dell\'ingresso della CLI senza pnpm, sul database dell\'esempio',
  async run(log) {
    const db = join(mkdtempSync(join(tmpdir(), 'perf-cold-')), 'db');
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'plan', 'import', 'examples/cciaa-ms-2012/piano-2012.yaml', '--db', db], { cwd: ROOT, stdio: 'ignore' });
      execFileSync(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'values', 'import', 'examples/cciaa-ms-2012/valori-2012.yaml', '--db', db], { cwd: ROOT, stdio: 'ignore' });
      const node = timeCommand(process.execPath, ['-e', '0'], 5);
      const entry = timeCommand(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'status', '--year', '2012', '--db', db], 5);
      const viaPnpm = timeCommand('pnpm', ['perf', 'status', '--year', '2012', '--db', db], 5);
      const help = timeCommand(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', '--help'], 5);
      log(`node -e 0: ${node.toFixed(0)} ms · CLI --help (senza database): ${help.toFixed(0)} ms · CLI status: ${entry.toFixed(0)} ms · pnpm perf status: ${viaPnpm.toFixed(0)} ms`);
      return [
        { bench: 'cold-start', label: 'pnpm perf status (integrato)', value: viaPnpm, unit: 'ms', baselineLabel: 'node -e 0', baseline: node, goal: '< 1000 ms', met: viaPnpm < 1000 },
        { bench: 'cold-start', label: 'node apps/cli status (integrato)', value: entry, unit: 'ms', baselineLabel: 'node -e 0', baseline: node, goal: '< 1000 ms', met: entry < 1000 },
        { bench: 'cold-start', label: 'node apps/cli --help', value: help, unit: 'ms', baselineLabel: 'node -e 0', baseline: node, goal: '< 1000 ms', met: help < 1000 },
      ];
    } finally {
      rmSync(join(db, '..'), { recursive: true, force: true });
    }
  },
};

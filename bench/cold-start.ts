import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, type Bench, type BenchFigure } from './harness.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** What `pnpm perf` runs (the root package.json's script): the launcher of the CLI's bundle. */
const CLI = 'apps/cli/bin/perf.mjs';
/** Rounds of every measurement (`PERF_BENCH_COLD_RUNS`); the figures are medians. */
const RUNS = Number(process.env.PERF_BENCH_COLD_RUNS ?? 7);
/** The source file the rebuild measurement touches (its time only: its content stays as it is). */
const TOUCHED = join(ROOT, 'apps/cli/src/args.ts');

function timeOnce(command: string, args: readonly string[]): number {
  const start = performance.now();
  execFileSync(command, [...args], { cwd: ROOT, stdio: 'ignore' });
  return performance.now() - start;
}

/**
 * Runs every command once per round, round after round, so that a change in the machine's load
 * (other work runs here) falls on all of them alike; returns the median of each.
 */
function interleaved(commands: Record<string, readonly [string, readonly string[]]>, rounds: number): Record<string, number> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, [command, args]] of Object.entries(commands)) samples[name]?.push(timeOnce(command, args));
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

/** openStore of an existing directory in a fresh process, as the CLI opens it and with the defaults. */
function openings(db: string, rounds: number): Record<'cli' | 'default', { open: number; close: number }> {
  const runs = { cli: [] as { openMs: number; closeMs: number }[], default: [] as { openMs: number; closeMs: number }[] };
  for (let round = 0; round < rounds; round++) {
    for (const mode of ['cli', 'default'] as const) {
      runs[mode].push(JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'bench/open-store.ts', db, mode], { cwd: ROOT, encoding: 'utf8' })) as { openMs: number; closeMs: number });
    }
  }
  const summary = (list: { openMs: number; closeMs: number }[]) => ({ open: median(list.map((r) => r.openMs)), close: median(list.map((r) => r.closeMs)) });
  return { cli: summary(runs.cli), default: summary(runs.default) };
}

export const coldStartBench: Bench = {
  name: 'cold-start',
  description: 'avvio a freddo di `pnpm perf status` e dell\'ingresso della CLI senza pnpm (node apps/cli/bin/perf.mjs), sul database dell\'esempio, contro `node -e 0`',
  async run(log) {
    const db = join(mkdtempSync(join(tmpdir(), 'perf-cold-')), 'db');
    try {
      // Also brings the bundle up to date, so that the rounds below measure runs that find it current.
      execFileSync(process.execPath, [CLI, 'plan', 'import', 'examples/cciaa-ms-2012/piano-2012.yaml', '--db', db], { cwd: ROOT, stdio: 'ignore' });
      execFileSync(process.execPath, [CLI, 'values', 'import', 'examples/cciaa-ms-2012/valori-2012.yaml', '--db', db], { cwd: ROOT, stdio: 'ignore' });
      const status = ['status', '--year', '2012', '--db', db];
      const m = interleaved({
        node: [process.execPath, ['-e', '0']],
        pnpmVersion: ['pnpm', ['--version']],
        entry: [process.execPath, [CLI, ...status]],
        viaPnpm: ['pnpm', ['perf', ...status]],
        help: [process.execPath, [CLI, '--help']],
        statusHelp: [process.execPath, [CLI, 'status', '--help']],
        tsx: [process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...status]],
      }, RUNS);
      const rebuildSamples: number[] = [];
      for (let round = 0; round < RUNS; round++) {
        const now = new Date();
        utimesSync(TOUCHED, now, now);
        rebuildSamples.push(timeOnce(process.execPath, [CLI, ...status]));
      }
      const rebuild = median(rebuildSamples);
      const open = openings(db, RUNS);
      const ms = (value: number) => `${fmt(value, 0)} ms`;
      log(`mediane di ${RUNS} giri alternati: node -e 0 ${ms(m.node ?? 0)} · pnpm --version ${ms(m.pnpmVersion ?? 0)} · node ${CLI} --help ${ms(m.help ?? 0)}`);
      log(`status: node ${CLI} ${ms(m.entry ?? 0)} · pnpm perf ${ms(m.viaPnpm ?? 0)} · prima esecuzione dopo una modifica ai sorgenti (ricostruzione del bundle) ${ms(rebuild)} · gli stessi sorgenti con tsx, senza bundle ${ms(m.tsx ?? 0)}`);
      // `status --help` loads the same bundle and stops before the database: the difference is the database's part.
      const database = (m.entry ?? 0) - (m.statusHelp ?? 0);
      log(`parte del database in status (status − status --help: apertura, query, chiusura) ${ms(database)}`);
      log(`openStore della cartella esistente in un processo nuovo con tsx, modulo di PGlite già caricato: come la CLI ${ms(open.cli.open)} (chiusura ${ms(open.cli.close)}) · impostazioni predefinite di PGlite e V8 ${ms(open.default.open)} (chiusura ${ms(open.default.close)})`);
      const node = m.node ?? 0;
      const figure = (label: string, value: number, goal: string, met: boolean): BenchFigure => ({ bench: 'cold-start', label, value, unit: 'ms', baselineLabel: 'node -e 0', baseline: node, goal, met });
      return [
        figure('pnpm perf status (integrato)', m.viaPnpm ?? 0, '< 1000 ms', (m.viaPnpm ?? 0) < 1000),
        figure(`node ${CLI} status (integrato)`, m.entry ?? 0, '< 1000 ms', (m.entry ?? 0) < 1000),
        figure(`node ${CLI} --help`, m.help ?? 0, '< 1000 ms', (m.help ?? 0) < 1000),
        figure('status, prima esecuzione dopo una modifica ai sorgenti (ricostruzione)', rebuild, 'riportato', true),
        figure('pnpm --version', m.pnpmVersion ?? 0, 'riportato', true),
        figure('status: parte del database (status − status --help)', database, 'riportato', true),
        { ...figure('openStore come la CLI (processo nuovo, tsx)', open.cli.open, 'riportato', true), baselineLabel: 'openStore con le impostazioni predefinite', baseline: open.default.open },
      ];
    } finally {
      rmSync(join(db, '..'), { recursive: true, force: true });
    }
  },
};

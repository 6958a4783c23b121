import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '@perf/core';
import { parsePlan } from '@perf/model';
import { Store } from '@perf/store';
import { importValuesFile } from '../apps/cli/src/import-files.ts';
import type { SqlDriver } from '../packages/store/src/driver.ts';
import { migrate } from '../packages/store/src/migrations.ts';
import { openPglite } from '../packages/store/src/pglite-driver.ts';
import { openPostgres } from '../packages/store/src/pg-driver.ts';
import { fmt, type Bench, type BenchFigure } from './harness.ts';
import { ROWS_PER_STATEMENT, seedRilevazioni } from './synthetic.ts';

/** Rows per run: the issue asks for 1,000,000 (`PERF_BENCH_BULK_ROWS` for shorter runs). */
const ROWS = Number(process.env.PERF_BENCH_BULK_ROWS ?? 1_000_000);
const EXAMPLE = new URL('../examples/cciaa-ms-2012/piano-2012.yaml', import.meta.url);
const count = (n: number) => n.toLocaleString('it-IT');

/**
 * A CSV of `ROWS` values as Italian Excel writes it (`;`, decimal commas), cycling over the example's
 * numeric indicators and the four quarters, so nearly every row supersedes an earlier one. Written in
 * chunks; `run` makes the file (and so its digest) new on every run, so a database reused across runs
 * still stores every row.
 */
function writeCsv(file: string, indicators: readonly number[], run: string): void {
  writeFileSync(file, 'indicatore;valore;periodo;nota\n');
  let chunk: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    chunk.push(`${indicators[i % indicators.length]};${i % 97},5;2012-Q${(i % 4) + 1};riga ${i}${i === 0 ? ` (${run})` : ''}`);
    if (chunk.length === 100_000 || i === ROWS - 1) {
      appendFileSync(file, `${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
}

/** The highest resident set size seen while `work` runs (sampled), in MiB. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMiB: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 200);
  try {
    const result = await work();
    return { result, peakMiB: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Writes out what the previous phase left in memory, so that each measured phase starts clean: else
 * the baseline, run after the import, would pay for flushing the import's pages. A server role
 * without the right to CHECKPOINT measures without it.
 */
async function checkpoint(driver: SqlDriver): Promise<void> {
  await driver.exec('CHECKPOINT').catch(() => {});
}

/**
 * Puts the PostgreSQL server process in its steady state before a measured phase: once it has freed a
 * large allocation, glibc keeps such memory instead of mapping it anew (and page-faulting it in) for
 * every big statement. Batched INSERTs of 1,000 rows ran 2.6 times faster on a connection so warmed than
 * on a fresh one; the import barely changes. Both phases are measured warmed: the baseline at its best.
 * (pg.Pool hands back the connection released last, so the phase runs on the warmed one.)
 */
async function warmServerAllocator(engine: 'embedded' | 'postgres', driver: SqlDriver): Promise<void> {
  if (engine === 'postgres') await driver.query('SELECT length(array_agg(g)::text) FROM generate_series(1, 3000000) AS g');
}

async function measureEngine(engine: 'embedded' | 'postgres', driver: SqlDriver, dir: string, log: (line: string) => void): Promise<BenchFigure> {
  await migrate(driver);
  const store = new Store(driver, engine);
  const plan = parsePlan(readFileSync(EXAMPLE, 'utf8'));
  await store.importPlan(plan, { actor: 'bench', channel: 'cli', at: new Date() });
  const numeric = plan.indicators.filter((i) => i.direction !== 'boolean').map((i) => i.id);
  const file = join(dir, `valori-${engine}.csv`);
  writeCsv(file, numeric, `${engine} ${new Date().toISOString()}`);
  const context: CommandContext = {
    store, channel: 'cli', clock: () => new Date('2013-01-15T10:00:00+01:00'), identity: { kind: 'operator', operatorName: 'bench' }, ente: plan.ente.code,
  };
  const cpuSeconds = (since: NodeJS.CpuUsage) => { const used = process.cpuUsage(since); return (used.user + used.system) / 1e6; };
  await checkpoint(driver);
  await warmServerAllocator(engine, driver);
  let cpu = process.cpuUsage();
  let started = performance.now();
  const { result: outcome, peakMiB } = await withPeakRss(() => importValuesFile(file, context, { progress: (step) => log(`… ${step}`) }));
  const importMs = performance.now() - started;
  const importCpu = cpuSeconds(cpu);
  log(outcome.split('\n')[0] ?? '');
  await checkpoint(driver);
  await warmServerAllocator(engine, driver);
  cpu = process.cpuUsage();
  started = performance.now();
  await seedRilevazioni(driver, ['RAW'], 2012, numeric.length, ROWS, 0);
  const rawMs = performance.now() - started;
  const rawCpu = cpuSeconds(cpu);
  const importRate = ROWS / (importMs / 1000);
  const rawRate = ROWS / (rawMs / 1000);
  log(`${engine}: perf values import ${count(Math.round(importRate))} righe/s (${fmt(importMs / 1000)} s, picco RSS ${count(Math.round(peakMiB))} MiB); `
    + `INSERT a blocchi di ${count(ROWS_PER_STATEMENT)} righe ${count(Math.round(rawRate))} righe/s (${fmt(rawMs / 1000)} s); rapporto ${fmt((importRate / rawRate) * 100)}%`);
  // PGlite runs in this process: its CPU time is the work itself, less sensitive than the clock to other load on the machine.
  if (engine === 'embedded') log(`embedded, tempo CPU: import ${fmt(importCpu)} s, INSERT a blocchi ${fmt(rawCpu)} s; rapporto ${fmt((rawCpu / importCpu) * 100)}%`);
  return {
    bench: 'bulk', label: `values import, ${count(ROWS)} righe CSV (${engine === 'embedded' ? 'integrato' : 'PostgreSQL'})`, value: importRate, unit: 'righe/s',
    baselineLabel: `INSERT a blocchi di ${count(ROWS_PER_STATEMENT)} righe`, baseline: rawRate, goal: '≥ 50% della base', met: importRate >= rawRate / 2,
  };
}

export const bulkBench: Bench = {
  name: 'bulk',
  description: `caricamento di ${count(ROWS)} rilevazioni da CSV con pnpm perf values import, contro INSERT a blocchi nello stesso database (integrato; anche PostgreSQL con PERF_BENCH_PG=postgres://…)`,
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'perf-bench-bulk-'));
    try {
      const figures: BenchFigure[] = [];
      const embedded = await openPglite(join(dir, 'pgdata'));
      try {
        figures.push(await measureEngine('embedded', embedded, dir, log));
      } finally {
        await embedded.close();
      }
      const url = process.env.PERF_BENCH_PG;
      if (url) {
        const postgres = await openPostgres(url);
        try {
          figures.push(await measureEngine('postgres', postgres, dir, log));
        } finally {
          await postgres.close();
        }
      }
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

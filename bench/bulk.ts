import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parsePlan } from '@perf/model';
import { Store } from '@perf/store';
import { importValuesFile } from '../apps/cli/src/import-files.ts';
import { migrate } from '../packages/store/src/migrations.ts';
import { openPglite } from '../packages/store/src/pglite-driver.ts';
import { seedRilevazioni } from './synthetic.ts';
import type { Bench } from './harness.ts';

/** Rows per run: the issue asks for 1,000,000; the per-row import path makes that take hours, so the default is smaller. */
const ROWS = Number(process.env.PERF_BENCH_BULK_ROWS ?? 10_000);
const EXAMPLE = new URL('../examples/cciaa-ms-2012/piano-2012.yaml', import.meta.url);

export const bulkBench: Bench = {
  name: 'bulk',
  description: `caricamento di ${ROWS.toLocaleString('it-IT')} rilevazioni da CSV con pnpm perf values import, contro INSERT a blocchi di 1000 righe nello stesso database`,
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'perf-bench-bulk-'));
    const driver = await openPglite(join(dir, 'pgdata'));
    try {
      await migrate(driver);
      const store = new Store(driver, 'embedded');
      const plan = parsePlan(readFileSync(EXAMPLE, 'utf8'));
      await store.importPlan(plan, { actor: 'bench', channel: 'cli', at: new Date() });
      const numeric = plan.indicators.filter((i) => i.direction !== 'boolean');
      const csv = ['indicatore;valore;periodo;nota'];
      for (let i = 0; i < ROWS; i++) csv.push(`${numeric[i % numeric.length]?.id};${i % 97},5;2012-Q${(i % 4) + 1};riga ${i}`);
      const file = join(dir, 'valori.csv');
      writeFileSync(file, csv.join('\n'));
      const context = { store, channel: 'cli' as const, clock: () => new Date('2013-01-15T10:00:00+01:00'), identity: { kind: 'operator' as const, operatorName: 'bench' } };
      let started = performance.now();
      const outcome = await importValuesFile(file, context);
      const importMs = performance.now() - started;
      log(outcome.split('\n')[0] ?? '');
      started = performance.now();
      await seedRilevazioni(driver, ['RAW'], 2012, numeric.length, ROWS, 0);
      const rawMs = performance.now() - started;
      const importRate = ROWS / (importMs / 1000);
      const rawRate = ROWS / (rawMs / 1000);
      log(`perf values import: ${Math.round(importRate)} righe/s (${(importMs / 1000).toFixed(1)} s); INSERT a blocchi: ${Math.round(rawRate)} righe/s (${(rawMs / 1000).toFixed(1)} s)`);
      return [{
        bench: 'bulk', label: `values import, ${ROWS.toLocaleString('it-IT')} righe CSV (integrato)`, value: importRate, unit: 'righe/s',
        baselineLabel: 'INSERT a blocchi', baseline: rawRate, goal: '≥ 50% della base', met: importRate >= rawRate / 2,
      }];
    } finally {
      await driver.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

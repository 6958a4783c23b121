import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { statusOf, type CommandContext } from '@perf/core';
import { Store } from '@perf/store';
import { migrate } from '../packages/store/src/migrations.ts';
import { openPglite } from '../packages/store/src/pglite-driver.ts';
import { openPostgres } from '../packages/store/src/pg-driver.ts';
import type { SqlDriver } from '../packages/store/src/driver.ts';
import { startTemporaryPostgres } from '../test/support/postgres-server.ts';
import { median, timeRepeated, fmt, type Bench, type BenchFigure } from './harness.ts';
import { seedRilevazioni, syntheticPlan } from './synthetic.ts';

const ENTI = Array.from({ length: 50 }, (_, i) => `ENTE-${String(i + 1).padStart(2, '0')}`);
const YEAR = 2024;
const SIZES = [10_000, 100_000, 1_000_000];
const GOALS = { embedded: 50, postgres: 30 } as const;

async function measureEngine(engine: 'embedded' | 'postgres', driver: SqlDriver, log: (line: string) => void): Promise<BenchFigure[]> {
  await migrate(driver);
  const store = new Store(driver, engine);
  const meta = { actor: 'bench', channel: 'cli' as const, at: new Date() };
  for (const ente of ENTI) await store.importPlan(syntheticPlan(ente, YEAR), meta);
  const indicators = syntheticPlan(ENTI[0] ?? '', YEAR).indicators.length;
  const context: CommandContext = { store, channel: 'cli', clock: () => new Date(`${YEAR}-12-31T12:00:00Z`), identity: { kind: 'operator', operatorName: 'bench' }, ente: 'ENTE-07', year: YEAR };
  const figures: BenchFigure[] = [];
  let loaded = 0;
  for (const size of SIZES) {
    const started = performance.now();
    await seedRilevazioni(driver, ENTI, YEAR, indicators, size - loaded, loaded);
    loaded = size;
    await driver.exec('ANALYZE rilevazioni');
    log(`${engine}: ${size.toLocaleString('it-IT')} rilevazioni caricate (${fmt((performance.now() - started) / 1000)} s)`);
    const status = median(await timeRepeated(() => statusOf({ kind: 'ente' }, context), 15));
    const raw = median(await timeRepeated(() => driver.query('SELECT indicator_id, period, value FROM rilevazioni WHERE ente_code = $1 AND year = $2', ['ENTE-07', YEAR]), 15));
    log(`${engine} @ ${size.toLocaleString('it-IT')}: status ${fmt(status)} ms, lettura grezza delle righe dell'ente ${fmt(raw)} ms`);
    figures.push({
      bench: 'status', label: `${engine}, ${size.toLocaleString('it-IT')} rilevazioni, 50 enti`, value: status, unit: 'ms',
      baselineLabel: "SELECT delle righe dell'ente", baseline: raw, goal: `< ${GOALS[engine]} ms`, met: status < GOALS[engine],
    });
  }
  return figures;
}

export const statusBench: Bench = {
  name: 'status',
  description: "status di un ente con 50 enti nel database, a 10k, 100k e 1M rilevazioni (integrato e PostgreSQL)",
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'perf-bench-'));
    const embedded = await openPglite(join(dir, 'pgdata'));
    const figures = await measureEngine('embedded', embedded, log).finally(async () => { await embedded.close(); rmSync(dir, { recursive: true, force: true }); });
    const server = process.env.PERF_BENCH_PG ? undefined : await startTemporaryPostgres();
    const postgres = await openPostgres(process.env.PERF_BENCH_PG ?? server?.url ?? '');
    try {
      figures.push(...await measureEngine('postgres', postgres, log));
    } finally {
      await postgres.close();
      await server?.stop();
    }
    return figures;
  },
};

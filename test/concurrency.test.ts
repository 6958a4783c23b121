import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openStore } from '@perf/store';
import { ENGINES } from './support/databases.ts';
import { REPO_ROOT } from './support/cli.ts';
import { importExamplePlan } from './support/example.ts';

function burst(location: string, count: number, indicator: number): Promise<{ code: number; acked: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'test/support/report-burst.ts', location, String(count), String(indicator)], { cwd: REPO_ROOT, timeout: 180_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, acked: stdout.split('\n').filter((l) => l.startsWith('ack ')).length, stderr });
    });
  });
}

describe.each(ENGINES)('two processes reporting at once on %s', (name, location) => {
  it('loses and duplicates nothing (or, embedded, refuses clearly)', async () => {
    const db = await location();
    await importExamplePlan(db);
    const count = 40;
    const results = await Promise.all([burst(db, count, 12), burst(db, count, 12)]);
    for (const r of results) {
      if (r.code !== 0) expect(r.stderr).toMatch(/Il database è in uso da un altro processo \(pid \d+\)\./);
    }
    const acked = results.reduce((sum, r) => sum + r.acked, 0);
    const store = await openStore(db);
    try {
      const history = await store.history('CCIAA-MS', 2012, 12);
      const current = history.filter((r) => !r.superseded);
      const supersededTwice = history.filter((r) => history.filter((s) => s.supersedes === r.id).length > 1);
      console.log(`concurrency (${name}): ${results.filter((r) => r.code === 0).length} processes completed, ${acked} acknowledged, ${history.length} stored, ${supersededTwice.length} forked supersessions`);
      expect(history.length).toBe(acked);
      expect(new Set(history.map((r) => r.id)).size).toBe(history.length);
      expect(supersededTwice).toEqual([]);
      expect(current.map((r) => r.period).sort()).toEqual(['2012-Q1', '2012-Q2', '2012-Q3', '2012-Q4']);
      if (name === 'PostgreSQL') expect(acked).toBe(2 * count);
      else expect(acked === 2 * count || results.some((r) => r.code !== 0)).toBe(true);
    } finally {
      await store.close();
    }
  }, 300_000);
});

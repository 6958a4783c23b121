import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePlan } from '@perf/model';
import { openStore, type Store, type WriteMeta } from '../src/index.ts';
import { freshEmbeddedDir } from '../../../test/support/databases.ts';

const meta: WriteMeta = { actor: 'tester', channel: 'slack', at: new Date('2012-06-30T10:00:00Z') };
const plan = validatePlan({
  ente: { code: 'E1', name: 'Ente uno' }, year: 2012,
  perspectives: [{ id: 'P', name: 'P' }], lines: [{ id: 'L', name: 'L' }],
  people: [{ id: 'p', name: 'Persona', role: 'staff' }],
  strategic_objectives: [{ id: '01', title: 'Uno', perspective: 'P', line: 'L' }],
  indicators: [1, 2].map((id) => ({ id, objective: '01', name: `i${id}`, direction: 'higher', target: 10, owner: 'p' })),
});
const report = (indicator: number, value: number, requestKey?: string) => ({
  ente: 'E1', year: 2012, indicator, period: '2012-Q1', periodRank: 1, value, rawValue: String(value), requestKey,
});

describe('embedded database on a worker thread (the chat servers)', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = await freshEmbeddedDir();
    store = await openStore(dir, { embeddedThread: 'worker' });
    await store.importPlan(plan, meta);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dirname(dir), { recursive: true, force: true });
  });

  it('stores, supersedes and reads back like the embedded engine on the main thread', async () => {
    const first = await store.addRilevazione(report(1, 3), meta);
    const second = await store.addRilevazione(report(1, 4), meta);
    expect(second.rilevazione.supersedes).toBe(first.rilevazione.id);
    expect((await store.history('E1', 2012, 1)).map((r) => [r.value, r.superseded, r.channel, r.reportedAt.toISOString()]))
      .toEqual([[3, true, 'slack', '2012-06-30T10:00:00.000Z'], [4, false, 'slack', '2012-06-30T10:00:00.000Z']]);
    expect((await store.getPlan('E1', 2012))?.indicators.map((i) => i.id)).toEqual([1, 2]);
  });

  it('rolls a failed transaction back: nothing of it is stored', async () => {
    const before = await store.counts();
    await expect(store.transaction(async (tx) => {
      await tx.addRilevazione(report(2, 7), meta);
      throw new Error('interrotta');
    })).rejects.toThrow('interrotta');
    expect(await store.counts()).toEqual(before);
  });

  it('carries PostgreSQL errors across the thread, with their code', async () => {
    await store.addRilevazione(report(2, 1, 'dup-key'), meta);
    const again = await store.addRilevazione(report(2, 1, 'dup-key'), meta);
    expect(again.duplicate).toBe(true);
    const error = await store.transaction(async (tx) => tx.addRilevazione({ ...report(2, 1), periodRank: Number.NaN }, meta)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as { code?: string }).code).toMatch(/^[0-9A-Z]{5}$/);
  });

  it('serialises concurrent writers: 200 reports at once, none lost or duplicated', async () => {
    const before = (await store.history('E1', 2012, 2)).length;
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => store.addRilevazione(report(2, 100 + i, `burst-${i}`), meta)));
    expect(new Set(results.map((r) => r.rilevazione.id)).size).toBe(200);
    const history = await store.history('E1', 2012, 2);
    expect(history.length - before).toBe(200);
    expect(history.filter((r) => !r.superseded)).toHaveLength(1);
  });

  it('takes a bulk append (COPY) like the main-thread engine', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => ({ ...report(1, 1_000 + i), period: '2012-Q2', periodRank: 2, reportedBy: 'p' }));
    await store.appendRilevazioni(rows, meta);
    const q2 = (await store.history('E1', 2012, 1)).filter((r) => r.period === '2012-Q2');
    expect(q2).toHaveLength(500);
    expect(q2.filter((r) => !r.superseded).map((r) => r.value)).toEqual([1_499]);
  });

  it('keeps the data after close, and the directory lock while open', async () => {
    await expect(openStore(dir, { lockWaitMs: 200 })).rejects.toThrow(/in uso da un altro processo/);
    await store.close();
    store = await openStore(dir, { embeddedThread: 'worker' });
    expect((await store.history('E1', 2012, 1)).filter((r) => r.period === '2012-Q1').map((r) => r.value)).toEqual([3, 4]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePlan, type PlanInput } from '@perf/model';
import { openStore, type Store, type WriteMeta } from '../src/index.ts';
import { discardDatabase, ENGINES } from '../../../test/support/databases.ts';

const meta = (actor = 'tester'): WriteMeta => ({ actor, channel: 'cli', at: new Date('2012-06-30T10:00:00Z') });

const planInput = (indicatorIds: number[], ente = 'E1', year = 2012): PlanInput => ({
  ente: { code: ente, name: `Ente ${ente}` },
  year,
  perspectives: [{ id: 'P', name: 'P' }],
  lines: [{ id: 'L', name: 'L' }],
  people: [{ id: 'p', name: 'Persona', role: 'staff' }],
  strategic_objectives: [{ id: '01', title: 'Uno', perspective: 'P', line: 'L' }],
  indicators: indicatorIds.map((id) => ({ id, objective: '01', name: `i${id}`, direction: 'higher', target: 10, owner: 'p' })),
});

const rilevazione = (indicator: number, period: string, periodRank: number, value: number, extra: { requestKey?: string; ente?: string; year?: number } = {}) => ({
  ente: extra.ente ?? 'E1', year: extra.year ?? 2012, indicator, period, periodRank, value, rawValue: String(value), requestKey: extra.requestKey,
});


describe.each(ENGINES)('store on %s', (_name, location) => {
  let store: Store;
  let where: string;
  beforeAll(async () => {
    where = await location();
    store = await openStore(where);
  });
  afterAll(async () => {
    await store.close();
    discardDatabase(where);
  });

  it('imports plans of several enti and years side by side', async () => {
    await store.importPlan(validatePlan(planInput([1, 2, 3])), meta());
    await store.importPlan(validatePlan(planInput([1], 'E2')), meta());
    await store.importPlan(validatePlan(planInput([9], 'E1', 2013)), meta());
    expect((await store.listPlans()).map((p) => `${p.ente} ${p.year}`)).toEqual(['E1 2012', 'E1 2013', 'E2 2012']);
    expect((await store.getPlan('E1', 2012))?.indicators.map((i) => i.id)).toEqual([1, 2, 3]);
  });

  it('takes a snapshot of every table that changes with any write and only then', async () => {
    const before = await store.snapshot();
    expect(await store.snapshot()).toBe(before);
    expect(before).toContain('"ente_code":"E1"');
    await store.claimRequest('snapshot-test', new Date('2012-06-30T10:00:00Z'));
    expect(await store.snapshot()).not.toBe(before);
  });

  it('appends rilevazioni, superseding and never overwriting', async () => {
    const first = await store.addRilevazione(rilevazione(1, '2012-Q1', 1, 3), meta('a'));
    const second = await store.addRilevazione(rilevazione(1, '2012-Q1', 1, 4), meta('b'));
    expect(second.superseded?.id).toBe(first.rilevazione.id);
    expect(second.rilevazione.supersedes).toBe(first.rilevazione.id);
    const history = await store.history('E1', 2012, 1);
    expect(history.map((r) => [r.value, r.reportedBy, r.superseded])).toEqual([[3, 'a', true], [4, 'b', false]]);
    expect(history[0]?.channel).toBe('cli');
    expect(history[0]?.reportedAt.toISOString()).toBe('2012-06-30T10:00:00.000Z');
  });

  it('lets the latest period stand for the year, whatever the order of reporting', async () => {
    await store.addRilevazione(rilevazione(2, '2012-Q3', 3, 30), meta());
    await store.addRilevazione(rilevazione(2, '2012-Q2', 2, 20), meta());
    const latest = await store.latestValues('E1', 2012);
    expect(latest.get(2)).toEqual({ value: 30, period: '2012-Q3' });
    expect(latest.get(1)).toEqual({ value: 4, period: '2012-Q1' });
    expect(latest.has(3)).toBe(false);
  });

  it('stores a request key once: a redelivery is a duplicate', async () => {
    const a = await store.addRilevazione(rilevazione(3, '2012-Q2', 2, 7, { requestKey: 'slack:abc' }), meta());
    const b = await store.addRilevazione(rilevazione(3, '2012-Q2', 2, 7, { requestKey: 'slack:abc' }), meta());
    expect(a.duplicate).toBe(false);
    expect(b.duplicate).toBe(true);
    expect(b.rilevazione.id).toBe(a.rilevazione.id);
    expect(await store.history('E1', 2012, 3)).toHaveLength(1);
  });

  it('keeps the rilevazioni of indicators that survive a re-import', async () => {
    const result = await store.importPlan(validatePlan(planInput([1, 3, 4])), meta());
    expect(result).toEqual({ replaced: true, keptRilevazioni: 3, orphanedIndicators: [2] });
    expect((await store.latestValues('E1', 2012)).get(1)?.value).toBe(4);
  });

  it('refuses updates and deletes of rilevazioni, plans and audit rows', async () => {
    await expect(store.transaction(async () => { throw new Error('rollback'); })).rejects.toThrow('rollback');
    const driverQuery = (store as unknown as { driver: { query: (sql: string) => Promise<unknown> } }).driver;
    await expect(driverQuery.query('UPDATE rilevazioni SET value = 0')).rejects.toThrow(/append-only/);
    await expect(driverQuery.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(driverQuery.query('DELETE FROM plans')).rejects.toThrow(/append-only/);
  });

  it('rolls a failed transaction back entirely', async () => {
    const before = await store.counts();
    await expect(store.transaction(async (tx) => {
      await tx.addRilevazione(rilevazione(4, '2012-Q1', 1, 1), meta());
      await tx.importPlan(validatePlan(planInput([5], 'E3')), meta());
      throw new Error('interrotto');
    })).rejects.toThrow('interrotto');
    expect(await store.counts()).toEqual(before);
  });

  it('audits every write with who, when and channel', async () => {
    const log = await store.auditLog({ ente: 'E1', year: 2012 });
    expect(log.map((e) => e.action)).toContain('rilevazione.add');
    expect(log.map((e) => e.action)).toContain('plan.reimport');
    expect(log.every((e) => e.actor.length > 0 && e.channel === 'cli')).toBe(true);
  });

  it('claims a notification exactly once', async () => {
    const at = new Date();
    const claims = await Promise.all([1, 2, 3].map(() => store.claimNotification('summary', 'E1', 2012, '2012-Q2', '#canale', at)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await store.releaseNotification('summary', 'E1', 2012, '2012-Q2', '#canale');
    expect(await store.claimNotification('summary', 'E1', 2012, '2012-Q2', '#canale', at)).toBe(true);
  });

  it('keeps yearly documents, the latest winning', async () => {
    await store.saveDocument('bilancio', 'E1', 2012, { year: 2012, a: 1 }, meta());
    await store.saveDocument('bilancio', 'E1', 2012, { year: 2012, a: 2 }, meta());
    expect(await store.getDocument('bilancio', 'E1', 2012)).toEqual({ year: 2012, a: 2 });
    expect(await store.getDocument('bilancio', 'E1', 2011)).toBeUndefined();
  });
});

describe('embedded directory lock', () => {
  it('refuses a second opener while the first holds the directory, and frees it on close', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'perf-lock-')), 'db');
    const first = await openStore(dir);
    await expect(openStore(dir, { lockWaitMs: 200 })).rejects.toMatchObject({ code: 'DB_LOCKED', message: expect.stringMatching(/^Il database è in uso da un altro processo \(pid \d+\)\.$/) });
    await first.close();
    const second = await openStore(dir, { lockWaitMs: 200 });
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

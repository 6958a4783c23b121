import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePlan } from '@perf/model';
import { MIGRATIONS, openStore, type SqlDriver, type Store, type WriteMeta } from '../src/index.ts';
import { discardDatabase, ENGINES } from '../../../test/support/databases.ts';

const meta = (at: string, actor = 'tester'): WriteMeta => ({ actor, channel: 'cli', at: new Date(at) });
const plan = validatePlan({
  ente: { code: 'E1', name: 'Ente uno' }, year: 2012,
  perspectives: [{ id: 'P', name: 'P' }], lines: [{ id: 'L', name: 'L' }], people: [{ id: 'p', name: 'Persona', role: 'staff' }],
  strategic_objectives: [{ id: '01', title: 'Uno', perspective: 'P', line: 'L' }],
  indicators: [{ id: 1, objective: '01', name: 'i1', direction: 'higher', target: 10, owner: 'p' }, { id: 2, objective: '01', name: 'i2', direction: 'higher', target: 10, owner: 'p' }],
});
const value = (indicator: number, period: string, v: number, extra: { override?: { reason: string; by: string }; requestKey?: string; ente?: string } = {}) => ({
  ente: extra.ente ?? 'E1', year: 2012, indicator, period, periodRank: Number(period.slice(-1)) || 99, value: v, rawValue: String(v), ...extra,
});

describe.each(ENGINES)('period locks in the store on %s', (_name, location) => {
  let store: Store;
  let where: string;
  beforeAll(async () => {
    where = await location();
    store = await openStore(where);
    await store.importPlan(plan, meta('2012-01-10T09:00:00Z'));
    await store.addRilevazione(value(1, '2012-Q2', 5), meta('2012-06-20T09:00:00Z', 'p'));
  });
  afterAll(async () => {
    await store.close();
    discardDatabase(where);
  });

  it('applies every migration on open, in order', async () => {
    const driver = (store as unknown as { driver: SqlDriver }).driver;
    expect((await driver.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
  });

  it('closes a period once, audited; a second close changes nothing', async () => {
    const first = await store.closePeriod('E1', 2012, '2012-Q2', meta('2012-07-05T08:00:00Z', 'ctrl'));
    expect(first.created).toBe(true);
    expect(first.lock).toMatchObject({ ente: 'E1', year: 2012, period: '2012-Q2', closedBy: 'ctrl', channel: 'cli' });
    const again = await store.closePeriod('E1', 2012, '2012-Q2', meta('2012-07-06T08:00:00Z', 'other'));
    expect(again).toEqual({ lock: first.lock, created: false });
    expect((await store.auditLog({ ente: 'E1' })).filter((e) => e.action === 'period.close').map((e) => [e.actor, e.details])).toEqual([['ctrl', { period: '2012-Q2' }]]);
  });

  it('refuses a value for a closed period without an override, storing nothing; keeps the reason when given', async () => {
    const before = await store.counts();
    await expect(store.addRilevazione(value(1, '2012-Q2', 6), meta('2012-07-10T08:00:00Z', 'p'))).rejects.toMatchObject({ code: 'PERIOD_LOCKED' });
    expect(await store.counts()).toEqual(before);
    const late = await store.addRilevazione(value(1, '2012-Q2', 6, { override: { reason: 'dato corretto', by: 'ctrl' } }), meta('2012-07-10T08:00:00Z', 'p'));
    expect(late.rilevazione).toMatchObject({ value: 6, overrideReason: 'dato corretto', overrideBy: 'ctrl', reportedBy: 'p', superseded: false });
    expect(late.superseded?.value).toBe(5);
    await store.addRilevazione(value(1, '2012-Q3', 7), meta('2012-08-10T08:00:00Z', 'p'));
    expect((await store.history('E1', 2012, 1)).map((r) => [r.period, r.value, r.overrideReason])).toEqual([['2012-Q2', 5, null], ['2012-Q2', 6, 'dato corretto'], ['2012-Q3', 7, null]]);
  });

  it('closes the year over its periods; the year lock covers every period and the whole-year value', async () => {
    const year = await store.closePeriod('E1', 2012, '2012', meta('2013-01-15T08:00:00Z', 'ctrl'));
    expect(year.created).toBe(true);
    expect((await store.closePeriod('E1', 2012, '2012-Q4', meta('2013-01-16T08:00:00Z'))).lock.period).toBe('2012');
    expect((await store.lockCovering('E1', 2012, '2012-Q4'))?.period).toBe('2012');
    expect((await store.lockCovering('E1', 2012, '2012-Q2'))?.period).toBe('2012-Q2');
    expect(await store.lockCovering('E2', 2012, '2012-Q4')).toBeUndefined();
    await expect(store.addRilevazione(value(2, '2012', 1), meta('2013-01-20T08:00:00Z'))).rejects.toMatchObject({ code: 'PERIOD_LOCKED' });
    expect((await store.periodLocks({ ente: 'E1' })).map((l) => l.period)).toEqual(['2012-Q2', '2012']);
  });

  it('reads a year as it stood at an instant, plus the late values accepted with a reason', async () => {
    // Reported before the view's instant: 5 (Q2, then superseded by the late 6) and 7 (Q3, 2012-08-10).
    const view = { asOf: new Date('2012-08-01T00:00:00Z') };
    expect((await store.latestValues('E1', 2012, view)).get(1)).toEqual({ value: 6, period: '2012-Q2' });
    expect((await store.latestValues('E1', 2012)).get(1)).toEqual({ value: 7, period: '2012-Q3' });
    expect((await store.history('E1', 2012, 1, view)).map((r) => [r.value, r.superseded])).toEqual([[5, true], [6, false]]);
  });

  it('finds a stored request by its key', async () => {
    const stored = await store.addRilevazione(value(2, '2012-Q1', 3, { ente: 'E2', requestKey: 'k-1' }), meta('2012-03-01T08:00:00Z'));
    expect((await store.rilevazioneByRequestKey('k-1'))?.id).toBe(stored.rilevazione.id);
    expect(await store.rilevazioneByRequestKey('k-2')).toBeUndefined();
  });

  it('never updates nor deletes a lock', async () => {
    const driver = (store as unknown as { driver: SqlDriver }).driver;
    await expect(driver.query("UPDATE period_locks SET closed_by = 'x'")).rejects.toThrow(/append-only/);
    await expect(driver.query('DELETE FROM period_locks')).rejects.toThrow(/append-only/);
    await expect(driver.query("INSERT INTO rilevazioni (ente_code, year, indicator_id, period, period_rank, value, raw_value, reported_by, reported_at, channel, override_reason) VALUES ('E1', 2012, 1, '2012-Q1', 1, 1, '1', 'p', now(), 'cli', 'senza autore')"))
      .rejects.toThrow(/override_has_author/);
    expect(await store.periodLocks({ ente: 'E1' })).toHaveLength(2);
  });
});

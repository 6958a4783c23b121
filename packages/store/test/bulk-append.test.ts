import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePlan } from '@perf/model';
import { openStore, type BulkRilevazione, type Store, type WriteMeta } from '../src/index.ts';
import { discardDatabase, ENGINES } from '../../../test/support/databases.ts';

const meta = (at: string, actor = 'tester'): WriteMeta => ({ actor, channel: 'cli', at: new Date(at) });
const plan = validatePlan({
  ente: { code: 'E1', name: 'Ente uno' }, year: 2012,
  perspectives: [{ id: 'P', name: 'P' }], lines: [{ id: 'L', name: 'L' }], people: [{ id: 'p', name: 'Persona', role: 'staff' }],
  strategic_objectives: [{ id: '01', title: 'Uno', perspective: 'P', line: 'L' }],
  indicators: [1, 2, 3].map((id) => ({ id, objective: '01', name: `i${id}`, direction: 'higher', target: 10, owner: 'p' })),
});
const row = (indicator: number, period: string, value: number, extra: Partial<BulkRilevazione> = {}): BulkRilevazione => ({
  ente: 'E1', year: 2012, indicator, period, periodRank: Number(period.slice(-1)) || 99, value, rawValue: String(value), reportedBy: 'p', ...extra,
});

describe.each(ENGINES)('bulk append of rilevazioni on %s', (_name, location) => {
  let store: Store;
  let where: string;
  beforeAll(async () => {
    where = await location();
    store = await openStore(where);
    await store.importPlan(plan, meta('2012-01-10T09:00:00Z'));
  });
  afterAll(async () => {
    await store.close();
    discardDatabase(where);
  });

  it('appends in order, each row superseding the latest of its indicator and period, stored before or earlier in the rows', async () => {
    const single = await store.addRilevazione({ ...row(1, '2012-Q1', 1), requestKey: undefined }, meta('2012-03-01T09:00:00Z', 'p'));
    const ids = await store.appendRilevazioni([
      row(1, '2012-Q1', 2), row(2, '2012-Q1', 20), row(1, '2012-Q1', 3, { reportedBy: 'q' }), row(1, '2012-Q2', 4), row(2, '2012-Q1', 21),
    ], { channel: 'slack', at: new Date('2012-04-02T10:00:00Z') });
    expect(ids).toHaveLength(5);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(ids[0]).toBeGreaterThan(single.rilevazione.id);
    const history = await store.history('E1', 2012, 1);
    expect(history.map((r) => [r.period, r.value, r.reportedBy, r.channel, r.supersedes, r.superseded])).toEqual([
      ['2012-Q1', 1, 'p', 'cli', null, true],
      ['2012-Q1', 2, 'p', 'slack', single.rilevazione.id, true],
      ['2012-Q1', 3, 'q', 'slack', ids[0], false],
      ['2012-Q2', 4, 'p', 'slack', null, false],
    ]);
    expect(history[1]?.reportedAt.toISOString()).toBe('2012-04-02T10:00:00.000Z');
    expect((await store.history('E1', 2012, 2)).map((r) => [r.value, r.supersedes, r.superseded])).toEqual([[20, null, true], [21, ids[1], false]]);
    expect(await store.latestValues('E1', 2012)).toEqual(new Map([[1, { value: 4, period: '2012-Q2' }], [2, { value: 21, period: '2012-Q1' }]]));
    // A single report afterwards supersedes the bulk's latest row.
    const after = await store.addRilevazione(row(1, '2012-Q2', 5), meta('2012-06-01T09:00:00Z', 'p'));
    expect(after.superseded?.id).toBe(ids[3]);
  });

  it('continues the chains across batches of one transaction, and a rollback leaves nothing', async () => {
    const before = await store.counts();
    await expect(store.transaction(async (tx) => {
      await tx.appendRilevazioni([row(3, '2012-Q3', 1)], { channel: 'cli', at: new Date('2012-09-01T09:00:00Z') });
      await tx.appendRilevazioni([row(3, '2012-Q3', 2)], { channel: 'cli', at: new Date('2012-09-01T09:00:00Z') });
      expect((await tx.history('E1', 2012, 3)).map((r) => [r.value, r.superseded])).toEqual([[1, true], [2, false]]);
      throw new Error('interrotto');
    })).rejects.toThrow('interrotto');
    expect(await store.counts()).toEqual(before);
    const [first] = await store.appendRilevazioni([row(3, '2012-Q3', 7)], { channel: 'cli', at: new Date('2012-09-02T09:00:00Z') });
    const [second] = await store.appendRilevazioni([row(3, '2012-Q3', 8)], { channel: 'cli', at: new Date('2012-09-02T09:00:00Z') });
    expect((await store.history('E1', 2012, 3)).map((r) => [r.id, r.supersedes])).toEqual([[first, null], [second, first]]);
  });

  it('keeps text as written: tabs, line breaks, backslashes, quotes and accents', async () => {
    const note = 'riga\tcon tab\nsu due righe \\ "virgolette" — è così\r\n\\N';
    const [id] = await store.appendRilevazioni([row(2, '2012-Q4', 1.5, { rawValue: '1,5', note, requestKey: 'bulk:testo\\1' })], { channel: 'cli', at: new Date('2012-12-01T09:00:00Z') });
    const stored = (await store.history('E1', 2012, 2)).find((r) => r.id === id);
    expect(stored).toMatchObject({ value: 1.5, rawValue: '1,5', note });
    expect((await store.rilevazioneByRequestKey('bulk:testo\\1'))?.id).toBe(id);
  });

  it('finds the request keys of a prefix, the prefix taken literally', async () => {
    await store.appendRilevazioni([
      row(1, '2012-Q3', 1, { requestKey: 'values:ab_%:r000000002' }), row(1, '2012-Q3', 2, { requestKey: 'values:ab_%:r000000003' }),
      row(1, '2012-Q3', 3, { requestKey: 'values:abx%:r000000002' }), row(1, '2012-Q3', 4, { requestKey: 'values:abxyz:r000000002' }),
    ], { channel: 'cli', at: new Date('2012-09-03T09:00:00Z') });
    expect((await store.requestKeysWithPrefix('values:ab_%:')).sort()).toEqual(['values:ab_%:r000000002', 'values:ab_%:r000000003']);
    expect(await store.requestKeysWithPrefix('values:nessuno:')).toEqual([]);
    // The same key twice is refused by the database, and nothing of the batch is stored.
    const before = await store.counts();
    await expect(store.appendRilevazioni([row(1, '2012-Q3', 5), row(1, '2012-Q3', 6, { requestKey: 'values:ab_%:r000000002' })], { channel: 'cli', at: new Date() })).rejects.toThrow();
    expect(await store.counts()).toEqual(before);
  });

  it('refuses a value for a closed period without an override, storing nothing; keeps the override when given', async () => {
    await store.closePeriod('E1', 2012, '2012-Q1', meta('2012-04-10T09:00:00Z', 'ctrl'));
    const before = await store.counts();
    await expect(store.appendRilevazioni([row(2, '2012-Q2', 1), row(2, '2012-Q1', 30)], { channel: 'cli', at: new Date('2012-05-01T09:00:00Z') }))
      .rejects.toMatchObject({ code: 'PERIOD_LOCKED', message: expect.stringContaining('Il periodo 2012-Q1 (E1) è chiuso') });
    expect(await store.counts()).toEqual(before);
    const [id] = await store.appendRilevazioni([row(2, '2012-Q1', 30, { override: { reason: 'verbale tardivo', by: 'ctrl' } })], { channel: 'cli', at: new Date('2012-05-01T09:00:00Z') });
    const late = (await store.history('E1', 2012, 2)).find((r) => r.id === id);
    expect(late).toMatchObject({ value: 30, overrideReason: 'verbale tardivo', overrideBy: 'ctrl', superseded: false });
    expect(late?.supersedes).not.toBeNull();
  });

  it('records one audit row per import, which the audit log returns with the ente and year', async () => {
    await store.auditValuesImport('E1', 2012, { source: 'valori.csv', digest: '0123456789abcdef', count: 5, firstId: 10, lastId: 14, late: 1 }, meta('2012-05-02T09:00:00Z', 'ctrl'));
    const log = (await store.auditLog({ ente: 'E1', year: 2012 })).filter((e) => e.action === 'values.import');
    expect(log.map((e) => [e.actor, e.channel, e.details])).toEqual([['ctrl', 'cli', { source: 'valori.csv', digest: '0123456789abcdef', count: 5, firstId: 10, lastId: 14, late: 1 }]]);
  });

  it.runIf(location !== ENGINES[0]?.[1])('holds the ente\'s year on PostgreSQL: a concurrent report waits for the import, then supersedes its last row', async () => {
    const other = await openStore(where);
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => { release = resolve; });
      let lastId = 0;
      const importing = store.transaction(async (tx) => {
        await tx.holdYearsForAppend('E1', [2012]);
        [lastId = 0] = (await tx.appendRilevazioni([row(3, '2012-Q4', 40)], { channel: 'cli', at: new Date('2012-12-10T09:00:00Z') })).slice(-1);
        await held;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      let reported = false;
      const report = other.addRilevazione(row(3, '2012-Q4', 41), meta('2012-12-10T09:01:00Z', 'p')).then((result) => { reported = true; return result; });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(reported).toBe(false);
      release();
      await importing;
      expect((await report).superseded?.id).toBe(lastId);
    } finally {
      await other.close();
    }
  });
});

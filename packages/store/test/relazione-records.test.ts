import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, sha256Hex, type SqlDriver, type Store, type WriteMeta } from '../src/index.ts';
import { discardDatabase, ENGINES } from '../../../test/support/databases.ts';

const meta = (at: string, actor = 'ctrl'): WriteMeta => ({ actor, channel: 'cli', at: new Date(at) });
const pdf = new Uint8Array([37, 80, 68, 70, 0, 255, 1, 2, 3]);

describe.each(ENGINES)('Relazione records on %s', (_name, location) => {
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

  it('refuses a validation before the adoption, storing nothing', async () => {
    await expect(store.relazione.validate('E1', 2012, 'verbale OIV', meta('2013-07-01T10:00:00Z', 'oiv'))).rejects.toMatchObject({ code: 'RELAZIONE_NOT_ADOPTED', message: expect.stringContaining("prima l'adozione, poi la validazione") });
    expect(await store.relazione.validation('E1', 2012)).toBeUndefined();
  });

  it('stores the adoption with the frozen bytes and their SHA-256, once per year, audited', async () => {
    const adopted = await store.relazione.adopt('E1', 2012, 'n. 45 del 27/06/2013', pdf, 40, meta('2013-06-27T10:00:00Z'));
    expect(adopted).toMatchObject({ ente: 'E1', year: 2012, delibera: 'n. 45 del 27/06/2013', adoptedBy: 'ctrl', channel: 'cli', sha256: sha256Hex(pdf), pages: 40 });
    const read = await store.relazione.adoption('E1', 2012);
    expect(read?.adoptedAt.toISOString()).toBe('2013-06-27T10:00:00.000Z');
    expect(Buffer.from(read?.pdf ?? []).equals(Buffer.from(pdf))).toBe(true);
    await expect(store.relazione.adopt('E1', 2012, 'altra', new Uint8Array([1]), 1, meta('2013-06-28T10:00:00Z'))).rejects.toMatchObject({ code: 'RELAZIONE_ADOPTED' });
    expect((await store.auditLog({ ente: 'E1' })).filter((e) => e.action === 'relazione.adopt')).toHaveLength(1);
    expect(await store.relazione.adoption('E1', 2011)).toBeUndefined();
  });

  it('validates an adopted year once', async () => {
    const validated = await store.relazione.validate('E1', 2012, 'documento di validazione del 10/07/2013', meta('2013-07-10T10:00:00Z', 'oiv'));
    expect(validated).toMatchObject({ documento: 'documento di validazione del 10/07/2013', validatedBy: 'oiv' });
    await expect(store.relazione.validate('E1', 2012, 'di nuovo', meta('2013-07-11T10:00:00Z', 'oiv'))).rejects.toMatchObject({ code: 'RELAZIONE_VALIDATED' });
  });

  it('keeps every comment: a newer one supersedes the latest, none is changed in place', async () => {
    const first = await store.relazione.addComment({ ente: 'E1', year: 2012, objective: '01.1', causa: 'ritardo fornitore', azione: 'nuova gara' }, meta('2013-01-10T10:00:00Z', 'dir'));
    expect(first.superseded).toBeUndefined();
    const second = await store.relazione.addComment({ ente: 'E1', year: 2012, objective: '01.1', causa: 'ritardo del fornitore', azione: 'gara anticipata' }, meta('2013-01-11T10:00:00Z'));
    expect(second.superseded?.id).toBe(first.comment.id);
    expect(second.comment.supersedes).toBe(first.comment.id);
    expect((await store.relazione.comments('E1', 2012)).map((c) => [c.objective, c.causa, c.writtenBy])).toEqual([['01.1', 'ritardo del fornitore', 'ctrl']]);
    expect((await store.relazione.commentHistory('E1', 2012, '01.1')).map((c) => c.causa)).toEqual(['ritardo fornitore', 'ritardo del fornitore']);
    const driver = (store as unknown as { driver: SqlDriver }).driver;
    await expect(driver.query("UPDATE scostamento_comments SET causa = 'x'")).rejects.toThrow(/append-only/);
    await expect(driver.query('DELETE FROM relazione_adoptions')).rejects.toThrow(/append-only/);
  });
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../src/driver.ts';
import { openPostgres } from '../src/pg-driver.ts';
import { openPglite } from '../src/pglite-driver.ts';
import { isPostgresUrl } from '../src/open.ts';
import { discardDatabase, ENGINES } from '../../../test/support/databases.ts';

const COLUMNS = ['n', 'label'] as const;
const count = async (driver: SqlDriver) => (await driver.query<{ n: number }>('SELECT count(*)::int AS n FROM copied'))[0]?.n;

describe.each(ENGINES)('COPY through the driver on %s', (_name, location) => {
  let driver: SqlDriver;
  let where: string;
  beforeAll(async () => {
    where = await location();
    driver = isPostgresUrl(where) ? await openPostgres(where) : await openPglite(join(where, 'pgdata'));
    await driver.exec('CREATE TABLE copied (n integer NOT NULL, label text)');
  });
  afterAll(async () => {
    await driver.close();
    discardDatabase(where);
  });

  it('stores rows outside a transaction, text escapes and nulls as PostgreSQL reads them', async () => {
    await driver.copyFrom('copied', COLUMNS, '1\tuno\n2\t\\N\n3\tcon\\ttab e a capo\\n\n');
    expect(await driver.query('SELECT n, label FROM copied ORDER BY n')).toEqual([
      { n: 1, label: 'uno' }, { n: 2, label: null }, { n: 3, label: 'con\ttab e a capo\n' },
    ]);
  });

  it('stores nothing of a COPY with a bad row, and the connection stays usable', async () => {
    const before = await count(driver);
    await expect(driver.copyFrom('copied', COLUMNS, '10\tbuona\nundici\tcattiva\n')).rejects.toThrow(/integer/);
    expect(await count(driver)).toBe(before);
    await driver.copyFrom('copied', COLUMNS, '12\tdopo\n');
    expect(await count(driver)).toBe((before ?? 0) + 1);
  });

  it('takes part in a transaction: a rollback removes what was copied', async () => {
    const before = await count(driver);
    await expect(driver.transaction(async (tx) => {
      await tx.copyFrom('copied', COLUMNS, '20\tventi\n21\tventuno\n');
      expect(await count(tx)).toBe((before ?? 0) + 2);
      throw new Error('annullata');
    })).rejects.toThrow('annullata');
    expect(await count(driver)).toBe(before);
  });
});

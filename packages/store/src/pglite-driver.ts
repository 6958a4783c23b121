import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { SqlDriver } from './driver.ts';

function txDriver(tx: Transaction): SqlDriver {
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await tx.query<T>(sql, [...params])).rows,
    exec: async (sql: string) => { await tx.exec(sql); },
    transaction: (work) => work(txDriver(tx)),
    close: async () => {},
  };
}

/** PGlite: real PostgreSQL compiled to WASM, in a directory or in memory (`dataDir` undefined). */
export async function openPglite(dataDir: string | undefined): Promise<SqlDriver> {
  const db = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await db.query<T>(sql, [...params])).rows,
    exec: async (sql: string) => { await db.exec(sql); },
    transaction: (work) => db.transaction((tx) => work(txDriver(tx))),
    close: () => db.close(),
  };
}

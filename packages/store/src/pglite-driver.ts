import type { Transaction } from '@electric-sql/pglite';
import { copyStatement, type SqlDriver } from './driver.ts';

/** COPY … FROM '/dev/blob': PGlite reads the rows from the query's `blob` option. */
function copyThrough(query: Transaction['query']): SqlDriver['copyFrom'] {
  return async (table, columns, text) => {
    await query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([text]) });
  };
}

function txDriver(tx: Transaction): SqlDriver {
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await tx.query<T>(sql, [...params])).rows,
    exec: async (sql: string) => { await tx.exec(sql); },
    transaction: (work) => work(txDriver(tx)),
    close: async () => {},
    copyFrom: copyThrough((sql, params, options) => tx.query(sql, params, options)),
  };
}

export interface PgliteOptions {
  /** PostgreSQL's `shared_buffers` in MB; PGlite's own default (128) when absent. */
  readonly sharedBuffersMb?: number;
}

/** PGlite: real PostgreSQL compiled to WASM, in a directory or in memory (`dataDir` undefined). */
export async function openPglite(dataDir: string | undefined, options: PgliteOptions = {}): Promise<SqlDriver> {
  // Loaded on first open, not with the package: commands that never open a database do without it.
  const { PGlite } = await import('@electric-sql/pglite');
  const startParams = options.sharedBuffersMb === undefined ? undefined : [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffersMb}MB`];
  const db = await PGlite.create({ ...(dataDir === undefined ? {} : { dataDir }), ...(startParams === undefined ? {} : { startParams }) });
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await db.query<T>(sql, [...params])).rows,
    exec: async (sql: string) => { await db.exec(sql); },
    transaction: (work) => db.transaction((tx) => work(txDriver(tx))),
    close: () => db.close(),
    copyFrom: copyThrough((sql, params, options) => db.query(sql, params, options)),
  };
}

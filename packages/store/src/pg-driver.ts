import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { PerfError } from '@perf/model';
import { copyStatement, type SqlDriver } from './driver.ts';

/** Network errors and PostgreSQL's shutdown / connection-failure SQLSTATEs: the server is away, not the query wrong. */
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

function isUnavailable(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return (code !== undefined && UNAVAILABLE.has(code)) || /Connection terminated|connection timeout/i.test(message ?? '');
}

/** Runs a database call, turning a server that is away into an Italian error that says nothing was stored. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isUnavailable(error)) throw error;
    throw new PerfError('DB_UNAVAILABLE', 'Il database PostgreSQL non risponde in questo momento: nulla è stato registrato.', {
      hint: 'Riprova tra poco; se il problema continua avvisa chi gestisce il server.', cause: error,
    });
  }
}

// float8 and int8 arrive as JS numbers, as they do from PGlite.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));

/** COPY … FROM STDIN on one connection, the rows streamed in PostgreSQL's text format. */
async function copyInto(client: pg.PoolClient, table: string, columns: readonly string[], text: string): Promise<void> {
  const stream = client.query(copyFromStdin(copyStatement(table, columns, 'STDIN')));
  stream.end(text);
  await finished(stream);
}

function clientDriver(client: pg.PoolClient): SqlDriver {
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await client.query(sql, [...params])).rows as T[],
    exec: async (sql: string) => { await client.query(sql); },
    transaction: (work) => work(clientDriver(client)),
    close: async () => {},
    copyFrom: (table, columns, text) => copyInto(client, table, columns, text),
  };
}

/** A PostgreSQL server reached by URL (`postgres://user@host:port/db`). */
export async function openPostgres(url: string): Promise<SqlDriver> {
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5000 });
  pool.on('error', () => { /* an idle client lost its server: the next query reports the failure */ });
  const probe = await pool.connect();
  probe.release();
  const driver: SqlDriver = {
    query: <T>(sql: string, params: readonly unknown[] = []) => guarded(async () => (await pool.query(sql, [...params])).rows as T[]),
    exec: (sql: string) => guarded(async () => { await pool.query(sql); }),
    transaction: (work) => guarded(async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(clientDriver(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    }),
    close: () => pool.end(),
    // COPY needs one connection of its own: a transaction's.
    copyFrom: (table, columns, text) => driver.transaction((tx) => tx.copyFrom(table, columns, text)),
  };
  return driver;
}

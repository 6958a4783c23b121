import pg from 'pg';
import type { SqlDriver } from './driver.ts';

// float8 and int8 arrive as JS numbers, as they do from PGlite.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));

function clientDriver(client: pg.PoolClient): SqlDriver {
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await client.query(sql, [...params])).rows as T[],
    exec: async (sql: string) => { await client.query(sql); },
    transaction: (work) => work(clientDriver(client)),
    close: async () => {},
  };
}

/** A PostgreSQL server reached by URL (`postgres://user@host:port/db`). */
export async function openPostgres(url: string): Promise<SqlDriver> {
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5000 });
  pool.on('error', () => { /* an idle client lost its server: the next query reports the failure */ });
  const probe = await pool.connect();
  probe.release();
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await pool.query(sql, [...params])).rows as T[],
    exec: async (sql: string) => { await pool.query(sql); },
    transaction: async (work) => {
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
    },
    close: () => pool.end(),
  };
}

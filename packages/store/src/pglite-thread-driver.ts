import { Worker } from 'node:worker_threads';
import { copyStatement, type SqlDriver } from './driver.ts';
import type { PgliteOptions } from './pglite-driver.ts';

type Request =
  | { readonly kind: 'open' | 'begin' | 'close' }
  | { readonly kind: 'query'; readonly sql: string; readonly params: readonly unknown[]; readonly tx?: number | undefined }
  | { readonly kind: 'exec'; readonly sql: string; readonly tx?: number | undefined }
  | { readonly kind: 'copy'; readonly sql: string; readonly text: string; readonly tx?: number | undefined }
  | { readonly kind: 'commit' | 'rollback'; readonly tx: number };

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly rows?: unknown[];
  readonly tx?: number;
  readonly error?: { readonly name: string; readonly message: string; readonly fields: Record<string, unknown> };
}

/**
 * PGlite on a worker thread (see pglite-worker.mjs), for long-lived servers: PGlite executes
 * PostgreSQL synchronously on the thread that calls it, which would hold up every HTTP request
 * arriving meanwhile. Same SqlDriver as openPglite; a query costs a message round trip more.
 */
export async function openPgliteOnWorker(dataDir: string | undefined, options: PgliteOptions = {}): Promise<SqlDriver> {
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dataDir, sharedBuffersMb: options.sharedBuffersMb }, execArgv: [] });
  const pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (!waiting) return;
    if (reply.ok) waiting.resolve(reply);
    else waiting.reject(Object.assign(new Error(reply.error?.message ?? 'errore del database'), { name: reply.error?.name ?? 'Error' }, reply.error?.fields ?? {}));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`il database integrato si è fermato (codice ${code})`)));

  const call = (request: Request): Promise<Reply> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...request });
    });
  };
  const driverFor = (tx: number | undefined): SqlDriver => ({
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await call({ kind: 'query', sql, params: [...params], tx })).rows as T[],
    exec: async (sql: string) => { await call({ kind: 'exec', sql, tx }); },
    copyFrom: async (table: string, columns: readonly string[], text: string) => { await call({ kind: 'copy', sql: copyStatement(table, columns, "'/dev/blob'"), text, tx }); },
    transaction: async <T>(work: (tx: SqlDriver) => Promise<T>): Promise<T> => {
      if (tx !== undefined) return work(driverFor(tx));
      const opened = (await call({ kind: 'begin' })).tx;
      if (opened === undefined) throw new Error('transazione non aperta');
      let result: T;
      try {
        result = await work(driverFor(opened));
      } catch (error) {
        await call({ kind: 'rollback', tx: opened }).catch(() => undefined);
        throw error;
      }
      await call({ kind: 'commit', tx: opened });
      return result;
    },
    close: async () => {
      if (tx !== undefined) return;
      await call({ kind: 'close' }).catch(() => undefined);
      await worker.terminate();
    },
  });
  try {
    await call({ kind: 'open' });
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return driverFor(undefined);
}

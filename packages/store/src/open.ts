import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PerfError } from '@perf/model';
import type { SqlDriver } from './driver.ts';
import { acquireDirectoryLock } from './lock.ts';
import { migrate } from './migrations.ts';
import { openPglite } from './pglite-driver.ts';
import { Store } from './store.ts';

export const DEFAULT_DB_LOCATION = '.perf';

export interface OpenOptions {
  /** How long a second process waits for the embedded directory's lock before it is refused. */
  readonly lockWaitMs?: number;
  /**
   * The embedded engine's shared buffers in MB (PostgreSQL's `shared_buffers`, 128 by default). PGlite
   * zero-fills them at every open, about 0.4 s for 128 MB on this project's machine: a one-shot command
   * that reads a few pages (the CLI) asks for less; long-lived servers keep the default.
   */
  readonly sharedBuffersMb?: number;
  /**
   * Where the embedded engine runs: on the calling thread (the default, quickest to open: the CLI), or
   * on a worker thread (long-lived servers: PGlite computes synchronously, and on the main thread it
   * would hold up the HTTP requests that arrive while a report is being stored).
   */
  readonly embeddedThread?: 'main' | 'worker';
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Opens the database at `location`: a `postgres://` URL for a PostgreSQL server, `memory:` for a
 * throw-away embedded one, or else a directory for the embedded PGlite default. Migrations run on open.
 */
export async function openStore(location: string = DEFAULT_DB_LOCATION, options: OpenOptions = {}): Promise<Store> {
  if (isPostgresUrl(location)) {
    // Loaded only for a server: `pg` takes 0.1–0.3 s to load, which an embedded database never needs.
    const { openPostgres } = await import('./pg-driver.ts');
    let driver: SqlDriver;
    try {
      driver = await openPostgres(location);
    } catch (error) {
      throw new PerfError('DB_UNREACHABLE', `Il server PostgreSQL non risponde (${redactUrl(location)}): ${(error as Error).message}`, {
        hint: 'Controlla che il server sia avviato e che PERF_DB sia nella forma postgres://utente@host:porta/database.', cause: error,
      });
    }
    await migrate(driver);
    return new Store(driver, 'postgres');
  }
  const openEmbedded = async (dataDir: string | undefined): Promise<SqlDriver> => {
    if (options.embeddedThread !== 'worker') return openPglite(dataDir, options);
    const { openPgliteOnWorker } = await import('./pglite-thread-driver.ts');
    return openPgliteOnWorker(dataDir, options);
  };
  if (location === 'memory:') {
    const driver = await openEmbedded(undefined);
    await migrate(driver);
    return new Store(driver, 'embedded');
  }
  const directory = resolve(location);
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new PerfError('DB_UNREACHABLE', `Impossibile creare la cartella del database "${directory}": ${(error as Error).message}`, { cause: error });
  }
  const release = await acquireDirectoryLock(join(directory, 'perf.lock'), options.lockWaitMs ?? 10_000);
  try {
    const driver = await openEmbedded(join(directory, 'pgdata'));
    await migrate(driver);
    return new Store(driver, 'embedded', release);
  } catch (error) {
    release();
    throw error;
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

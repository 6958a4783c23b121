import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPostgresUrl } from '@perf/store';
import { inject } from 'vitest';
import { createDatabase } from './postgres-server.ts';

/** A fresh, empty database on the test PostgreSQL server, so each test starts clean. */
export function freshPostgresUrl(): Promise<string> {
  return createDatabase(inject('pgUrl'));
}

/** A fresh embedded database directory, copied from the run's initialised template. */
export async function freshEmbeddedDir(): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'perf-db-')), 'db');
  cpSync(inject('embeddedTemplate'), dir, { recursive: true });
  return dir;
}

/** Removes a database `fresh…` gave, when it is an embedded directory (a server's database stays with the run's server). */
export function discardDatabase(location: string): void {
  if (!isPostgresUrl(location)) rmSync(location, { recursive: true, force: true });
}

/** Both engines, for tests that must behave the same on each. */
export const ENGINES: readonly [string, () => Promise<string>][] = [
  ['embedded (PGlite)', freshEmbeddedDir],
  ['PostgreSQL', freshPostgresUrl],
];

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    /** An initialised, empty embedded database directory to copy (a new one costs seconds of initdb). */
    embeddedTemplate: string;
  }
}

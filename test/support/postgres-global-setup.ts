import { startTemporaryPostgres } from './postgres-server.ts';
import { createEmbeddedTemplate } from './embedded-template.ts';
import './databases.ts';

/**
 * Every test run checks the store against a real PostgreSQL server as well as the embedded one.
 * PERF_TEST_PG (a postgres:// URL) uses a server that is already running; otherwise a throw-away
 * server is started from the machine's PostgreSQL binaries and stopped at the end.
 */
export default async function setup({ provide }: { provide: <K extends 'pgUrl' | 'embeddedTemplate'>(key: K, value: string) => void }): Promise<() => Promise<void>> {
  const template = await createEmbeddedTemplate();
  provide('embeddedTemplate', template.dir);
  const existing = process.env.PERF_TEST_PG?.trim();
  if (existing) {
    provide('pgUrl', existing);
    return template.remove;
  }
  const server = await startTemporaryPostgres();
  provide('pgUrl', server.url);
  return async () => {
    await template.remove();
    await server.stop();
  };
}

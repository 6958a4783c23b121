import { serve } from '@hono/node-server';
import { isPerfError } from '@perf/model';
import { openStore } from '@perf/store';
import { createWebApp } from './app.ts';
import { readWebEnv } from './env.ts';

async function main(): Promise<void> {
  const env = readWebEnv();
  const store = await openStore(env.db, { embeddedThread: 'worker' });
  const app = createWebApp({ store, secret: env.secret, baseUrl: env.baseUrl, clock: env.clock, trustProxy: env.trustProxy });
  const server = serve({ fetch: app.fetch, port: env.port }, (info) => {
    console.error(`perf web: cruscotto in ascolto sulla porta ${info.port} (${env.baseUrl}); database ${store.engine === 'postgres' ? 'PostgreSQL' : `incorporato in ${env.db}`}.`);
  });
  const shutdown = (signal: string) => {
    console.error(`perf web: ${signal} ricevuto, chiusura in corso…`);
    server.close(() => void store.close().finally(() => process.exit(0)));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (isPerfError(error)) {
    console.error(`perf web: ${error.message}${error.hint ? `\n${error.hint}` : ''}`);
  } else {
    console.error('perf web: avvio non riuscito:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});

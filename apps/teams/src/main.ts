import { isPerfError } from '@perf/model';
import { openStore } from '@perf/store';
import { createTeamsApp } from './app.ts';
import { readTeamsEnv } from './env.ts';

async function main(): Promise<void> {
  const env = readTeamsEnv();
  console.error(env.appId === undefined
    ? 'perf Teams: modalità di prova locale (anonima, TEAMS_APP_ID non impostata): nessun token viene controllato; usala solo con Microsoft 365 Agents Playground o nei test.'
    : `perf Teams: app ${env.appId}, token controllati con le chiavi di ${env.authorityUrl}.`);
  const store = await openStore(env.db, { embeddedThread: 'worker' });
  const teams = createTeamsApp({
    store, appId: env.appId, appPassword: env.appPassword, tenantId: env.tenantId, authorityUrl: env.authorityUrl, clock: env.clock,
    summaryConversation: env.summaryConversation, serviceUrl: env.serviceUrl, reminderDays: env.reminderDays,
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`perf Teams: ${signal} ricevuto, chiusura in corso…`);
    try {
      await teams.stop();
    } finally {
      await store.close();
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  const { port } = await teams.start({ port: env.port });
  console.error(`perf Teams: in ascolto sulla porta ${port} (POST /api/messages, GET /healthz); database ${store.engine === 'postgres' ? 'PostgreSQL' : `incorporato in ${env.db}`}.`);
  if (env.summaryConversation === undefined) console.error('perf Teams: TEAMS_SUMMARY_CONVERSATION non impostata: i riepiloghi di periodo non saranno pubblicati.');
}

try {
  await main();
} catch (error) {
  if (isPerfError(error)) console.error(`Errore: ${error.toText()}`);
  else console.error(`Errore interno: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
}

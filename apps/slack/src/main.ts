import { isPerfError, PerfError } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { slackAppFromEnv, type SlackApp } from './app.ts';
import { readSlackEnv } from './env.ts';

/** Why the app could not start, in Italian: a bad token or an unreachable Slack are the usual causes. */
function startupError(error: unknown, apiUrl: string | undefined): unknown {
  const slack = error as { code?: unknown; data?: { error?: unknown } } | undefined;
  if (slack?.code === 'slack_webapi_platform_error') {
    return new PerfError('SLACK_AUTH', `Slack ha rifiutato il token SLACK_BOT_TOKEN (auth.test: ${String(slack.data?.error)}).`, { hint: 'Copia il Bot User OAuth Token (xoxb-…) da OAuth & Permissions e riavvia.' });
  }
  if (slack?.code === 'slack_webapi_request_error' || slack?.code === 'slack_webapi_http_error') {
    return new PerfError('SLACK_UNREACHABLE', `Slack non risponde (${apiUrl ?? 'https://slack.com/api/'}): ${(error as Error).message}`, { hint: 'Controlla la rete o SLACK_API_URL e riavvia.' });
  }
  return error;
}

async function main(): Promise<void> {
  const env = readSlackEnv();
  // A server: the embedded engine on its own thread keeps Slack's requests acknowledged at once.
  const store: Store = await openStore(env.db, { embeddedThread: 'worker' });
  let slack: SlackApp | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`perf Slack: ${signal} ricevuto, chiusura in corso…`);
    try {
      await slack?.stop();
    } finally {
      await store.close();
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    slack = slackAppFromEnv(env, store);
    const { port } = await slack.start({ port: env.port, host: env.host });
    const how = env.transport.mode === 'socket' ? `Socket Mode (nessun URL pubblico), GET /healthz sulla porta ${port}` : `in ascolto sulla porta ${port} (POST /slack/events, GET /healthz)`;
    console.error(`perf Slack: ${how}; database ${store.engine === 'postgres' ? 'PostgreSQL' : `incorporato in ${env.db}`}.`);
    if (env.summaryChannel === undefined) console.error('perf Slack: PERF_SUMMARY_CHANNEL non impostata: i riepiloghi trimestrali non saranno pubblicati.');
  } catch (error) {
    await slack?.stop().catch(() => undefined);
    await store.close();
    throw startupError(error, env.apiUrl);
  }
}

try {
  await main();
} catch (error) {
  if (isPerfError(error)) console.error(`Errore: ${error.toText()}`);
  else console.error(`Errore interno: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
}

import { envOrExit, runChatProcess } from '@perf/chat';
import { PerfError } from '@perf/model';
import { slackAppFromEnv } from './app.ts';
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

const env = envOrExit(() => readSlackEnv());

await runChatProcess('slack', env.db, async (store) => {
  const slack = slackAppFromEnv(env, store);
  try {
    const { port } = await slack.start({ port: env.port, host: env.host });
    const how = env.transport.mode === 'socket' ? `Socket Mode (nessun URL pubblico), GET /healthz sulla porta ${port}` : `in ascolto sulla porta ${port} (POST /slack/events, GET /healthz)`;
    console.error(`perf Slack: ${how}; database ${store.engine === 'postgres' ? 'PostgreSQL' : `incorporato in ${env.db}`}.`);
    if (env.summaryChannel === undefined) console.error('perf Slack: PERF_SUMMARY_CHANNEL non impostata: i riepiloghi trimestrali non saranno pubblicati.');
    return slack;
  } catch (error) {
    await slack.stop().catch(() => undefined);
    throw startupError(error, env.apiUrl);
  }
});

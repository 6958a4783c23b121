import { envOrExit, runChatProcess } from '@perf/chat';
import { teamsAppFromEnv } from './app.ts';
import { readTeamsEnv } from './env.ts';

const env = envOrExit(() => readTeamsEnv());
console.error(env.appId === undefined
  ? 'perf Teams: modalità di prova locale (anonima, TEAMS_APP_ID non impostata): nessun token viene controllato; usala solo con Microsoft 365 Agents Playground o nei test.'
  : `perf Teams: app ${env.appId}, token controllati con le chiavi di ${env.authorityUrl}.`);

await runChatProcess('teams', env.db, async (store) => {
  const teams = teamsAppFromEnv(env, store);
  try {
    const { port } = await teams.start({ port: env.port });
    console.error(`perf Teams: in ascolto sulla porta ${port} (POST /api/messages, GET /healthz); database ${store.engine === 'postgres' ? 'PostgreSQL' : `incorporato in ${env.db}`}.`);
    if (env.summaryConversation === undefined) console.error('perf Teams: TEAMS_SUMMARY_CONVERSATION non impostata: i riepiloghi di periodo non saranno pubblicati.');
    return teams;
  } catch (error) {
    await teams.stop().catch(() => undefined);
    throw error;
  }
});

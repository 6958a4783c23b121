import { envOrExit, runChatProcess } from '@perf/chat';
import { discordBotFromEnv } from './bot.ts';
import { readDiscordEnv } from './env.ts';

const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);

/** `pnpm discord`: reads the environment, opens the database, runs the bot until SIGINT/SIGTERM. */
const env = envOrExit(() => readDiscordEnv());

await runChatProcess('discord', env.db, async (store) => {
  const bot = discordBotFromEnv(env, store, log);
  // start() stops the bot again when it fails half-way.
  await bot.start();
  return bot;
});

import { isPerfError } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { createDiscordBot, type DiscordBot } from './bot.ts';
import { readDiscordEnv } from './env.ts';

/** `pnpm discord`: reads the environment, opens the database, runs the bot until SIGINT/SIGTERM. */
async function main(): Promise<number> {
  // Installed first, so that a signal during start-up also ends in an orderly stop.
  const stopRequested = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  let store: Store | undefined;
  let bot: DiscordBot | undefined;
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  try {
    const env = readDiscordEnv();
    // A server: the embedded engine on its own thread keeps the gateway and the interactions answered.
    store = await openStore(env.db, { embeddedThread: 'worker' });
    bot = createDiscordBot({
      store, token: env.token, applicationId: env.applicationId, apiUrl: env.apiUrl, clock: env.clock,
      summaryChannel: env.summaryChannel, guildId: env.guildId, reminderDays: env.reminderDays, log,
    });
    await bot.start();
  } catch (error) {
    await bot?.stop().catch(() => undefined);
    await store?.close().catch(() => undefined);
    process.stderr.write(isPerfError(error) ? `Errore: ${error.toText()}\n` : `Errore interno: ${(error as Error).stack ?? String(error)}\n`);
    return isPerfError(error) ? 1 : 70;
  }
  log(`Ricevuto ${await stopRequested}: arresto del bot Discord.`);
  await bot.stop();
  await store.close();
  return 0;
}

process.exitCode = await main();

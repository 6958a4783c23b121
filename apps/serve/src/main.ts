import { isPerfError } from '@perf/model';
import { startServe, type RunningServe } from './serve.ts';

/** `pnpm serve`: runs until SIGTERM or SIGINT, then stops every channel and closes the database. */
async function main(): Promise<number> {
  const stopRequested = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  let serve: RunningServe;
  try {
    serve = await startServe();
  } catch (error) {
    process.stderr.write(isPerfError(error) ? `Errore: ${error.toText()}\n` : `Errore interno: ${(error as Error).stack ?? String(error)}\n`);
    return isPerfError(error) ? 1 : 70;
  }
  console.error(`perf serve: ${await stopRequested} ricevuto, chiusura in corso…`);
  await serve.stop();
  return 0;
}

process.exitCode = await main();

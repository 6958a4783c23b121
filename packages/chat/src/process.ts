import type { CommandContext } from '@perf/core';
import { channelName, isPerfError, type ChatApp } from '@perf/model';
import { openStore, type Store } from '@perf/store';

/** A started app inside its process: how it stops (the process closes the store afterwards). */
export interface StartedApp {
  stop(): Promise<void>;
}

/** The command core's context for one chat user; `requestKey` makes a redelivery harmless. */
export function chatCommandContext(app: ChatApp, store: Store, clock: CommandContext['clock'], userId: string, requestKey?: string): CommandContext {
  return { store, channel: app, clock, identity: { kind: 'chat', app, userId }, requestKey };
}

/**
 * Runs a chat app as its own process (`pnpm slack`, `pnpm discord`, `pnpm teams`): opens the
 * database, starts the app, and on SIGINT/SIGTERM stops it and closes the database; a start that
 * fails ends the process with the Italian message and exit code 1, having closed what it opened.
 */
export async function runChatProcess(app: ChatApp, db: string, start: (store: Store) => Promise<StartedApp>): Promise<void> {
  const label = `perf ${channelName(app)}`;
  // Installed first, so that a signal during start-up also ends in an orderly stop.
  const stopRequested = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  let store: Store | undefined;
  let started: StartedApp;
  try {
    // A server: the embedded engine on its own thread keeps requests acknowledged at once.
    store = await openStore(db, { embeddedThread: 'worker' });
    started = await start(store);
  } catch (error) {
    await store?.close().catch(() => undefined);
    exitWith(error);
    return;
  }
  console.error(`${label}: ${await stopRequested} ricevuto, chiusura in corso…`);
  try {
    await started.stop();
  } finally {
    await store.close();
  }
  process.exit(0);
}

/** Prints why the process cannot go on, in Italian, and exits with 1 (an unexpected error keeps its stack for the operator). */
export function exitWith(error: unknown): never {
  console.error(isPerfError(error) ? `Errore: ${error.toText()}` : `Errore interno: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
}

/** The app's environment, or the process ends naming what is wrong with it. */
export function envOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    return exitWith(error);
  }
}

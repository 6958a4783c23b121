import { userInfo } from 'node:os';
import { clockFromEnv, type CommandContext, type Identity } from '@perf/core';
import { DEFAULT_DB_LOCATION, openStore, type Store } from '@perf/store';
import { yearOption, type CliArgs } from './args.ts';

/** `--db`, else PERF_DB, else the embedded default `./.perf/`. */
export function dbLocation(args: CliArgs): string {
  return args.options.get('db') ?? (process.env.PERF_DB?.trim() || DEFAULT_DB_LOCATION);
}

export function operatorIdentity(args: CliArgs): Identity {
  let user = 'cli';
  try { user = userInfo().username; } catch { /* no passwd entry in some containers */ }
  return { kind: 'operator', personId: args.options.get('as'), operatorName: `controllo:${user}` };
}

/** Opens the database, runs `work` with a command context, and always closes it. */
export async function withContext<T>(args: CliArgs, work: (context: CommandContext, store: Store) => Promise<T>): Promise<T> {
  const clock = clockFromEnv();
  const waitText = process.env.PERF_LOCK_WAIT_MS;
  const store = await openStore(dbLocation(args), waitText === undefined ? {} : { lockWaitMs: Number(waitText) });
  try {
    return await work({ store, channel: 'cli', clock, identity: operatorIdentity(args), ente: args.options.get('ente'), year: yearOption(args) }, store);
  } finally {
    await store.close();
  }
}

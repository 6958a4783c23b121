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

/**
 * The embedded engine's shared buffers for one command: PGlite zero-fills them at every open (0.4 s for
 * its default 128 MB here), and a command reads a few hundred pages; 16 MB hold 2,048.
 */
export const CLI_SHARED_BUFFERS_MB = 16;

/**
 * V8 flags for a process that runs one command, set before PGlite compiles its WebAssembly. A command
 * lasts about a second: by default V8 recompiles PGlite's busiest functions with its optimising compiler
 * within the first few hundred milliseconds, which costs more CPU than it saves (0.4 s of CPU to open the
 * database here). With a higher budget short commands keep the baseline code; long ones (large imports)
 * still get optimised code for their hot loops.
 */
export const ONE_COMMAND_V8_FLAGS = '--wasm-tiering-budget=1000000000';

/** Opens the database, runs `work` with a command context, and always closes it. */
export async function withContext<T>(args: CliArgs, work: (context: CommandContext, store: Store) => Promise<T>): Promise<T> {
  const clock = clockFromEnv();
  const waitText = process.env.PERF_LOCK_WAIT_MS;
  const store = await openStore(dbLocation(args), { sharedBuffersMb: CLI_SHARED_BUFFERS_MB, ...(waitText === undefined ? {} : { lockWaitMs: Number(waitText) }) });
  try {
    return await work({ store, channel: 'cli', clock, identity: operatorIdentity(args), ente: args.options.get('ente'), year: yearOption(args) }, store);
  } finally {
    await store.close();
  }
}

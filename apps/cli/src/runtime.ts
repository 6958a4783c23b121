import { userInfo } from 'node:os';
import { clockFromEnv, type CommandContext, type Identity } from '@perf/core';
import { existsSync, statSync } from 'node:fs';
import { PerfError } from '@perf/model';
import { DEFAULT_DB_LOCATION, isPostgresUrl, openStore, type Store } from '@perf/store';
import { yearOption, type CliArgs } from './args.ts';
import type { ForwardedCommand } from './forward.ts';

/** `--db`, else PERF_DB, else the embedded default `./.perf/`. */
export function dbLocation(args: CliArgs): string {
  return args.options.get('db') ?? (process.env.PERF_DB?.trim() || DEFAULT_DB_LOCATION);
}

export function operatorIdentity(args: CliArgs): Identity {
  let user = 'cli';
  try { user = userInfo().username; } catch { /* no passwd entry in some containers */ }
  return { kind: 'operator', personId: args.options.get('as'), operatorName: `controllo:${user}` };
}

/** A core command as sent to a server holding the database: the same person, ente, year and clock. */
export function clientRequest(command: string, raw: Record<string, unknown>, args: CliArgs): ForwardedCommand {
  const identity = operatorIdentity(args);
  const now = process.env.PERF_NOW?.trim();
  return {
    command, raw, operatorName: identity.kind === 'operator' ? identity.operatorName : 'cli',
    ...(args.options.get('as') === undefined ? {} : { personId: args.options.get('as') }),
    ...(args.options.get('ente') === undefined ? {} : { ente: args.options.get('ente') }),
    ...(yearOption(args) === undefined ? {} : { year: yearOption(args) }),
    ...(now ? { now } : {}),
  };
}

/**
 * The embedded engine's shared buffers for one command. PGlite zero-fills them at every open: 0.4 s for
 * its default 128 MB on this project's machine, 0.05 s for 4 MB. A command reads a few hundred pages;
 * status, history and audit of 300,000 rilevazioni ran no slower with 4 MB than with 128. A bulk import
 * keeps PGlite's default: its index updates want the pages in memory (1,000,000 rows from CSV took 73 s
 * with 4 MB, 51–55 s with 16 or 128 MB).
 */
export const CLI_SHARED_BUFFERS_MB = 4;

/**
 * V8 flags for a process that runs one command, set before PGlite compiles its WebAssembly. A command
 * lasts about a second: by default V8 recompiles PGlite's busiest functions with its optimising compiler
 * within the first few hundred milliseconds, which costs more CPU than it saves (0.4 s of CPU to open the
 * database here). With a higher budget short commands keep the baseline code; long ones (large imports)
 * still get optimised code for their hot loops.
 */
export const ONE_COMMAND_V8_FLAGS = '--wasm-tiering-budget=1000000000';

export interface ContextOptions {
  /** The command writes rows in bulk (values import): the embedded engine keeps its default shared buffers. */
  readonly bulk?: boolean;
  /** The command stores nothing: a missing database folder is refused rather than created. */
  readonly readOnly?: boolean;
}

/**
 * A `--db` folder that cannot hold the database is refused in Italian before it is opened: a file, or
 * (for a command that only reads) a folder that does not exist, which opening would create empty.
 */
export function checkDbLocation(location: string, readOnly: boolean): void {
  if (isPostgresUrl(location)) return;
  if (existsSync(location) && !statSync(location).isDirectory()) {
    throw new PerfError('DB_INVALID', `"${location}" è un file, non la cartella di un database.`, { hint: 'Forma corretta: --db <cartella> (una cartella, anche nuova) oppure --db postgres://…' });
  }
  if (readOnly && !existsSync(location)) {
    throw new PerfError('DB_MISSING', `Il database "${location}" non esiste; \`perf demo\` o \`perf plan import\` lo creano.`, { hint: 'Controlla --db (o PERF_DB).' });
  }
}

/** Opens the database, runs `work` with a command context, and always closes it. */
export async function withContext<T>(args: CliArgs, work: (context: CommandContext, store: Store) => Promise<T>, options: ContextOptions = {}): Promise<T> {
  const clock = clockFromEnv();
  const waitText = process.env.PERF_LOCK_WAIT_MS;
  checkDbLocation(dbLocation(args), options.readOnly === true);
  const store = await openStore(dbLocation(args), {
    ...(options.bulk ? {} : { sharedBuffersMb: CLI_SHARED_BUFFERS_MB }),
    ...(waitText === undefined ? {} : { lockWaitMs: Number(waitText) }),
  });
  try {
    return await work({ store, channel: 'cli', clock, identity: operatorIdentity(args), ente: args.options.get('ente'), year: yearOption(args) }, store);
  } finally {
    await store.close();
  }
}

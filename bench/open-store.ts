import { setFlagsFromString } from 'node:v8';
import { CLI_SHARED_BUFFERS_MB, ONE_COMMAND_V8_FLAGS } from '../apps/cli/src/runtime.ts';

/**
 * One cold opening of an existing embedded database, in a process of its own (run by cold-start.ts):
 * `cli` opens it as a CLI command does (its shared buffers and V8 flags), `default` with PGlite's and
 * V8's defaults. PGlite's module is loaded first, apart (here through tsx's loader, slower than the
 * bundle's plain import): the milliseconds printed are those of openStore (PGlite started, the lock
 * taken, the schema checked) and of close.
 */
const [dir, mode] = process.argv.slice(2);
if (dir === undefined || (mode !== 'cli' && mode !== 'default')) throw new Error('uso: open-store.ts <cartella> cli|default');
if (mode === 'cli') setFlagsFromString(ONE_COMMAND_V8_FLAGS);
const { openStore } = await import('@perf/store');
await import('@electric-sql/pglite');
const started = performance.now();
const store = await openStore(dir, mode === 'cli' ? { sharedBuffersMb: CLI_SHARED_BUFFERS_MB } : {});
const opened = performance.now();
await store.close();
process.stdout.write(`${JSON.stringify({ openMs: opened - started, closeMs: performance.now() - opened })}\n`);

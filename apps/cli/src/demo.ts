import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { produceRelazione, renderText, statusOf } from '@perf/core';
import type { CliArgs } from './args.ts';
import type { CliIo } from './cli-command.ts';
import { loadExampleCycle } from './demo-cycle.ts';
import { outputPath, writeOutputFile } from './files.ts';
import { dbLocation, withContext } from './runtime.ts';

export const EXAMPLE_DIR = fileURLToPath(new URL('../../../examples/cciaa-ms-2012/', import.meta.url));
const EXAMPLE = { ente: 'CCIAA-MS', year: 2012 };

/** Loads the bundled 2012 example of the CCIAA di Massa Carrara, prints its status and writes its Relazione. */
export async function runDemo(args: CliArgs, io: CliIo): Promise<void> {
  const out = args.options.get('out') ?? join('out', `Relazione-Performance-${EXAMPLE.ente}-${EXAMPLE.year}.pdf`);
  io.err(`Database: ${dbLocation(args)} (la prima apertura di una cartella nuova richiede alcuni secondi)`);
  await withContext(args, async (context) => {
    for (const line of await loadExampleCycle((name) => join(EXAMPLE_DIR, name), context)) io.out(line);
    const exampleContext = { ...context, ente: EXAMPLE.ente, year: EXAMPLE.year };
    io.out(`\n${renderText(await statusOf({ kind: 'ente' }, exampleContext))}\n`);
    const relazione = await produceRelazione({ year: EXAMPLE.year }, exampleContext, (step) => io.err(`… ${step}`));
    const path = outputPath(out, relazione.filename);
    writeOutputFile(path, relazione.pdf, 'pdf');
    io.out(`${renderText(relazione)}\nRelazione scritta in ${resolve(path)}`);
  });
}

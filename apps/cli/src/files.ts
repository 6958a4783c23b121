import { savePdf } from '@perf/pdf-renderer';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { FileInput } from '@perf/core';
import { PerfError } from '@perf/model';

/** A file named on the command line, read whole; a missing or unreadable one is refused in Italian. */
export function readInputFile(path: string): FileInput {
  try {
    return { name: basename(path), content: readFileSync(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PerfError('FILE_UNREADABLE', code === 'ENOENT' ? `Il file "${path}" non esiste.` : `Impossibile leggere "${path}": ${(error as Error).message}`);
  }
}

/** Writes a file the CLI produced (a PDF, a plan), creating its folder. */
export function writeOutputFile(path: string, content: Uint8Array | string): void {
  // A PDF is written whole or not at all (a temporary file renamed), with errors in Italian.
  if (typeof content !== 'string' && path.toLowerCase().endsWith('.pdf')) return savePdf(path, content);
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, content);
}

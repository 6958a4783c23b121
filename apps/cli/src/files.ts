import { saveFile, savePdf } from '@perf/pdf-renderer';
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FileInput } from '@perf/core';
import { PerfError } from '@perf/model';

/** A file named on the command line, read whole; a missing or unreadable one is refused in Italian. */
export function readInputFile(path: string): FileInput {
  try {
    return { name: basename(path), content: readFileSync(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'non esiste' : code === 'EISDIR' ? 'è una cartella, non un file' : code === 'EACCES' || code === 'EPERM' ? 'non si può leggere (permessi insufficienti)' : 'non si può leggere';
    throw new PerfError('FILE_UNREADABLE', `Il file "${path}" ${why}.`, { hint: 'Indica il percorso di un file YAML (o CSV/XLSX per i valori) leggibile.' });
  }
}

/** What an --out names, before anything is written: a folder (existing, or ending with a slash), a file, or neither (a device). */
export function outputKind(out: string): 'folder' | 'file' | 'missing' | 'other' {
  if (/[\\/]$/.test(out)) return 'folder';
  let found: ReturnType<typeof statSync>;
  try {
    found = statSync(out, { throwIfNoEntry: false });
  } catch {
    return 'missing';
  }
  if (found === undefined) return 'missing';
  return found.isDirectory() ? 'folder' : found.isFile() ? 'file' : 'other';
}

/** The file an --out stands for: inside it, under the command's usual `name`, when it names a folder. */
export function outputPath(out: string, name: string): string {
  return outputKind(out) === 'folder' ? join(out, name) : out;
}

/** Refuses to replace a file that exists (a prepared plan is never overwritten). */
export function refuseExisting(path: string): void {
  const kind = outputKind(path);
  if (kind === 'missing') return;
  throw new PerfError('FILE_EXISTS', kind === 'folder' ? `"${path}" è una cartella: il file va scritto al suo interno.` : `Il file "${path}" esiste già: non lo sovrascrivo.`, {
    hint: 'Scegli un altro nome con --out, oppure cancella il file.',
  });
}

/**
 * Writes a file the CLI produced (a PDF, a spreadsheet, a plan) whole or not at all, creating its
 * folder; a folder, a missing or read-only path, a full disk are refused in Italian.
 */
export function writeOutputFile(path: string, content: Uint8Array | string, kind: 'pdf' | 'file' = 'file'): void {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  if (kind === 'pdf') savePdf(path, bytes);
  else saveFile(path, bytes);
}

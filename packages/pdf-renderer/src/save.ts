import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PerfError } from '@perf/model';

/** Why a file could not be written, in Italian, from the system's error code. */
function reason(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOSPC':
      return 'spazio esaurito sul dispositivo';
    case 'EACCES':
    case 'EPERM':
      return 'permesso negato';
    case 'EISDIR':
      return 'il percorso indica una cartella';
    case 'ENOENT':
      return 'il percorso non esiste';
    case 'ENOTDIR':
      return 'una parte del percorso non è una cartella';
    case 'EROFS':
      return 'il file system è in sola lettura';
    default:
      return `errore di sistema${code ? ` ${code}` : ''}`;
  }
}

/** What is being written, as a failure names it: the Relazione's PDF, or any other file the CLI produces. */
interface SavedKind {
  readonly what: string;
  readonly code: 'PDF_NOT_WRITTEN' | 'FILE_NOT_WRITTEN';
  readonly hint: string;
}

const PDF: SavedKind = { what: 'il PDF', code: 'PDF_NOT_WRITTEN', hint: 'indica con --out un file in una cartella esistente e scrivibile, ad esempio --out relazione.pdf' };
const FILE: SavedKind = { what: 'il file', code: 'FILE_NOT_WRITTEN', hint: 'indica con --out un file o una cartella in cui si possa scrivere, ad esempio --out out/' };

function failure(kind: SavedKind, path: string, why: string, cause?: unknown): PerfError {
  return new PerfError(kind.code, `Impossibile scrivere ${kind.what} in «${path}»: ${why}. Nessun file è stato scritto.`, {
    hint: kind.hint,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Writes a PDF whole or not at all (see `saveFile`), with errors that name the PDF. */
export function savePdf(path: string, pdf: Uint8Array): void {
  saveFile(path, pdf, PDF);
}

/**
 * Writes a file whole or not at all: into a temporary file beside the target, then renamed onto it,
 * so that a failed write leaves neither a half-written file nor the temporary file. A missing folder
 * is created; a directory, a device that refuses the bytes or a full disk give a PerfError in Italian.
 */
export function saveFile(path: string, content: Uint8Array, kind: SavedKind = FILE): void {
  const target = resolve(path);
  let existing: ReturnType<typeof statSync>;
  try {
    existing = statSync(target, { throwIfNoEntry: false });
  } catch (error) {
    throw failure(kind, path, reason(error), error);
  }
  if (existing?.isDirectory()) throw failure(kind, path, 'il percorso indica una cartella');
  if (existing && !existing.isFile()) {
    // A device (e.g. /dev/full) cannot be replaced by a rename: write to it directly.
    writeWhole(kind, path, target, content);
    return;
  }
  try {
    mkdirSync(dirname(target), { recursive: true });
  } catch (error) {
    throw failure(kind, path, reason(error), error);
  }
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeWhole(kind, path, temporary, content);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error instanceof PerfError ? error : failure(kind, path, reason(error), error);
  }
}

function writeWhole(kind: SavedKind, path: string, file: string, content: Uint8Array): void {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'w');
    let offset = 0;
    while (offset < content.byteLength) offset += writeSync(fd, content, offset, content.byteLength - offset);
    try {
      fsyncSync(fd);
    } catch {
      // Devices and some file systems cannot be synced; the bytes are written.
    }
  } catch (error) {
    throw failure(kind, path, reason(error), error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

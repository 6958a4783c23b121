import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerfError } from '@perf/model';
import { describe, expect, it } from 'vitest';
import { savePdf } from '../src/index.ts';

const PDF = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');

function attempt(path: string): PerfError {
  try {
    savePdf(path, PDF);
  } catch (error) {
    expect(error).toBeInstanceOf(PerfError);
    return error as PerfError;
  }
  throw new Error('savePdf should have failed');
}

describe('savePdf', () => {
  it('writes the whole file, creating a missing folder, and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perf-save-'));
    const file = join(dir, 'nuova', 'cartella', 'relazione.pdf');
    savePdf(file, PDF);
    expect(readFileSync(file)).toEqual(Buffer.from(PDF));
    expect(readdirSync(join(dir, 'nuova', 'cartella'))).toEqual(['relazione.pdf']);
  });

  it('refuses a directory in Italian and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perf-save-'));
    mkdirSync(join(dir, 'cartella'));
    const error = attempt(join(dir, 'cartella'));
    expect(error.code).toBe('PDF_NOT_WRITTEN');
    expect(error.message).toContain('il percorso indica una cartella');
    expect(error.hint).toContain('--out');
    expect(readdirSync(join(dir, 'cartella'))).toEqual([]);
  });

  it('reports a full device in Italian (/dev/full)', () => {
    const error = attempt('/dev/full');
    expect(error.message).toBe('Impossibile scrivere il PDF in «/dev/full»: spazio esaurito sul dispositivo. Nessun file è stato scritto.');
  });

  it('reports a path through a file, leaving nothing behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perf-save-'));
    savePdf(join(dir, 'file.pdf'), PDF);
    const error = attempt(join(dir, 'file.pdf', 'sotto.pdf'));
    expect(error.message).toContain('una parte del percorso non è una cartella');
    expect(readdirSync(dir)).toEqual(['file.pdf']);
  });
});

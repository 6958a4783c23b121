import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPerfError, type PerfError } from '@perf/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/args.ts';
import { matchCommand, runCoreCommand } from '../src/commands.ts';
import { EXAMPLE_DIR } from '../src/demo.ts';
import { freshEmbeddedDir } from '../../../test/support/databases.ts';

/** Every command that takes --out, run in process as the CLI runs it: into a folder, through a missing folder, onto a full device. */
describe('--out of relazione, export and plan rollover', () => {
  let db: string;
  const printed: string[] = [];
  const perf = async (...argv: string[]): Promise<void> => {
    const args = parseCliArgs([...argv, '--db', db]);
    const entry = matchCommand(args.positional);
    if (entry?.kind !== 'core') throw new Error(`not a core command: ${argv.join(' ')}`);
    await runCoreCommand(entry.command, args, { out: (text) => printed.push(text), err: () => undefined });
  };
  const refusal = async (...argv: string[]): Promise<PerfError> => {
    const error = await perf(...argv).then(() => undefined, (e: unknown) => e);
    if (!isPerfError(error)) throw new Error(`expected a PerfError, got ${String(error)}`);
    return error;
  };
  const folder = () => mkdtempSync(join(tmpdir(), 'perf-out-'));

  beforeAll(async () => {
    db = await freshEmbeddedDir();
    await perf('plan', 'import', join(EXAMPLE_DIR, 'piano-2012.yaml'));
    await perf('values', 'import', join(EXAMPLE_DIR, 'valori-2012.yaml'));
  });

  it.each(['', '/'])('export --format csv into a folder (%s) writes the two tables under the usual names', async (slash) => {
    const dir = folder();
    await perf('export', '--format', 'csv', '--out', `${dir}${slash}`);
    expect(readdirSync(dir).sort()).toEqual(['CCIAA-MS-2012-rilevazioni.csv', 'CCIAA-MS-2012-stato.csv']);
    expect(readFileSync(join(dir, 'CCIAA-MS-2012-stato.csv'), 'utf8')).toMatch(/^\uFEFFlivello,id,descrizione,/);
  });

  it('export --format xlsx into a folder writes Stato-<ente>-<anno>.xlsx; a new folder ending with / is created', async () => {
    const dir = folder();
    await perf('export', '--format', 'xlsx', '--out', dir);
    expect(readdirSync(dir)).toEqual(['Stato-CCIAA-MS-2012.xlsx']);
    expect(readFileSync(join(dir, 'Stato-CCIAA-MS-2012.xlsx')).subarray(0, 2).toString()).toBe('PK');
    await perf('export', '--format', 'csv', '--out', join(dir, 'nuova', 'cartella/'));
    expect(readdirSync(join(dir, 'nuova', 'cartella')).sort()).toEqual(['CCIAA-MS-2012-rilevazioni.csv', 'CCIAA-MS-2012-stato.csv']);
  });

  it('export --format csv to a file name writes the two tables beside it and no empty file of that name', async () => {
    const dir = folder();
    await perf('export', '--format', 'csv', '--out', join(dir, 'stato.csv'));
    expect(readdirSync(dir).sort()).toEqual(['stato-rilevazioni.csv', 'stato-stato.csv']);
  });

  it('refuses a full device and a path through a file in Italian, writing nothing', async () => {
    const full = await refusal('export', '--format', 'xlsx', '--out', '/dev/full');
    expect([full.code, full.message]).toEqual(['FILE_NOT_WRITTEN', 'Impossibile scrivere il file in «/dev/full»: spazio esaurito sul dispositivo. Nessun file è stato scritto.']);
    const csv = await refusal('export', '--format', 'csv', '--out', '/dev/full');
    expect(csv.message).toMatch(/^"\/dev\/full" non è né un file né una cartella: l'export CSV scrive un file per tabella/);
    expect(csv.hint).toMatch(/--out out\//);
    const dir = folder();
    writeFileSync(join(dir, 'file.txt'), 'x');
    const through = await refusal('export', '--format', 'xlsx', '--out', join(dir, 'file.txt', 'stato.xlsx'));
    expect(through.message).toMatch(/una parte del percorso non è una cartella\. Nessun file è stato scritto\.$/);
    expect(readdirSync(dir)).toEqual(['file.txt']);
  });

  it('relazione --out writes into a folder under the Relazione\'s name, creates a missing folder, refuses a full device', async () => {
    const dir = folder();
    await perf('relazione', '--year', '2012', '--out', dir);
    expect(readdirSync(dir)).toEqual(['Relazione-Performance-CCIAA-MS-2012.pdf']);
    expect(printed.at(-1)).toMatch(/Scritta in .*Relazione-Performance-CCIAA-MS-2012\.pdf$/);
    await perf('relazione', '--year', '2012', '--out', join(dir, 'manca', 'relazione.pdf'));
    expect(readFileSync(join(dir, 'manca', 'relazione.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const full = await refusal('relazione', '--year', '2012', '--out', '/dev/full');
    expect([full.code, full.message]).toEqual(['PDF_NOT_WRITTEN', 'Impossibile scrivere il PDF in «/dev/full»: spazio esaurito sul dispositivo. Nessun file è stato scritto.']);
  });

  it('plan rollover --out into a folder writes piano-<anno>.yaml there, and never overwrites it', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'piani'));
    await perf('plan', 'rollover', '--out', join(dir, 'piani'));
    expect(readdirSync(join(dir, 'piani'))).toEqual(['piano-2013.yaml']);
    // 2012's provenance (the example marks its reconstructed entries) is not carried: the header says so.
    const written = readFileSync(join(dir, 'piani', 'piano-2013.yaml'), 'utf8');
    expect(written).toContain('# Tolte fonte, ricostruito e provenienza del Piano 2012: valgono per quel documento, non per il Piano 2013; aggiungile se servono.');
    expect(written).not.toMatch(/^\s*(-\s*)?(fonte|ricostruito|provenienza):/m);
    const again = await refusal('plan', 'rollover', '--out', join(dir, 'piani'));
    expect(again.code).toBe('FILE_EXISTS');
    expect(again.message).toBe(`Il file "${join(dir, 'piani', 'piano-2013.yaml')}" esiste già: non lo sovrascrivo.`);
  });
});

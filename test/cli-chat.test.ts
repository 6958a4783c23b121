import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, runCli, runCliOk } from './support/cli.ts';
import { freshEmbeddedDir } from './support/databases.ts';

/** Inside the third quarter of 2012, the example's plan without values. */
const NOW = { PERF_NOW: '2012-09-25T10:00:00+02:00' };

/** The terminal chat itself (`perf chat`), its lines on standard input, as a person types them. */
describe('perf chat, the terminal conversation', () => {
  let db: string;
  const chat = (lines: string, as = 'g.conti') => runCli(['chat', '--as', as, '--db', db], NOW, lines);
  const history = async (indicator: number) => (JSON.parse((await runCliOk(['history', String(indicator), '--json', '--db', db], NOW)).stdout) as { rilevazioni: { value: number; channel: string; reportedBy: string }[] }).rilevazioni;

  beforeAll(async () => {
    db = await freshEmbeddedDir();
    await runCliOk(['plan', 'import', join(EXAMPLE_DIR, 'piano-2012.yaml'), '--db', db]);
  }, 120_000);

  it('previews a sentence, refuses a digit as a confirmation, stores once on «sì», and says goodbye on «esci»', async () => {
    const session = await chat('newsletter inviate: 9\n1\nsì\nesci\nreport 61 value=99\n');
    expect(session.code).toBe(0);
    expect(session.stdout).toContain('• indicatore 61 «Newsletter inviate»');
    expect(session.stdout).toContain('• sostituisce: nessun valore finora');
    expect(session.stdout).toMatch(/«1» non è una conferma/);
    expect(session.stdout).toContain('Registrato: indicatore 61');
    // Nothing after «esci» is read.
    expect((await history(61)).map((r) => [r.value, r.channel, r.reportedBy])).toEqual([[9, 'cli', 'g.conti']]);
  }, 60_000);

  it('keeps the value waiting for «sì» in the database: a new session confirms it', async () => {
    const first = await chat('newsletter inviate: 10 nel terzo trimestre\n');
    expect(first.stdout).toContain('Confermi?');
    expect((await history(61)).map((r) => r.value)).toEqual([9]);
    const second = await chat('sì\n');
    expect(second.stdout).toContain('Registrato: indicatore 61');
    expect((await history(61)).map((r) => r.value)).toEqual([9, 10]);
  }, 60_000);

  it('answers a NUL byte, an escape sequence and an unknown command in Italian and carries on', async () => {
    const session = await chat('report 12 value=5 note="a\u0000b"\nreport 12 value=5 note="\u001b[31mrosso"\nfrobnica\nstatus me\n');
    expect(session.code).toBe(0);
    expect(session.stdout).toContain('carattere nullo (NUL)');
    expect(session.stdout).toContain('sequenza di escape del terminale (ANSI)');
    expect(session.stdout).toMatch(/Non ho capito «frobnica»|comando "frobnica" sconosciuto/i);
    expect(session.stdout).toContain('Giulia Conti');
    expect(session.stderr).not.toMatch(/at .*\.(js|ts):\d+/);
    expect(await history(12)).toEqual([]);
  }, 60_000);
});

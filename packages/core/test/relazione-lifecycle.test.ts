import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '@perf/model';
import { openStore, sha256Hex, type Store } from '@perf/store';
import { adoptedCitizenSummary, COMMANDS, commandHelp, relazioneAdoption, renderText, runCommandLine, type CommandContext, type Reply } from '../src/index.ts';
import { discardDatabase, freshEmbeddedDir } from '../../../test/support/databases.ts';

const example = (name: string) => readFileSync(new URL(`../../../examples/cciaa-ms-2012/${name}`, import.meta.url), 'utf8');
const pdftotext = (pdf: Uint8Array, pages = ['-l', '1']): string => execFileSync('/usr/bin/pdftotext', [...pages, '-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, ' ');

let store: Store;
let dir: string;
const at = new Date('2013-06-27T10:00:00+02:00');
const as = (personId: string): CommandContext => ({ store, channel: 'cli', clock: () => at, identity: { kind: 'operator', personId, operatorName: 'cli' } });
const run = (line: string, person: string) => runCommandLine(line, as(person));
const refusal = async (line: string, person: string) => {
  try { await run(line, person); } catch (error) { return error as { code: string; message: string; hint?: string }; }
  throw new Error(`accepted: ${line}`);
};
const pdfOf = (reply: Reply): Uint8Array => {
  if (reply.kind !== 'relazione') throw new Error(reply.kind);
  return reply.pdf;
};

beforeAll(async () => {
  dir = await freshEmbeddedDir();
  store = await openStore(dir);
  await store.importPlan(parsePlan(example('piano-2012.yaml')), { actor: 'test', channel: 'cli', at: new Date('2012-01-10T09:00:00Z') });
});
afterAll(async () => {
  await store.close();
  discardDatabase(dir);
});

describe('commento: the cause of a gap and the corrective action', () => {
  it('is for the dirigente of the objective\'s Area and the controllo; anyone else is refused and nothing is stored', async () => {
    const before = await store.counts();
    expect((await refusal('commento 01.1 causa="x" azione="y"', 'p.rossi')).message).toBe('Paola Rossi (dirigente) non può commentare lo scostamento dell’obiettivo 01.1.');
    expect((await refusal('commento 01.1 causa="x" azione="y"', 'g.conti')).code).toBe('PERMISSION_DENIED');
    expect((await refusal('commento 01.1 causa="x" azione="y"', 'g.ferri')).code).toBe('PERMISSION_DENIED');
    expect((await refusal('commento 09.9 causa="x" azione="y"', 'f.serra')).code).toBe('OBJECTIVE_UNKNOWN');
    expect((await refusal('commento 01.1 azione="y"', 'f.serra')).message).toBe('Manca la causa dello scostamento (causa="…").');
    expect(await store.counts()).toEqual(before);
    expect(await store.relazione.comments('CCIAA-MS', 2012)).toEqual([]);
  });

  it('stores the dirigente\'s comment; the controllo\'s later one supersedes it, and the criticità table shows the latest', async () => {
    const first = await run('commento 01.1 causa="ritardo del fornitore" azione="nuova gara"', 'e.bianchi');
    expect(renderText(first)).toMatch(/^Commento registrato per l’obiettivo 01\.1 «Vigilanza sul mercato/);
    const second = await run('commento 01.1 causa="ritardo del fornitore degli strumenti" azione="gara anticipata a gennaio"', 'f.serra');
    expect(renderText(second)).toContain('Sostituisce il commento del 27/06/2013 di e.bianchi, che resta nello storico.');
    expect((await store.relazione.commentHistory('CCIAA-MS', 2012, '01.1')).map((c) => [c.writtenBy, c.causa])).toEqual([
      ['e.bianchi', 'ritardo del fornitore'], ['f.serra', 'ritardo del fornitore degli strumenti']]);
    const text = pdftotext(pdfOf(await run('relazione 2012', 'f.serra')), []);
    expect(text).toContain('Causa dello scostamento');
    expect(text).toContain('Azione correttiva');
    expect(text).toMatch(/01\.1: ritardo del fornitore degli strumenti/);
    expect(text).toMatch(/01\.1: gara anticipata a gennaio/);
    expect(text).not.toContain('nuova gara');
  });

  it('takes an optional opportunità, shown with the cause in the criticità table', async () => {
    const reply = await run('commento 01.1 causa="ritardo del fornitore" opportunità="una gara unica con le altre Camere" azione="gara anticipata"', 'f.serra');
    expect(renderText(reply)).toContain('  opportunità: una gara unica con le altre Camere');
    expect((await store.relazione.comments('CCIAA-MS', 2012)).find((c) => c.objective === '01.1')?.opportunita).toBe('una gara unica con le altre Camere');
    const text = pdftotext(pdfOf(await run('relazione 2012', 'f.serra')), []);
    expect(text).toContain('Causa e opportunità');
    expect(text).toMatch(/Opportunità: una gara unica con le altre/);
  });
});

describe('the Relazione adopted by the Giunta and validated by the OIV', () => {
  it('says BOZZA on the cover of a year not adopted, and has no public record', async () => {
    const draft = await run('relazione 2012', 'f.serra');
    expect(pdftotext(pdfOf(draft))).toContain('BOZZA – documento non ancora adottato dalla Giunta');
    expect(renderText(draft)).toMatch(/BOZZA: non ancora adottata dalla Giunta\.$/);
    // The Presentazione, signed as in the seed by the Presidente, is dated as a draft.
    expect(pdftotext(pdfOf(draft), ['-f', '3', '-l', '3'])).toContain('Bozza del 27 giugno 2013 Il Presidente (Rag. Norberto Ricci)');
    expect(await relazioneAdoption(store, 'CCIAA-MS', 2012)).toBeUndefined();
  });

  it('renders «La Relazione in sintesi» (chat: relazione 2012 sintesi) for the controllo and the OIV, as a draft before adoption', async () => {
    const summary = await run('relazione 2012 sintesi', 'g.ferri');
    if (summary.kind !== 'relazione') throw new Error(summary.kind);
    expect(summary).toMatchObject({ sintesi: true, filename: 'Relazione-in-sintesi-CCIAA-MS-2012.pdf', adopted: undefined });
    expect(summary.pages).toBeLessThanOrEqual(4);
    expect(renderText(summary)).toMatch(/^La Relazione in sintesi 2012 di Camera di Commercio di Massa Carrara: [2-4] pagine \(Relazione-in-sintesi-CCIAA-MS-2012\.pdf\), BOZZA/);
    expect(pdftotext(summary.pdf)).toContain('La Relazione in sintesi: la performance 2012');
    expect((await refusal('relazione 2012 sintesi', 'g.conti')).code).toBe('PERMISSION_DENIED');
    expect((await refusal('relazione 2012 sintesi=sì', 'f.serra')).code).toBe('COMMAND_INVALID');
  });

  it('refuses the validation before the adoption, in Italian, storing nothing', async () => {
    const before = await store.counts();
    const error = await refusal('valida 2012 documento="Documento di validazione"', 'g.ferri');
    expect(error).toMatchObject({ code: 'RELAZIONE_NOT_ADOPTED', message: "La Relazione 2012 di CCIAA-MS non è ancora stata adottata: prima l'adozione, poi la validazione." });
    expect(await store.counts()).toEqual(before);
  });

  it('lets only the controllo adopt and only the OIV validate; a refusal stores nothing', async () => {
    const before = await store.counts();
    for (const person of ['g.conti', 'p.rossi', 'g.ferri']) {
      const error = await refusal('adotta 2012 delibera="n. 45 del 27/06/2013"', person);
      expect(error.code).toBe('PERMISSION_DENIED');
      expect(error.message).toMatch(/non può registrare l’adozione della Relazione\.$/);
    }
    for (const person of ['f.serra', 'p.rossi', 'g.conti']) {
      expect((await refusal('valida 2012 documento="x"', person)).message).toMatch(/non può validare la Relazione\.$/);
    }
    expect(await store.counts()).toEqual(before);
    expect(await relazioneAdoption(store, 'CCIAA-MS', 2012)).toBeUndefined();
  });

  it('asks for the year and the delibera', async () => {
    expect((await refusal('adotta delibera="n. 45"', 'f.serra')).message).toBe("Manca l'anno della Relazione.");
    expect((await refusal('adotta 2012', 'f.serra')).message).toBe('Manca la delibera di adozione della Giunta.');
  });

  it('freezes the adopted PDF: its SHA-256 is printed, and every later render gives the same bytes', async () => {
    const adopted = await run('adotta 2012 delibera="n. 45 del 27/06/2013"', 'f.serra');
    if (adopted.kind !== 'relazione-adopted') throw new Error(adopted.kind);
    expect(adopted.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(renderText(adopted)).toContain(`SHA-256 del PDF adottato: ${adopted.sha256}`);
    const first = pdfOf(await run('relazione 2012', 'f.serra'));
    const second = pdfOf(await run('relazione 2012', 'g.ferri'));
    expect(sha256Hex(first)).toBe(adopted.sha256);
    expect(sha256Hex(second)).toBe(adopted.sha256);
    const cover = pdftotext(first);
    // 6.1 dates the cycle's documents by their recorded events: the Piano's import, the Giunta's act.
    const annex = pdftotext(first, []);
    expect(annex).toContain('CCIAA-MS 2012, registrato il 10/01/2012');
    expect(annex).toContain('27 giugno 2013 Il Presidente (Rag. Norberto Ricci)');
    expect(annex).not.toContain('Bozza del');
    expect(annex).toContain('delibera n. 45 del 27/06/2013, registrata il 27/06/2013 Presente documento, adottato dalla Giunta');
    expect(cover).not.toContain('BOZZA');
    expect(cover).toContain('Adottata dalla Giunta con delibera n. 45 del 27/06/2013');
    const summary = await run('relazione 2012 sintesi', 'f.serra');
    if (summary.kind !== 'relazione') throw new Error(summary.kind);
    expect(summary.adopted).toEqual({ delibera: 'n. 45 del 27/06/2013', sha256: sha256Hex(summary.pdf) });
    expect(pdftotext(summary.pdf)).toContain('adottata dalla Giunta con delibera n. 45 del 27/06/2013');
    expect(await relazioneAdoption(store, 'CCIAA-MS', 2012)).toMatchObject({ delibera: 'n. 45 del 27/06/2013', sha256: adopted.sha256 });
    const adoptions = (await store.auditLog({ ente: 'CCIAA-MS' })).filter((e) => e.action === 'relazione.adopt');
    expect(adoptions.map((e) => [e.actor, e.details.summarySha256])).toEqual([['f.serra', sha256Hex(summary.pdf)]]);
  });

  it('freezes «La Relazione in sintesi» with the adoption: a value stored later changes neither it nor the public download', async () => {
    const before = await run('relazione 2012 sintesi', 'g.ferri');
    if (before.kind !== 'relazione') throw new Error(before.kind);
    expect((await store.relazione.adoptedSummary('CCIAA-MS', 2012))?.sha256).toBe(sha256Hex(before.pdf));
    await run('report 12 value=2 period=2012-Q4 motivo="dato rettificato dopo l’adozione"', 'f.serra');
    const after = await run('relazione 2012 sintesi', 'f.serra');
    if (after.kind !== 'relazione') throw new Error(after.kind);
    expect(sha256Hex(after.pdf)).toBe(sha256Hex(before.pdf));
    const published = await adoptedCitizenSummary(store, 'CCIAA-MS', 2012);
    expect(published === undefined ? undefined : sha256Hex(published)).toBe(sha256Hex(before.pdf));
  });

  it('refuses a second adoption of the same year in Italian, keeping the first', async () => {
    const error = await refusal('adotta 2012 delibera="n. 50 del 30/06/2013"', 'f.serra');
    expect(error).toMatchObject({ code: 'RELAZIONE_ADOPTED', message: 'La Relazione 2012 di CCIAA-MS è già stata adottata (delibera n. 45 del 27/06/2013): non si può adottare una seconda volta.' });
    expect((await relazioneAdoption(store, 'CCIAA-MS', 2012))?.delibera).toBe('n. 45 del 27/06/2013');
  });

  it('records the OIV validation once, after the adoption', async () => {
    const validated = await run('valida 2012 documento="Documento di validazione del 10/07/2013"', 'g.ferri');
    expect(renderText(validated)).toMatch(/^Relazione sulla Performance 2012 di .+ \(delibera n\. 45 del 27\/06\/2013\) validata dall’OIV con Documento di validazione del 10\/07\/2013, registrata il 27\/06\/2013 alle 10:00 da g\.ferri\.$/);
    expect((await refusal('valida 2012 documento="di nuovo"', 'g.ferri')).code).toBe('RELAZIONE_VALIDATED');
  });

  it('declares both commands in the one table, with their help from the declaration', () => {
    const adotta = COMMANDS.find((c) => c.name === 'relazione adotta');
    const valida = COMMANDS.find((c) => c.name === 'relazione valida');
    expect(adotta?.roles).toEqual(['controllo']);
    expect(valida?.roles).toEqual(['oiv']);
    if (adotta === undefined) throw new Error('missing');
    expect(commandHelp(adotta, 'cli')).toMatch(/^Uso: pnpm perf relazione adotta \[<anno>\] --delibera "<delibera>" \[--json\]/);
  });
});

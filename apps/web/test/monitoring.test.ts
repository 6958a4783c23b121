import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandLine } from '@perf/core';
import { sha256Hex, type Store } from '@perf/store';
import { pdfText } from '../../../test/support/pdf-text.ts';
import { exampleStore, pageText, webHarness } from './support.ts';

let store: Store;
let dir: string;
let web: ReturnType<typeof webHarness>;
beforeAll(async () => {
  ({ store, dir } = await exampleStore());
  web = webHarness(store);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});


describe('monitoring, register and downloads', () => {
  it('shows the controllo the current period, the closed periods and the comparison (none without the other year)', async () => {
    const cookie = await web.signIn('f.serra');
    const response = await web.get('/ente/2012/controllo', cookie);
    expect(response.status).toBe(200);
    const words = pageText(await response.text());
    expect(words).toContain('Valori mancanti: quarto trimestre 2012');
    expect(words).toContain('Tutti gli indicatori hanno un valore per il quarto trimestre 2012.');
    expect(words).toContain('Nessun periodo del 2012 è chiuso.');
    expect(words).toContain('Nessun Piano 2011 nel database');
  });

  it('gives the OIV the register, filtered by indicator, person, channel and late values', async () => {
    const cookie = await web.signIn('g.ferri');
    const all = pageText(await (await web.get('/ente/2012/registro', cookie)).text());
    const total = Number(/Rilevazioni: (\d+) righe/.exec(all)?.[1]);
    expect(total).toBeGreaterThan(50);
    const one = pageText(await (await web.get('/ente/2012/registro?indicatore=1', cookie)).text());
    expect(one).toContain('Rilevazioni: 2 righe');
    const byPerson = pageText(await (await web.get('/ente/2012/registro?persona=g.conti&canale=cli', cookie)).text());
    const count = Number(/Rilevazioni: (\d+) righe/.exec(byPerson)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(total);
    expect(pageText(await (await web.get('/ente/2012/registro?fuori=1', cookie)).text())).toContain('Rilevazioni: 0 righe');
    const bad = await web.get('/ente/2012/registro?indicatore=abc', cookie);
    expect(bad.status).toBe(400);
    expect(pageText(await bad.text())).toContain('"abc" non è il numero di un indicatore.');
  });

  it('refuses staff the monitoring, the register and the downloads (403)', async () => {
    const cookie = await web.signIn('m.verdi');
    for (const path of ['/ente/2012/controllo', '/ente/2012/registro', '/ente/2012/relazione.pdf', '/ente/2012/stato.xlsx']) {
      expect((await web.get(path, cookie)).status, path).toBe(403);
    }
  });

  it('downloads the XLSX export for a dirigente and the Relazione PDF for the OIV', async () => {
    const xlsx = await web.get('/ente/2012/stato.xlsx', await web.signIn('p.rossi'));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toContain('Stato-CCIAA-MS-2012.xlsx');
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const pdf = await web.get('/ente/2012/relazione.pdf', await web.signIn('g.ferri'));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const summary = await web.get('/ente/2012/sintesi.pdf', await web.signIn('g.ferri'));
    expect(summary.headers.get('content-disposition')).toContain('Relazione-in-sintesi-CCIAA-MS-2012.pdf');
    expect((await pdfText(new Uint8Array(await summary.arrayBuffer()))).flat).toContain('BOZZA');
    expect((await web.get('/ente/2012/sintesi.pdf', await web.signIn('p.rossi'))).status).toBe(403);
  });

  it('has no public page before the Relazione is adopted (404), and writes nothing on any page', async () => {
    const before = await store.counts();
    expect((await web.get('/trasparenza/CCIAA-MS/2012')).status).toBe(404);
    const cookie = await web.signIn('f.serra');
    const afterSignIn = await store.counts();
    for (const path of ['/ente/2012', '/ente/2012/obiettivo/01', '/ente/2012/indicatore/1', '/ente/2012/controllo', '/ente/2012/registro']) await web.get(path, cookie);
    expect(await store.counts()).toEqual(afterSignIn);
    // Signing in wrote only the link's audit row (web.link); rilevazioni, plans and documents are untouched.
    expect(afterSignIn).toEqual({ ...before, audit_log: before.audit_log + 1 });
  });
});

// After the tests above, which expect no adoption: this one adopts the example's 2012.
describe('the public page of Amministrazione trasparente', () => {
  it('is 404 before the adoption, then shows the act, the results and links the adopted PDF, served from the frozen bytes', async () => {
    expect((await web.get('/trasparenza/CCIAA-MS/2012')).status).toBe(404);
    expect((await web.get('/trasparenza/CCIAA-MS/2012/relazione.pdf')).status).toBe(404);
    expect((await web.get('/trasparenza/CCIAA-MS/2012/sintesi.pdf')).status).toBe(404);
    const adopted = await runCommandLine('adotta 2012 delibera="n. 45 del 27/06/2013"', {
      store, channel: 'cli', clock: () => new Date('2013-06-27T10:00:00+02:00'), identity: { kind: 'operator', personId: 'f.serra', operatorName: 'cli' },
    });
    if (adopted.kind !== 'relazione-adopted') throw new Error(adopted.kind);
    const response = await web.get('/trasparenza/CCIAA-MS/2012');
    expect(response.status).toBe(200);
    const body = await response.text();
    const words = pageText(body);
    expect(words).toContain('Relazione sulla Performance 2012 adottata dalla Giunta con delibera n. 45 del 27/06/2013 (registrata il 27 giugno 2013)');
    expect(words).toContain('94%');
    expect(body).toContain('href="/trasparenza/CCIAA-MS/2012/relazione.pdf"');
    const pdf = await web.get('/trasparenza/CCIAA-MS/2012/relazione.pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(sha256Hex(new Uint8Array(await pdf.arrayBuffer()))).toBe(adopted.sha256);
    expect(body).toContain('href="/trasparenza/CCIAA-MS/2012/sintesi.pdf"');
    const summary = await web.get('/trasparenza/CCIAA-MS/2012/sintesi.pdf');
    expect(summary.status).toBe(200);
    const summaryText = (await pdfText(new Uint8Array(await summary.arrayBuffer()))).flat;
    expect(summaryText).toContain('adottata dalla Giunta con delibera n. 45 del 27/06/2013');
    expect(summaryText).not.toContain('BOZZA');
    expect((await web.get('/trasparenza/CCIAA-MS/2011')).status).toBe(404);
  });
});

describe('the objective page', () => {
  it('shows the latest cause and corrective action given for the objective and its operational objectives', async () => {
    // One sign-in for the whole test: the sign-in endpoint is rate limited.
    const oiv = await web.signIn('g.ferri');
    const before = pageText(await (await web.get('/ente/2012/obiettivo/12', oiv)).text());
    expect(before).not.toContain('Causa dello scostamento e azione correttiva');
    await runCommandLine('commento 12.1 causa="corsi rinviati per il blocco delle assunzioni" azione="piano formativo anticipato a febbraio"', {
      store, channel: 'cli', clock: () => new Date('2013-02-10T10:00:00+01:00'), identity: { kind: 'operator', personId: 'f.serra', operatorName: 'cli' },
    });
    const words = pageText(await (await web.get('/ente/2012/obiettivo/12', oiv)).text());
    expect(words).toContain('Causa dello scostamento e azione correttiva');
    expect(words).toContain('corsi rinviati per il blocco delle assunzioni');
    expect(words).toContain('piano formativo anticipato a febbraio');
    expect(words).toContain('f.serra, 10 febbraio 2013');
    // Another objective's page does not show it.
    expect(pageText(await (await web.get('/ente/2012/obiettivo/01', oiv)).text())).not.toContain('corsi rinviati');
  });
});

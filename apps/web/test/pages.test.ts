import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@perf/store';
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


describe('the pages, as §5 lets each person see them', () => {
  it('shows the controllo the ente cruscotto: 94%, 15 / 2 / 1, each strategic objective a link, the charts inline', async () => {
    const cookie = await web.signIn('f.serra');
    const home = await web.get('/', cookie);
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/ente/2012');
    const response = await web.get('/ente/2012', cookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    const words = pageText(html);
    expect(words).toContain('Livello di performance complessivo di ente: 94% · raggiunto');
    expect(words).toContain('15 raggiunti / 2 parzialmente raggiunti / 1 non raggiunti (18 con grado)');
    expect(words).toMatch(/Con target raggiunto \(90%-100%\) 15 83%/);
    expect(html.match(/<a href="\/ente\/2012\/obiettivo\/\d\d">/g)).toHaveLength(18);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('<th scope="col"');
    expect(html).not.toContain('<script');
  });

  it('shows an objective with its operational objectives, indicators (target, value, grade) and a chart of each history', async () => {
    const cookie = await web.signIn('g.ferri');
    const html = await (await web.get('/ente/2012/obiettivo/04', cookie)).text();
    const words = pageText(html);
    expect(words).toContain('Obiettivo 04');
    expect(html).toContain('href="/ente/2012/obiettivo/04.1"');
    const operational = await (await web.get('/ente/2012/obiettivo/04.1', cookie)).text();
    expect(pageText(operational)).toMatch(/12\. Adesioni al bando per la partecipazione a CarraraMarmotec ≥ 30 n\. 31 n\. IV trimestre 2012 100% · raggiunto/);
    expect(operational).toContain('Indicatore 12: valore per periodo e target');
  });

  it('drills down to an indicator: every rilevazione with who, when and channel', async () => {
    const cookie = await web.signIn('f.serra');
    const response = await web.get('/ente/2012/indicatore/1', cookie);
    expect(response.status).toBe(200);
    const words = pageText(await response.text());
    expect(words).toContain('Storico dei valori');
    expect(words).toMatch(/II trimestre 2012 4% m\.verdi/);
    expect(words).toMatch(/IV trimestre 2012 3% m\.verdi/);
  });

  it('gives staff their own indicators, missing first, and refuses the ente, other Areas, others\' objectives and indicators (403)', async () => {
    const cookie = await web.signIn('m.verdi');
    const home = await web.get('/', cookie);
    expect(home.headers.get('location')).toBe('/ente/2012/miei');
    const mine = await web.get('/ente/2012/miei', cookie);
    expect(mine.status).toBe(200);
    expect(pageText(await mine.text())).toContain('1. Irregolarità rilevate sulle verifiche effettuate');
    expect((await web.get('/ente/2012', cookie)).headers.get('location')).toBe('/ente/2012/miei');
    expect((await web.get('/ente/2012/area/AGP', cookie)).status).toBe(200);
    for (const path of ['/ente/2012/area/AAS', '/ente/2012/area/ISR', '/ente/2012/obiettivo/04', '/ente/2012/indicatore/12']) {
      const refused = await web.get(path, cookie);
      expect(refused.status, path).toBe(403);
      expect(pageText(await refused.text())).toContain('Marco Verdi (personale) non può');
    }
    expect((await web.get('/ente/2012/indicatore/1', cookie)).status).toBe(200);
  });

  it('gives a dirigente the cruscotto of an Area', async () => {
    const cookie = await web.signIn('p.rossi');
    const response = await web.get('/ente/2012/area/AAC', cookie);
    expect(response.status).toBe(200);
    const words = pageText(await response.text());
    expect(words).toContain('Cruscotto di area: Area Amministrativa, Contabile, Pianificazione e Controllo di gestione');
    expect(words).toContain('Dirigente: Paola Rossi');
  });

  it('answers 404 for what does not exist', async () => {
    const cookie = await web.signIn('f.serra');
    for (const path of ['/ente/2030', '/ente/2012/obiettivo/99', '/ente/2012/indicatore/9999', '/ente/2012/area/XYZ', '/nulla']) {
      expect((await web.get(path, cookie)).status, path).toBe(404);
    }
  });
});

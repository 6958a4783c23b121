import { describe, expect, it } from 'vitest';
import { preparePlanRollover, type CommandContext } from '@perf/core';
import { pageText, START, useExampleStore, webHarness } from './support.ts';

// The 2013 plan made from 2012's by `perf plan rollover`, with no values yet.
const exampleStoreOf = useExampleStore(async (store) => {
  const context: CommandContext = { store, channel: 'cli', clock: () => new Date(START), identity: { kind: 'operator', operatorName: 'controllo:test' } };
  const rolled = await preparePlanRollover({ from: 2012, to: 2013 }, context);
  await store.importPlan(rolled.plan, { actor: 'controllo:test', channel: 'cli', at: new Date(START) });
});

describe('the controllo\'s year comparison (perf status --compare as a table)', () => {
  it('compares 2013 with 2012 by default: the ente and each strategic objective, with column headers; nothing due before 2013 begins', async () => {
    const web = webHarness(exampleStoreOf());
    const html = await (await web.get('/ente/2013/controllo', await web.signIn('f.serra'))).text();
    const words = pageText(html);
    expect(words).toContain('Valori mancanti Il Piano 2013 non è ancora iniziato: nessun valore è ancora dovuto.');
    expect(words).toContain('Obiettivi strategici: 2013 a confronto con 2012');
    expect(html).toMatch(/<th scope="col"[^>]*>2013<\/th>\s*<th scope="col"[^>]*>2012<\/th>/);
    expect(words).toContain('Livello complessivo di ente non rilevato 94% · raggiunto');
    expect(words).toMatch(/01\. Potenziare gli interventi [^%]* non rilevato 98% · raggiunto/);
  });

  it('compares 2012 with the year asked (?confronta=2013), and refuses staff the page (403)', async () => {
    const web = webHarness(exampleStoreOf());
    const words = pageText(await (await web.get('/ente/2012/controllo?confronta=2013', await web.signIn('f.serra'))).text());
    expect(words).toContain('Obiettivi strategici: 2012 a confronto con 2013');
    expect((await web.get('/ente/2013/controllo', await web.signIn('g.conti'))).status).toBe(403);
  });
});

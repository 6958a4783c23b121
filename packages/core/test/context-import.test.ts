import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan, type Plan } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { COMMANDS, CONTESTO, relazioneSource, renderText, type CommandContext } from '../src/index.ts';
import { freshEmbeddedDir } from '../../../test/support/databases.ts';

const example = (name: string) => readFileSync(new URL(`../../../examples/cciaa-ms-2012/${name}`, import.meta.url), 'utf8');
const PLAN: Plan = parsePlan(example('piano-2012.yaml'));
const NOW = new Date('2013-02-14T10:00:00+01:00');
const file = (name: string, text: string) => ({ name, content: new TextEncoder().encode(text) });

/** `context import` through the core's command table, as every channel calls it: stored per ente and year, read back by the Relazione. */
describe('context import', () => {
  let store: Store;
  const context = (person: string): CommandContext => ({ store, channel: 'cli', clock: () => NOW, identity: { kind: 'operator', personId: person, operatorName: 'test' } });
  const command = (name: string) => {
    const found = COMMANDS.find((c) => c.name === name);
    if (!found) throw new Error(`${name} missing from the table`);
    return found;
  };

  beforeAll(async () => {
    store = await openStore(await freshEmbeddedDir());
    await store.importPlan(PLAN, { actor: 'test', channel: 'cli', at: new Date('2012-01-27T12:00:00+01:00') });
  });
  afterAll(async () => {
    await store.close();
  });

  it('is in the table, for the controllo only, on the CLI', () => {
    const c = command('context import');
    expect(c.reach).toBe('cli');
    expect(c.roles).toEqual(['controllo']);
    expect(c.summary).toMatch(/contesto/);
  });

  it('before the gender data: stores the document, replies in Italian, warns about the misprinted Fondo total', async () => {
    const reply = await command('context import').run({ files: [file('contesto-2012.yaml', example('contesto-2012.yaml'))] }, context('f.serra'));
    const text = renderText(reply);
    expect(text).toContain('Contesto CCIAA-MS 2012 importato da contesto-2012.yaml.');
    expect(text).toContain('Avviso: Fondo perequativo, «Progetti Camera 2009-2010»: il totale dei costi riconosciuti stampato è «€ 195.00,00», la somma dei progetti è € 195.500,00.');
    // Without the gender data there is no count per category to check the staff tables against.
    expect(text).not.toContain('totale del personale');
    const stored = (await store.getDocument(CONTESTO, 'CCIAA-MS', 2012)) as { utenti: { righe: { utenti: number }[] } };
    expect(stored.utenti.righe.map((r) => r.utenti)).toEqual([22605, 15, 199445]);
  });

  it('after the gender data: also warns that the age table counts 42 where the category table counts 44', async () => {
    await command('gender import').run({ files: [file('genere-2012.yaml', example('genere-2012.yaml'))] }, context('f.serra'));
    const text = renderText(await command('context import').run({ files: [file('contesto-2012.yaml', example('contesto-2012.yaml'))] }, context('f.serra')));
    expect(text).toContain("Avviso: 2012, totale del personale: 42 nella tabella «Composizione del Personale a Tempo Indeterminato per classi d'età», 44 nella tabella «Composizione del Personale (31.12) per categoria (cap. 1.2)».");
  });

  it('feeds the Relazione: relazioneSource carries the document and its warnings', async () => {
    const source = await relazioneSource(store, PLAN, NOW);
    expect(source.contesto?.data.fotovoltaico).toEqual({ energia_consumata: 21345.5, energia_prodotta_venduta: 7319.68, copertura_stampata: 34 });
    expect(source.contesto?.warnings).toHaveLength(2);
  });

  it('refuses a dirigente, storing nothing', async () => {
    const before = await store.snapshot();
    const error = await command('context import').run({ files: [file('contesto-2012.yaml', example('contesto-2012.yaml'))] }, context('p.rossi')).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(String((error as Error).message)).toMatch(/importare i dati di contesto/);
    expect(await store.snapshot()).toBe(before);
  });

  it('refuses an invalid file naming it and the field, in Italian', async () => {
    const error = await command('context import').run({ files: [file('rotto.yaml', 'year: 2012\nfotovoltaico: { energia_consumata: -1, energia_prodotta_venduta: 2 }\n')] }, context('f.serra')).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONTESTO_INVALID', message: 'Il file del contesto "rotto.yaml" non è valido (1 errore).' });
    expect((error as { details: string[] }).details).toEqual(['fotovoltaico.energia_consumata: atteso un importo in euro non negativo (≥ 0)']);
  });
});

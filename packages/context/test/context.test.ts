import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PerfError } from '@perf/model';
import { caught } from '../../../test/support/perf-error.ts';
import { contextWarnings, fundTotals, hasReconstructed, matchesPrinted, parseContesto, readPrintedAmount, staffTotals, validateContesto, type ContestoInput } from '../src/index.ts';

const exampleText = readFileSync(new URL('../../../examples/cciaa-ms-2012/contesto-2012.yaml', import.meta.url), 'utf8');
const seed = () => parseContesto(exampleText, 'contesto-2012.yaml');

const invalid = (input: unknown): PerfError => caught(() => validateContesto(input, 'prova.yaml'));

describe('the example contesto-2012.yaml', () => {
  it('parses, with the seed figures where they belong', () => {
    const c = seed();
    expect(c.ente?.code).toBe('CCIAA-MS');
    expect(c.year).toBe(2012);
    expect(c.contesto_esterno?.input_macroeconomico?.variabili.find((v) => v.variabile === 'PIL 2012')?.valore).toBe(-2.4);
    expect(c.contesto_esterno?.prospettive?.map((p) => p.prospettiva)).toEqual(['Imprese, Territorio e Consumatori', 'Processi Interni', 'Innovazione e Crescita', 'Economico-Finanziaria']);
    expect(c.utenti?.righe.map((r) => [r.tipologia, r.utenti])).toEqual([['Imprese', 22605], ['Associazioni di categoria', 15], ['Consumatori/Cittadini', 199445]]);
    expect(c.partner_territoriali).toHaveLength(8);
    expect(c.fondo_perequativo?.gruppi).toHaveLength(7);
    expect(c.portafoglio_servizi?.righe.find((r) => r.unita === 'euro')?.anni).toEqual({ 2010: 1747128, 2011: 1439961, 2012: 1832062 });
  });

  it('adds up the staff tables to the printed totals 48 / 46 / 42', () => {
    const c = seed();
    for (const table of [c.personale_per_eta, c.personale_per_anzianita, c.personale_per_contratto]) {
      expect(table && [...staffTotals(table)]).toEqual([[2010, 48], [2011, 46], [2012, 42]]);
    }
  });

  it('computes the Fondo perequativo totals and flags the misprinted 195.00,00', () => {
    const [camera, , , mise] = seed().fondo_perequativo?.gruppi ?? [];
    const totals = camera ? fundTotals(camera) : [];
    expect(totals.map((t) => [t.computed, t.wrong])).toEqual([[195500, true], [203504.05, false], [136850, false]]);
    // No printed total in group D: computed only, never wrong.
    expect((mise ? fundTotals(mise) : []).map((t) => [Math.round((t.computed ?? 0) * 100) / 100, t.wrong])).toEqual([[233488.83, false], [168460.98, false], [124476.58, false]]);
  });

  it('warns (does not fail) where the seed disagrees with itself', () => {
    const warnings = contextWarnings(seed(), { title: 'Personale per categoria', totals: new Map([[2010, 48], [2011, 46], [2012, 44]]) });
    expect(warnings).toEqual([
      "2012, totale del personale: 42 nella tabella «Composizione del Personale a Tempo Indeterminato per classi d'età», 44 nella tabella «Personale per categoria».",
      'Fondo perequativo, «Progetti Camera 2009-2010»: il totale dei costi riconosciuti stampato è «€ 195.00,00», la somma dei progetti è € 195.500,00.',
    ]);
  });

  it('knows it holds reconstructed figures (contract table, Fondo perequativo, users)', () => {
    expect(hasReconstructed(seed())).toBe(true);
    expect(hasReconstructed(validateContesto({ year: 2012, fotovoltaico: { energia_consumata: 10, energia_prodotta_venduta: 5 } }))).toBe(false);
  });
});

describe('printed figures', () => {
  it('reads an Italian amount and refuses a misprinted one', () => {
    expect(readPrintedAmount('€ 195.500,00')).toBe(195500);
    expect(readPrintedAmount('24092,72')).toBe(24092.72);
    expect(readPrintedAmount('€ 195.00,00')).toBeNull();
    expect(readPrintedAmount(12.5)).toBe(12.5);
  });

  it('compares a printed percentage to the decimals it is printed with', () => {
    expect(matchesPrinted(4, 3.73)).toBe(true);
    expect(matchesPrinted(4.37, 4.372)).toBe(true);
    expect(matchesPrinted(34, (7319.68 / 21345.5) * 100)).toBe(true);
    expect(matchesPrinted(15, 12.03)).toBe(false);
  });

  it('warns about a printed incidence and a staff total that do not match', () => {
    const input: ContestoInput = {
      year: 2012,
      contesto_esterno: { internazionalizzazione: { righe: [{ anno: 2012, risorse: 128000, totale: 1832061.6, incidenza_stampata: 7.5 }] } },
      personale_per_eta: { righe: [{ classe: '20-29', anni: { 2012: 3 } }, { classe: '30-39', anni: { 2012: 4 } }], totale: { 2012: 8 } },
    };
    expect(contextWarnings(validateContesto(input))).toEqual([
      "2012, tabella «Personale a tempo indeterminato per classi d'età»: il totale riportato è 8, la somma delle righe è 7.",
      '2012, internazionalizzazione: incidenza stampata 7,5%, calcolata 6,99%.',
    ]);
  });
});

describe('bad documents, in Italian and naming the field', () => {
  it('refuses a negative count and an amount given as text', () => {
    const error = invalid({ year: 2012, utenti: { servizi: ['Regolazione'], righe: [{ tipologia: 'Imprese', utenti: -3 }] }, fotovoltaico: { energia_consumata: '21.345,50', energia_prodotta_venduta: 1 } });
    expect(error.code).toBe('CONTESTO_INVALID');
    expect(error.message).toBe('Il file del contesto "prova.yaml" non è valido (2 errori).');
    const details = (error.details ?? []).join('\n');
    expect(details).toMatch(/utenti\.righe\[0\]\.utenti: atteso un numero intero non negativo \(≥ 0\)/);
    expect(details).toMatch(/fotovoltaico\.energia_consumata: /);
  });

  it('refuses an unknown key, a fractional head count, a bad year key and a wrong ricostruito', () => {
    const details = (invalid({
      year: 2012,
      personale_per_eta: { righe: [{ classe: '20-29', anni: { 2012: 1.5 } }, { classe: '30-39', anni: { '12': 2 } }] },
      partner_territoriali: [{ iniziativa: 'X', periodo: '2012', partner: 'Y', ricostruito: 'sì' }],
      colore: 'blu',
    }).details ?? []).join('\n');
    expect(details).toMatch(/colore: chiave non prevista/);
    expect(details).toMatch(/personale_per_eta\.righe\[0\]\.anni\.2012: atteso un numero intero/);
    expect(details).toMatch(/chiave non valida: atteso un anno di quattro cifre/);
    expect(details).toMatch(/partner_territoriali\[0\]\.ricostruito: valore non ammesso il testo "sì": ammessi true/);
  });

  it('refuses rows of a staff table with different years, a repeated class and a service not listed', () => {
    const details = invalid({
      year: 2012,
      personale_per_anzianita: { righe: [{ classe: '0-5', anni: { 2011: 1, 2012: 2 } }, { classe: '0-5', anni: { 2012: 2 } }] },
      utenti: { servizi: ['Regolazione'], righe: [{ tipologia: 'Imprese', utenti: 3, servizi: ['Vigilanza'] }] },
    }).details;
    expect(details).toEqual([
      'personale_per_anzianita.righe[1].anni: anni diversi dalla prima riga (2012 invece di 2011, 2012)',
      'personale_per_anzianita.righe[1]: classe "0-5" ripetuta',
      'utenti.righe[0].servizi: "Vigilanza" non è tra i servizi elencati in utenti.servizi',
    ]);
  });

  it('requires the year, and gives the expected form as a hint', () => {
    const error = invalid({ ente: { code: 'CCIAA-MS' } });
    expect((error.details ?? []).join('\n')).toMatch(/^year: /);
    expect(error.hint).toMatch(/Forma attesa/);
  });
});

describe('hostile YAML', () => {
  it('refuses a billion laughs quickly, naming the file', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`), 'year: 2012'].join('\n');
    const started = Date.now();
    const error = caught(() => parseContesto(bomb, 'bomba.yaml'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.code).toBe('CONTESTO_INVALID');
    expect((error.details ?? []).join('\n')).toMatch(/Il file "bomba\.yaml" contiene troppi alias YAML/);
  });

  it('treats a __proto__ key as an unknown key, not as the prototype', () => {
    const error = caught(() => parseContesto('year: 2012\n__proto__: { polluted: true }\n', 'proto.yaml'));
    expect((error.details ?? []).join('\n')).toMatch(/__proto__: chiave non prevista/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a YAML syntax error as an invalid file, in Italian', () => {
    const error = caught(() => parseContesto('year: [2012\n', 'rotto.yaml'));
    expect(error.code).toBe('CONTESTO_INVALID');
    expect(error.details?.length).toBe(1);
  });
});

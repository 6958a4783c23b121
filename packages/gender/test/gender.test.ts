import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caught } from '../../../test/support/perf-error.ts';
import { computeGender, formatGenderText, parseGenere, validateGenere, type GenderReport, type GenereInput } from '../src/index.ts';

const EXAMPLE = new URL('../../../examples/cciaa-ms-2012/genere-2012.yaml', import.meta.url);
const exampleText = readFileSync(EXAMPLE, 'utf8');
const seed = (): GenderReport => computeGender(parseGenere(exampleText, 'genere-2012.yaml'));
const compute = (input: GenereInput): GenderReport => computeGender(validateGenere(input, 'prova.yaml'));

/** Two years, two categories: totals and shares are easy to check by hand. */
function small(): GenereInput {
  return {
    year: 2021,
    personale_per_categoria: {
      righe: [
        { categoria: 'C', anni: { 2020: { donne: 3, uomini: 1 }, 2021: { donne: 4, uomini: 1 } } },
        { categoria: 'D', anni: { 2020: { donne: 1, uomini: 1 }, 2021: { donne: 0, uomini: 0 } } },
      ],
    },
  };
}

describe('staff by category and gender', () => {
  it('computes totals, women share per row and year-on-year change', () => {
    const t = compute(small()).staffByCategory;
    expect(t?.years).toEqual([2020, 2021]);
    expect(t?.title).toBe('Personale per categoria e genere');
    const c = t?.rows[0];
    expect(c?.cells).toEqual([
      { year: 2020, women: 3, men: 1, total: 4, womenShare: 0.75 },
      { year: 2021, women: 4, men: 1, total: 5, womenShare: 0.8 },
    ]);
    expect(c?.changes).toHaveLength(1);
    expect(c?.changes[0]).toMatchObject({ from: 2020, to: 2021, women: 1, men: 0, total: 1 });
    expect(c?.changes[0]?.womenShare).toBeCloseTo(0.05, 12);
    const d = t?.rows[1];
    expect(d?.cells[1]).toEqual({ year: 2021, women: 0, men: 0, total: 0, womenShare: null });
    expect(d?.changes[0]?.womenShare).toBeNull();
    expect(t?.total.cells).toEqual([
      { year: 2020, women: 4, men: 2, total: 6, womenShare: 4 / 6 },
      { year: 2021, women: 4, men: 1, total: 5, womenShare: 0.8 },
    ]);
    expect(t?.total.changes[0]).toMatchObject({ women: 0, men: -1, total: -1 });
  });

  it('reproduces the seed table: totals 48 / 46 / 43, women 58,3% / 63,0% / 60,5%', () => {
    const t = seed().staffByCategory;
    expect(t?.years).toEqual([2010, 2011, 2012]);
    expect(t?.total.cells.map((c) => [c.women, c.men, c.total])).toEqual([[28, 20, 48], [29, 17, 46], [26, 17, 43]]);
    expect(t?.total.cells.map((c) => Math.round((c.womenShare ?? 0) * 1000) / 10)).toEqual([58.3, 63, 60.5]);
    expect(t?.rows.find((r) => r.label === 'D')?.cells[2]).toEqual({ year: 2012, women: 6, men: 4, total: 10, womenShare: 0.6 });
    expect(t?.total.changes.map((c) => c.total)).toEqual([-2, -3]);
  });
});

describe('staff by education and gender', () => {
  it('reproduces the seed table: totals 48 / 46 / 42', () => {
    const t = seed().staffByEducation;
    expect(t?.rowHeading).toBe('Titolo di studio');
    expect(t?.rows.map((r) => r.label)).toEqual(["Scuola dell'obbligo", 'Diploma', 'Laurea']);
    expect(t?.total.cells.map((c) => [c.women, c.men, c.total])).toEqual([[28, 20, 48], [27, 19, 46], [24, 18, 42]]);
    expect(t?.rows[2]?.changes.map((c) => c.total)).toEqual([-1, -3]);
  });
});

describe('cross-table checks', () => {
  const warnings = seed().warnings;

  it('2012 category D: 11 in the staff table, 10 (6 + 4) in the gender table', () => {
    const w = warnings.find((x) => x.startsWith('2012, categoria D'));
    expect(w).toBeDefined();
    expect(w).toContain('11 persone');
    expect(w).toContain('10 (6 donne + 4 uomini)');
    expect(w).toContain('«Composizione del Personale (31.12) per categoria (cap. 1.2)»');
    expect(w).toContain('«Composizione del Personale in Ruolo (31.12) per categoria e genere (cap. 4)»');
  });

  it('2012 totals: 44 against 43', () => {
    const w = warnings.find((x) => x.startsWith('2012, totale del personale'));
    expect(w).toContain('44 persone');
    expect(w).toContain('43 (26 donne + 17 uomini)');
    expect(w).toContain('cap. 1.2');
    expect(w).toContain('cap. 4');
  });

  it('gender split of the category and education tables in 2011 and 2012', () => {
    expect(warnings).toContain(
      '2011, personale per genere: 46 (29 donne + 17 uomini) nella tabella «Composizione del Personale in Ruolo (31.12) per categoria e genere (cap. 4)», 46 (27 donne + 19 uomini) nella tabella «Composizione del Personale a Tempo Indeterminato per titolo di studio e genere (cap. 4)».',
    );
    expect(warnings.some((w) => w.startsWith('2012, personale per genere') && w.includes('43 (26 donne + 17 uomini)') && w.includes('42 (24 donne + 18 uomini)'))).toBe(true);
  });

  it('no other staff warnings: 2010 and 2011 agree category by category, printed totals match', () => {
    const staff = warnings.filter((w) => /^\d{4}, /.test(w));
    expect(staff).toHaveLength(4);
    expect(warnings.some((w) => w.startsWith('2010'))).toBe(false);
    expect(warnings.some((w) => w.includes('totale riportato'))).toBe(false);
  });

  it('printed totals that disagree with the rows', () => {
    const input = small();
    if (input.personale_per_categoria) input.personale_per_categoria.totale = { 2021: { donne: 5, uomini: 1 } };
    const w = compute(input).warnings;
    expect(w).toEqual(['2021, tabella «Personale per categoria e genere»: il totale riportato è 6 (5 donne + 1 uomini), la somma delle righe è 5 (4 donne + 1 uomini).']);
  });

  it('a category present in one table only, and labels compared without case', () => {
    const input = small();
    input.personale_totale_per_categoria = {
      righe: [
        { categoria: 'c', anni: { 2020: 4, 2021: 5 } },
        { categoria: 'B', anni: { 2020: 2, 2021: 0 } },
      ],
      totale: { 2020: 6, 2021: 6 },
    };
    const w = compute(input).warnings;
    expect(w).toContain('2021, tabella «Personale per categoria»: il totale riportato è 6, la somma delle righe è 5.');
    expect(w).toContain('2020, categoria B: 2 persone nella tabella «Personale per categoria», categoria assente nella tabella «Personale per categoria e genere».');
    expect(w).toContain('2020, categoria D: 2 (1 donne + 1 uomini) nella tabella «Personale per categoria e genere», categoria assente nella tabella «Personale per categoria».');
    expect(w.some((x) => x.includes('categoria c') || x.includes('categoria C'))).toBe(false);
    expect(w.filter((x) => x.includes('totale del personale'))).toEqual([]);
  });

  it('totals table against the education table when the category gender table is missing', () => {
    const w = compute({
      year: 2012,
      personale_totale_per_categoria: { righe: [{ categoria: 'C', anni: { 2012: 3 } }] },
      personale_per_titolo_di_studio: { righe: [{ titolo_di_studio: 'Laurea', anni: { 2012: { donne: 1, uomini: 1 } } }] },
    }).warnings;
    expect(w).toEqual(['2012, totale del personale: 3 persone nella tabella «Personale per categoria», 2 (1 donne + 1 uomini) nella tabella «Personale per titolo di studio e genere».']);
  });
});

describe('women-led enterprises by ATECO section', () => {
  it('reproduces the seed shares to one decimal and the total 5.558', () => {
    const e = seed().womenEnterprises;
    expect(e?.total).toBe(5558);
    expect(e?.sectors).toHaveLength(20);
    const printed: Record<string, number> = { A: 8.7, B: 0.3, C: 7.9, D: 0.1, E: 0.1, F: 5.2, G: 34.8, H: 1.3, I: 13.0, J: 1.6, K: 1.7, L: 4.1, M: 1.9, N: 3.6, O: 0.0, P: 0.4, Q: 0.8, R: 2.1, S: 7.4, X: 5.1 };
    for (const s of e?.sectors ?? []) expect(Math.round((s.share ?? 0) * 1000) / 10, s.section).toBe(printed[s.section]);
    expect(seed().warnings.some((w) => w.includes('Imprese femminili'))).toBe(false);
  });

  it('warns when the printed total differs from the sum', () => {
    const w = compute({ year: 2012, imprese_femminili: { anno: 2012, territorio: 'Lucca', settori: [{ sezione: 'A', descrizione: 'Agricoltura', registrate: 10 }], totale: 12 } }).warnings;
    expect(w).toEqual(['Tabella «Imprese femminili per settore economico, Lucca, anno 2012»: il totale riportato è 12, la somma dei settori è 10.']);
  });
});

describe('province comparison', () => {
  const input: GenereInput = {
    year: 2012,
    imprese_femminili: { anno: 2012, territorio: 'Massa-Carrara', settori: [{ sezione: 'G', descrizione: 'Commercio', registrate: 100 }] },
    imprese_femminili_per_provincia: {
      anno: 2012,
      province: [
        { provincia: 'LUCCA', imprese_femminili: 50, imprese_registrate: 200 },
        { provincia: 'MASSA CARRARA', imprese_femminili: 90, imprese_registrate: 400 },
        { provincia: 'PRATO', imprese_femminili: 0, imprese_registrate: 0 },
      ],
    },
  };

  it('computes each share, the region total and marks the ente province', () => {
    const r = compute(input);
    expect(r.provinces?.region).toBe('Toscana');
    expect(r.provinces?.rows.map((p) => [p.province, p.share, p.isEnte])).toEqual([['LUCCA', 0.25, false], ['MASSA CARRARA', 0.225, true], ['PRATO', null, false]]);
    expect(r.provinces?.regionTotal).toEqual({ women: 140, registered: 600, share: 140 / 600 });
    expect(r.warnings).toContain('Tabella «Incidenza delle imprese femminili per provincia, anno 2012»: la provincia PRATO ha zero imprese registrate; incidenza non calcolabile.');
    expect(r.warnings).toContain('2012, MASSA CARRARA: 90 imprese femminili nella tabella «Incidenza delle imprese femminili per provincia, anno 2012», 100 nella tabella «Imprese femminili per settore economico, Massa-Carrara, anno 2012».');
    const text = formatGenderText(r);
    expect(text).toMatch(/MASSA CARRARA \*\s+90\s+400\s+22,5%/);
    expect(text).toMatch(/Totale Toscana\s+140\s+600\s+23,3%/);
  });

  it('rejects more women-led enterprises than registered ones', () => {
    const bad: GenereInput = { year: 2012, imprese_femminili_per_provincia: { anno: 2012, province: [{ provincia: 'SIENA', imprese_femminili: 5, imprese_registrate: 4 }] } };
    const e = caught(() => validateGenere(bad, 'p.yaml'));
    expect(e.details).toEqual(['imprese_femminili_per_provincia.province[0]: le imprese femminili (5) superano le imprese registrate (4)']);
  });
});

describe('gender budget', () => {
  it('shares of each class, items without amount listed but not summed', () => {
    const r = compute({
      year: 2012,
      bilancio_di_genere: {
        anno: 2012,
        voci: [
          { voce: 'Premio', classe: 'diretto', importo: 250 },
          { voce: 'Corso', classe: 'diretto' },
          { voce: 'Formazione', classe: 'sensibile', importo: 500 },
          { voce: 'Sede', classe: 'neutro', importo: 250 },
        ],
      },
    });
    const b = r.genderBudget;
    expect(b?.total).toBe(1000);
    expect(b?.classes.map((c) => [c.class, c.items, c.amount, c.share])).toEqual([['diretto', 2, 250, 0.25], ['sensibile', 1, 500, 0.5], ['neutro', 1, 250, 0.25]]);
    expect(b?.items[1]).toEqual({ item: 'Corso', class: 'diretto', amount: null, share: null });
    expect(r.warnings).toEqual(['Tabella «Bilancio di genere 2012»: la voce "Corso" non ha importo; è elencata ma esclusa dai totali e dalle quote.']);
  });

  it('seed: the Premio Donna e Imprenditoria is € 2.500, diretto', () => {
    const b = seed().genderBudget;
    expect(b?.items[0]).toMatchObject({ item: 'Premio Donna e Imprenditoria', class: 'diretto', amount: 2500 });
    expect(b?.classes.reduce((a, c) => a + (c.share ?? 0), 0)).toBeCloseTo(1, 12);
  });

  it('no amount at all: shares null and a warning', () => {
    const r = compute({ year: 2012, bilancio_di_genere: { anno: 2012, voci: [{ voce: 'Corso', classe: 'diretto' }] } });
    expect(r.genderBudget?.classes.every((c) => c.share === null)).toBe(true);
    expect(r.warnings.some((w) => w.includes('nessun importo'))).toBe(true);
  });
});

describe('formatGenderText', () => {
  const text = formatGenderText(seed());

  it('prints the tables with Italian number forms', () => {
    expect(text).toContain('Dimensione di genere — Camera di Commercio di Massa Carrara — anno 2012');
    expect(text).toMatch(/Totale\s+28\s+20\s+48\s+58,3%\s+29\s+17\s+46\s+63,0%\s+26\s+17\s+43\s+60,5%/);
    expect(text).toMatch(/D\s+14\s+12\s+11\s+-2\s+-1/);
    expect(text).toMatch(/Totale\s+\+1\s+-3\s+-2\s+\+4,7 p\.p\.\s+-3\s+0\s+-3\s+-2,6 p\.p\./);
    expect(text).toMatch(/G\s+Commercio all'ingrosso.*\s+1\.934\s+34,8%/);
    expect(text).toMatch(/Totale Massa-Carrara\s+5\.558\s+100,0%/);
    expect(text).toMatch(/Premio Donna e Imprenditoria\s+diretto\s+€ 2\.500,00/);
    expect(text).not.toMatch(/NaN|undefined|null/);
  });

  it('ends with the warnings', () => {
    const tail = text.slice(text.indexOf('Avvertenze:'));
    expect(tail).toContain('- 2012, categoria D: 11 persone');
    expect(tail).toContain('- 2012, totale del personale: 44 persone');
  });

  it('says when there is nothing to warn about', () => {
    expect(formatGenderText(compute(small()))).toContain('Avvertenze: nessuna.');
  });
});

describe('malformed gender files throw PerfError naming the field path', () => {
  it('unknown key', () => {
    const e = caught(() => parseGenere(exampleText.replace('personale_per_titolo_di_studio:', 'personale_per_titolo:'), 'g.yaml'));
    expect(e.code).toBe('GENERE_INVALID');
    expect(e.message).toContain('"g.yaml"');
    expect(e.details).toEqual(["personale_per_titolo: chiave non prevista (controlla l'ortografia)"]);
  });

  it('negative and text counts', () => {
    const e = caught(() => parseGenere(exampleText.replace('2012: { donne: 6, uomini: 4 }', '2012: { donne: -6, uomini: "quattro" }'), 'g.yaml'));
    expect(e.details).toEqual([
      'personale_per_categoria.righe[2].anni.2012.donne: atteso un numero intero non negativo (≥ 0)',
      'personale_per_categoria.righe[2].anni.2012.uomini: atteso un numero, trovato il testo "quattro"',
    ]);
  });

  it('a row missing a year, a repeated category, a bad ATECO section, a bad class', () => {
    const e = caught(() => validateGenere({
      year: 2012,
      personale_per_categoria: {
        righe: [
          { categoria: 'C', anni: { 2011: { donne: 1, uomini: 1 }, 2012: { donne: 1, uomini: 1 } } },
          { categoria: 'c', anni: { 2012: { donne: 1, uomini: 1 } } },
        ],
      },
    }, 'g.yaml'));
    expect(e.details).toEqual([
      "personale_per_categoria.righe[1].anni: manca l'anno 2011 (presente nella prima riga)",
      'personale_per_categoria.righe[1]: categoria "c" ripetuta',
    ]);
    const e2 = caught(() => validateGenere({
      year: 2012,
      imprese_femminili: { anno: 2012, territorio: 'X', settori: [{ sezione: 'Z', descrizione: 'x', registrate: 1 }] },
      bilancio_di_genere: { anno: 2012, voci: [{ voce: 'v', classe: 'indiretto', importo: 1 }] },
    }, 'g.yaml'));
    expect(e2.details[0]).toMatch(/^imprese_femminili\.settori\[0\]\.sezione: attesa una sezione ATECO/);
    expect(e2.details[1]).toBe('bilancio_di_genere.voci[0].classe: valore non ammesso il testo "indiretto": ammessi "diretto", "sensibile", "neutro"');
  });

  it('a year key that is not a year', () => {
    const e = caught(() => validateGenere({ year: 2012, personale_totale_per_categoria: { righe: [{ categoria: 'C', anni: { duemila: 3 } }] } }, 'g.yaml'));
    expect(e.details.join('\n')).toContain('personale_totale_per_categoria.righe[0].anni');
    expect(e.details.join('\n')).toContain('personale_totale_per_categoria.righe[0].anni.duemila: chiave non valida: atteso un anno di quattro cifre (es. 2012)');
  });

  it('YAML syntax error', () => {
    const e = caught(() => parseGenere('year: 2012\npersonale_per_categoria: [\n', 'rotto.yaml'));
    expect(e.code).toBe('GENERE_INVALID');
    expect(e.message).toContain('"rotto.yaml"');
    expect(e.details.join('\n')).toMatch(/riga \d+/);
  });

  it('missing year', () => {
    const e = caught(() => parseGenere('personale_per_categoria: { righe: [] }\n', 'g.yaml'));
    expect(e.details).toContain('year: campo obbligatorio mancante (atteso un numero)');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caught } from '../../../test/support/perf-error.ts';
import {
  INDEX_DEFINITIONS,
  INDEX_KEYS,
  compareFinance,
  computeFinance,
  formatFinanceText,
  formatIndexChange,
  formatIndexValue,
  parseBilancio,
  validateBilancio,
  type BilancioInput,
  type FinanceReport,
} from '../src/index.ts';

/** A small bilancio whose indices are easy to compute by hand. */
function handMade(): BilancioInput {
  return {
    year: 2020,
    stato_patrimoniale: {
      immobilizzazioni: 1000,
      patrimonio_netto: 1000,
      passivo_fisso: 250,
      attivo_circolante: 500,
      passivo_circolante: 250,
      passivo_totale: 1500,
    },
    proventi_correnti: { diritto_annuale: 600, diritti_segreteria: 200, gestione_beni_servizi: 50, contributi: 100, altri_proventi: 40, variazione_rimanenze: 10 },
    oneri_correnti: { personale: 300, interventi_economici: 250, funzionamento: 150, quote_associative: 50, automazione_servizi: 50, ammortamenti_accantonamenti: 200 },
    promozione: { contributi_progetti_promozionali: 100, proventi_promozionali: 25 },
    diritto_annuale: { dovuto: 900, riscosso_spontaneo: 720 },
    dipendenti: 10,
    imprese_attive: 5000,
  };
}

const compute = (input: BilancioInput): FinanceReport => computeFinance(validateBilancio(input, 'prova.yaml'));
const example = (year: number) => new URL(`../../../examples/cciaa-ms-2012/bilancio-${year}.yaml`, import.meta.url);
const loadExample = (year: number): FinanceReport => computeFinance(parseBilancio(readFileSync(example(year), 'utf8'), `bilancio-${year}.yaml`));
const round = (value: number | null, decimals: number) => (value === null ? null : Math.round(value * 10 ** decimals) / 10 ** decimals);

describe('computeFinance: each formula of §9 on a hand-made bilancio', () => {
  const report = compute(handMade());

  it('computes the patrimonial indices', () => {
    expect(report.indices.struttura).toBeCloseTo((1000 + 250) / 1000, 12);
    expect(report.indices.tesoreria).toBeCloseTo(500 / 250, 12);
    expect(report.indices.strutturaFinanziariaBreve).toBeCloseTo((500 - 250) / 250, 12);
    expect(report.indices.soliditaFinanziaria).toBeCloseTo(1000 / 1500, 12);
  });

  it('computes the economic indices on PC = 1000 and OC = 1000', () => {
    expect(report.totals).toEqual({ proventiCorrenti: 1000, oneriCorrenti: 1000 });
    expect(report.indices.rigidita).toBeCloseTo((1000 - 250) / 1000, 12);
    expect(report.indices.equilibrioEconomico).toBeCloseTo((100 * 300) / 1000 + (1000 * 10) / 5000, 12);
    expect(report.indices.equilibrioEconomico).toBeCloseTo(32, 12);
    expect(report.indices.risorseUmane).toBeCloseTo(0.3, 12);
    expect(report.indices.attrazioneRisorseEsterne).toBeCloseTo((100 + 25) / 250, 12);
    expect(report.indices.riscossioneDirittoAnnuale).toBeCloseTo(720 / 900, 12);
  });

  it('gives the composition of proventi and oneri as fractions of PC and OC', () => {
    expect(report.proventi).toEqual({ diritto_annuale: 0.6, diritti_segreteria: 0.2, gestione_beni_servizi: 0.05, contributi: 0.1, altri_proventi: 0.04, variazione_rimanenze: 0.01 });
    expect(report.oneri).toEqual({ personale: 0.3, interventi_economici: 0.25, funzionamento: 0.15, quote_associative: 0.05, automazione_servizi: 0.05, ammortamenti_accantonamenti: 0.2 });
    expect(report.warnings).toEqual([]);
  });

  it('returns the §9 JSON keys in order, nine indices, and no benchmark when the file has none', () => {
    expect(Object.keys(report)).toEqual(['year', 'indices', 'proventi', 'oneri', 'warnings', 'totals']);
    expect(Object.keys(report.indices)).toEqual([...INDEX_KEYS]);
    expect(report.year).toBe(2020);
  });

  it('accepts a negative variazione_rimanenze, which lowers PC', () => {
    const input = handMade();
    input.proventi_correnti.variazione_rimanenze = -10;
    const r = compute(input);
    expect(r.totals.proventiCorrenti).toBe(980);
    expect(r.indices.rigidita).toBeCloseTo(750 / 980, 12);
    expect(r.proventi.variazione_rimanenze).toBeCloseTo(-10 / 980, 12);
  });

  it('warns when the liabilities exceed passivo_totale or riscossioni exceed the dovuto', () => {
    const input = handMade();
    input.stato_patrimoniale.passivo_totale = 1400;
    input.diritto_annuale.riscosso_spontaneo = 1000;
    const r = compute(input);
    expect(r.warnings.some((w) => w.includes('passivo_totale') && w.includes('1.500,00') && w.includes('1.400,00'))).toBe(true);
    expect(r.warnings.some((w) => w.includes('Diritto annuale') && w.includes('1.000,00') && w.includes('900,00'))).toBe(true);
  });
});

describe('the seed example files reproduce the published figures', () => {
  const r2011 = loadExample(2011);
  const r2012 = loadExample(2012);

  it('2012: 1,62 · 3,35 · 2,35 · 77% · 87% · 33,20 · 28% · 34% · 73%', () => {
    const i = r2012.indices;
    expect(round(i.struttura, 2)).toBe(1.62);
    expect(round(i.tesoreria, 2)).toBe(3.35);
    expect(round(i.strutturaFinanziariaBreve, 2)).toBe(2.35);
    expect(round(i.soliditaFinanziaria, 2)).toBe(0.77);
    expect(round(i.rigidita, 2)).toBe(0.87);
    expect(round(i.equilibrioEconomico, 2)).toBe(33.2);
    expect(round(i.risorseUmane, 2)).toBe(0.28);
    expect(round(i.attrazioneRisorseEsterne, 2)).toBe(0.34);
    expect(round(i.riscossioneDirittoAnnuale, 2)).toBe(0.73);
    expect(r2012.warnings).toEqual([]);
  });

  it('2011: 1,73 · 5,64 · 4,64 · 77%', () => {
    const i = r2011.indices;
    expect(round(i.struttura, 2)).toBe(1.73);
    expect(round(i.tesoreria, 2)).toBe(5.64);
    expect(round(i.strutturaFinanziariaBreve, 2)).toBe(4.64);
    expect(round(i.soliditaFinanziaria, 2)).toBe(0.77);
    expect(r2011.warnings).toEqual([]);
  });

  it('shows the indices in the seed form', () => {
    const shown = INDEX_DEFINITIONS.map((d) => formatIndexValue(d.key, r2012.indices[d.key]));
    expect(shown).toEqual(['1,62', '3,35', '2,35', '77%', '87%', '33,20', '28%', '34%', '73%']);
    expect(['struttura', 'tesoreria', 'strutturaFinanziariaBreve', 'soliditaFinanziaria'].map((k) => formatIndexValue(k as 'struttura', r2011.indices[k as 'struttura']))).toEqual(['1,73', '5,64', '4,64', '77%']);
  });

  it('reproduces the published composition of proventi (2011 / 2012)', () => {
    const published = {
      diritto_annuale: [70.63, 71.35],
      diritti_segreteria: [14.21, 13.42],
      gestione_beni_servizi: [2.58, 2.37],
      contributi: [11.24, 7.97],
      altri_proventi: [1.16, 4.84],
      variazione_rimanenze: [0.18, 0.05],
    } as const;
    for (const [field, [y2011, y2012]] of Object.entries(published)) {
      expect(round(100 * (r2011.proventi[field as keyof typeof published] ?? NaN), 2), `2011 ${field}`).toBe(y2011);
      expect(round(100 * (r2012.proventi[field as keyof typeof published] ?? NaN), 2), `2012 ${field}`).toBe(y2012);
    }
  });

  it('reproduces the published composition of oneri (2011 / 2012)', () => {
    const published = {
      personale: [29.68, 27.71],
      interventi_economici: [19.84, 22.85],
      funzionamento: [14.22, 13.4],
      quote_associative: [6.79, 6.08],
      automazione_servizi: [2.14, 2.17],
      ammortamenti_accantonamenti: [27.33, 27.79],
    } as const;
    for (const [field, [y2011, y2012]] of Object.entries(published)) {
      expect(round(100 * (r2011.oneri[field as keyof typeof published] ?? NaN), 2), `2011 ${field}`).toBe(y2011);
      expect(round(100 * (r2012.oneri[field as keyof typeof published] ?? NaN), 2), `2012 ${field}`).toBe(y2012);
    }
  });

  it('uses the seed amounts it has: interventi economici 2012, 44 dipendenti, 22.605 imprese', () => {
    const b = parseBilancio(readFileSync(example(2012), 'utf8'), 'bilancio-2012.yaml');
    expect(b.oneri_correnti.interventi_economici).toBe(1832061.6);
    expect(b.dipendenti).toBe(44);
    expect(b.imprese_attive).toBe(22605);
    expect(b.ente).toEqual({ code: 'CCIAA-MS', name: 'Camera di Commercio di Massa Carrara' });
  });

  it('carries the Media Toscana 2011 benchmark on the right keys', () => {
    expect(r2012.benchmark).toEqual({
      label: 'Media Toscana 2011',
      indices: { rigidita: 0.72, equilibrioEconomico: 29.34, risorseUmane: 0.27, attrazioneRisorseEsterne: 0.33, riscossioneDirittoAnnuale: 0.78 },
    });
    expect(r2011.benchmark).toBeUndefined();
  });

  it('prints a readable Italian table of both years with the benchmark column', () => {
    const text = formatFinanceText([r2012, r2011]);
    expect(text).toMatch(/Indice di struttura\s+1,73\s+1,62\s+-0,11/);
    expect(text).toMatch(/Solidità finanziaria\s+77%\s+77%\s+0 p\.p\./);
    expect(text).toMatch(/Indice di rigidità\s+85%\s+87%\s+\+2 p\.p\.\s+72%/);
    expect(text).toMatch(/Equilibrio economico riproporzionato\s+33,49\s+33,20\s+-0,29\s+29,34/);
    expect(text).toContain('Media Toscana 2011');
    expect(text).toMatch(/Diritto annuale\s+70,63%\s+71,35%\s+\+0,72 p\.p\./);
    expect(text).toMatch(/Personale\s+29,68%\s+27,71%/);
    expect(text).toContain('€ 7.108.718,00');
    expect(text).toContain('€ 8.017.775,60');
    expect(text).toContain('Avvertenze: nessuna.');
    expect(text).not.toMatch(/NaN|Infinity|undefined|null/);
  });
});

describe('zero denominators give null and an Italian warning, never Infinity', () => {
  const cases: [string, (b: BilancioInput) => void, string[], string][] = [
    ['immobilizzazioni', (b) => { b.stato_patrimoniale.immobilizzazioni = 0; }, ['struttura'], 'stato_patrimoniale.immobilizzazioni'],
    ['passivo_circolante', (b) => { b.stato_patrimoniale.passivo_circolante = 0; }, ['tesoreria', 'strutturaFinanziariaBreve'], 'stato_patrimoniale.passivo_circolante'],
    ['passivo_totale', (b) => { b.stato_patrimoniale.passivo_totale = 0; }, ['soliditaFinanziaria'], 'stato_patrimoniale.passivo_totale'],
    ['imprese_attive', (b) => { b.imprese_attive = 0; }, ['equilibrioEconomico'], 'imprese_attive'],
    ['interventi_economici', (b) => { b.oneri_correnti.interventi_economici = 0; }, ['attrazioneRisorseEsterne'], 'oneri_correnti.interventi_economici'],
    ['dovuto', (b) => { b.diritto_annuale.dovuto = 0; b.diritto_annuale.riscosso_spontaneo = 0; }, ['riscossioneDirittoAnnuale'], 'diritto_annuale.dovuto'],
  ];
  for (const [name, mutate, nullKeys, field] of cases) {
    it(`${name} = 0`, () => {
      const input = handMade();
      mutate(input);
      const r = compute(input);
      for (const key of INDEX_KEYS) {
        if (nullKeys.includes(key)) expect(r.indices[key], key).toBeNull();
        else expect(Number.isFinite(r.indices[key]), key).toBe(true);
      }
      for (const key of nullKeys) {
        const label = INDEX_DEFINITIONS.find((d) => d.key === key)?.label ?? '';
        expect(r.warnings.some((w) => w.includes(label) && w.includes(field) && w.includes('pari a zero')), `${key}: ${r.warnings.join(' | ')}`).toBe(true);
      }
      expect(JSON.stringify(r)).not.toMatch(/Infinity|NaN/);
    });
  }

  it('PC = 0: rigidità, equilibrio and every proventi share are null, with warnings', () => {
    const input = handMade();
    input.proventi_correnti = { diritto_annuale: 0, diritti_segreteria: 0, gestione_beni_servizi: 0, contributi: 0, altri_proventi: 0, variazione_rimanenze: 0 };
    const r = compute(input);
    expect(r.indices.rigidita).toBeNull();
    expect(r.indices.equilibrioEconomico).toBeNull();
    expect(r.indices.risorseUmane).toBeCloseTo(0.3, 12);
    expect(Object.values(r.proventi).every((v) => v === null)).toBe(true);
    expect(r.warnings.filter((w) => w.includes('proventi correnti') && w.includes('pari a zero'))).toHaveLength(3);
    expect(r.warnings.some((w) => w.startsWith('Indice di rigidità'))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith('Composizione dei proventi'))).toBe(true);
  });

  it('PC negative (only variazione_rimanenze): null and a warning saying it is negative', () => {
    const input = handMade();
    input.proventi_correnti = { diritto_annuale: 0, diritti_segreteria: 0, gestione_beni_servizi: 0, contributi: 0, altri_proventi: 0, variazione_rimanenze: -5 };
    const r = compute(input);
    expect(r.indices.rigidita).toBeNull();
    expect(r.warnings.some((w) => w.includes('negativo (-5,00)'))).toBe(true);
  });

  it('OC = 0: risorse umane and every oneri share are null', () => {
    const input = handMade();
    input.oneri_correnti = { personale: 0, interventi_economici: 0, funzionamento: 0, quote_associative: 0, automazione_servizi: 0, ammortamenti_accantonamenti: 0 };
    const r = compute(input);
    expect(r.indices.risorseUmane).toBeNull();
    expect(Object.values(r.oneri).every((v) => v === null)).toBe(true);
    expect(r.warnings.some((w) => w.includes('Indice "risorse umane"') && w.includes('oneri correnti'))).toBe(true);
    expect(formatFinanceText([r])).toContain('n.d.');
  });

  it('PC = 0 and imprese_attive = 0 together: one warning naming both', () => {
    const input = handMade();
    input.proventi_correnti = { diritto_annuale: 0, diritti_segreteria: 0, gestione_beni_servizi: 0, contributi: 0, altri_proventi: 0, variazione_rimanenze: 0 };
    input.imprese_attive = 0;
    const w = compute(input).warnings.find((x) => x.startsWith('Equilibrio economico'));
    expect(w).toContain('proventi_correnti');
    expect(w).toContain('imprese_attive');
  });
});

describe('malformed bilancio files throw PerfError naming the field path', () => {
  const good = readFileSync(example(2012), 'utf8');

  it('unknown key', () => {
    const e = caught(() => parseBilancio(good.replace('  immobilizzazioni: 14053260', '  immobilizazioni: 14053260'), 'b.yaml'));
    expect(e.code).toBe('BILANCIO_INVALID');
    expect(e.message).toContain('"b.yaml"');
    expect(e.details).toContain('stato_patrimoniale.immobilizazioni: chiave non prevista (controlla l\'ortografia)');
    expect(e.details.some((d) => d.startsWith('stato_patrimoniale.immobilizzazioni: campo obbligatorio mancante'))).toBe(true);
    expect(e.hint).toContain('stato_patrimoniale: { immobilizzazioni');
  });

  it('unknown top-level key and unknown benchmark index', () => {
    const e = caught(() => parseBilancio(`${good.replace('    rigidita: 0.72', '    rigidezza: 0.72')}\nnote: x\n`, 'b.yaml'));
    expect(e.details).toContain('note: chiave non prevista (controlla l\'ortografia)');
    expect(e.details).toContain('benchmark.indices.rigidezza: chiave non prevista (controlla l\'ortografia)');
  });

  it('negative amount', () => {
    const e = caught(() => parseBilancio(good.replace('  personale: 2221725', '  personale: -2221725'), 'b.yaml'));
    expect(e.code).toBe('BILANCIO_INVALID');
    expect(e.details).toEqual(['oneri_correnti.personale: atteso un importo in euro non negativo (≥ 0)']);
  });

  it('text instead of a number', () => {
    const e = caught(() => parseBilancio(good.replace('  immobilizzazioni: 14053260', '  immobilizzazioni: abc'), 'b.yaml'));
    expect(e.details).toEqual(['stato_patrimoniale.immobilizzazioni: atteso un numero, trovato il testo "abc"']);
  });

  it('non-integer or negative dipendenti and imprese_attive', () => {
    const e = caught(() => parseBilancio(good.replace('dipendenti: 44', 'dipendenti: 44.5').replace('imprese_attive: 22605', 'imprese_attive: -1'), 'b.yaml'));
    expect(e.details).toHaveLength(2);
    expect(e.details[0]).toMatch(/^dipendenti: /);
    expect(e.details[1]).toMatch(/^imprese_attive: atteso un numero intero non negativo/);
  });

  it('YAML syntax error names the file and the line', () => {
    const e = caught(() => parseBilancio('year: 2012\nstato_patrimoniale: { immobilizzazioni: 1\n', 'rotto.yaml'));
    expect(e.code).toBe('BILANCIO_INVALID');
    expect(e.message).toContain('"rotto.yaml"');
    expect(e.details.join('\n')).toMatch(/riga \d+/);
  });

  it('empty file', () => {
    const e = caught(() => parseBilancio('', 'vuoto.yaml'));
    expect(e.details).toEqual(['(radice del file): atteso una sezione con chiavi, trovato un valore vuoto']);
  });

  it('lists every bad field at once', () => {
    const e = caught(() => parseBilancio('year: 2012\n', 'b.yaml'));
    expect(e.details.length).toBe(7);
    expect(e.message).toContain('7 errori');
  });
});

describe('compareFinance', () => {
  it('gives values per year and the change, sorted by year', () => {
    const a = handMade();
    const b = handMade();
    b.year = 2021;
    b.stato_patrimoniale.immobilizzazioni = 500;
    b.diritto_annuale.dovuto = 0;
    b.diritto_annuale.riscosso_spontaneo = 0;
    const c = compareFinance([compute(b), compute(a)]);
    expect(c.years).toEqual([2020, 2021]);
    const struttura = c.indices.find((r) => r.key === 'struttura');
    expect(struttura?.values).toEqual([{ year: 2020, value: 1.25 }, { year: 2021, value: 2.5 }]);
    expect(struttura?.changes).toEqual([{ from: 2020, to: 2021, change: 1.25 }]);
    expect(c.indices.find((r) => r.key === 'riscossioneDirittoAnnuale')?.changes).toEqual([{ from: 2020, to: 2021, change: null }]);
    expect(c.proventi.find((r) => r.key === 'diritto_annuale')?.changes[0]?.change).toBe(0);
    expect(c.indices.map((r) => r.key)).toEqual([...INDEX_KEYS]);
  });

  it('rejects two reports of the same year', () => {
    const e = caught(() => compareFinance([compute(handMade()), compute(handMade())]));
    expect(e.code).toBe('FINANCE_DUPLICATE_YEAR');
    expect(e.message).toContain('2020');
  });

  it('seed: 2011 → 2012 changes', () => {
    const c = compareFinance([loadExample(2011), loadExample(2012)]);
    expect(round(c.indices.find((r) => r.key === 'struttura')?.changes[0]?.change ?? null, 2)).toBe(-0.11);
    expect(c.benchmarks.map((b) => [b.label, b.year])).toEqual([['Media Toscana 2011', 2012]]);
  });
});

describe('INDEX_DEFINITIONS and number forms', () => {
  it('lists the nine indices of §9 in order with Italian labels and the seed display', () => {
    expect(INDEX_DEFINITIONS.map((d) => [d.key, d.label, d.display])).toEqual([
      ['struttura', 'Indice di struttura', 'ratio'],
      ['tesoreria', 'Indice di tesoreria', 'ratio'],
      ['strutturaFinanziariaBreve', 'Indice di struttura finanziaria a breve', 'ratio'],
      ['soliditaFinanziaria', 'Solidità finanziaria', 'percent'],
      ['rigidita', 'Indice di rigidità', 'percent'],
      ['equilibrioEconomico', 'Equilibrio economico riproporzionato', 'number'],
      ['risorseUmane', 'Indice "risorse umane"', 'percent'],
      ['attrazioneRisorseEsterne', 'Capacità di attrazione risorse esterne', 'percent'],
      ['riscossioneDirittoAnnuale', 'Riscossione del diritto annuale', 'percent'],
    ]);
  });

  it('formats values and changes', () => {
    expect(formatIndexValue('struttura', 1.6199)).toBe('1,62');
    expect(formatIndexValue('soliditaFinanziaria', 0.7701)).toBe('77%');
    expect(formatIndexValue('equilibrioEconomico', 33.2)).toBe('33,20');
    expect(formatIndexValue('rigidita', null)).toBe('n.d.');
    expect(formatIndexChange('struttura', -0.11)).toBe('-0,11');
    expect(formatIndexChange('rigidita', 0.02)).toBe('+2 p.p.');
    expect(formatIndexChange('rigidita', -0.0001)).toBe('0 p.p.');
    expect(formatIndexChange('tesoreria', null)).toBe('n.d.');
  });

  it('prints the warnings after the tables', () => {
    const input = handMade();
    input.imprese_attive = 0;
    const text = formatFinanceText([compute(input)]);
    expect(text).toContain("Indici economico-finanziari dell'anno 2020");
    expect(text).toMatch(/Avvertenze:\n- Equilibrio economico riproporzionato \(equilibrioEconomico\) non calcolabile: il campo imprese_attive è pari a zero\./);
    expect(formatFinanceText([])).toBe('Nessun bilancio da mostrare.');
  });
});

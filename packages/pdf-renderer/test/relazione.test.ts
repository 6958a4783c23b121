import { computeStatus } from '@perf/scoring';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHAPTER_2 } from '../src/chapters/albero.ts';
import { CHAPTER_6 } from '../src/chapters/allegati.ts';
import { CHAPTER_3 } from '../src/chapters/economico.ts';
import { CHAPTER_4 } from '../src/chapters/genere.ts';
import { CHAPTER_5 } from '../src/chapters/processo.ts';
import { CHAPTER_1 } from '../src/chapters/sintesi.ts';
import { renderRelazione, type RelazioneData } from '../src/index.ts';
import { pdfText } from '../../../test/support/pdf-text.ts';

type Extracted = Awaited<ReturnType<typeof pdfText>>;
import { exampleAvailable, largeData, loadExample, smallData, smallDataWithPreviousYear } from './fixtures.ts';

const CHAPTERS = [CHAPTER_1, CHAPTER_2, CHAPTER_3, CHAPTER_4, CHAPTER_5, CHAPTER_6];
const SECTIONS = [
  '1.1 Il contesto esterno',
  '1.3 Il Piano della Performance in sintesi',
  '2.1 La Vision e le linee di indirizzo',
  '2.2 Gli obiettivi strategici',
  '2.3 Il Cascading: dagli obiettivi strategici agli obiettivi e piani operativi',
  '2.4 Gli obiettivi individuali',
  '5.1 Fasi, soggetti, tempi e responsabilità del processo di redazione',
  '5.2 I punti di forza e debolezza del processo',
  '6.1 I documenti del Ciclo di Gestione della Performance',
  '6.2 La Performance Organizzativa ed Individuale in dettaglio',
  '6.3 Valori registrati dopo la chiusura del periodo',
];

interface Rendered {
  readonly pdf: Uint8Array;
  readonly pages: number;
  readonly text: Extracted;
  readonly steps: string[];
  readonly ms: number;
}

async function render(data: RelazioneData): Promise<Rendered> {
  const steps: string[] = [];
  const start = performance.now();
  const { pdf, pages } = await renderRelazione(data, { onProgress: (step) => steps.push(step) });
  const ms = performance.now() - start;
  return { pdf, pages, text: await pdfText(pdf), steps, ms };
}

/** Asserts that the extracted text contains each string, naming only the missing one on failure. */
function expectText(text: Extracted, ...expected: string[]): void {
  for (const part of expected) expect(text.flat.includes(part), `text should contain «${part}»`).toBe(true);
}

function expectNoText(text: Extracted, ...unexpected: string[]): void {
  for (const part of unexpected) expect(text.flat.includes(part), `text should not contain «${part}»`).toBe(false);
}

function expectPattern(text: Extracted, pattern: RegExp): void {
  expect(pattern.test(text.flat), `text should match ${pattern}`).toBe(true);
}

/** The flat text of a section, from its heading (after the table of contents) to the next one. */
function sectionText(text: Extracted, heading: string, next: string): string {
  const start = text.flat.lastIndexOf(heading);
  return text.flat.slice(start, text.flat.indexOf(next, start));
}

/** The 1-based page where a heading first appears, searching from the 1-based page `from` (after the table of contents). */
function pageOf(text: Extracted, heading: string, from = 3): number {
  return text.pages.findIndex((page, i) => i + 1 >= from && page.replace(/\s+/g, ' ').includes(heading)) + 1;
}

/** The page number the table of contents (its text) gives for an entry. */
function tocNumber(toc: string, label: string): number {
  const listed = new RegExp(`${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (\\d+)`).exec(toc);
  expect(listed, `TOC entry ${label}`).not.toBeNull();
  return Number(listed?.[1]);
}

function expectDocumentStructure(rendered: Rendered): void {
  const { text, pages } = rendered;
  expect(text.pages).toHaveLength(pages);
  expectText(text, 'Presentazione', 'Indice', ...CHAPTERS, ...SECTIONS);
  // Running header and page numbers on every page but the cover.
  expect(text.pages[0]).not.toMatch(/Pagina \d+ di/);
  text.pages.slice(1).forEach((page, i) => expect(page).toContain(`Pagina ${i + 2} di ${pages}`));
  // The table of contents gives the page each chapter starts on.
  const toc = text.pages[1]?.replace(/\s+/g, ' ') ?? '';
  for (const chapter of CHAPTERS) expect(tocNumber(toc, chapter), chapter).toBe(pageOf(text, chapter));
  expect(rendered.steps.filter((s) => s.startsWith('Capitolo '))).toEqual(CHAPTERS.map((c) => c.replace(/^(\d+)\. /, 'Capitolo $1: ')));
}

describe.skipIf(!exampleAvailable())('Relazione 2012 of the example (CCIAA di Massa Carrara)', () => {
  let data: RelazioneData;
  let rendered: Rendered;
  beforeAll(async () => {
    data = loadExample();
    rendered = await render(data);
  }, 60_000);

  it('is a real PDF with the seed’s index, TOC page numbers, running header and page numbers', () => {
    expect(new TextDecoder().decode(rendered.pdf.slice(0, 8))).toBe('%PDF-1.7');
    expect(rendered.pages).toBeGreaterThan(25);
    expectDocumentStructure(rendered);
  });

  it('lists every strategic objective with id and title', () => {
    expectText(rendered.text, ...data.plan.strategic_objectives.map((o) => `${o.id}. ${o.title}`));
  });

  it('shows the band summary and the ente’s overall level like the seed', () => {
    expectText(rendered.text,
      'Con target raggiunto (90%-100%) 15 83%',
      'Con target parzialmente raggiunto (80%-89%) 2 11%',
      'Con target non raggiunto (0-79%) 1 6%',
      'Totale 18',
      'Livello di performance complessivo di Ente: 94%');
  });

  it('writes amounts, percentages and indices in Italian form', () => {
    expectText(rendered.text, '€ 44.982,00', '€ 1.210.155,00', '€ 1.779.066,00', '€ 1.832.061,60', '70,63%', '71,35%', '27,71%', '22,85%', 'Media Toscana 2011');
    expectPattern(rendered.text, /Indice di struttura .*? 1,73 1,62/);
    expectPattern(rendered.text, /Equilibrio economico riproporzionato .*? 33,20 29,34/);
    expectPattern(rendered.text, /Riscossione del diritto annuale .*? 73% 78%/);
  });

  it('renders the gender tables with totals and women’s shares', () => {
    expectText(rendered.text, 'Totale 28 20 58,3% 29 17 63,0% 26 17 60,5%', 'Massa-Carrara 5.558 100,0%', 'Controlli incrociati tra le tabelle');
  });

  it('keeps accents, € and typographic quotes readable in the extracted text', () => {
    expectText(rendered.text, 'attività', 'perché', 'economicità', 'qualità', 'L’Albero', '«non rilevato»', '€');
    expect(/[\uFB00-\uFB06]/.test(rendered.text.flat), 'no ligature glyphs').toBe(false);
  });

  it('lists every indicator with its rilevazioni in the technical annex', () => {
    const annex = rendered.text.flat.slice(rendered.text.flat.lastIndexOf('6.2 La Performance Organizzativa'));
    for (const indicator of data.plan.indicators) {
      expect(annex.includes(`Indicatore ${indicator.id} – ${indicator.name}`), `indicator ${indicator.id}`).toBe(true);
    }
    expect(annex).toContain('Relazione: irregolarità solo nel 3% delle verifiche');
    expect(/\(L\d{3,4}/.test(rendered.text.flat), 'no seed line numbers in the printed notes').toBe(false);
  });

  it('carries metadata, language and the PDF/A identification', () => {
    const { info } = rendered.text;
    expect(info.Title).toBe('Relazione sulla Performance 2012');
    expect(info.Author).toBe('Camera di Commercio di Massa Carrara');
    expect(String(info.Subject)).toContain('Relazione sulla Performance 2012');
    expect(info.Language).toBe('it-IT');
    const raw = new TextDecoder('latin1').decode(rendered.pdf);
    expect(raw).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(raw).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    expect(raw).toContain('/OutputIntents');
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it('renders in well under a few seconds', () => {
    expect(rendered.ms).toBeLessThan(8000);
  });
});

describe('a small plan with missing values and no finance or gender data', () => {
  let data: RelazioneData;
  let rendered: Rendered;
  beforeAll(async () => {
    data = smallData();
    rendered = await render(data);
  }, 60_000);

  it('still renders every chapter, with a note in place of finance and gender data', () => {
    expectDocumentStructure(rendered);
    expectText(rendered.text,
      'Dati di bilancio non disponibili per il 2013: importarli con pnpm perf finance import',
      'Dati di genere non disponibili per il 2013: importarli con pnpm perf gender import');
  });

  it('reads "non rilevato" for an unscored objective, never 0%', () => {
    expect(data.status.strategic.find((s) => s.id === '03')?.percent).toBeNull();
    expectText(rendered.text,
      '03. Migliorare la riscossione delle entrate non rilevato',
      'Obiettivi non rilevati (senza valori) 1',
      'Nessuna rilevazione registrata: indicatore non rilevato.');
    expectNoText(rendered.text, '03. Migliorare la riscossione delle entrate 0%');
  });

  it('shows budgets, values and superseded rilevazioni', () => {
    expectText(rendered.text, '€ 44.982,00', '€ 230.035,50', '€ 1.832.061,60', 'III quadrimestre 2013');
    expectPattern(rendered.text, /2013-4M3 16 ore Marco Verdi .*? sostituito primo valore, poi corretto/);
    expectPattern(rendered.text, /2013-4M3 18 ore Marco Verdi .*? Slack valido corso completato/);
  });

  it('says that no value was reported after the close of its period, and shows no previous year', () => {
    expectText(rendered.text, 'Nel 2013 nessun valore è stato registrato dopo la chiusura del relativo periodo di rilevazione.');
    expectNoText(rendered.text, 'fuori termine —', 'N° 2012', 'Grado 2012');
  });

  it('renders a plan whose indicators have no value at all', async () => {
    const empty = smallData({ history: [] });
    empty.status = computeStatus(empty.plan, new Map());
    const result = await render(empty);
    expectText(result.text, 'Livello di performance complessivo di Ente: non rilevato');
    expectNoText(result.text, 'Ente: 0%');
  });
});

describe('a plan with the previous year and a value reported after the close of its period', () => {
  let rendered: Rendered;
  beforeAll(async () => {
    rendered = await render(smallDataWithPreviousYear());
  }, 60_000);

  it('still renders every chapter', () => {
    expectDocumentStructure(rendered);
  });

  it('sets the band summary and the overall level beside the previous year’s', () => {
    expectText(rendered.text,
      'Obiettivi Strategici (CCIAA-TS) N° 2013 % 2013 N° 2012 % 2012',
      'Con target raggiunto (90%-100%) 2 67% 1 50%',
      'Con target non raggiunto (0-79%) 1 33% 1 50%',
      'Totale 3 - 2 -',
      'Livello di performance complessivo di Ente 87% 88%');
  });

  it('gives each strategic objective the previous year’s grade for the same id, «—» where it did not exist', () => {
    const strategic = sectionText(rendered.text, '2.2 Gli obiettivi strategici', '2.3 Il Cascading');
    expect(strategic).toContain('Grado 2013 Grado 2012');
    expect(strategic).toMatch(/01\. Promuovere gli strumenti di giustizia alternativa .*? 95% 76%/);
    expect(strategic).toMatch(/02\. Valorizzazione del territorio e dell’economia locale .*? 92% — 03\./);
    expect(strategic).toMatch(/03\. Migliorare la riscossione delle entrate .*? 75% 100%/);
  });

  it('marks the late value with its reason in the annex and lists it after the close of the period', () => {
    const reason = 'comunicazioni trasmesse dal Registro Imprese dopo la chiusura';
    const detail = sectionText(rendered.text, '6.2 La Performance Organizzativa', '6.3 Valori registrati');
    expect(detail).toMatch(new RegExp(`2013-4M2 6\\.000 n\\. Paola Rossi .*? valido fuori termine — motivo: ${reason} \\(Francesca Serra\\)`));
    const late = sectionText(rendered.text, '6.3 Valori registrati dopo la chiusura del periodo', 'Pagina ');
    expect(late).toContain('Nel 2013 è stato registrato un solo valore fuori termine:');
    expect(late).toContain(`Ind. 5 – Comunicazioni di ravvedimento inviate 2013-4M2 6.000 n. Francesca Serra inserito da Paola Rossi 17/09/2013 23:00 ${reason}`);
    expectText(rendered.text, '8 rilevazioni (allegato 6.2), di cui 1 registrata dopo la chiusura del periodo (allegato 6.3)');
  });
});

describe('a large plan', () => {
  let rendered: Rendered;
  beforeAll(async () => {
    rendered = await render(largeData(45, 6));
  }, 60_000);

  it('fills a table of contents longer than one page with the right page numbers', () => {
    const { pages } = rendered.text;
    const toc = `${pages[1] ?? ''} ${pages[2] ?? ''}`.replace(/\s+/g, ' ');
    expect(pages[2]).toContain(`Pagina 3 di ${rendered.pages}`);
    expect(pages[2]).toContain('Area numero 45 dei servizi di prova');
    const cascading = pageOf(rendered.text, '2.3 Il Cascading', 4);
    for (const area of [1, 23, 45]) {
      const label = `Area numero ${area} dei servizi di prova`;
      expect(tocNumber(toc, label), label).toBe(pageOf(rendered.text, label, cascading));
    }
    for (const chapter of CHAPTERS) expect(tocNumber(toc, chapter), chapter).toBe(pageOf(rendered.text, chapter, 4));
  });

  it('repeats the header row of a table on every page it continues on', () => {
    const header = 'Periodo Valore Inserito da Data e ora Canale Stato Nota';
    const annexPages = rendered.text.pages.map((p) => p.replace(/\s+/g, ' ')).filter((p) => /Indicatore \d+ – Indicatore generato/.test(p));
    expect(annexPages.length).toBeGreaterThan(5);
    for (const page of annexPages) expect(page.includes(header), 'header on every annex page').toBe(true);
  });
});

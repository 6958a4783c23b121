import { channelInProse, parsePlan } from '@perf/model';
import { computeStatus } from '@perf/scoring';
import { beforeAll, describe, expect, it } from 'vitest';
import { barChart } from '../src/charts.ts';
import { loadFonts } from '../src/fonts.ts';
import { renderRelazione, type RelazioneData } from '../src/index.ts';
import { decoratePages, finish } from '../src/output.ts';
import { Report } from '../src/report.ts';
import { table } from '../src/table.ts';
import { PAGE } from '../src/theme.ts';
import { pdfText } from '../../../test/support/pdf-text.ts';
import { exampleAvailable, largeData, loadExample, rilevazioni, SMALL_PLAN, SMALL_VALUES, smallData } from './fixtures.ts';
import { headingsAtFoot, pageLayouts, type PageLayout } from './structure.ts';

type Extracted = Awaited<ReturnType<typeof pdfText>>;

const ADOPTION = { delibera: 'n. 45 del 27/06/2013', adoptedAt: new Date('2013-06-27T10:00:00Z') } as const;

/** The lines of every page broken between the two words of a name («Massa / Carrara», «Massa- / Carrara»). */
function brokenNames(text: Extracted, first: string, second: string): string[] {
  const broken = new RegExp(`${first}-?[ \\t]*\\n\\s*${second}`);
  return text.pages.flatMap((page, i) => (broken.test(page) ? [`page ${i + 1}`] : []));
}

describe.skipIf(!exampleAvailable())('layout of the example’s Relazione', () => {
  let draft: { pdf: Uint8Array; text: Extracted };
  let adopted: Extracted;
  beforeAll(async () => {
    const data = loadExample();
    const { pdf } = await renderRelazione(data);
    draft = { pdf, text: await pdfText(pdf) };
    adopted = await pdfText((await renderRelazione({ ...data, adoption: ADOPTION })).pdf);
  }, 60_000);

  it('prints the target of indicator 22 whole in its cell, never broken inside the number', () => {
    expect(draft.text.flat).toContain('Ind. 22 – Contributi erogati alle imprese');
    expect(draft.text.flat).toMatch(/≥ € 750\.000,00 † € 772\.193,00 IV trim\. 2012/);
    expect(draft.text.flat).not.toMatch(/€ 750\.000,0(?!0)/);
  });

  it('never breaks «Massa Carrara» over two lines, in running text, tables or on the cover', () => {
    expect(brokenNames(draft.text, 'Massa', 'Carrara')).toEqual([]);
    expect(draft.text.pages[0]).toMatch(/Massa Carrara/);
    // Nor cuts it short in a chart label or the table of contents.
    expect(/Massa C…/.exec(draft.text.flat)?.[0]).toBeUndefined();
  });

  it('writes weights with the Italian decimal comma («peso 0,25», never «peso 0.25»)', () => {
    expect(draft.text.flat).toContain('peso 0,25');
    expect(draft.text.flat).not.toMatch(/peso \d+\.\d/);
  });

  it('says BOZZA on every page of a draft and on none of the adopted version', () => {
    draft.text.pages.forEach((page, i) => expect(page, `page ${i + 1}`).toContain('BOZZA'));
    expect(adopted.flat).not.toContain('BOZZA');
    expect(adopted.pages[0]).toContain('Adottata dalla Giunta con delibera n. 45 del 27/06/2013');
  });

  it('leaves no heading or caption alone at the foot of a page', async () => {
    expect(headingsAtFoot(await pageLayouts(draft.pdf))).toEqual([]);
  });

  it('leaves no page but the last nearly empty: a chapter opens on the page where a short tail of the previous one ends', async () => {
    const pages = await pageLayouts(draft.pdf);
    expect(underfilled(pages.slice(0, -1))).toEqual([]);
    // Some chapter opens below the short tail of the one before, not on a page of its own.
    expect(pages.filter((page) => page.leaves.findIndex((l) => l.role === 'H1') > 0).length).toBeGreaterThan(0);
  });

  it('cuts no label short with «…»: long headings wrap in the index, long titles in the charts', () => {
    expect(draft.text.flat).toMatch(/Area Anagrafica e Formazione e Staff al Segretario Generale Ufficio Promozione interna, Comunicazione, Progetti speciali \d+/);
    expect(draft.text.flat).not.toContain('…');
  });

  it('names in 5.1 the channels the year\'s values came through, from the registry', () => {
    const channels = [...new Set(loadExample().history.map((r) => r.channel))];
    const said = /Rilevazione dei dati \(([^)]*)\)/.exec(draft.text.flat)?.[1];
    expect(said?.split(', ')).toEqual(['cli', 'slack', 'discord', 'teams'].filter((c) => channels.includes(c)).map((c) => channelInProse(c)));
  });

  it('gives each objective of the criticità table its gap from the 90% threshold and the previous year', () => {
    const critical = loadExample().status.strategic.filter((o) => o.band !== 'green');
    expect(critical.length).toBeGreaterThan(0);
    for (const o of critical) {
      const gap = 90 - (o.percent ?? 0);
      expect(draft.text.flat).toContain(`${gap} ${gap === 1 ? 'punto' : 'punti'} sotto il 90%`);
    }
    // The example has no 2011 plan: the column is the gap alone.
    expect(draft.text.flat).toContain('Scostamento dal 90%');
  });

  it('says in one line that the province comparison is missing (the seed prints it only as an image)', () => {
    expect(draft.text.flat).toContain('Il confronto con le altre province dell’incidenza delle imprese femminili non è disponibile');
  });

  it('closes with the signatures of the Segretario Generale and the Presidente, as the seed does', () => {
    expect(draft.text.pages.at(-1)).toMatch(/Il Segretario Generale\s+\(Dott\. Alessandro Beverini\)\s+Il Presidente\s+\(Rag\. Norberto Ricci\)/);
  });

  it('keeps the year on the line of the cover’s title', () => {
    expect(draft.text.pages[0]).toMatch(/Relazione sulla Performance[ \t]+2012/);
  });
});

/** Pages whose content reaches less than `share` of the way from the top margin to the bottom one, as «page n: 12%». */
function underfilled(pages: readonly PageLayout[], share = 0.15): string[] {
  const height = (page: PageLayout) => page.height - PAGE.margins.top - PAGE.margins.bottom;
  return pages.flatMap((page, i) => {
    const filled = (page.contentBottom - PAGE.margins.top) / height(page);
    return filled < share ? [`page ${i + 1}: ${Math.round(filled * 100)}%`] : [];
  });
}

/** The small plan with the target and the value of indicator 3 (in euro) set to `amount`. */
function smallWithAmount(amount: number): RelazioneData {
  const plan = parsePlan(JSON.stringify({
    ...SMALL_PLAN,
    indicators: (SMALL_PLAN.indicators ?? []).map((i) => (i.id === 3 ? { ...i, target: amount } : i)),
  }), 'piccolo');
  const { history, latest } = rilevazioni(plan, [...SMALL_VALUES, { indicator: 3, period: '2013-4M3', raw: String(amount).replace('.', ','), by: 'e.bianchi', delayHours: -10 }]);
  return smallData({ plan, status: computeStatus(plan, latest), history });
}

describe('numbers and headings in other plans', () => {
  it('prints an amount of hundreds of billions whole in the target and value cells', async () => {
    const { flat } = await pdfText((await renderRelazione(smallWithAmount(987654321012.34))).pdf);
    expect(flat).toContain('≥ € 987.654.321.012,34');
    expect(flat).toMatch(/≥ € 987\.654\.321\.012,34 € 987\.654\.321\.012,34 III quadr/);
  });

  it('keeps an amount too wide for any cell inside the margins, broken only after its separators', async () => {
    const { pdf } = await renderRelazione(smallWithAmount(1e20));
    const outside = (await pageLayouts(pdf)).flatMap((page, i) => (
      page.textLeft < PAGE.margins.left - 0.5 || page.textRight > page.width - PAGE.margins.right + 0.5 ? [`page ${i + 1}: ${Math.round(page.textLeft)}–${Math.round(page.textRight)}`] : []));
    expect(outside).toEqual([]);
    const { pages } = await pdfText(pdf);
    const annex = pages.find((page) => page.includes('Indicatore 3 – Contributi erogati')) ?? '';
    expect(annex).toMatch(/100\.000\.000\.000\.\s*\n\s*000\.000\.000,00/);
  });

  it('starts a chapter on the cover’s or the index’s page never, and on a new page after a long tail', async () => {
    const report = new Report(META, await loadFonts());
    report.newPage();
    report.closePage();
    report.heading(1, 'Primo');
    expect(report.pageIndex).toBe(1);
    report.paragraph('Poche righe.');
    report.heading(1, 'Secondo');
    expect(report.pageIndex).toBe(1);
    report.spacer((report.bottom - report.y) * 0.9);
    report.heading(1, 'Terzo');
    expect(report.pageIndex).toBe(2);
  });

  it('leaves no heading alone at the foot of a page in a small plan or a large one', async () => {
    for (const data of [smallData(), largeData(12, 5)]) {
      const { pdf } = await renderRelazione(data);
      expect(headingsAtFoot(await pageLayouts(pdf)), data.plan.ente.name).toEqual([]);
    }
  });
});

/** Each kind of block that can follow a section heading. */
const BLOCKS: Readonly<Record<string, (report: Report) => void>> = {
  paragraph: (report) => report.paragraph('Testo della sezione, abbastanza lungo da occupare più righe della pagina. '.repeat(4)),
  labelled: (report) => report.labelled('Vision', 'Una Camera vicina alle imprese.'),
  bullets: (report) => report.bullets(['primo punto', 'secondo punto']),
  note: (report) => report.note('Dati non disponibili.'),
  table: (report) => table(report, [{ header: 'Voce', width: 3 }, { header: 'Valore', width: 1, align: 'right' }], [{ cells: ['Totale', '€ 1.000,00'] }]),
  chart: (report) => barChart(report, { title: 'Grafico', categories: ['uno', 'due'], series: [{ name: 'Valore', color: '#2f6690', values: [1, 2], labels: ['1', '2'] }] }),
};

const META = { title: 'Prova', author: 'Ente', subject: 'Prova', keywords: 'prova', createdAt: new Date('2014-01-01T00:00:00Z'), runningLeft: 'Ente', runningRight: 'Prova' };

/** A one-chapter document whose first page has `room` points left when `fill` starts drawing; its pages read back. */
async function pagesWith(room: number, fill: (report: Report) => void): Promise<PageLayout[]> {
  const report = new Report(META, await loadFonts());
  report.heading(1, 'Capitolo');
  report.paragraph('Testo iniziale.');
  report.spacer(report.bottom - report.y - room);
  fill(report);
  report.ensureSpace(0);
  decoratePages(report);
  return pageLayouts(await finish(report));
}

describe('keep-with-next: a heading moves to the next page with the block that follows it', () => {
  for (const [kind, block] of Object.entries(BLOCKS)) {
    it(`before a ${kind}, with room left for the headings alone`, async () => {
      // Room for the two headings (about 51 points) but not for them and the block.
      const pages = await pagesWith(60, (report) => {
        report.heading(2, 'Sezione');
        report.heading(3, 'Sottosezione');
        block(report);
      });
      expect(headingsAtFoot(pages)).toEqual([]);
      expect(pages[1]?.leaves[0]?.text).toBe('Sezione');
    });
  }

  it('moves a lead-in paragraph («Di seguito…:») to the next page with its heading and the table it introduces', async () => {
    // Room for the heading and the paragraph (about 45 points) but not for the table too.
    const pages = await pagesWith(60, (report) => {
      report.heading(3, 'Le criticità');
      report.paragraph('Sono di seguito riportati gli obiettivi strategici che non hanno raggiunto il target:', { keepWithNext: true });
      BLOCKS.table?.(report);
    });
    expect(pages[0]?.leaves.at(-1)?.text).toBe('Testo iniziale.');
    expect(pages[1]?.leaves.slice(0, 3).map((l) => l.role)).toEqual(['H3', 'P', 'TH']);
  });
});

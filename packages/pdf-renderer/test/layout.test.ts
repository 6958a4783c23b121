import { parsePlan } from '@perf/model';
import { computeStatus } from '@perf/scoring';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderRelazione, type RelazioneData } from '../src/index.ts';
import { pdfText } from '../../../test/support/pdf-text.ts';
import { exampleAvailable, largeData, loadExample, rilevazioni, SMALL_PLAN, SMALL_VALUES, smallData } from './fixtures.ts';
import { headingsAtFoot, pageLayouts } from './structure.ts';

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
    expect(draft.text.flat).toMatch(/≥ € 750\.000,00 € 772\.193,00 IV trim\. 2012/);
    expect(draft.text.flat).not.toMatch(/€ 750\.000,0(?!0)/);
  });

  it('never breaks «Massa Carrara» over two lines, in running text, tables or on the cover', () => {
    expect(brokenNames(draft.text, 'Massa', 'Carrara')).toEqual([]);
    expect(draft.text.pages[0]).toMatch(/Massa Carrara/);
  });

  it('says BOZZA on every page of a draft and on none of the adopted version', () => {
    draft.text.pages.forEach((page, i) => expect(page, `page ${i + 1}`).toContain('BOZZA'));
    expect(adopted.flat).not.toContain('BOZZA');
    expect(adopted.pages[0]).toContain('Adottata dalla Giunta con delibera n. 45 del 27/06/2013');
  });

  it('leaves no heading or caption alone at the foot of a page', async () => {
    expect(headingsAtFoot(await pageLayouts(draft.pdf))).toEqual([]);
  });
});

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

  it('leaves no heading alone at the foot of a page in a small plan or a large one', async () => {
    for (const data of [smallData(), largeData(12, 5)]) {
      const { pdf } = await renderRelazione(data);
      expect(headingsAtFoot(await pageLayouts(pdf)), data.plan.ente.name).toEqual([]);
    }
  });
});

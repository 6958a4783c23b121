import { beforeAll, describe, expect, it } from 'vitest';
import { renderCitizenSummary } from '../src/index.ts';
import { pdfText } from '../../../test/support/pdf-text.ts';
import { exampleAvailable, largeData, loadExample, smallData } from './fixtures.ts';
import { PAGE } from '../src/theme.ts';
import { headingsAtFoot, pageLayouts, structure, withRole, type PageLayout } from './structure.ts';

/** How much of the page's text area its content fills, from 0 (empty) to 1 (down to the bottom margin). */
const filled = (page: PageLayout): number => (page.contentBottom - PAGE.margins.top) / (page.height - PAGE.margins.top - PAGE.margins.bottom);

/** The pages (1-based) filled less than `share` of their text area: all but the last, or all of them with `last`. */
function emptyPages(pages: readonly PageLayout[], share: number, last = false): string[] {
  return pages.flatMap((page, i) => ((last || i < pages.length - 1) && filled(page) < share ? [`page ${i + 1}: ${Math.round(filled(page) * 100)}%`] : []));
}

describe.skipIf(!exampleAvailable())('La Relazione in sintesi (the example)', () => {
  let pdf: Uint8Array;
  let pages: number;
  let flat: string;
  let pageTexts: string[];
  beforeAll(async () => {
    ({ pdf, pages } = await renderCitizenSummary(loadExample()));
    ({ flat, pages: pageTexts } = await pdfText(pdf));
  }, 60_000);

  it('fits in four pages and tells the published results in plain words', () => {
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    expect(flat).toContain('Nel complesso l’ente ha raggiunto il 94% di quanto si era proposto.');
    expect(flat).toContain('Su 18 obiettivi strategici, 15 (83%) sono stati raggiunti, 2 (11%) raggiunti in parte e 1 (6%) non raggiunto.');
    pageTexts.forEach((page, i) => expect(page, `page ${i + 1} says it is a draft`).toContain('BOZZA'));
  });

  it('leaves no page mostly empty and no heading alone at the foot of a page', async () => {
    const layouts = await pageLayouts(pdf);
    expect(emptyPages(layouts, 0.7, true)).toEqual([]);
    expect(headingsAtFoot(layouts)).toEqual([]);
  });

  it('gives the money from the bilancio and the staff from the gender data', () => {
    // Interventi economici 2012 as the seed publishes them; personnel and totals from the bilancio.
    expect(flat).toContain('€ 1.832.061,60');
    expect(flat).toContain('€ 7.108.718,00');
    expect(flat).toContain('€ 8.017.775,60');
    expect(flat).toMatch(/43 persone in servizio nel 2012, di cui 26 donne \(60%\)/);
    expect(flat).toContain('il 73% del diritto annuale dovuto');
  });

  it('lists what went wrong: the three strategic objectives below target', () => {
    for (const objective of ['12. Valorizzazione del capitale umano – 73%, non raggiunto', '16. Migliorare la riscossione delle entrate – 85%, raggiunto in parte', '17. Ottimizzare l\'uso delle risorse in modo efficiente – 84%, raggiunto in parte']) {
      expect(flat).toContain(objective);
    }
  });

  it('is tagged like the full Relazione: one H1, its H2s, tables with header cells, the chart with its data', async () => {
    const tree = await structure(pdf);
    expect(tree.lang).toBe('it-IT');
    expect(withRole(tree.elements, 'H1').map((h) => h.text)).toEqual(['La Relazione in sintesi: la performance 2012']);
    expect(withRole(tree.elements, 'H2').map((h) => h.text)).toEqual([
      'Chi siamo e che cosa facciamo', 'I risultati principali', 'Le risorse', 'Che cosa non è andato e che cosa si sta facendo', 'Per saperne di più']);
    expect(withRole(tree.elements, 'TH').map((h) => h.text)).toEqual(expect.arrayContaining(['Obiettivo strategico', 'Risultato', 'Esito', 'Voce']));
    const [figure] = withRole(tree.elements, 'Figure');
    expect(figure?.alt).toMatch(/15 \(83%\)/);
    expect(tree.elements.some((e) => /Pagina \d+ di \d+/.test(e.text))).toBe(false);
  });
});

describe('La Relazione in sintesi (other plans)', () => {
  it('stays within four pages for a plan of 60 strategic objectives, by perspective and with the problems counted', async () => {
    const { pdf, pages } = await renderCitizenSummary(largeData(60, 2));
    expect(pages).toBeLessThanOrEqual(4);
    expect(emptyPages(await pageLayouts(pdf), 0.7)).toEqual([]);
    const { flat } = await pdfText(pdf);
    expect(flat).toContain('Prospettiva');
    expect(flat).toMatch(/\d+ altri obiettivi con risultati sotto il target sono descritti nella Relazione completa\./);
  });

  it('shows the Giunta\'s act instead of BOZZA once adopted, and the cause and action given for an objective', async () => {
    const data = smallData();
    const critical = data.status.strategic.find((s) => s.band !== 'green');
    expect(critical, 'the small plan has an objective below target').toBeDefined();
    const { pdf } = await renderCitizenSummary({
      ...data,
      adoption: { delibera: 'n. 45 del 27/06/2013', adoptedAt: new Date('2013-06-27T10:00:00Z') },
      comments: [{ objective: critical?.id ?? '', causa: 'Ritardo del fornitore.', azione: 'Gara anticipata a gennaio.' }],
    });
    const { flat } = await pdfText(pdf);
    expect(flat).not.toContain('BOZZA');
    expect(flat).toContain('adottata dalla Giunta con delibera n. 45 del 27/06/2013');
    expect(flat).toContain('Causa: Ritardo del fornitore. Azione: Gara anticipata a gennaio.');
  });

  it.skipIf(!exampleAvailable())('fills every page but the last when the example\'s three problems have their causes and actions', async () => {
    const data = loadExample();
    const said = 'Il risultato è stato condizionato da fattori organizzativi emersi nel corso dell’anno, analizzati nei colloqui di fine periodo con il dirigente.';
    const comments = data.status.strategic.filter((s) => s.band !== 'green').map((s) => ({ objective: s.id, causa: said, azione: `${said} Azione nel ciclo successivo.` }));
    const { pdf, pages } = await renderCitizenSummary({ ...data, comments });
    expect(pages).toBeLessThanOrEqual(4);
    expect(emptyPages(await pageLayouts(pdf), 0.7)).toEqual([]);
  });
});

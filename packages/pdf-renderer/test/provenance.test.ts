import { parsePlan } from '@perf/model';
import { computeStatus } from '@perf/scoring';
import { describe, expect, it } from 'vitest';
import { renderCitizenSummary, renderRelazione } from '../src/index.ts';
import { pdfText } from '../../../test/support/pdf-text.ts';
import { rilevazioni, SMALL_PLAN, SMALL_VALUES, smallData } from './fixtures.ts';

const COVER_LABEL = 'Esempio illustrativo: contiene valori ricostruiti, segnati con †, che l’ente non ha pubblicato.';
const LEGEND = '† valore ricostruito: non stampato nel documento di origine';

describe('provenance: reconstructed values are marked, and a document holding any says so on its cover', () => {
  it('marks the reconstructed value where the Relazione prints it (cascading and annex), with the legend, and labels the cover', async () => {
    const plan = parsePlan(JSON.stringify(SMALL_PLAN), 'piccolo');
    // The standing value of indicator 1 (18 ore, third four-month period) and an earlier one (10 ore, first period).
    const values = SMALL_VALUES.map((v, i) => (i === 0 || i === 2 ? { ...v, reconstructed: true } : v));
    const { history, latest } = rilevazioni(plan, values);
    const text = await pdfText((await renderRelazione(smallData({ history, status: computeStatus(plan, latest) }))).pdf);
    expect(text.pages[0]?.replace(/\s+/g, ' ')).toContain(COVER_LABEL);
    // The legend before the cascading (2.3) and before the annex's detail (6.2).
    expect(text.flat.split(LEGEND)).toHaveLength(3);
    // 18 ore stands for the year: marked in 2.3 and in the annex; 10 ore only in the annex; 45% (as reported) nowhere.
    expect(text.flat.split('18 ore †')).toHaveLength(3);
    expect(text.flat.split('10 ore †')).toHaveLength(2);
    expect(text.flat).not.toContain('45% †');
    const summary = await pdfText((await renderCitizenSummary(smallData({ history, status: computeStatus(plan, latest) }))).pdf);
    expect(summary.flat).toContain('Esempio illustrativo: alcuni valori sono ricostruiti, non pubblicati dall’ente.');
  });

  it('prints no mark, legend or cover label when every value is as reported', async () => {
    const text = await pdfText((await renderRelazione(smallData())).pdf);
    expect(text.flat).not.toContain('†');
    expect(text.flat).not.toContain('Esempio illustrativo');
    expect((await pdfText((await renderCitizenSummary(smallData())).pdf)).flat).not.toContain('Esempio illustrativo');
  });
});

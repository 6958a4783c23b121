import { parsePlan } from '@perf/model';
import { computeStatus } from '@perf/scoring';
import { describe, expect, it } from 'vitest';
import { renderCitizenSummary, renderRelazione } from '../src/index.ts';
import { pdfText } from '../../../test/support/pdf-text.ts';
import { rilevazioni, SMALL_PLAN, SMALL_VALUES, smallData } from './fixtures.ts';

const COVER_LABEL = 'Esempio illustrativo: contiene dati ricostruiti, segnati con †, che l’ente non ha pubblicato.';
const LEGEND = '† valore ricostruito: non stampato nel documento di origine';
const PLAN_LEGEND = '† accanto a un obiettivo, a un target o a un testo del Piano: voce del Piano ricostruita';

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
    expect(summary.flat).toContain('Esempio illustrativo: alcuni dati sono ricostruiti, non pubblicati dall’ente.');
  });

  it('prints no mark, legend or cover label when every value is as reported', async () => {
    const text = await pdfText((await renderRelazione(smallData())).pdf);
    expect(text.flat).not.toContain('†');
    expect(text.flat).not.toContain('Esempio illustrativo');
    expect(text.flat).not.toContain('Fonti del Piano');
    expect((await pdfText((await renderCitizenSummary(smallData())).pdf)).flat).not.toContain('Esempio illustrativo');
  });
});

describe('provenance of plan entries: a reconstructed objective, target or text is marked like a reconstructed value', () => {
  /** The small plan with objective 02, operational objective 01.1, indicator 5, an individual entry and the vision reconstructed; values as reported. */
  function reconstructedPlanData(): ReturnType<typeof smallData> {
    const input = {
      ...SMALL_PLAN,
      provenienza: { vision: { ricostruito: true }, mission: { fonte: 'Piano della Performance 2013, p. 4' } },
      strategic_objectives: (SMALL_PLAN.strategic_objectives ?? []).map((o) => (o.id === '02' ? { ...o, ricostruito: true } : { ...o, fonte: 'Relazione 2013, § 2.2' })),
      operational_objectives: (SMALL_PLAN.operational_objectives ?? []).map((o) => (o.id === '01.1' ? { ...o, ricostruito: true } : o)),
      indicators: (SMALL_PLAN.indicators ?? []).map((i) => (i.id === 5 ? { ...i, ricostruito: true, fonte: 'Relazione 2013, § 1.3' } : i)),
      individual_objectives: (SMALL_PLAN.individual_objectives ?? []).map((i) => (i.person === 'p.rossi' ? { ...i, ricostruito: true } : i)),
    };
    const plan = parsePlan(JSON.stringify(input), 'piccolo');
    const { history, latest } = rilevazioni(plan, SMALL_VALUES);
    return smallData({ plan, history, status: computeStatus(plan, latest) });
  }

  it('puts † beside the reconstructed objectives (2.2, 2.3), target (2.3, 6.2), text and individual entry, with the legend and the cover label', async () => {
    const text = await pdfText((await renderRelazione(reconstructedPlanData())).pdf);
    const flat = text.flat;
    // 2.2 (strategic objectives table) and the group row of 2.3: the reconstructed objective 02, never 01 or 03.
    expect(flat.split('02. Valorizzazione del territorio e dell’economia locale †')).toHaveLength(2);
    expect(flat).toContain('Obiettivo strategico 02 – Valorizzazione del territorio e dell’economia locale †');
    expect(flat).not.toMatch(/01\. Promuovere gli strumenti di giustizia alternativa †|03\. Migliorare la riscossione delle entrate †/);
    expect(flat).toContain('01.1 – Formazione dei mediatori †');
    expect(flat).not.toContain('02.1 – Contributi alle imprese per fiere †');
    // Indicator 5's target, in the cascading and in the annex; indicator 6's not.
    expect(flat.split('≥ 8.000 n. †')).toHaveLength(3);
    expect(flat).not.toContain('sì †');
    expect(flat).toContain('Una Camera vicina alle imprese, perché la ripresa passi dal territorio. †');
    expect(flat).not.toContain('Servizi semplici e trasparenti per imprese e consumatori. †');
    expect(flat).toContain('obiettivi e pesi ricostruiti †');
    // The plan's legend, before the cascading and the annex; the values' legend is not printed, as no value is reconstructed.
    expect(flat.replace(/\s+/g, ' ').split(PLAN_LEGEND)).toHaveLength(3);
    expect(flat).not.toContain(LEGEND);
    expect(text.pages[0]?.replace(/\s+/g, ' ')).toContain(COVER_LABEL);
    // The annex's list of documents says where the plan comes from and what it reconstructs.
    expect(flat).toContain('Fonti del Piano della Performance 2013 Relazione 2013 (§ 1.3, § 2.2)');
    expect(flat).toContain('3 voci del Piano con la fonte indicata; ricostruiti (segnati con †), non stampati nella fonte: 1 obiettivo strategico, ' +
      '1 obiettivo operativo, 1 indicatore (target, peso, unità e responsabile), 1 scheda di obiettivi individuali, il testo di vision');
    // The printed text never carries a seed line number.
    expect(flat).not.toMatch(/\(L\d+/);
  });

  it('prints no † for fonte alone: an entry with a source is as published', async () => {
    const input = { ...SMALL_PLAN, strategic_objectives: (SMALL_PLAN.strategic_objectives ?? []).map((o) => ({ ...o, fonte: 'Relazione 2013, § 2.2' })) };
    const plan = parsePlan(JSON.stringify(input), 'piccolo');
    const { history, latest } = rilevazioni(plan, SMALL_VALUES);
    const text = await pdfText((await renderRelazione(smallData({ plan, history, status: computeStatus(plan, latest) }))).pdf);
    expect(text.flat).not.toContain('†');
    expect(text.flat).not.toContain('Esempio illustrativo');
    expect(text.flat).toContain('3 voci del Piano con la fonte indicata Rilevazioni');
  });
});

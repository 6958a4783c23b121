import { describe, expect, it } from 'vitest';
import { lateValues } from '../src/context.ts';
import { renderRelazione, type RelazioneData } from '../src/index.ts';
import { pdfText } from '../../../test/support/pdf-text.ts';
import { exampleAvailable, loadExample, smallData, smallDataWithPreviousYear } from './fixtures.ts';

/** The flat text of the whole document and of chapter 5 (5.1 to 5.2). */
async function texts(data: RelazioneData): Promise<{ flat: string; chapter5: string }> {
  const { pdf } = await renderRelazione(data);
  const { flat } = await pdfText(pdf);
  // the last heading of each is the chapter's own (the first ones are in the table of contents)
  const start = flat.lastIndexOf('5.1 Fasi, soggetti');
  return { flat, chapter5: flat.slice(start, flat.lastIndexOf('6.1 I documenti del Ciclo')) };
}

/** Every number the text states next to "dopo la chiusura" (e.g. "3 valori registrati dopo la chiusura"). */
const lateCounts = (flat: string): number[] =>
  [...flat.matchAll(/(\d+) (?:valori|valore|rilevazioni|rilevazione)[^.;:()]{0,40}? dopo la chiusura/g)].map((m) => Number(m[1]));

describe('the Relazione does not contradict itself or the store', () => {
  it('states one late-values count, the store\'s, and no "nessun valore" beside it', async () => {
    const data = smallDataWithPreviousYear();
    const late = lateValues(data).length;
    expect(late).toBe(1);
    const { flat } = await texts(data);
    // "1 valore registrato dopo la chiusura…" in 5.2; "un solo valore" in 6.3
    expect(lateCounts(flat).every((n) => n === late), `counts ${lateCounts(flat).join(',')}`).toBe(true);
    expect(flat).toContain('è stato registrato un solo valore');
    expect(flat).not.toMatch(/[Nn]essun valore (?:è stato )?registrat[oa] dopo la chiusura/);
  });

  it('says "nessun valore" everywhere when the store has no late value, whatever the rilevazioni times', async () => {
    const data = smallData();
    expect(lateValues(data)).toHaveLength(0);
    const { flat } = await texts(data);
    expect(lateCounts(flat), 'no count of late values').toEqual([]);
    expect(flat).toContain('Nessun valore registrato dopo la chiusura del periodo di riferimento');
    expect(flat).toContain('nessun valore è stato registrato dopo la chiusura');
  });

  it.runIf(exampleAvailable())('dates the 2012 cycle by its events, never by the 2026 render time', async () => {
    const data = { ...loadExample(), generatedAt: new Date('2026-12-07T13:00:00Z') };
    const { chapter5 } = await texts(data);
    expect(chapter5.length).toBeGreaterThan(500);
    expect(chapter5).not.toMatch(/2026/);
    expect(chapter5).toContain('Entro il 30 giugno 2013');
  });
});

import { describe, expect, it } from 'vitest';
import { statusOf, type CommandContext } from '@perf/core';
import { bandDistributionChart, strategicGradesChart } from '@perf/pdf-renderer/chart-specs';
import { pageText, START, useExampleStore, webHarness } from './support.ts';

const exampleStoreOf = useExampleStore();

describe('the cruscotto\'s charts and the Relazione\'s', () => {
  it('draws the PDF\'s own chart descriptions: the same titles, categories, values and labels', async () => {
    const store = exampleStoreOf();
    const web = webHarness(store);
    const html = await (await web.get('/ente/2012', await web.signIn('f.serra'))).text();
    const [pie = '', bars = ''] = [...html.matchAll(/<svg [\s\S]*?<\/svg>/g)].map((m) => pageText(m[0]));
    const context: CommandContext = { store, channel: 'web', clock: () => new Date(START), identity: { kind: 'operator', personId: 'f.serra', operatorName: 'web:f.serra' } };
    const reply = await statusOf({ kind: 'ente' }, context);
    if (reply.scope !== 'ente') throw new Error('expected the ente status');
    const band = bandDistributionChart(reply.report);
    expect(pie).toContain(band.title);
    for (const slice of band.slices) {
      expect(pie).toContain(slice.label);
      expect(pie).toContain(slice.valueLabel ?? String(slice.value));
    }
    const grades = strategicGradesChart(reply.report);
    expect(bars).toContain(grades.title);
    // The page's narrower labels may shorten a category further than the PDF does; its start and the bar's figure are the same.
    const labels = grades.series[0]?.labels ?? [];
    expect(labels).toHaveLength(grades.categories.length);
    for (const category of grades.categories) expect(bars).toContain(category.slice(0, 30).trim());
    const figures = [...bars.matchAll(/(\d\d)\. [^%]*? (\d+%)/g)].map((m) => m[2]);
    expect(figures).toEqual(labels.map((label) => /\d+%/.exec(label)?.[0]));
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFonts } from '../src/fonts.ts';
import { renderRelazione } from '../src/index.ts';
import { decoratePages, finish } from '../src/output.ts';
import { Report } from '../src/report.ts';
import { exampleAvailable, loadExample, smallData } from './fixtures.ts';
import { pageLayouts, structure, withRole } from './structure.ts';

describe.skipIf(!exampleAvailable())('tagged Relazione (the example)', () => {
  let pdf: Uint8Array;
  let tree: Awaited<ReturnType<typeof structure>>;
  beforeAll(async () => {
    pdf = (await renderRelazione(loadExample())).pdf;
    tree = await structure(pdf);
  }, 60_000);

  it('declares the language, the tagging and PDF/UA-1 with PDF/A-2a in its metadata', () => {
    expect(tree.lang).toBe('it-IT');
    const dir = mkdtempSync(join(tmpdir(), 'perf-tagged-'));
    const file = join(dir, 'relazione.pdf');
    writeFileSync(file, pdf);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
    const xmp = Buffer.from(pdf).toString('latin1');
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    expect(xmp).toContain('/DisplayDocTitle true');
  });

  it('tags every heading with its text, H1 before its H2 and H2 before its H3', () => {
    const headings = tree.elements.filter((e) => /^H[1-3]$/.test(e.role));
    expect(headings.length).toBeGreaterThan(30);
    for (const h of headings) expect(h.text, `${h.role} has text`).not.toBe('');
    const chapters = withRole(tree.elements, 'H1').map((h) => h.text);
    expect(chapters.slice(0, 2)).toEqual(['Indice', 'Presentazione']);
    expect(chapters).toHaveLength(8);
    expect(withRole(tree.elements, 'H2').map((h) => h.text)).toContain('2.2 Gli obiettivi strategici');
    let level = 0;
    for (const h of headings) {
      const next = Number(h.role.slice(1));
      expect(next, `«${h.text}» (${h.role}) skips a level`).toBeLessThanOrEqual(level + 1);
      level = next;
    }
  });

  it('tags tables with header cells that carry text, and data cells', () => {
    const tables = withRole(tree.elements, 'Table');
    expect(tables.length).toBeGreaterThan(20);
    for (const t of tables) expect(t.text).not.toBe('');
    const headers = withRole(tree.elements, 'TH');
    expect(headers.length).toBeGreaterThan(tables.length);
    expect(headers.map((h) => h.text)).toContain('Obiettivo strategico');
    expect(withRole(tree.elements, 'TD').length).toBeGreaterThan(headers.length);
    expect(tree.roles.filter((r) => r === 'TR').length).toBeGreaterThan(tables.length);
  });

  it('gives every figure an alternative text that states its data', () => {
    const figures = withRole(tree.elements, 'Figure');
    expect(figures.length).toBeGreaterThan(5);
    for (const f of figures) expect(f.alt ?? '', 'figure alt: title and what it shows').toMatch(/^.{10,}[.:] .+\.$/);
    // Every chart of figures states them (the process diagram alone has only steps).
    expect(figures.filter((f) => !/\d/.test(f.alt ?? '')).map((f) => f.alt)).toEqual([expect.stringContaining('→')]);
    expect(withRole(tree.elements, 'Caption').some((c) => c.text.startsWith('Figura 1 –'))).toBe(true);
  });

  it('tags lists, the table of contents and paragraphs; running heads are not in the tree', () => {
    expect(withRole(tree.elements, 'L').length).toBeGreaterThan(0);
    expect(withRole(tree.elements, 'LBody').every((b) => b.text !== '')).toBe(true);
    expect(withRole(tree.elements, 'TOCI').length).toBeGreaterThan(30);
    expect(withRole(tree.elements, 'P').length).toBeGreaterThan(50);
    expect(tree.elements.some((e) => /Pagina \d+ di \d+/.test(e.text))).toBe(false);
  });
});

describe('tagged Relazione (a small plan)', () => {
  it('puts every drawn text in the structure tree or among the artifacts', async () => {
    const { pdf, pages } = await renderRelazione(smallData());
    const tree = await structure(pdf);
    // pdfjs gives each page's part of the tree, from the one Document element down.
    expect(withRole(tree.elements, 'Document')).toHaveLength(pages);
    expect(withRole(tree.elements, 'H1').length).toBeGreaterThanOrEqual(7);
  });

  it('tags a paragraph that flows onto the next page on both pages, leaving no text untagged', async () => {
    const meta = { title: 'Prova', author: 'Ente', subject: 'Prova', keywords: 'prova', createdAt: new Date('2014-01-01T00:00:00Z'), runningLeft: 'Ente', runningRight: 'Prova' };
    const report = new Report(meta, await loadFonts());
    report.heading(1, 'Capitolo');
    report.paragraph(Array.from({ length: 200 }, (_, i) => `Frase numero ${i + 1} di un paragrafo molto lungo.`).join(' '));
    decoratePages(report);
    const pages = await pageLayouts(await finish(report));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.map((p) => p.untagged)).toEqual(pages.map(() => ''));
    for (const page of pages.slice(1)) expect(page.leaves.map((l) => l.role)).toEqual(['P']);
  });
});

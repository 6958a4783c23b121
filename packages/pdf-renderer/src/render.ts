import type { Plan } from '@perf/model';
import { CHAPTER_2, renderAlbero } from './chapters/albero.ts';
import { CHAPTER_6, renderAllegati } from './chapters/allegati.ts';
import { renderCover } from './chapters/cover.ts';
import { CHAPTER_3, renderEconomico } from './chapters/economico.ts';
import { CHAPTER_4, renderGenere } from './chapters/genere.ts';
import { renderPresentazione } from './chapters/presentazione.ts';
import { CHAPTER_5, renderProcesso } from './chapters/processo.ts';
import { CHAPTER_1, renderSintesi } from './chapters/sintesi.ts';
import { CITIZEN_TITLE, renderCitizenPages } from './citizen.ts';
import { buildContext, type Context } from './context.ts';
import { loadFonts, type Fonts } from './fonts.ts';
import { decoratePages, finish } from './output.ts';
import { Report } from './report.ts';
import { drawToc, reserveToc, tocPagesNeeded } from './toc.ts';
import type { RelazioneData, RenderOptions } from './types.ts';

interface Part {
  readonly step: string;
  readonly render: (ctx: Context) => void;
}

const chapterStep = (label: string): string => label.replace(/^(\d+)\.\s*/, 'Capitolo $1: ');

/** The parts after the cover and the table of contents, in the order of the seed's index. */
const PARTS: readonly Part[] = [
  { step: 'Presentazione', render: renderPresentazione },
  { step: chapterStep(CHAPTER_1), render: renderSintesi },
  { step: chapterStep(CHAPTER_2), render: renderAlbero },
  { step: chapterStep(CHAPTER_3), render: renderEconomico },
  { step: chapterStep(CHAPTER_4), render: renderGenere },
  { step: chapterStep(CHAPTER_5), render: renderProcesso },
  { step: chapterStep(CHAPTER_6), render: renderAllegati },
];

/** The label every page of a draft carries, until the Giunta adopts the Relazione. */
export const DRAFT_LABEL = 'BOZZA – non adottata dalla Giunta';

/**
 * The names no line break may split: the place in the ente's name («Massa Carrara» of «Camera di
 * Commercio di Massa Carrara», also written «Massa-Carrara») and the people of the Plan.
 */
function properNames(plan: Plan): string[] {
  const words = plan.ente.name.split(' ');
  let start = words.length;
  while (start > 0 && /^\p{Lu}/u.test(words[start - 1] ?? '')) start--;
  const place = words.slice(start).join(' ');
  return [...new Set([place, place.replace(/ /g, '-'), ...plan.people.map((p) => p.name)])].filter((name) => /\S[ -]\S/.test(name));
}

function newReport(data: RelazioneData, fonts: Fonts, title: string, subject: string): Report {
  const { plan } = data;
  return new Report({
    title,
    author: plan.ente.name,
    subject,
    keywords: `Relazione sulla Performance, ${plan.year}, ${plan.ente.code}, ciclo di gestione della performance, d.lgs. 150/2009`,
    // An adopted document carries the date of its act, a draft the time it was made.
    createdAt: data.adoption?.adoptedAt ?? data.generatedAt,
    runningLeft: plan.ente.name,
    runningRight: title,
    keepTogether: properNames(plan),
    ...(data.adoption === undefined ? { draftLabel: DRAFT_LABEL } : {}),
  }, fonts);
}

const relazioneTitle = (data: RelazioneData): string => `Relazione sulla Performance ${data.plan.year}`;

/**
 * Renders the Relazione sulla Performance as a tagged PDF declared PDF/A-2a and PDF/UA-1. The table of contents takes the
 * pages after the cover; should its entries need more pages than reserved, the document is laid out
 * again with more (a second pass that only very large plans need).
 */
export async function renderRelazione(data: RelazioneData, options: RenderOptions = {}): Promise<{ pdf: Uint8Array; pages: number }> {
  const progress = options.onProgress ?? (() => undefined);
  const fonts = await loadFonts();
  let tocPages = 1;
  for (;;) {
    const title = relazioneTitle(data);
    const report = newReport(data, fonts, title, `${title} – ${data.plan.ente.name}: risultati di performance organizzativa e individuale (d.lgs. 150/2009)`);
    const ctx = buildContext(report, data);
    progress('Copertina e indice');
    renderCover(ctx);
    const toc = reserveToc(report, tocPages);
    for (const part of PARTS) {
      progress(part.step);
      part.render(ctx);
    }
    report.ensureSpace(0);
    const needed = tocPagesNeeded(report, toc, report.headings);
    if (needed > tocPages) {
      tocPages = needed;
      continue;
    }
    progress('Indice, intestazioni e numeri di pagina');
    drawToc(report, toc, report.headings);
    decoratePages(report);
    progress('Scrittura del PDF');
    const pdf = await finish(report);
    return { pdf, pages: report.pageCount };
  }
}

/**
 * Renders «La Relazione in sintesi», the citizen summary (at most four pages), tagged and declared
 * like the full Relazione.
 */
export async function renderCitizenSummary(data: RelazioneData): Promise<{ pdf: Uint8Array; pages: number }> {
  const fonts = await loadFonts();
  const title = `${CITIZEN_TITLE} ${data.plan.year}`;
  const report = newReport(data, fonts, title, `${relazioneTitle(data)} di ${data.plan.ente.name} in sintesi, per i cittadini e le imprese`);
  renderCitizenPages(buildContext(report, data));
  report.ensureSpace(0);
  decoratePages(report);
  return { pdf: await finish(report), pages: report.pageCount };
}

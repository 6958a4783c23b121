import type { HeadingEntry, Report } from './report.ts';
import { COLORS, SIZES } from './theme.ts';

/** The table of contents: pages reserved right after the cover, filled in once every heading has its page. */

const TITLE = 'Indice';

interface EntryStyle {
  readonly size: number;
  readonly bold: boolean;
  readonly indent: number;
  readonly before: number;
  readonly color: string;
}

const STYLE: Readonly<Record<HeadingEntry['level'], EntryStyle>> = {
  1: { size: SIZES.body + 0.5, bold: true, indent: 0, before: 7, color: COLORS.primary },
  2: { size: SIZES.body - 0.5, bold: false, indent: 16, before: 2, color: COLORS.text },
  3: { size: SIZES.small, bold: false, indent: 32, before: 1, color: COLORS.muted },
};

const NUMBER_WIDTH = 34;
const lineStep = (entry: HeadingEntry): number => STYLE[entry.level].size * 1.45;
const labelWidth = (report: Report, entry: HeadingEntry): number => report.width - STYLE[entry.level].indent - NUMBER_WIDTH - 10;
/** The lines of an entry's label: a long heading (an Area's full name) wraps rather than being cut short with «…». */
const labelLines = (report: Report, entry: HeadingEntry): string[] =>
  report.lineTexts(entry.label, labelWidth(report, entry), { bold: STYLE[entry.level].bold, size: STYLE[entry.level].size });
const lineHeight = (report: Report, entry: HeadingEntry): number => labelLines(report, entry).length * lineStep(entry) + STYLE[entry.level].before;

export interface TocReservation {
  readonly first: number;
  readonly pages: number;
  /** Where the entries start on the first page. */
  readonly startY: number;
  /** The TOC element, placed after the title in the reading order, filled when the entries are drawn. */
  readonly fill: (draw: () => void) => void;
}

/** Starts the table of contents on a new page and keeps `pages` pages for it. */
export function reserveToc(report: Report, pages: number): TocReservation {
  report.heading(1, TITLE, { toc: false });
  const first = report.pageIndex;
  const startY = report.y;
  const fill = report.tags.reserve('TOC');
  for (let i = 1; i < pages; i++) report.newPage();
  // The entries are drawn at the end: the page looks empty until then, but no chapter may start on it.
  report.closePage();
  return { first, pages, startY, fill };
}

/** How many pages the entries need, given where they start on the first page. */
export function tocPagesNeeded(report: Report, reservation: TocReservation, entries: readonly HeadingEntry[]): number {
  let pages = 1;
  let y = reservation.startY;
  for (const entry of entries) {
    const h = lineHeight(report, entry);
    if (y + h > report.bottom) {
      pages += 1;
      y = report.top;
    }
    y += h;
  }
  return pages;
}

/** Writes the entries on the reserved pages: label, dotted leader, page number, and a link to the heading. */
export function drawToc(report: Report, reservation: TocReservation, entries: readonly HeadingEntry[]): void {
  const doc = report.doc;
  let page = reservation.first;
  doc.switchToPage(page);
  let y = reservation.startY;
  const numberWidth = NUMBER_WIDTH;
  reservation.fill(() => {
    for (const entry of entries) {
      const style = STYLE[entry.level];
      const h = lineHeight(report, entry);
      if (y + h > report.bottom && page < reservation.first + reservation.pages - 1) {
        page += 1;
        doc.switchToPage(page);
        y = report.top;
      }
      const textY = y + style.before;
      const x = report.left + style.indent;
      const lines = labelLines(report, entry);
      report.font({ bold: style.bold, size: style.size, color: style.color });
      const end = x + report.textWidth(lines.at(-1) ?? '') + 4;
      const pageNumber = String(entry.page + 1);
      const numberX = report.right - numberWidth;
      // Leader and page number on the label's last line.
      const lastY = textY + (lines.length - 1) * lineStep(entry);
      const dotsY = lastY + style.size * 0.85;
      const dotsEnd = numberX + numberWidth - report.textWidth(pageNumber) - 4;
      report.tags.group('TOCI', () => {
        report.tags.leaf('Reference', () => {
          report.write(entry.label, x, textY, labelWidth(report, entry), { lineGap: lineStep(entry) - doc.currentLineHeight(true) });
          report.write(pageNumber, numberX, lastY, numberWidth, { align: 'right' });
        });
      });
      if (numberX - 4 > end) {
        report.tags.artifact(() => {
          doc.moveTo(end, dotsY).lineTo(dotsEnd, dotsY).lineWidth(0.6).dash(0.6, { space: 2.4 }).stroke(COLORS.rule);
          doc.undash();
        });
      }
      doc.goTo(report.left, textY - 1, report.width, lastY - textY + style.size * 1.3, entry.dest);
      y += h;
    }
  });
}

import type { Report } from './report.ts';
import { COLORS, PAGE, SIZES } from './theme.ts';

/** The finishing of the document: running header and page numbers, then the bytes of the PDF. */

/** Cuts a text with "…" so that it fits `width` points in the current font, after a whole word when one fits. */
export function fitText(report: Report, text: string, width: number): string {
  if (report.textWidth(text) <= width) return text;
  let end = text.length;
  while (end > 1 && report.textWidth(`${text.slice(0, end).trimEnd()}…`) > width) end--;
  const space = text.lastIndexOf(' ', end);
  if (space > end / 2) end = space;
  return `${text.slice(0, end).trimEnd().replace(/[,;:]$/, '')}…`;
}

/** The running header: ente at the left, title at the right and, on a draft, its label in red between them. */
function runningHeader(report: Report): void {
  const doc = report.doc;
  const headerY = PAGE.headerY;
  const draft = report.meta.draftLabel;
  report.font({ size: SIZES.small - 0.5, bold: true, color: COLORS.draft });
  const middle = draft === undefined ? 0 : report.textWidth(draft) + 24;
  if (draft !== undefined) report.write(draft, report.left, headerY, report.width, { align: 'center' });
  const side = (report.width - middle) / 2 - 6;
  report.font({ size: SIZES.small - 0.5, color: COLORS.muted });
  report.write(fitText(report, report.meta.runningLeft, side), report.left, headerY, side);
  report.write(fitText(report, report.meta.runningRight, side), report.right - side, headerY, side, { align: 'right' });
  doc.moveTo(report.left, headerY + 13).lineTo(report.right, headerY + 13).lineWidth(0.6).stroke(COLORS.primary);
}

/** Draws the running header (ente, title, the draft label) and the footer (chapter, "Pagina n di N") on every page but the first. */
export function decoratePages(report: Report): void {
  const doc = report.doc;
  const { start, count } = doc.bufferedPageRange();
  for (let index = start + 1; index < start + count; index++) {
    doc.switchToPage(index);
    // Running heads and page numbers repeat on every page: artifacts, not content.
    report.tags.artifact(() => {
      runningHeader(report);
      const footerY = report.pageHeight - PAGE.footerOffset;
      doc.moveTo(report.left, footerY - 6).lineTo(report.right, footerY - 6).lineWidth(0.4).stroke(COLORS.rule);
      report.font({ size: SIZES.small - 0.5, color: COLORS.muted });
      report.write(fitText(report, report.chapterOf(index - start), report.width - 100), report.left, footerY, report.width - 100);
      report.font({ size: SIZES.small - 0.5, bold: true, color: COLORS.primary });
      report.write(`Pagina ${index - start + 1} di ${count}`, report.right - 90, footerY, 90, { align: 'right' });
    }, 'Pagination');
  }
}

/** Ends the document and collects its bytes. */
export async function finish(report: Report): Promise<Uint8Array> {
  const doc = report.doc;
  const chunks: Uint8Array[] = [];
  const done = new Promise<void>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.end();
  await done;
  const bytes = new Uint8Array(chunks.reduce((sum, c) => sum + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

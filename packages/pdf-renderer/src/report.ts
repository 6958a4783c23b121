import type { Band } from '@perf/scoring';
import type { Align, GradeLike, HeadingEntry, HeadingLevel, ReportMeta, TextOptions } from './report-types.ts';
import { createDocument } from './document.ts';
import { FONT, type Fonts } from './fonts.ts';
import { gradeText } from './italian.ts';
import { Tags } from './tags.ts';
import { BAND_COLORS, COLORS, PAGE, SIZES } from './theme.ts';
import { widestPiece, withNoBreaks, wrapLines, type WrappedLine } from './wrap.ts';

export type Doc = PDFKit.PDFDocument;

/** Below this share of the page filled, a chapter starts on the page where the previous one ends. */
const CHAPTER_SHARE = 0.5;
/** Room between the end of a chapter and the heading of the next on a shared page, in points. */
const CHAPTER_GAP = 28;
export type { Align, GradeLike, HeadingEntry, HeadingLevel, ReportMeta, TextOptions } from './report-types.ts';

/**
 * The document being written: pdfkit with the DejaVu fonts, buffered pages (for the running
 * header, the page numbers and the table of contents) and the few block primitives every
 * chapter uses. Positions are in points from the top left; content runs between the margins.
 */
export class Report {
  readonly doc: Doc;
  /** The structure tree every block is tagged in. */
  readonly tags: Tags;
  readonly headings: HeadingEntry[] = [];
  private readonly pageChapters: string[] = [];
  private chapter = '';
  private outlineLevel1: PDFKit.PDFOutline | undefined;
  private outlineLevel2: PDFKit.PDFOutline | undefined;
  private destinations = 0;
  /** A page no chapter may share (the cover, the table of contents): its bookkeeping y says nothing of what is drawn on it. */
  private closedPage = -1;
  private figures = 0;
  /** Section headings and lead-in paragraphs waiting for the block that follows them, so that none ends a page: their height and how to draw them. */
  private pending: { height: number; draw: () => void }[] = [];
  /** Widths of strings already measured, by font and size: table cells repeat the same texts. */
  private readonly widths = new Map<string, number>();
  /** Lines of texts already broken, by font, size and width: measured once, drawn once. */
  private readonly wrapped = new Map<string, WrappedLine[]>();
  private currentFont: string = FONT.regular;
  private currentSize: number = SIZES.body;
  private currentColor: string = COLORS.text;

  constructor(readonly meta: ReportMeta, fonts: Fonts) {
    this.doc = createDocument(meta, fonts);
    this.tags = new Tags(this.doc);
    this.doc.registerFont(FONT.regular, fonts.regular as unknown as string);
    this.doc.registerFont(FONT.bold, fonts.bold as unknown as string);
    this.doc.on('pageAdded', () => this.pageChapters.push(this.chapter));
  }

  get left(): number {
    return PAGE.margins.left;
  }
  get right(): number {
    return this.pageWidth - PAGE.margins.right;
  }
  get width(): number {
    return this.right - this.left;
  }
  get top(): number {
    return PAGE.margins.top;
  }
  get bottom(): number {
    return this.pageHeight - PAGE.margins.bottom;
  }
  get pageWidth(): number {
    return this.doc.page.width;
  }
  get pageHeight(): number {
    return this.doc.page.height;
  }
  get y(): number {
    return this.doc.y;
  }
  set y(value: number) {
    this.doc.y = value;
  }
  /** 0-based index of the current page. */
  get pageIndex(): number {
    return this.pageChapters.length - 1;
  }
  get pageCount(): number {
    return this.pageChapters.length;
  }

  /** Starts a new page; a block broken by it (a paragraph flowing on) stays one structure element, marked again on the new page. */
  newPage(): void {
    if (this.pageCount === 0) this.doc.addPage();
    else this.doc.continueOnNewPage();
    this.doc.x = this.left;
    this.doc.y = this.top;
  }

  /** Keeps the rest of the current page empty: the next chapter starts on a page of its own. */
  closePage(): void {
    this.closedPage = this.pageIndex;
  }

  /**
   * Whether a new chapter opens on the current page rather than on a new one: when what the last
   * chapter left on it fills less than `CHAPTER_SHARE` of the page. A chapter ending with a few lines
   * on its last page would otherwise leave that page nearly empty.
   */
  private chapterSharesPage(): boolean {
    if (this.pageCount === 0 || this.closedPage === this.pageIndex || this.doc.y <= this.top) return false;
    return this.doc.y - this.top < CHAPTER_SHARE * (this.bottom - this.top);
  }

  /**
   * Starts a new page unless `height` points still fit above the bottom margin, together with the
   * headings and lead-in paragraphs waiting for this block; then writes them. Every block calls it first.
   */
  ensureSpace(height: number): void {
    const waiting = this.pending.reduce((sum, h) => sum + h.height, 0);
    if (this.doc.y + waiting + height > this.bottom && this.doc.y > this.top) this.newPage();
    const pending = this.pending;
    this.pending = [];
    for (const block of pending) block.draw();
  }

  /** Sets font, size and colour for the next text. */
  font(options: { bold?: boolean; size?: number; color?: string } = {}): Doc {
    this.typeface(options);
    this.currentColor = options.color ?? COLORS.text;
    return this.doc.fillColor(this.currentColor);
  }

  /** Sets font and size only (for measuring: no colour operator is written to the page). */
  private typeface(options: { bold?: boolean; size?: number }): void {
    this.currentFont = options.bold ? FONT.bold : FONT.regular;
    this.currentSize = options.size ?? SIZES.body;
    this.doc.font(this.currentFont).fontSize(this.currentSize);
  }

  /** Width of a string in the font and size last set with font(). */
  textWidth(text: string): number {
    const key = `${this.currentFont}|${this.currentSize}|${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = this.doc.widthOfString(text);
      this.widths.set(key, width);
    }
    return width;
  }

  /** The lines of a text in `width` points, in the font and size last set with font(). */
  private lines(text: string, width: number): WrappedLine[] {
    const key = `${this.currentFont}|${this.currentSize}|${width}|${text}`;
    let lines = this.wrapped.get(key);
    if (!lines) {
      lines = wrapLines(text, width, (s) => this.textWidth(s), this.meta.keepTogether);
      this.wrapped.set(key, lines);
    }
    return lines;
  }

  /** The lines a text breaks into in `width` points, set with `options` (e.g. to end a dotted leader after the last). */
  lineTexts(text: string, width: number, options: { bold?: boolean; size?: number } = {}): string[] {
    this.typeface(options);
    return this.lines(text, width).map((line) => line.text);
  }

  /** Width of the widest part of a text that no line break may split (a word, an amount in euro), set with `options`. */
  widestPiece(text: string, options: { bold?: boolean; size?: number } = {}): number {
    this.typeface(options);
    return widestPiece(text, (s) => this.textWidth(s));
  }

  /** Height of a text block set with `options` in `width` points. */
  measure(text: string, width: number, options: { bold?: boolean; size?: number; lineGap?: number } = {}): number {
    this.typeface(options);
    return this.lines(text, width).length * (this.doc.currentLineHeight(true) + (options.lineGap ?? SIZES.lineGap));
  }

  /**
   * Writes text in a box `width` wide at (x, y) with the current font and colour, line by line
   * (left, right, centred or justified). With `flow`, lines that do not fit continue on a new page.
   * Returns the y below the text.
   */
  write(text: string, x: number, y: number, width: number, options: { align?: Align; lineGap?: number; strike?: boolean; flow?: boolean } = {}): number {
    const doc = this.doc;
    const step = doc.currentLineHeight(true) + (options.lineGap ?? SIZES.lineGap);
    const strike = options.strike ?? false;
    let lineY = y;
    for (const line of this.lines(text, width)) {
      if (options.flow && lineY + step > this.bottom && lineY > this.top) {
        const font = { bold: this.currentFont === FONT.bold, size: this.currentSize, color: this.currentColor };
        this.newPage();
        this.font(font);
        lineY = this.top;
      }
      if (line.text !== '') {
        const free = width - this.textWidth(line.text);
        const spaces = line.text.split(' ').length - 1;
        if (options.align === 'justify' && !line.last && spaces > 0 && free > 0) {
          doc.text(line.text, x, lineY, { lineBreak: false, wordSpacing: free / spaces, strike });
        } else {
          const dx = options.align === 'right' ? free : options.align === 'center' ? free / 2 : 0;
          doc.text(line.text, x + dx, lineY, { lineBreak: false, strike });
        }
      }
      lineY += step;
    }
    doc.x = this.left;
    return lineY;
  }

  spacer(height: number): void {
    this.doc.y += height;
  }

  /**
   * A chapter (level 1, on a new page unless the last chapter's tail fills little of the current one), section (2) or sub-section (3) heading: listed in the
   * table of contents and in the PDF bookmarks, with a named destination for the links.
   */
  heading(level: HeadingLevel, label: string, options: { toc?: boolean } = {}): void {
    const toc = options.toc !== false;
    if (level === 1) {
      // The first heading of a document without a cover opens its first page.
      if (this.pageCount > 0) this.ensureSpace(0);
      this.chapter = label;
      if (this.chapterSharesPage()) {
        this.spacer(CHAPTER_GAP);
        // The new chapter holds most of the page (the tail above it fills less than half): its running footer names it.
        this.pageChapters[this.pageIndex] = label;
      } else this.newPage();
      this.drawHeading(1, label, toc);
      return;
    }
    const size = level === 2 ? SIZES.section : SIZES.subsection;
    const height = this.measure(label, this.width, { bold: true, size, lineGap: 1 }) + (level === 2 ? 15 : 8);
    this.pending.push({ height, draw: () => this.drawHeading(level, label, toc) });
  }

  private drawHeading(level: HeadingLevel, label: string, toc: boolean): void {
    const doc = this.doc;
    if (level !== 1 && doc.y > this.top) this.spacer(level === 2 ? 6 : 3);
    const dest = `sezione-${++this.destinations}`;
    doc.addNamedDestination(dest, 'XYZ', null, Math.max(0, doc.y - 8), null);
    if (level === 1) {
      this.outlineLevel1 = doc.outline.addItem(label);
      this.outlineLevel2 = undefined;
    } else if (level === 2) {
      this.outlineLevel2 = (this.outlineLevel1 ?? doc.outline).addItem(label);
    } else {
      (this.outlineLevel2 ?? this.outlineLevel1 ?? doc.outline).addItem(label);
    }
    if (toc) this.headings.push({ level, label, page: this.pageIndex, dest });

    const tag = `H${level}` as const;
    const rule = (width: number, color: string): void => this.tags.artifact(() => doc.moveTo(this.left, doc.y).lineTo(this.right, doc.y).lineWidth(width).stroke(color));
    if (level === 1) {
      const top = doc.y;
      this.tags.artifact(() => doc.rect(this.left, top, 6, 24).fill(COLORS.primary));
      this.font({ bold: true, size: SIZES.chapter, color: COLORS.primary });
      doc.y = this.tags.leaf(tag, () => this.write(label, this.left + 14, top + 2, this.width - 14)) + 4;
      rule(1.2, COLORS.primary);
      this.spacer(12);
    } else if (level === 2) {
      this.font({ bold: true, size: SIZES.section, color: COLORS.primary });
      doc.y = this.tags.leaf(tag, () => this.write(label, this.left, doc.y, this.width, { lineGap: 1 })) + 2;
      rule(0.5, COLORS.rule);
      this.spacer(7);
    } else {
      this.font({ bold: true, size: SIZES.subsection, color: COLORS.accent });
      doc.y = this.tags.leaf(tag, () => this.write(label, this.left, doc.y, this.width, { lineGap: 1 })) + 5;
    }
    doc.x = this.left;
  }

  /** A paragraph of running text (justified by default); flows onto the next page when long. With keepWithNext it waits, like a heading, for the next block. */
  paragraph(text: string, options: TextOptions = {}): void {
    const size = options.size ?? SIZES.body;
    const indent = options.indent ?? 0;
    const draw = (): void => {
      this.font({ bold: options.bold ?? false, size, color: options.color ?? COLORS.text });
      this.doc.y = this.tags.leaf('P', () => this.write(text, this.left + indent, this.doc.y, this.width - indent, { align: options.align ?? 'justify', flow: true })) + (options.gap ?? 6);
    };
    if (options.keepWithNext) {
      this.pending.push({ height: this.measure(text, this.width - indent, { bold: options.bold ?? false, size }) + (options.gap ?? 6), draw });
      return;
    }
    this.ensureSpace(size * 2.6);
    draw();
  }

  /** "Label: text" with the label in bold. */
  labelled(label: string, text: string, options: TextOptions = {}): void {
    const size = options.size ?? SIZES.body;
    this.ensureSpace(size * 2.6);
    this.tags.leaf('P', () => {
      this.font({ bold: true, size, color: options.color ?? COLORS.primary });
      this.doc.text(`${label}: `, this.left, this.doc.y, { width: this.width, continued: true, lineGap: SIZES.lineGap, align: options.align ?? 'left' });
      this.font({ size, color: COLORS.text });
      this.doc.text(withNoBreaks(text, this.meta.keepTogether ?? []), { lineGap: SIZES.lineGap, align: options.align ?? 'left' });
    });
    this.doc.x = this.left;
    this.spacer(options.gap ?? 5);
  }

  bullets(items: readonly string[], options: TextOptions = {}): void {
    const size = options.size ?? SIZES.body;
    const indent = (options.indent ?? 0) + 12;
    this.ensureSpace(size * 2.4);
    this.tags.group('L', () => {
      for (const item of items) {
        this.ensureSpace(size * 2.4);
        const y = this.doc.y;
        this.tags.group('LI', () => {
          this.font({ size, color: COLORS.accent });
          this.tags.leaf('Lbl', () => this.doc.text('•', this.left + indent - 10, y, { lineBreak: false }));
          this.font({ size, bold: options.bold ?? false, color: options.color ?? COLORS.text });
          this.doc.y = this.tags.leaf('LBody', () => this.write(item, this.left + indent, y, this.width - indent, { align: options.align ?? 'left', flow: true })) + 2;
        });
      }
    });
    this.doc.x = this.left;
    this.spacer(options.gap ?? 4);
  }

  /** A boxed note: missing data, warnings, methodological remarks. */
  note(text: string, options: { title?: string; fill?: string; border?: string } = {}): void {
    const pad = 8;
    const width = this.width - 2 * pad - 4;
    const titleHeight = options.title ? this.measure(options.title, width, { bold: true, size: SIZES.small + 0.5 }) + 2 : 0;
    const height = titleHeight + this.measure(text, width, { size: SIZES.small + 0.5 }) + 2 * pad;
    this.ensureSpace(height + 6);
    const y = this.doc.y;
    this.tags.artifact(() => {
      this.doc.rect(this.left, y, this.width, height).fill(options.fill ?? COLORS.noteFill);
      this.doc.rect(this.left, y, 3, height).fill(options.border ?? COLORS.noteBorder);
    });
    let textY = y + pad;
    const title = options.title;
    if (title) {
      this.font({ bold: true, size: SIZES.small + 0.5, color: COLORS.text });
      this.tags.leaf('P', () => this.write(title, this.left + pad + 4, textY, width));
      textY += titleHeight;
    }
    this.font({ size: SIZES.small + 0.5, color: COLORS.text });
    this.tags.leaf('P', () => this.write(text, this.left + pad + 4, textY, width));
    this.doc.y = y + height + 8;
  }

  /** A coloured dot (or a grey ring when unscored) and the percent, or "non rilevato". */
  drawGrade(grade: GradeLike, x: number, y: number, width: number, options: { size?: number; align?: 'left' | 'right' | 'center'; bold?: boolean } = {}): void {
    const size = options.size ?? SIZES.table;
    const text = gradeText(grade);
    this.font({ size, bold: options.bold ?? grade.band !== null, color: grade.band === null ? COLORS.muted : COLORS.text });
    const textWidth = this.textWidth(text);
    const dot = size * 0.8;
    const total = dot + 4 + textWidth;
    const start = options.align === 'left' ? x : options.align === 'center' ? x + (width - total) / 2 : x + width - total;
    const cy = y + size * 0.62;
    this.bandMark(grade.band, start + dot / 2, cy, dot / 2);
    this.font({ size, bold: options.bold ?? grade.band !== null, color: grade.band === null ? COLORS.muted : COLORS.text });
    this.doc.text(text, start + dot + 4, y, { lineBreak: false });
  }

  /**
   * The band told by shape as well as colour: a circle (green), a triangle (yellow), a square
   * (red); a grey ring when unscored.
   */
  bandMark(band: Band | null, cx: number, cy: number, r: number): void {
    const doc = this.doc;
    if (band === null) doc.circle(cx, cy, r - 0.4).lineWidth(0.8).stroke(COLORS.unscored);
    else if (band === 'green') doc.circle(cx, cy, r).fill(BAND_COLORS.green);
    else if (band === 'yellow') doc.polygon([cx - r * 1.1, cy + r * 0.95], [cx + r * 1.1, cy + r * 0.95], [cx, cy - r * 1.05]).fill(BAND_COLORS.yellow);
    else doc.rect(cx - r * 0.9, cy - r * 0.9, r * 1.8, r * 1.8).fill(BAND_COLORS.red);
  }

  /** A highlighted figure: "Livello di performance complessivo di Ente: 94%" with its band colour. */
  keyFigure(label: string, grade: GradeLike, sub: string): void {
    const height = 46;
    this.ensureSpace(height + 10);
    const y = this.doc.y;
    this.tags.artifact(() => {
      this.doc.rect(this.left, y, this.width, height).fill(COLORS.groupFill);
      this.doc.rect(this.left, y, 10, height).fill(grade.band === null ? COLORS.unscored : BAND_COLORS[grade.band]);
    });
    this.tags.leaf('P', () => {
      this.font({ bold: true, size: 13, color: COLORS.primary });
      this.doc.text(`${label}: ${gradeText(grade)}`, this.left + 22, y + 9, { width: this.width - 30, lineBreak: false });
      this.font({ size: SIZES.small, color: COLORS.muted });
      this.doc.text(sub, this.left + 22, y + 29, { width: this.width - 30, lineBreak: false });
    });
    this.doc.x = this.left;
    this.doc.y = y + height + 10;
  }

  /** Caption of a chart: "Figura 3 – ...". */
  figureCaption(title: string): void {
    this.figures += 1;
    this.font({ bold: true, size: SIZES.small + 0.5, color: COLORS.primary });
    this.doc.y = this.tags.leaf('Caption', () => this.write(`Figura ${this.figures} – ${title}`, this.left, this.doc.y, this.width, { lineGap: 1 })) + 6;
  }

  /** A chart: its drawing is one Figure element whose alternative text states the chart's data. */
  figure(alt: string, draw: () => void): void {
    this.tags.leaf('Figure', draw, { alt });
  }

  /** The chapter a page belongs to (its running footer); 0-based page index. */
  chapterOf(page: number): string {
    return this.pageChapters[page] ?? '';
  }
}

import type { GradeLike, Report } from './report.ts';
import { COLORS, SIZES } from './theme.ts';

export type CellAlign = 'left' | 'right' | 'center';

export interface Column {
  readonly header: string;
  /** Relative width: the columns share the table width in proportion. */
  readonly width: number;
  readonly align?: CellAlign;
}

export interface CellSpec {
  readonly text?: string;
  readonly bold?: boolean;
  readonly color?: string;
  /** A second, smaller grey line under the text. */
  readonly sub?: string;
  /** Draws the band dot and the percent ("non rilevato" when unscored) instead of text. */
  readonly grade?: GradeLike;
  readonly indent?: number;
  readonly align?: CellAlign;
  /** Struck through (a superseded value). */
  readonly strike?: boolean;
}

export type Cell = string | CellSpec;

export interface Row {
  readonly cells: readonly Cell[];
  readonly fill?: string;
  readonly bold?: boolean;
  /** Keep this row on the same page as the next one (a group heading and its first line). */
  readonly keepWithNext?: boolean;
  /** One cell across every column (a group heading); a second cell, if any, is drawn at the right end. */
  readonly span?: boolean;
  readonly color?: string;
}

/** The closing "Totale" row of a table: bold on the group colour. */
export function totalRow(cells: readonly Cell[]): Row {
  return { cells, bold: true, fill: COLORS.groupFill };
}

/** The body rows followed by the total row built from the last item. */
export function withTotal<T>(items: readonly T[], total: T, cells: (item: T) => readonly Cell[]): Row[] {
  return [...items.map((item) => ({ cells: cells(item) })), totalRow(cells(total))];
}

export interface TableOptions {
  readonly caption?: string;
  readonly size?: number;
  readonly zebra?: boolean;
  /** Space after the table. */
  readonly gap?: number;
}

const PAD_X = 4;
/** Width of the right-hand cell of a spanning row. */
const SPAN_SIDE = 96;
const PAD_Y = 3.5;
const LINE_GAP = 1;
/** Tables up to this height (points) are never split. */
const KEEP_TOGETHER = 280;
/** The smallest type a cell's text shrinks to so that a number or a word fits whole; only below it is a word split. */
const MIN_SIZE = 5.5;

/** The size a cell's text is set in: `size`, or smaller so that its widest amount or word fits `width` (to a quarter point). */
function fittedSize(report: Report, text: string, width: number, bold: boolean, size: number): number {
  const widest = report.widestPiece(text, { bold, size });
  if (widest <= width || widest === 0) return size;
  return Math.max(MIN_SIZE, Math.floor((size * width) / widest * 4) / 4);
}

type RowKind = 'header' | 'repeat' | 'body';

const specOf = (cell: Cell | undefined): CellSpec => (typeof cell === 'string' ? { text: cell } : (cell ?? { text: '' }));

/** A table's columns laid out on the page: how high each row is, and how a row is drawn (and tagged). */
class TableDrawing {
  private readonly size: number;
  private readonly x: number[] = [];
  private readonly w: number[] = [];

  constructor(private readonly report: Report, private readonly columns: readonly Column[], options: TableOptions) {
    this.size = options.size ?? SIZES.table;
    const totalWeight = columns.reduce((sum, c) => sum + c.width, 0) || 1;
    let cursor = report.left;
    for (const column of columns) {
      const w = (column.width / totalWeight) * report.width;
      this.x.push(cursor);
      this.w.push(w);
      cursor += w;
    }
  }

  private spanWidth(row: Row): number {
    return row.cells.length > 1 ? this.report.width - SPAN_SIDE : this.report.width;
  }

  /** The sizes of a cell's text and of its sub line, shrunk to fit the cell's inner width. */
  private cellSizes(spec: CellSpec, inner: number, bold: boolean): { text: number; sub: number } {
    const { report, size } = this;
    return {
      text: spec.text ? fittedSize(report, spec.text, inner, spec.bold ?? bold, size) : size,
      sub: spec.sub ? fittedSize(report, spec.sub, inner, false, size - 1) : size - 1,
    };
  }

  private cellHeight(spec: CellSpec, width: number, bold: boolean): number {
    const { report, size } = this;
    if (spec.grade) return size * 1.25;
    const inner = width - 2 * PAD_X - (spec.indent ?? 0);
    const sizes = this.cellSizes(spec, inner, bold);
    let height = spec.text ? report.measure(spec.text, inner, { bold: spec.bold ?? bold, size: sizes.text, lineGap: LINE_GAP }) : size * 1.2;
    if (spec.sub) height += 1 + report.measure(spec.sub, inner, { size: sizes.sub, lineGap: LINE_GAP });
    return height;
  }

  rowHeight(row: Row): number {
    if (row.span) return this.cellHeight(specOf(row.cells[0]), this.spanWidth(row), row.bold ?? true) + 2 * PAD_Y;
    let max = 0;
    this.columns.forEach((_, i) => {
      max = Math.max(max, this.cellHeight(specOf(row.cells[i]), this.w[i] ?? 0, row.bold ?? false));
    });
    return max + 2 * PAD_Y;
  }

  private drawCell(spec: CellSpec, x: number, width: number, y: number, align: CellAlign, row: Row): void {
    const { report, size } = this;
    const indent = spec.indent ?? 0;
    const inner = width - 2 * PAD_X - indent;
    const cellAlign = spec.align ?? align;
    if (spec.grade) {
      report.drawGrade(spec.grade, x + PAD_X + indent, y + PAD_Y, inner, { size, align: cellAlign });
      return;
    }
    const sizes = this.cellSizes(spec, inner, row.bold ?? false);
    let textY = y + PAD_Y;
    if (spec.text) {
      report.font({ bold: spec.bold ?? row.bold ?? false, size: sizes.text, color: spec.color ?? row.color ?? COLORS.text });
      textY = report.write(spec.text, x + PAD_X + indent, textY, inner, { align: cellAlign, lineGap: LINE_GAP, strike: spec.strike ?? false }) + 1;
    }
    if (spec.sub) {
      report.font({ size: sizes.sub, color: COLORS.muted });
      report.write(spec.sub, x + PAD_X + indent, textY, inner, { align: cellAlign, lineGap: LINE_GAP });
    }
  }

  /** Each cell a TH (header row, scope Column) or TD; a header repeated on a later page is an artifact. */
  private drawCells(row: Row, y: number, kind: RowKind): void {
    const { report, columns } = this;
    const tags = report.tags;
    const cell = (spec: CellSpec, x: number, width: number, align: CellAlign, colSpan?: number): void => {
      if (kind === 'repeat') this.drawCell(spec, x, width, y, align, row);
      else tags.leaf(kind === 'header' ? 'TH' : 'TD', () => this.drawCell(spec, x, width, y, align, row), kind === 'header' ? { scope: 'Column' } : colSpan === undefined ? {} : { colSpan });
    };
    const cells = (): void => {
      if (row.span) {
        const side = row.cells.length > 1;
        cell(specOf(row.cells[0]), report.left, this.spanWidth(row), 'left', side ? columns.length - 1 : columns.length);
        if (side) cell(specOf(row.cells[1]), report.right - SPAN_SIDE, SPAN_SIDE, 'right');
      } else {
        columns.forEach((column, i) => cell(specOf(row.cells[i]), this.x[i] ?? 0, this.w[i] ?? 0, column.align ?? 'left'));
      }
    };
    if (kind === 'repeat') tags.artifact(cells, 'Pagination');
    else tags.group('TR', cells);
  }

  drawRow(row: Row, y: number, height: number, fill: string | undefined, kind: RowKind): void {
    const { report } = this;
    if (fill) report.tags.artifact(() => report.doc.rect(report.left, y, report.width, height).fill(fill));
    this.drawCells(row, y, kind);
    report.tags.artifact(() => report.doc.moveTo(report.left, y + height).lineTo(report.right, y + height).lineWidth(0.4).stroke(COLORS.rule));
  }
}

/**
 * A table that breaks across pages and repeats its header row on each page. Rows are never
 * split; a row marked keepWithNext moves to the next page together with the row after it.
 */
export function table(report: Report, columns: readonly Column[], rows: readonly Row[], options: TableOptions = {}): void {
  const drawing = new TableDrawing(report, columns, options);
  const header: Row = { cells: columns.map((c) => ({ text: c.header, bold: true, color: COLORS.headerText })), fill: COLORS.headerFill, bold: true };
  const headerHeight = drawing.rowHeight(header);
  const heights = rows.map((row) => drawing.rowHeight(row));

  /** Height of a row and of the rows it is kept with (a chain of keepWithNext rows and the row ending it). */
  const chainHeight = (index: number): number => {
    let total = 0;
    for (let i = index; i < rows.length; i++) {
      total += heights[i] ?? 0;
      if (!rows[i]?.keepWithNext) break;
    }
    return total;
  };
  const captionHeight = options.caption ? report.measure(options.caption, report.width, { bold: true, size: SIZES.small + 0.5 }) + 4 : 0;
  const wholeHeight = captionHeight + headerHeight + heights.reduce((a, b) => a + b, 0);
  // A short table stays on one page; a long one starts as soon as its header and first row fit.
  report.ensureSpace(wholeHeight <= KEEP_TOGETHER ? wholeHeight : captionHeight + headerHeight + chainHeight(0));
  const caption = options.caption;
  let y = report.y;
  report.tags.group('Table', () => {
    if (caption) {
      report.font({ bold: true, size: SIZES.small + 0.5, color: COLORS.primary });
      report.y = report.tags.leaf('Caption', () => report.write(caption, report.left, report.y, report.width, { lineGap: LINE_GAP })) + 3;
    }
    y = report.y;
    drawing.drawRow(header, y, headerHeight, header.fill, 'header');
    y += headerHeight;
    let rowsOnPage = 0;
    let stripe = 0;
    rows.forEach((row, index) => {
      const height = heights[index] ?? 0;
      const together = row.keepWithNext ? chainHeight(index) : height;
      if (y + together > report.bottom - 1 && rowsOnPage > 0) {
        report.newPage();
        y = report.top;
        drawing.drawRow(header, y, headerHeight, header.fill, 'repeat');
        y += headerHeight;
        rowsOnPage = 0;
      }
      const fill = row.fill ?? (options.zebra !== false && !row.span && stripe % 2 === 1 ? COLORS.zebra : undefined);
      stripe = row.span ? 0 : stripe + 1;
      drawing.drawRow(row, y, height, fill, 'body');
      y += height;
      rowsOnPage += 1;
    });
  });
  report.doc.x = report.left;
  report.y = y + (options.gap ?? 10);
}

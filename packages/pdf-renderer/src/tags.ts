/**
 * The structure tree of the tagged PDF (PDF/UA-1, Legge Stanca): every block the Relazione draws
 * becomes a structure element in reading order under one Document element; rules, fills, running
 * heads and page numbers are artifacts. Markings never nest: a leaf's content is one marked
 * sequence, and artifacts are drawn only between leaves (pdfkit closes open markings when an
 * artifact starts).
 */

type Doc = PDFKit.PDFDocument;
type Element = PDFKit.PDFStructureElement;

export type LeafTag = 'P' | 'H1' | 'H2' | 'H3' | 'Caption' | 'Lbl' | 'LBody' | 'TH' | 'TD' | 'Figure' | 'Reference';
export type GroupTag = 'L' | 'LI' | 'Table' | 'THead' | 'TBody' | 'TR' | 'TOC' | 'TOCI' | 'Note';

export interface TagOptions {
  /** Alternative text (a figure: what the chart shows, with its data). */
  readonly alt?: string;
  /** Header cells: the cells they head. */
  readonly scope?: 'Column' | 'Row';
  /** A cell across several columns. */
  readonly colSpan?: number;
}

interface Dictionary {
  readonly dictionary: { readonly data: Record<string, unknown> };
}

/** Table attributes (scope, column span) pdfkit's struct() does not set from its options. */
function setTableAttributes(element: Element, options: TagOptions): void {
  if (options.scope === undefined && options.colSpan === undefined) return;
  const attributes: Record<string, unknown> = { O: 'Table' };
  if (options.scope) attributes.Scope = options.scope;
  if (options.colSpan && options.colSpan > 1) attributes.ColSpan = options.colSpan;
  (element as unknown as Dictionary).dictionary.data.A = attributes;
}

export class Tags {
  private readonly parents: Element[];

  constructor(private readonly doc: Doc) {
    const root = doc.struct('Document');
    doc.addStructure(root);
    this.parents = [root];
  }

  private get parent(): Element {
    const parent = this.parents[this.parents.length - 1];
    if (!parent) throw new Error('structure tree without a root');
    return parent;
  }

  private create(type: string, options: TagOptions): Element {
    const element = this.doc.struct(type, options.alt ? { alt: options.alt } : {});
    setTableAttributes(element, options);
    this.parent.add(element);
    return element;
  }

  /** Draws content as one structure element of `type`; returns what `draw` returns. */
  leaf<T>(type: LeafTag, draw: () => T, options: TagOptions = {}): T {
    const element = this.create(type, options);
    const content = this.doc.markStructureContent(type);
    try {
      return draw();
    } finally {
      this.doc.endMarkedContent();
      element.add(content);
      element.end();
    }
  }

  /** A grouping element (list, table, row) whose children are the leaves and groups `fill` draws. */
  group<T>(type: GroupTag, fill: () => T, options: TagOptions = {}): T {
    const element = this.create(type, options);
    this.parents.push(element);
    try {
      return fill();
    } finally {
      this.parents.pop();
      element.end();
    }
  }

  /**
   * A grouping element placed now in the reading order but filled later (the table of contents,
   * written once every heading has its page): `fill` runs with it as parent.
   */
  reserve(type: GroupTag): (fill: () => void) => void {
    const element = this.create(type, {});
    return (fill) => {
      this.parents.push(element);
      try {
        fill();
      } finally {
        this.parents.pop();
        element.end();
      }
    };
  }

  /** Decoration that carries no content (rules, fills, bars) or repeats on every page (running heads). */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    try {
      draw();
    } finally {
      this.doc.endMarkedContent();
    }
  }
}

import type { Band } from '@perf/scoring';

/** The types of the Report's options and records. */

export type HeadingLevel = 1 | 2 | 3;
export type Align = 'left' | 'right' | 'center' | 'justify';

export interface HeadingEntry {
  readonly level: HeadingLevel;
  readonly label: string;
  /** 0-based index of the page the heading is on. */
  readonly page: number;
  readonly dest: string;
}

export interface ReportMeta {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: string;
  readonly createdAt: Date;
  /** Left and right text of the running header. */
  readonly runningLeft: string;
  readonly runningRight: string;
  /** Proper names no line break may split while they fit a line («Massa Carrara», a person's name). */
  readonly keepTogether?: readonly string[];
  /** Printed in red on every page after the first while the document is a draft («BOZZA – non adottata dalla Giunta»). */
  readonly draftLabel?: string;
}

export interface TextOptions {
  readonly size?: number;
  readonly bold?: boolean;
  readonly color?: string;
  readonly align?: Align;
  /** Space after the block, in points. */
  readonly gap?: number;
  readonly indent?: number;
  /** A lead-in paragraph («Di seguito…:»): kept on the same page as the block that follows it, like a heading. */
  readonly keepWithNext?: boolean;
}

export interface GradeLike {
  readonly percent: number | null;
  readonly band: Band | null;
}

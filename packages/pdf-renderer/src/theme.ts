import type { Band } from '@perf/scoring';

/** Colours, type sizes and page geometry of the Relazione: one place to change the look. */
export const COLORS = {
  primary: '#1f3a5f',
  accent: '#2f6690',
  text: '#1a1a1a',
  muted: '#5f6b76',
  rule: '#b7c3cf',
  headerFill: '#1f3a5f',
  headerText: '#ffffff',
  groupFill: '#e3ebf3',
  zebra: '#f4f7fa',
  noteFill: '#fff8e1',
  noteBorder: '#e0b252',
  unscored: '#9aa5b1',
  superseded: '#8a8f96',
  /** The draft label (BOZZA) of a document the Giunta has not adopted. */
  draft: '#c62828',
} as const;

/** The seed's three colours: red 0–79, yellow 80–89, green 90–100. */
export const BAND_COLORS: Readonly<Record<Band, string>> = {
  green: '#2e7d32',
  yellow: '#f2b705',
  red: '#c62828',
};

/** Series colours for charts (years, genders, composition items). */
export const SERIES_COLORS = ['#2f6690', '#9cc5e0', '#3a7d44', '#e59f2a', '#8e5ea2', '#c8553d', '#5c946e', '#7d8597'] as const;

export const SIZES = {
  body: 9.5,
  small: 8,
  table: 8,
  chapter: 17,
  section: 12.5,
  subsection: 10.5,
  lineGap: 2,
} as const;

export const PAGE = {
  size: 'A4',
  margins: { top: 72, bottom: 64, left: 56, right: 56 },
  headerY: 32,
  footerOffset: 42,
} as const;

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] ?? COLORS.accent;
}

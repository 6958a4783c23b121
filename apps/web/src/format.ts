import type { Band, Grade } from '@perf/scoring';
import { BAND_LABELS, NOT_SCORED, gradeText } from '@perf/pdf-renderer/italian';
import { html, type Html } from './html.ts';

/** A grade as text with its band in words (never colour alone): "94% · raggiunto". */
export function gradeBadge(grade: Pick<Grade, 'percent' | 'band'>): Html {
  if (grade.band === null) return html`<span class="band band-none">${NOT_SCORED}</span>`;
  return html`<span class="band band-${grade.band}"><strong>${gradeText(grade)}</strong> · ${BAND_LABELS[grade.band]}</span>`;
}

export function bandWord(band: Band | null): string {
  return band === null ? NOT_SCORED : BAND_LABELS[band];
}

import type { Direction } from '@perf/model';

export type Band = 'green' | 'yellow' | 'red';

/** The seed's Italian names of the bands. */
export const BAND_LABELS: Readonly<Record<Band, string>> = { green: 'raggiunto', yellow: 'parzialmente raggiunto', red: 'non raggiunto' };

const clamp = (score: number) => Math.min(100, Math.max(0, score));

/** §3: the score (0–100, unrounded) of a reported value A against target T. */
export function indicatorScore(direction: Direction, target: number, value: number): number {
  switch (direction) {
    case 'higher':
      if (value < 0) return 0;
      if (target === 0) return 100;
      if (target < 0) return value >= target ? 100 : 0;
      return clamp(100 * Math.min(value / target, 1));
    case 'lower':
      if (value <= target) return 100;
      if (target <= 0) return 0;
      return clamp((100 * target) / value);
    case 'boolean':
      return value >= 1 ? 100 : 0;
  }
}

/**
 * §3: `percent` is the score rounded half up. Float noise is removed first so that a score that
 * is 89.5 on paper (179/200) but 89.49999999999999 in binary still rounds to 90.
 */
export function roundHalfUp(score: number): number {
  return Math.floor(Math.round(score * 1e9) / 1e9 + 0.5);
}

export function bandOf(percent: number): Band {
  if (percent >= 90) return 'green';
  if (percent >= 80) return 'yellow';
  return 'red';
}

export interface Weighted {
  readonly score: number | null;
  readonly weight: number;
}

/** §3: weighted mean over the children that have a score and a positive weight; null when none. */
export function weightedMean(children: readonly Weighted[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const child of children) {
    if (child.score === null || !(child.weight > 0)) continue;
    sum += child.score * child.weight;
    weights += child.weight;
  }
  return weights > 0 ? sum / weights : null;
}

export interface Grade {
  readonly score: number | null;
  readonly percent: number | null;
  readonly band: Band | null;
}

export function gradeOf(score: number | null): Grade {
  if (score === null) return { score: null, percent: null, band: null };
  const percent = roundHalfUp(score);
  return { score, percent, band: bandOf(percent) };
}

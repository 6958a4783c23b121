import { describe, expect, it } from 'vitest';
import { bandOf, gradeOf, indicatorScore, roundHalfUp, weightedMean } from '../src/index.ts';

describe('indicatorScore (§3)', () => {
  it('higher: 100 × min(A/T, 1)', () => {
    expect(indicatorScore('higher', 200, 150)).toBe(75);
    expect(indicatorScore('higher', 200, 250)).toBe(100);
    expect(indicatorScore('higher', 3, 2.7)).toBeCloseTo(90, 10);
  });
  it('higher with T = 0 is 100 when A ≥ 0', () => {
    expect(indicatorScore('higher', 0, 0)).toBe(100);
    expect(indicatorScore('higher', 0, 5)).toBe(100);
  });
  it('higher with a negative value scores 0', () => {
    expect(indicatorScore('higher', 10, -3)).toBe(0);
    expect(indicatorScore('higher', 0, -1)).toBe(0);
  });
  it('lower: 100 when A ≤ T, else 100 × T / A', () => {
    expect(indicatorScore('lower', 10, 8)).toBe(100);
    expect(indicatorScore('lower', 10, 10)).toBe(100);
    expect(indicatorScore('lower', 10, 12.5)).toBe(80);
    expect(indicatorScore('lower', 10, -5)).toBe(100);
  });
  it('lower with T = 0: 100 for A ≤ 0, 0 for A > 0', () => {
    expect(indicatorScore('lower', 0, 0)).toBe(100);
    expect(indicatorScore('lower', 0, 0.1)).toBe(0);
    expect(indicatorScore('lower', 0, 7)).toBe(0);
  });
  it('boolean: 100 when true (≥ 1), else 0', () => {
    expect(indicatorScore('boolean', 1, 1)).toBe(100);
    expect(indicatorScore('boolean', 1, 2)).toBe(100);
    expect(indicatorScore('boolean', 1, 0)).toBe(0);
    expect(indicatorScore('boolean', 1, 0.99)).toBe(0);
  });
  it('never leaves 0–100', () => {
    for (const [direction, target, value] of [['higher', 5, 1e9], ['lower', 5, 1e-9], ['higher', -5, -10], ['lower', -5, 10]] as const) {
      const score = indicatorScore(direction, target, value);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(100);
    }
  });
});

describe('percent and bands', () => {
  it('rounds half up, also when the binary float is just below .5', () => {
    expect(roundHalfUp(89.5)).toBe(90);
    expect(roundHalfUp(79.5)).toBe(80);
    expect(roundHalfUp(89.49)).toBe(89);
    expect(roundHalfUp(indicatorScore('higher', 200, 179))).toBe(90);
    expect(roundHalfUp(indicatorScore('higher', 10, 8.95))).toBe(90);
    expect(roundHalfUp(indicatorScore('higher', 200, 159))).toBe(80);
  });
  it('reads the band from percent: 90–100 green, 80–89 yellow, 0–79 red', () => {
    expect(gradeOf(89.5)).toEqual({ score: 89.5, percent: 90, band: 'green' });
    expect(gradeOf(79.5)).toEqual({ score: 79.5, percent: 80, band: 'yellow' });
    expect(gradeOf(79.49)).toMatchObject({ percent: 79, band: 'red' });
    expect(bandOf(100)).toBe('green');
    expect(bandOf(0)).toBe('red');
    expect(gradeOf(null)).toEqual({ score: null, percent: null, band: null });
  });
});

describe('weightedMean', () => {
  it('uses the weights of the scored children only', () => {
    expect(weightedMean([{ score: 100, weight: 3 }, { score: 50, weight: 1 }])).toBe(87.5);
    expect(weightedMean([{ score: 100, weight: 1 }, { score: null, weight: 5 }])).toBe(100);
  });
  it('ignores weight-0 children', () => {
    expect(weightedMean([{ score: 0, weight: 0 }, { score: 80, weight: 2 }])).toBe(80);
    expect(weightedMean([{ score: 50, weight: 0 }])).toBeNull();
  });
  it('is null with no scored child', () => {
    expect(weightedMean([])).toBeNull();
    expect(weightedMean([{ score: null, weight: 1 }])).toBeNull();
  });
});

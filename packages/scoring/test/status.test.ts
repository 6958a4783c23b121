import { describe, expect, it } from 'vitest';
import { validatePlan, type PlanInput } from '@perf/model';
import { computeStatus, statusJson, summarize, gradeOf } from '../src/index.ts';

const planInput: PlanInput = {
  ente: { code: 'T', name: 'Ente di prova' },
  year: 2024,
  perspectives: [{ id: 'P', name: 'Prospettiva' }],
  lines: [{ id: 'L', name: 'Linea' }],
  areas: [{ id: 'A', name: 'Area', head: 'd' }],
  people: [{ id: 'd', name: 'Dirigente', role: 'dirigente' }, { id: 's', name: 'Staff', role: 'staff' }],
  strategic_objectives: [
    { id: '01', title: 'Uno', perspective: 'P', line: 'L', weight: 2 },
    { id: '02', title: 'Due', perspective: 'P', line: 'L' },
    { id: '03', title: 'Tre senza valori', perspective: 'P', line: 'L' },
  ],
  operational_objectives: [
    { id: '01.1', strategic: '01', area: 'A', title: 'Op 1', weight: 3 },
    { id: '01.2', strategic: '01', area: 'A', title: 'Op 2' },
    { id: '01.3', strategic: '01', area: 'A', title: 'Op a peso zero', weight: 0 },
  ],
  indicators: [
    { id: 1, objective: '01.1', name: 'i1', direction: 'higher', target: 100, owner: 's' },
    { id: 2, objective: '01.1', name: 'i2', direction: 'lower', target: 10, weight: 3, owner: 's' },
    { id: 3, objective: '01.2', name: 'i3', direction: 'boolean', target: 1, owner: 'd' },
    { id: 4, objective: '01.3', name: 'i4', direction: 'higher', target: 10, owner: 'd' },
    { id: 5, objective: '02', name: 'i5', direction: 'higher', target: 50, owner: 'd' },
    { id: 6, objective: '01', name: 'i6 diretto sullo strategico', direction: 'higher', target: 10, owner: 'd' },
    { id: 7, objective: '03', name: 'i7 mancante', direction: 'higher', target: 10, owner: 'd' },
  ],
  individual_objectives: [{ person: 'd', objectives: [{ ref: '01', weight: 60 }, { ref: '02', weight: 40 }, { ref: '03', weight: 100 }] }],
};

describe('computeStatus', () => {
  const plan = validatePlan(planInput);
  const latest = new Map([
    [1, { value: 80, period: '2024-Q4' }], // 80
    [2, { value: 12.5, period: '2024-Q4' }], // 80
    [3, { value: 0, period: '2024-Q4' }], // 0
    [4, { value: 0, period: '2024-Q4' }], // 0, but its objective has weight 0
    [5, { value: 45, period: '2024-Q3' }], // 90
    [6, { value: 10, period: '2024' }], // 100
  ]);
  const status = computeStatus(plan, latest);

  it('scores operational objectives as the weighted mean of their indicators', () => {
    expect(status.operational.find((o) => o.id === '01.1')).toMatchObject({ score: 80, percent: 80, band: 'yellow' });
    expect(status.operational.find((o) => o.id === '01.2')).toMatchObject({ score: 0, band: 'red' });
  });
  it('scores strategic objectives from direct indicators and operational objectives, skipping weight 0', () => {
    // indicator 6 (100, w1) + 01.1 (80, w3) + 01.2 (0, w1); 01.3 has weight 0
    expect(status.strategic[0]?.score).toBeCloseTo((100 + 240 + 0) / 5, 10);
    expect(status.strategic[1]).toMatchObject({ score: 90, percent: 90, band: 'green' });
  });
  it('never counts a missing value as 0', () => {
    expect(status.indicators.find((i) => i.id === 7)).toMatchObject({ value: null, period: null, score: null, percent: null, band: null });
    expect(status.strategic[2]).toMatchObject({ score: null, percent: null, band: null });
  });
  it('computes the overall score as the weighted mean of the strategic objectives', () => {
    expect(status.overall.score).toBeCloseTo((68 * 2 + 90) / 3, 10);
    expect(status.overall.percent).toBe(75);
  });
  it('scores individuals from their referenced objectives', () => {
    expect(status.individuals[0]?.score).toBeCloseTo((68 * 60 + 90 * 40) / 100, 10);
  });
  it('summarizes the scored strategic objectives by band', () => {
    expect(status.summary).toEqual({ total: 2, green: { count: 1, percent: 50 }, yellow: { count: 0, percent: 0 }, red: { count: 1, percent: 50 }, unscored: { count: 1 } });
  });
  it('gives §7 JSON keys', () => {
    const json = statusJson(status) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['ente', 'year', 'overall', 'summary', 'strategic', 'operational', 'indicators', 'individuals']);
    expect((json.indicators as object[])[6]).toMatchObject({ id: 7, value: null, score: null, percent: null, band: null });
  });
});

describe('summarize', () => {
  it('reproduces the seed summary 15/2/1 = 83/11/6', () => {
    const grades = [...Array(15).fill(95), 85, 82, 60].map((s: number) => gradeOf(s));
    expect(summarize(grades)).toEqual({ total: 18, green: { count: 15, percent: 83 }, yellow: { count: 2, percent: 11 }, red: { count: 1, percent: 6 }, unscored: { count: 0 } });
  });
  it('has null percentages when nothing is scored', () => {
    expect(summarize([gradeOf(null)])).toEqual({ total: 0, green: { count: 0, percent: null }, yellow: { count: 0, percent: null }, red: { count: 0, percent: null }, unscored: { count: 1 } });
  });
});

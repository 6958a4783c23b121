import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan, parseValuesFile, rolloverPlan, stringifyPlan, numberText, parseItalianNumber } from '../src/index.ts';

const example = (name: string) => readFileSync(new URL(`../../../examples/cciaa-ms-2012/${name}`, import.meta.url), 'utf8');

describe('rolloverPlan', () => {
  const plan = parsePlan(example('piano-2012.yaml'));

  it('keeps the tree, targets and weights; each baseline becomes last year\'s value, or is left out', () => {
    const { plan: next, withoutBaseline } = rolloverPlan(plan, 2013, new Map([[12, { value: 31 }], [1, { value: 3 }]]));
    expect(next.year).toBe(2013);
    expect(next.indicators.find((i) => i.id === 12)?.baseline).toBe(31);
    expect(next.indicators.find((i) => i.id === 1)?.baseline).toBe(3);
    expect(next.indicators.find((i) => i.id === 2)).not.toHaveProperty('baseline');
    expect(withoutBaseline).toEqual(plan.indicators.map((i) => i.id).filter((id) => id !== 12 && id !== 1));
    const bare = <T extends object>(entry: T) => {
      const { fonte: _f, ricostruito: _r, baseline: _b, ...rest } = entry as T & { fonte?: unknown; ricostruito?: unknown; baseline?: unknown };
      return rest;
    };
    expect(next.indicators.map(bare)).toEqual(plan.indicators.map(bare));
    expect(next.strategic_objectives).toEqual(plan.strategic_objectives.map(bare));
    const { provenienza: _p, ...rest } = plan;
    expect({ ...next, year: 2012, indicators: [], strategic_objectives: [], operational_objectives: [], individual_objectives: [] })
      .toEqual({ ...rest, indicators: [], strategic_objectives: [], operational_objectives: [], individual_objectives: [] });
  });

  it('drops 2012\'s provenance: a rolled-over entry is the ente\'s new plan, not printed in 2012\'s Relazione nor reconstructed from it', () => {
    expect(plan.provenienza?.vision?.ricostruito).toBe(true);
    const { plan: next, droppedProvenance } = rolloverPlan(plan, 2013, new Map());
    expect(droppedProvenance).toBe(true);
    expect(next).not.toHaveProperty('provenienza');
    const entries = [...next.strategic_objectives, ...next.operational_objectives, ...next.indicators, ...next.individual_objectives];
    expect(entries.filter((e) => 'fonte' in e || 'ricostruito' in e)).toEqual([]);
    // The content itself carries over, for the ente to review: objective 13 and the targets are still there.
    expect(next.strategic_objectives.find((o) => o.id === '13')?.title).toBe(plan.strategic_objectives.find((o) => o.id === '13')?.title);
    expect(rolloverPlan(next, 2014, new Map()).droppedProvenance).toBe(false);
  });

  it('writes YAML that reads back to the same plan, with the header as comments', () => {
    const { plan: next } = rolloverPlan(plan, 2013, new Map([[12, { value: 31.5 }]]));
    const text = stringifyPlan(next, ['Piano 2013', '', 'da rivedere']);
    expect(text.split('\n').slice(0, 3)).toEqual(['# Piano 2013', '', '# da rivedere']);
    expect(text).toContain('"01"');
    expect(parsePlan(text)).toEqual(next);
  });
});

describe('numbers from files', () => {
  it('writes numbers so that the Italian parser reads them back exactly', () => {
    for (const n of [0, 23, 23.5, 1.234, 1234.5, -4.25, 0.0001]) expect(parseItalianNumber(numberText(n))).toBe(n);
  });
  it('reads a YAML value of 1.234 as a decimal, not as Italian thousands', () => {
    const file = parseValuesFile('ente: E\nyear: 2012\nvalues:\n  - { indicator: 1, period: 2012-Q1, value: 1.234 }\n');
    expect(parseItalianNumber(file.values[0]!.value)).toBe(1.234);
  });
});

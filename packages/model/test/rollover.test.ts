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
    expect(next.indicators.map(({ baseline: _b, ...rest }) => rest)).toEqual(plan.indicators.map(({ baseline: _b, ...rest }) => rest));
    expect({ ...next, year: 2012, indicators: [] }).toEqual({ ...plan, indicators: [] });
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

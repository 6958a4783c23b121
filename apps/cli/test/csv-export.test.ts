import { describe, expect, it } from 'vitest';
import { neutralised } from '@perf/core';

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would read as formulas (OWASP), leaving numbers and plain text', () => {
    expect(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', 'nota', 'a=b'].map(neutralised)).toEqual(["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tx", "'\rx", 'nota', 'a=b']);
    expect(neutralised(-5)).toBe(-5);
  });
});

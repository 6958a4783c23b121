import { describe, expect, it } from 'vitest';
import { advance, current, STATE_TTL_MS, type Intent } from '../src/index.ts';

const pending = { indicator: 12, rawValue: '23', period: undefined, correction: false };

describe('conversation state', () => {
  it('keeps a report for confirmation, and the stored one for a correction', () => {
    const asked = advance({}, { kind: 'report', report: pending });
    expect(asked).toEqual({ pending, last: undefined });
    const stored = advance(asked, { kind: 'confirm', report: pending }, { indicator: 12, period: '2012-Q4' });
    expect(stored).toEqual({ last: { indicator: 12, period: '2012-Q4' } });
  });

  it('keeps the question open after a digit that is not a confirmation, and drops it after anything else', () => {
    const asked = advance({}, { kind: 'report', report: pending });
    const digit: Intent = { kind: 'refuse', code: 'NOT_A_CONFIRMATION', message: '', hint: '' };
    expect(advance(asked, digit).pending).toEqual(pending);
    expect(advance(asked, { kind: 'smalltalk', greeting: 'hello' }).pending).toBeUndefined();
    expect(advance(asked, { kind: 'cancel' }).pending).toBeUndefined();
  });

  it('forgets everything after 15 minutes', () => {
    const state = { pending, last: { indicator: 12, period: '2012-Q4' } };
    const saved = new Date('2012-11-15T10:00:00Z');
    expect(current(state, saved, new Date(saved.getTime() + STATE_TTL_MS))).toEqual(state);
    expect(current(state, saved, new Date(saved.getTime() + STATE_TTL_MS + 1))).toEqual({});
  });
});

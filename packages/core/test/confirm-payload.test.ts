import { describe, expect, it } from 'vitest';
import { decodeConfirmation, encodeConfirmation } from '../src/index.ts';

describe('the Conferma button payload shared by Slack, Discord and Teams', () => {
  it('carries back exactly the previewed value, period and note, and fits a Discord custom id', () => {
    const input = { indicator: 12, rawValue: '23,5', period: '2012-Q3', note: 'dato provvisorio' };
    const payload = encodeConfirmation(input);
    expect(decodeConfirmation(payload)).toEqual(input);
    expect(('perf:confirm:' + payload).length).toBeLessThanOrEqual(100);
    expect(decodeConfirmation(encodeConfirmation({ indicator: 7, rawValue: 'sì', period: undefined, note: undefined }))).toEqual({ indicator: 7, rawValue: 'sì', period: undefined, note: undefined });
  });

  it.each([
    ['not JSON', '[12, "2012-Q3", "23"'],
    ['an object', '{"indicator":12,"value":"23"}'],
    ['a negative indicator', '[-1,null,"23",null]'],
    ['an empty value', '[12,null,"",null]'],
    ['an extra element', '[12,null,"23",null,"x"]'],
    ['no payload', undefined],
    ['a number', 12],
  ])('refuses %s with an Italian message and no stack', (_what, payload) => {
    expect(() => decodeConfirmation(payload)).toThrow(expect.objectContaining({ code: 'ANSWER_INVALID', message: 'Questo pulsante non contiene un valore valido: nulla è stato registrato.' }));
  });
});

import { describe, expect, it } from 'vitest';
import {
  defaultReportPeriod, formatEuro, formatFractionPercent, formatNumber, lastPeriodOfYear, parseIndicatorValue, parseItalianNumber,
  formatTextTable, parsePeriod, periodEnd, PerfError, storedValueProblem,
} from '../src/index.ts';

describe('parseItalianNumber (§4)', () => {
  it.each([
    ['23', 23], ['23.5', 23.5], ['23,5', 23.5], ['1.234,5', 1234.5], ['83%', 83], ['1.234', 1234], ['1.234.567', 1234567],
    ['0.125', 0.125], ['-4', -4], [' 7 ', 7], ['0,5', 0.5], ['12.5', 12.5],
  ])('%s → %d', (text, value) => expect(parseItalianNumber(text)).toBe(value));
  it.each(['abc', '', '1,2,3', '1.23.4', '12,', '1.2345,6', '--1', '3x'])('rejects %j', (text) => expect(parseItalianNumber(text)).toBeUndefined());
});

describe('parseIndicatorValue', () => {
  it.each(['si', 'sì', 'SÌ', 'yes', 'true', '1'])('reads %s as done', (text) => expect(parseIndicatorValue(text, { direction: 'boolean' })).toBe(1));
  it.each(['no', 'false', '0', 'NO'])('reads %s as not done', (text) => expect(parseIndicatorValue(text, { direction: 'boolean' })).toBe(0));
  it('says what is wrong and the right form, in Italian', () => {
    expect(() => parseIndicatorValue('abc', { direction: 'higher' })).toThrow(PerfError);
    try { parseIndicatorValue('abc', { direction: 'higher' }); } catch (error) {
      expect((error as PerfError).toText()).toBe('Il valore "abc" non è un numero.\nNumeri ammessi: 23 · 23.5 · 23,5 · 1.234,5 · 83%.');
    }
    expect(() => parseIndicatorValue('forse', { direction: 'boolean' })).toThrow(/sì\/no/);
  });
});

describe('periods (§4)', () => {
  const quarterly = { year: 2012, monitoring: 'quarterly' as const };
  const fourMonthly = { year: 2012, monitoring: 'four-monthly' as const };
  it('parses quarters, quadrimestri and the year', () => {
    expect(parsePeriod('2012-Q3', quarterly)).toEqual({ year: 2012, kind: 'Q', index: 3 });
    expect(parsePeriod('2012-q1', quarterly)).toEqual({ year: 2012, kind: 'Q', index: 1 });
    expect(parsePeriod('2012-4M2', fourMonthly)).toEqual({ year: 2012, kind: '4M', index: 2 });
    expect(parsePeriod('2012', quarterly)).toEqual({ year: 2012, kind: 'Y', index: 0 });
  });
  it('refuses impossible periods, other years and the other rhythm', () => {
    expect(() => parsePeriod('2012-Q5', quarterly)).toThrow(/trimestri vanno da Q1 a Q4/);
    expect(() => parsePeriod('2012-4M4', fourMonthly)).toThrow(/quadrimestri vanno da 4M1 a 4M3/);
    expect(() => parsePeriod('2013-Q1', quarterly)).toThrow(/fuori dall'anno del Piano \(2012\)/);
    expect(() => parsePeriod('2012-4M1', quarterly)).toThrow(/monitoraggio trimestrale/);
    expect(() => parsePeriod('Q1', quarterly)).toThrow(/non valido/);
  });
  it('defaults to the current period in Europe/Rome', () => {
    // 31 March 2012, 23:30 UTC is already 1 April in Rome (UTC+2): second quarter.
    expect(defaultReportPeriod(quarterly, new Date('2012-03-31T23:30:00Z'))).toEqual({ year: 2012, kind: 'Q', index: 2 });
    expect(defaultReportPeriod(quarterly, new Date('2012-03-31T21:30:00Z'))).toEqual({ year: 2012, kind: 'Q', index: 1 });
    expect(defaultReportPeriod(fourMonthly, new Date('2012-05-15T12:00:00Z'))).toEqual({ year: 2012, kind: '4M', index: 2 });
  });
  it("goes to the year's last period once the year is over, and refuses a plan not started", () => {
    expect(defaultReportPeriod(quarterly, new Date('2026-11-27T12:00:00Z'))).toEqual(lastPeriodOfYear(2012, 'quarterly'));
    expect(defaultReportPeriod(fourMonthly, new Date('2013-01-01T00:30:00+01:00'))).toEqual({ year: 2012, kind: '4M', index: 3 });
    expect(() => defaultReportPeriod(quarterly, new Date('2011-12-01T12:00:00Z'))).toThrow(/non è ancora iniziato/);
  });
  it('closes a period at midnight in Rome after its last day', () => {
    expect(periodEnd({ year: 2012, kind: 'Q', index: 2 }).toISOString()).toBe('2012-06-30T22:00:00.000Z');
    expect(periodEnd({ year: 2012, kind: 'Q', index: 4 }).toISOString()).toBe('2012-12-31T23:00:00.000Z');
    expect(periodEnd({ year: 2012, kind: '4M', index: 1 }).toISOString()).toBe('2012-04-30T22:00:00.000Z');
  });
});

describe('Italian number forms', () => {
  it('formats euro, percentages and ratios', () => {
    expect(formatEuro(1832061.6)).toBe('€ 1.832.061,60');
    expect(formatFractionPercent(0.7063)).toBe('70,63%');
    expect(formatNumber(1.62)).toBe('1,62');
    expect(formatNumber(22605, 0)).toBe('22.605');
  });
});

describe('storedValueProblem (a value stored under an earlier plan, checked against the revised indicator)', () => {
  it('accepts what still fits', () => {
    expect(storedValueProblem(1, { direction: 'boolean' })).toBeUndefined();
    expect(storedValueProblem(0, { direction: 'higher', unit: 'n.' })).toBeUndefined();
    expect(storedValueProblem(100, { direction: 'higher', unit: '%', min: 0, max: 100 })).toBeUndefined();
  });
  it('names what no longer fits', () => {
    expect(storedValueProblem(2, { direction: 'boolean' })).toBe("non è sì né no, e l'indicatore ora è sì/no");
    expect(storedValueProblem(-5, { direction: 'higher', unit: 'n.' })).toBe("è negativo, e l'indicatore ora si misura in n.");
    expect(storedValueProblem(-2, { direction: 'lower', unit: 'giorni' })).toBe("è negativo, e l'indicatore ora si misura in giorni");
    expect(storedValueProblem(-1, { direction: 'higher', unit: '%', min: 0 })).toBe('è sotto il minimo del Piano (0%); il Piano ammette per questo indicatore valori da 0% in su');
    expect(storedValueProblem(120.5, { direction: 'higher', unit: '%', min: 0, max: 100 })).toBe('supera il massimo del Piano (100%); il Piano ammette per questo indicatore valori tra 0% e 100%');
  });
});

describe('formatTextTable (history, audit and every terminal table)', () => {
  it('keeps each row on one line and never prints a control character raw', () => {
    const table = formatTextTable([['periodo', 'nota']], [['2012-Q1', 'prima riga\nseconda\r\nterza'], ['2012-Q2', 'rosso \u001b[31m fine\u0000']]);
    expect(table.split('\n')).toHaveLength(4);
    expect(table).toContain('prima riga ↵ seconda ↵ terza');
    expect(table).toContain('rosso \\u001b[31m fine\\u0000');
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });
});

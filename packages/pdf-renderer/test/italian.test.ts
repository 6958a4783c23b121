import { describe, expect, it } from 'vitest';
import { niceTicks } from '../src/charts.ts';
import { articledDate, formatDateShort, gradeText, indicatorTarget, indicatorValue, periodLabel, shortEnte, truncate } from '../src/italian.ts';

describe('Italian forms', () => {
  it('shows indicator values and targets in their unit, booleans as sì/no', () => {
    expect(indicatorValue({ direction: 'higher', unit: '%' }, 83)).toBe('83%');
    expect(indicatorValue({ direction: 'higher', unit: '€' }, 772193)).toBe('€ 772.193,00');
    expect(indicatorValue({ direction: 'lower', unit: 'giorni' }, 3.5)).toBe('3,5 giorni');
    expect(indicatorValue({ direction: 'boolean', unit: undefined }, 1)).toBe('sì');
    expect(indicatorValue({ direction: 'boolean', unit: undefined }, 0)).toBe('no');
    expect(indicatorTarget({ direction: 'higher', unit: 'n.', target: 1200 })).toBe('≥ 1.200 n.');
    expect(indicatorTarget({ direction: 'lower', unit: '%', target: 5 })).toBe('≤ 5%');
  });

  it('shortens a long label after a whole word, never inside one', () => {
    expect(truncate('Internazionalizzazione e promozione dell\'impresa di Massa Carrara all\'estero', 60)).toBe('Internazionalizzazione e promozione dell\'impresa di Massa…');
    expect(truncate('Qualità del servizio', 60)).toBe('Qualità del servizio');
    expect(truncate('Precisazione', 6)).toBe('Preci…');
  });

  it('reads an unscored grade as "non rilevato", never 0%', () => {
    expect(gradeText({ percent: null })).toBe('non rilevato');
    expect(gradeText({ percent: 0 })).toBe('0%');
    expect(gradeText({ percent: 94 })).toBe('94%');
  });

  it('names periods and entes', () => {
    expect(periodLabel('2012-Q4')).toBe('IV trimestre 2012');
    expect(periodLabel('2012-Q4', true)).toBe('IV trim. 2012');
    expect(periodLabel('2013-4M2')).toBe('II quadrimestre 2013');
    expect(periodLabel('2012')).toBe('anno 2012');
    expect(shortEnte('Camera di Commercio di Massa Carrara')).toBe('La CCIAA di Massa Carrara');
    expect(shortEnte('Comune di Carrara')).toBe('Comune di Carrara');
  });
});

describe('dates after an article', () => {
  it('elides the article before 8 and 11 («l’8», «dell’11»), not before other days', () => {
    expect(articledDate('il', new Date('2026-12-08T10:00:00Z'))).toBe('l’8 dicembre 2026');
    expect(articledDate('del', new Date('2013-04-11T10:00:00Z'))).toBe('dell’11 aprile 2013');
    expect(articledDate('dal', new Date('2012-03-08T10:00:00Z'))).toBe('dall’8 marzo 2012');
    expect(articledDate('al', new Date('2012-12-18T10:00:00Z'))).toBe('al 18 dicembre 2012');
    expect(articledDate('il', new Date('2013-06-27T10:00:00Z'))).toBe('il 27 giugno 2013');
    expect(articledDate('del', new Date('2013-01-01T10:00:00Z'))).toMatch(/^del 1/);
    expect(articledDate('dal', new Date('2012-04-11T10:00:00Z'), formatDateShort)).toBe('dall’11/04/2012');
    expect(articledDate('al', new Date('2013-02-15T10:00:00Z'), formatDateShort)).toBe('al 15/02/2013');
  });
});

describe('chart scales', () => {
  it('use round tick steps covering the largest value', () => {
    expect(niceTicks(15)).toEqual({ step: 5, count: 3 });
    expect(niceTicks(100)).toEqual({ step: 25, count: 4 });
    expect(niceTicks(0.7135)).toEqual({ step: 0.2, count: 4 });
    const budget = niceTicks(1210155);
    expect(budget.step).toBe(500000);
    expect(budget.step * budget.count).toBeGreaterThanOrEqual(1210155);
  });
});

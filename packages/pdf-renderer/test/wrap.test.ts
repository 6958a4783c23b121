import { describe, expect, it } from 'vitest';
import { widestPiece, withNoBreaks, wrapLines } from '../src/wrap.ts';

/** A monospaced measure: every character is 1 wide. */
const mono = (text: string) => text.length;
const texts = (text: string, width: number) => wrapLines(text, width, mono).map((l) => l.text);

describe('line breaking', () => {
  it('fills lines greedily at spaces and marks the last line of each paragraph', () => {
    expect(wrapLines('uno due tre quattro', 9, mono)).toEqual([
      { text: 'uno due', last: false },
      { text: 'tre', last: false },
      { text: 'quattro', last: true },
    ]);
    expect(texts('prima riga\nseconda', 20)).toEqual(['prima riga', 'seconda']);
  });

  it('breaks after a hyphen or slash inside a word, and splits a word wider than the line', () => {
    expect(texts('dimensione economico-finanziaria', 20)).toEqual(['dimensione', 'economico-', 'finanziaria']);
    expect(texts('Precisazione', 5)).toEqual(['Preci', 'sazio', 'ne']);
  });

  it('never separates the euro sign from its amount', () => {
    expect(texts('risorse per € 1.832.061,60 nel 2012', 16)).toEqual(['risorse per', '€ 1.832.061,60', 'nel 2012']);
  });

  it('keeps a target\'s comparison with its amount, and splits a number too wide for any line after a separator', () => {
    expect(texts('Target ≥ € 750.000,00', 16)).toEqual(['Target', '≥ € 750.000,00']);
    expect(widestPiece('Target ≥ € 750.000,00', mono)).toBe(14);
    expect(texts('€ 123.456.789,00', 10)).toEqual(['€', '123.456.', '789,00']);
  });

  it('never breaks a kept name while it fits a line, and breaks it at its spaces when it does not', () => {
    const keep = ['Massa Carrara', 'Massa-Carrara'];
    expect(wrapLines('Camera di Commercio di Massa Carrara', 27, mono, keep).map((l) => l.text)).toEqual(['Camera di Commercio di', 'Massa Carrara']);
    expect(wrapLines('provincia di Massa-Carrara', 18, mono, keep).map((l) => l.text)).toEqual(['provincia di', 'Massa-Carrara']);
    expect(wrapLines('di Massa Carrara', 8, mono, keep).map((l) => l.text)).toEqual(['di Massa', 'Carrara']);
    expect(wrapLines('Massachusetts Carraresi', 14, mono, keep).map((l) => l.text)).toEqual(['Massachusetts', 'Carraresi']);
    expect(withNoBreaks('Questura di Massa Carrara', keep)).toBe('Questura di Massa\u00a0Carrara');
  });

  it('keeps an empty text as one empty line', () => {
    expect(wrapLines('', 10, mono)).toEqual([{ text: '', last: true }]);
  });
});

import { describe, expect, it } from 'vitest';
import { wrapLines } from '../src/wrap.ts';

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

  it('keeps an empty text as one empty line', () => {
    expect(wrapLines('', 10, mono)).toEqual([{ text: '', last: true }]);
  });
});

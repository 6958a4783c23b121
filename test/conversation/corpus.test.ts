import { describe, expect, it } from 'vitest';
import { corpus, judge, play, saidByPerson, turnsOf } from './corpus.ts';

describe('the conversation corpus on the example plan', () => {
  const results = corpus.map((c) => ({ c, intent: play(c) }));

  it('holds at least 150 utterances', () => {
    expect(corpus.flatMap(turnsOf).length).toBeGreaterThanOrEqual(150);
  });

  it('understands at least 95% of the cases', () => {
    const failed = results.map(({ c, intent }) => ({ c, verdict: judge(c, intent) })).filter((r) => r.verdict !== true);
    const share = (results.length - failed.length) / results.length;
    console.log(`conversation corpus: ${results.length - failed.length}/${results.length} understood (${(share * 100).toFixed(1)}%)`);
    for (const f of failed) console.log(`  ✗ ${f.c.as}: ${JSON.stringify(f.c.say)} → ${String(f.verdict)}`);
    expect(share).toBeGreaterThanOrEqual(0.95);
  });

  it('refuses every case that must be refused', () => {
    const wrong = results.filter(({ c }) => c.expect === 'refuse').filter(({ c, intent }) => judge(c, intent) !== true);
    expect(wrong.map(({ c, intent }) => `${JSON.stringify(c.say)} → ${JSON.stringify(intent)}`)).toEqual([]);
  });

  it('never proposes a value the person did not write', () => {
    const unsaid = results.filter(({ c, intent }) => !saidByPerson(c, intent));
    expect(unsaid.map(({ c, intent }) => `${JSON.stringify(c.say)} → ${JSON.stringify(intent)}`)).toEqual([]);
  });
});

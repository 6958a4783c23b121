import { parseCommandLine } from '@perf/core';
import { corpus, judge, play } from '../test/conversation/corpus.ts';
import { fmt, percentile, type Bench } from './harness.ts';

const ROUNDS = 20;

/** The §6 line that says the same as a report case: what the exact-grammar parser reads. */
function exactLine(c: (typeof corpus)[number]): string {
  if (c.ind !== undefined && c.value !== undefined) return `report ${c.ind} value=${typeof c.value === 'boolean' ? (c.value ? 'sì' : 'no') : String(c.value).replace('.', ',')}${c.period === undefined ? '' : ` period=${c.period}`}`;
  return 'status me';
}

/**
 * `pnpm bench conversation`: the share of the corpus understood, and the time `understand` takes
 * per message (p50, p99 over every message of the corpus, `ROUNDS` times) beside the time of the
 * exact-grammar parser reading the same cases written as §6 lines, in the same run.
 */
export const conversationBench: Bench = {
  name: 'conversation',
  description: 'free-text understanding on the example plan: share of the corpus, time per message',
  async run(log) {
    const understood = corpus.filter((c) => judge(c, play(c)) === true).length;
    const share = (understood / corpus.length) * 100;
    log(`corpus: ${understood}/${corpus.length} understood (${fmt(share, 1)}%), ${corpus.flatMap((c) => (typeof c.say === 'string' ? [c.say] : c.say)).length} messages`);
    const free: number[] = [];
    const exact: number[] = [];
    const lines = corpus.map(exactLine);
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of corpus) {
        play(c, (call) => {
          const start = performance.now();
          const intent = call();
          free.push(performance.now() - start);
          return intent;
        });
      }
      for (const line of lines) {
        const start = performance.now();
        parseCommandLine(line);
        exact.push(performance.now() - start);
      }
    }
    const [p50, p99, e50, e99] = [percentile(free, 50), percentile(free, 99), percentile(exact, 50), percentile(exact, 99)];
    log(`understand: p50 ${fmt(p50, 4)} ms, p99 ${fmt(p99, 4)} ms over ${free.length} messages; exact grammar: p50 ${fmt(e50, 4)} ms, p99 ${fmt(e99, 4)} ms over ${exact.length} lines`);
    return [
      { bench: 'conversation', label: 'corpus understood', value: share, unit: '%', baselineLabel: 'goal', baseline: 95, goal: '≥ 95%', met: share >= 95 },
      { bench: 'conversation', label: 'understand p50 per message', value: p50 * 1000, unit: 'µs', baselineLabel: 'exact-grammar parser p50', baseline: e50 * 1000, goal: '—', met: true },
      { bench: 'conversation', label: 'understand p99 per message', value: p99 * 1000, unit: 'µs', baselineLabel: 'exact-grammar parser p99', baseline: e99 * 1000, goal: '< 5 ms', met: p99 < 5 },
    ];
  },
};

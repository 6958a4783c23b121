import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandLine, type CommandContext } from '@perf/core';
import { isPerfError, parseIndicatorValue, parseItalianNumber, parsePeriod, parsePlan } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { freshEmbeddedDir } from './support/databases.ts';
import { EXAMPLE_DIR } from './support/cli.ts';

const COMMANDS = 10_000;
/** Italian words the answers use: every refusal must be written in Italian. */
const ITALIAN = /\b(non|manca|comando|forma|corretta|valore|periodo|indicatore|parametro|virgolette|troppe|parole|può|sconosciut|scrivi|obiettivo|persona|piano)\b/i;

describe('fuzzing the command grammar and the value/period parsers', () => {
  let store: Store;
  let context: CommandContext;
  beforeAll(async () => {
    store = await openStore(await freshEmbeddedDir());
    await store.importPlan(parsePlan(readFileSync(`${EXAMPLE_DIR}/piano-2012.yaml`, 'utf8')), { actor: 'fuzz', channel: 'cli', at: new Date() });
    context = { store, channel: 'slack', clock: () => new Date('2012-05-10T10:00:00Z'), identity: { kind: 'chat', app: 'slack', userId: 'U0000006' } };
  });
  afterAll(() => store.close());

  const word = fc.oneof(
    fc.constantFrom('report', 'status', 'relazione', 'help', 'REPORT', 'stato', 'registra', 'me', '12', '#12', '05', '999', '-1', '1e3', 'abc', '"', '“', '«', '='),
    fc.string({ maxLength: 12 }),
    fc.constantFrom('value=', 'valore=', 'period=', 'periodo=', 'note=', 'nota=', 'VALUE=').chain((key) =>
      fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('abc', '1,2,3', '2012-Q5', '2013-Q1', '2012-4M1', '1.23.4', '', '--1', '83%%', 'sì?')).map((v) => key + v)),
  );
  /** Commands that the grammar must refuse: mutated forms of valid ones and random word salads. */
  const invalidCommand = fc.oneof(
    fc.array(word, { maxLength: 6 }).map((words) => words.join(' ')),
    fc.constantFrom('report 12 value=abc', 'report 12', 'report x value=1', 'report 12 value=1 period=2012-Q9', 'status a b c', 'relazione 20x2', 'report 12 value=1 note="aperta'),
  );

  it(`answers ${COMMANDS} generated and mutated commands without throwing anything but an Italian PerfError`, async () => {
    let refused = 0;
    let accepted = 0;
    let mutating = 0;
    await fc.assert(fc.asyncProperty(invalidCommand, async (line) => {
      try {
        const reply = await runCommandLine(line, context);
        accepted++;
        // Only read-only commands may get through a fuzzed line; a report that parses would be valid input.
        if (reply.kind === 'report') mutating++;
      } catch (error) {
        if (!isPerfError(error)) throw error;
        refused++;
        expect(error.code).not.toBe('INTERNAL');
        expect(error.toText()).toMatch(ITALIAN);
      }
    }), { numRuns: COMMANDS, seed: 20121231 });
    const stored = (await store.counts()).rilevazioni;
    console.log(`fuzz: ${COMMANDS} commands, ${refused} refused in Italian, ${accepted} read-only answers, ${mutating} valid reports stored (${stored} rilevazioni)`);
    expect(refused).toBeGreaterThan(0);
    expect(stored).toBe(mutating);
  }, 600_000);

  it('never stores anything for an invalid command', async () => {
    const invalidOnly = invalidCommand.filter((line) => !/^\s*(report|registra|rileva)\s+#?\d+\s+(value|valore)=/i.test(line));
    const countsBefore = JSON.stringify(await store.counts());
    await fc.assert(fc.asyncProperty(invalidOnly, async (line) => {
      await runCommandLine(line, context).catch((error: unknown) => { if (!isPerfError(error)) throw error; });
    }), { numRuns: 2_000, seed: 7 });
    expect(JSON.stringify(await store.counts())).toBe(countsBefore);
  }, 600_000);

  it('parses numbers, booleans and periods totally: a number, or a PerfError / undefined, never a crash', () => {
    fc.assert(fc.property(fc.string({ maxLength: 16 }), (text) => {
      const number = parseItalianNumber(text);
      expect(number === undefined || Number.isFinite(number)).toBe(true);
      for (const direction of ['higher', 'lower', 'boolean'] as const) {
        try {
          const value = parseIndicatorValue(text, { direction, unit: direction === 'higher' ? 'n.' : '%' });
          expect(Number.isFinite(value)).toBe(true);
        } catch (error) {
          expect(isPerfError(error)).toBe(true);
        }
      }
      try {
        parsePeriod(text, { year: 2012, monitoring: 'quarterly' });
      } catch (error) {
        expect(isPerfError(error) && /periodo/i.test(error.toText())).toBe(true);
      }
    }), { numRuns: 5_000, seed: 42 });
  });

  it('reads Italian number forms back exactly', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 99 }), (integer, cents) => {
      const italian = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 2, useGrouping: 'always' } as Intl.NumberFormatOptions).format(integer + cents / 100);
      expect(parseItalianNumber(italian)).toBeCloseTo(integer + cents / 100, 6);
    }), { numRuns: 2_000, seed: 3 });
  });
});

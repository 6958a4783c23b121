import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { converse, type CommandContext, type ConversationTurn } from '@perf/core';
import { isPerfError, parsePlan } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { corpus, turnsOf } from './conversation/corpus.ts';
import { EXAMPLE_DIR } from './support/cli.ts';
import { freshEmbeddedDir } from './support/databases.ts';

const LINES = 10_000;
/** Italian words the refusals use: every one must be written in Italian. */
const ITALIAN = /\b(non|manca|comando|forma|corretta|valore|periodo|indicatore|scrivi|obiettivo|persona|piano|capito|intendi|troppo|rispondi|conferma|annull)/i;
/** A line of the §6 grammar stores at once; anything else is stored only after a preview and a confirmation. */
const GRAMMAR_REPORT = /^\s*(\/?perf\s+)?(report|registra|rileva)\s+#?\d+\s+/i;
const PEOPLE = ['g.conti', 'm.verdi', 's.galli', 'r.fontana', 'f.serra', 'a.beverini'] as const;

const sentences = [...new Set(corpus.flatMap(turnsOf))];
const words = [...new Set(sentences.flatMap((s) => s.split(/\s+/)))];

/** One edit of a real sentence: what a hurried, hostile or clumsy typist makes of it. */
const mutated = fc.tuple(fc.constantFrom(...sentences), fc.nat(), fc.constantFrom('insert', 'delete', 'swap', 'case', 'digits', 'bytes', 'repeat'), fc.string({ minLength: 1, maxLength: 4 }))
  .map(([sentence, at, edit, piece]) => {
    const i = sentence.length === 0 ? 0 : at % sentence.length;
    switch (edit) {
      case 'insert': return sentence.slice(0, i) + piece + sentence.slice(i);
      case 'delete': return sentence.slice(0, i) + sentence.slice(i + piece.length);
      case 'swap': return sentence.slice(0, i) + (sentence[i + 1] ?? '') + (sentence[i] ?? '') + sentence.slice(i + 2);
      case 'case': return i % 2 === 0 ? sentence.toUpperCase() : sentence.normalize('NFD');
      case 'digits': return sentence.replace(/\d+/g, (d) => (i % 3 === 0 ? `${d}${'9'.repeat(30)}` : i % 3 === 1 ? `-${d}` : `${d},${d}e5`));
      case 'bytes': return sentence.slice(0, i) + ['\u0000', '\u001b[31m', '\ud800', '\u202e', '\r\n', '\t', '🙂'][i % 7] + sentence.slice(i);
      default: return `${sentence} ${sentence}`.slice(0, 600);
    }
  });
const line = fc.oneof(
  { weight: 5, arbitrary: mutated },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 }).map((w) => w.join(' ')) },
  { weight: 2, arbitrary: fc.constantFrom('sì', 'si', 'ok', 'va bene', 'no', 'annulla', '1', '2', 'scusa, era 25', 'no, è 24', 'ciao', 'grazie') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);
const turn = fc.tuple(fc.constantFrom(...PEOPLE), line, fc.constantFrom('dm', 'canale'));

const numberOf = (turn: ConversationTurn) => (turn.kind === 'confirm' ? { indicator: turn.preview.indicator.id, value: turn.preview.value } : undefined);

describe('fuzzing the conversation through the core', () => {
  let store: Store;
  const context = (person: string): CommandContext => ({
    store, channel: 'slack', clock: () => new Date('2012-12-10T09:00:00Z'), identity: { kind: 'operator', personId: person, operatorName: person },
  });

  beforeAll(async () => {
    store = await openStore(await freshEmbeddedDir());
    await store.importPlan(parsePlan(readFileSync(`${EXAMPLE_DIR}/piano-2012.yaml`, 'utf8')), { actor: 'fuzz', channel: 'cli', at: new Date('2012-01-27T09:00:00Z') });
  });
  afterAll(() => store.close());

  it(`answers ${LINES} mutated and random lines with an answer or an Italian refusal, and stores only what was previewed and confirmed`, async () => {
    /** The last preview shown in each conversation: a value is stored only if it was previewed there. */
    const previews = new Map<string, { indicator: number; value: number }>();
    const outcomes = { confirm: 0, message: 0, reply: 0, refused: 0, storedByGrammar: 0, storedAfterPreview: 0 };
    let before = (await store.counts()).rilevazioni;
    await fc.assert(fc.asyncProperty(turn, async ([person, text, where]) => {
      const conversation = `${person}:${where}`;
      try {
        const answer = await converse(text, context(person), { conversation });
        outcomes[answer.kind]++;
        const after = (await store.counts()).rilevazioni;
        const stored = after - before;
        before = after;
        if (stored === 0) {
          const shown = numberOf(answer);
          if (shown !== undefined) previews.set(conversation, shown);
          return;
        }
        // Something was stored: one rilevazione, by the grammar or confirming this conversation's preview.
        expect(stored).toBe(1);
        expect(answer.kind === 'reply' && answer.reply.kind === 'report').toBe(true);
        if (answer.kind !== 'reply' || answer.reply.kind !== 'report') return;
        if (GRAMMAR_REPORT.test(text)) {
          outcomes.storedByGrammar++;
        } else {
          expect({ indicator: answer.reply.indicator.id, value: answer.reply.value }).toEqual(previews.get(conversation));
          outcomes.storedAfterPreview++;
        }
        previews.delete(conversation);
      } catch (error) {
        if (!isPerfError(error)) throw error;
        outcomes.refused++;
        expect(error.code).not.toBe('INTERNAL');
        expect(error.toText()).toMatch(ITALIAN);
        expect((await store.counts()).rilevazioni).toBe(before);
      }
    }), { numRuns: LINES, seed: 20121210 });
    console.log(`fuzz conversation: ${LINES} lines — ${outcomes.confirm} previews, ${outcomes.message} answers, ${outcomes.reply} command replies, ${outcomes.refused} refused in Italian; stored ${outcomes.storedAfterPreview} after a preview and «sì», ${outcomes.storedByGrammar} by the grammar`);
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(outcomes.confirm).toBeGreaterThan(0);
  }, 900_000);
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { isPerfError, parsePlan } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { freshEmbeddedDir } from './support/databases.ts';
import { EXAMPLE_DIR } from './support/cli.ts';

type Json = Record<string, unknown>;
const LISTS = ['perspectives', 'lines', 'areas', 'people', 'strategic_objectives', 'operational_objectives', 'indicators', 'individual_objectives'] as const;

/** One mutation that makes a valid plan invalid, and the path the error must name. */
const mutation = fc.record({
  list: fc.constantFrom(...LISTS),
  index: fc.nat({ max: 40 }),
  kind: fc.constantFrom('unknown-key', 'wrong-type', 'dangling-ref', 'duplicate-id', 'missing-field', 'bad-enum', 'negative-weight'),
});

function mutate(plan: Json, m: { list: (typeof LISTS)[number]; index: number; kind: string }): { plan: Json; path: RegExp } {
  const copy = structuredClone(plan);
  const list = copy[m.list] as Json[];
  const index = m.index % list.length;
  const item = list[index] as Json;
  const at = `${m.list}\\[${index}\\]`;
  const idKey = m.list === 'individual_objectives' ? 'person' : 'id';
  switch (m.kind) {
    case 'unknown-key': item.commento_extra = 'x'; return { plan: copy, path: new RegExp(`${at}\\.commento_extra`) };
    case 'wrong-type': item[idKey] = { oggetto: true }; return { plan: copy, path: new RegExp(`${at}\\.${idKey}`) };
    case 'missing-field': delete item[idKey]; return { plan: copy, path: new RegExp(`${at}\\.${idKey}`) };
    case 'duplicate-id': {
      if (list.length < 2 || m.list === 'individual_objectives') { item.id = { oggetto: true }; return { plan: copy, path: new RegExp(`${at}\\.`) }; }
      const other = list[(index + 1) % list.length] as Json;
      item.id = other.id;
      return { plan: copy, path: new RegExp(`${m.list}\\[\\d+\\]\\.id: id .* ripetuto`) };
    }
    case 'dangling-ref': {
      const refKey: Record<string, string> = { areas: 'head', people: 'role', strategic_objectives: 'line', operational_objectives: 'strategic', indicators: 'owner', individual_objectives: 'person', perspectives: 'name', lines: 'name' };
      const key = refKey[m.list] ?? 'id';
      item[key] = key === 'name' ? 42 : 'inesistente-xyz';
      return { plan: copy, path: new RegExp(`${at}\\.${key}`) };
    }
    case 'bad-enum':
      if (m.list === 'indicators') { item.direction = 'su'; return { plan: copy, path: new RegExp(`${at}\\.direction`) }; }
      if (m.list === 'people') { item.role = 'capo'; return { plan: copy, path: new RegExp(`${at}\\.role`) }; }
      copy.monitoring = 'mensile';
      return { plan: copy, path: /^monitoring/m };
    default:
      if ('weight' in item || m.list === 'strategic_objectives' || m.list === 'operational_objectives' || m.list === 'indicators') {
        item.weight = -3;
        return { plan: copy, path: new RegExp(`${at}\\.weight`) };
      }
      item.id = [];
      return { plan: copy, path: new RegExp(`${at}\\.`) };
  }
}

describe('200 mutated invalid plan files', () => {
  let store: Store;
  const example = parse(readFileSync(`${EXAMPLE_DIR}/piano-2012.yaml`, 'utf8')) as Json;
  beforeAll(async () => {
    store = await openStore(await freshEmbeddedDir());
  });
  afterAll(() => store.close());

  it('rejects each with the field path, and the store stays unchanged', async () => {
    const countsBefore = JSON.stringify(await store.counts());
    let rejected = 0;
    await fc.assert(fc.asyncProperty(mutation, async (m) => {
      const { plan, path } = mutate(example, m);
      try {
        const parsed = parsePlan(stringify(plan), 'mutato.yaml');
        await store.importPlan(parsed, { actor: 'fuzz', channel: 'cli', at: new Date() });
        throw new Error(`accepted: ${JSON.stringify(m)}`);
      } catch (error) {
        if (!isPerfError(error)) throw error;
        expect(error.code).toBe('PLAN_INVALID');
        expect(error.details.join('\n')).toMatch(path);
        expect(error.message).toMatch(/nulla è stato importato/);
        rejected++;
      }
    }), { numRuns: 200, seed: 2012 });
    console.log(`plans: 200 mutated plan files, ${rejected} rejected with their field path`);
    expect(rejected).toBe(200);
    expect(JSON.stringify(await store.counts())).toBe(countsBefore);
  }, 300_000);
});

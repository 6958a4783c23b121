import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@perf/store';
import { COMMANDS, type CommandContext, type ImportReply } from '../src/index.ts';
import { freshEmbeddedDir } from '../../../test/support/databases.ts';

const plan = readFileSync(new URL('../../../examples/cciaa-ms-2012/piano-2012.yaml', import.meta.url), 'utf8');

/** Individual objectives whose weights do not add up to 100 are allowed (§2) but named at import, with the sum. */
describe('plan import and the weights of individual objectives', () => {
  let store: Store;
  const ctx = (): CommandContext => ({
    store, channel: 'cli', clock: () => new Date('2012-01-20T10:00:00Z'), identity: { kind: 'operator', personId: undefined, operatorName: 'controllo:test' },
  });
  const importPlan = async (text: string): Promise<readonly string[]> => {
    const command = COMMANDS.find((c) => c.name === 'plan import');
    if (command === undefined) throw new Error('plan import missing');
    return ((await command.run({ files: [{ name: 'piano-2012.yaml', content: new TextEncoder().encode(text) }] }, ctx())) as ImportReply).lines;
  };

  beforeAll(async () => { store = await openStore(await freshEmbeddedDir()); });
  afterAll(async () => { await store.close(); });

  it('says nothing when every person\'s weights add up to 100 (the example)', async () => {
    expect((await importPlan(plan)).join('\n')).not.toMatch(/pesi degli obiettivi individuali/);
  });

  it('names the person and the sum when they do not, and still imports the plan', async () => {
    const slipped = plan.replace('{ ref: "15", weight: 30 }', '{ ref: "15", weight: 25.5 }');
    expect(slipped).not.toBe(plan);
    const lines = await importPlan(slipped);
    expect(lines[0]).toMatch(/^Piano aggiornato/);
    expect(lines).toContain('Attenzione: i pesi degli obiettivi individuali di Alessandro Beverini (a.beverini) sommano a 95,5, non a 100; il grado individuale resta la loro media pesata.');
    expect(lines.filter((l) => l.includes('pesi degli obiettivi individuali'))).toHaveLength(1);
    expect((await store.getPlan('CCIAA-MS', 2012))?.individual_objectives[0]?.objectives[0]?.weight).toBe(25.5);
  });
});

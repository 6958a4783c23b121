import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPerfError, parsePlan, type PerfError } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { COMMANDS, type CommandContext } from '../src/index.ts';
import { freshEmbeddedDir } from '../../../test/support/databases.ts';

const example = (name: string) => readFileSync(new URL(`../../../examples/cciaa-ms-2012/${name}`, import.meta.url), 'utf8');

/** A "billion laughs": nine levels of nine aliases each, 9^9 strings once expanded. */
const BOMB = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array.from({ length: 9 }, () => `*${'abcdefghi'[i]}`).join(', ')}]`)].join('\n');

/** Every command that reads a YAML file refuses a file of nested aliases in Italian, storing nothing. */
describe('YAML files with too many aliases, in the core', () => {
  let store: Store;
  const ctx = (): CommandContext => ({
    store, channel: 'cli', clock: () => new Date('2012-12-20T10:00:00Z'), identity: { kind: 'operator', personId: undefined, operatorName: 'controllo:test' },
  });
  const run = async (name: string, content: string): Promise<PerfError> => {
    const command = COMMANDS.find((c) => c.name === name);
    if (command === undefined) throw new Error(`${name} missing`);
    const file = { name: 'bomba.yaml', content: new TextEncoder().encode(content) };
    const error = await command.run({ files: [file] }, ctx()).then(() => undefined, (e: unknown) => e);
    if (!isPerfError(error)) throw new Error(`expected a PerfError, got ${String(error)}`);
    return error;
  };

  beforeAll(async () => {
    store = await openStore(await freshEmbeddedDir());
    await store.importPlan(parsePlan(example('piano-2012.yaml')), { actor: 'test', channel: 'cli', at: new Date('2012-01-10T00:00:00Z') });
  });
  afterAll(async () => { await store.close(); });

  it.each(['plan import', 'values import', 'finance import', 'gender import', 'context import', 'finance', 'gender'])('%s refuses a billion laughs at once, naming the file and the limit', async (name) => {
    const before = await store.counts();
    const started = Date.now();
    const error = await run(name, BOMB);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.toText()).toMatch(/Il file "bomba\.yaml" contiene troppi alias YAML \(\*nome\): espanderli richiederebbe più di 100 riferimenti\./);
    expect(error.toText()).not.toMatch(/ReferenceError|Excessive|resource exhaustion/);
    expect(await store.counts()).toEqual(before);
  });

  it('refuses an alias used before its anchor, in Italian', async () => {
    const error = await run('plan import', 'ente: *x\nyear: &x 2012\n');
    expect(error.code).toBe('PLAN_INVALID');
    expect(error.toText()).toMatch(/usa un alias YAML \(\*nome\) senza l'ancora \(&nome\) che lo definisce prima/);
  });

  it('still reads a file with a few aliases', async () => {
    const plan = example('piano-2012.yaml').replace('owner: m.verdi,', 'owner: &verdi m.verdi,').replaceAll('owner: m.verdi,', 'owner: *verdi,');
    expect(plan).toContain('*verdi');
    expect(parsePlan(plan).indicators.filter((i) => i.owner === 'm.verdi').length).toBeGreaterThan(1);
  });
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@perf/store';
import { planImportCommand, valuesImportCommand, type CommandContext, type ImportReply } from '../src/index.ts';
import { freshEmbeddedDir } from '../../../test/support/databases.ts';
import { smallPlanYaml } from '../../../test/support/small-ente.ts';

const EXAMPLE = new URL('../../../examples/cciaa-ms-2012/', import.meta.url);
const plan = readFileSync(new URL('piano-2012.yaml', EXAMPLE), 'utf8');
const asFile = (name: string, text: string) => ({ name, content: new TextEncoder().encode(text) });
/** The plan with one edit on the line of indicator `id` (whatever else that line carries). */
function editIndicator(id: number, from: string, to: string): string {
  const line = new RegExp(`^  - \\{ id: ${id}, .*$`, 'm').exec(plan)?.[0];
  if (line === undefined || !line.includes(from)) throw new Error(`indicator ${id}: «${from}» not found`);
  return plan.replace(line, line.replace(from, to));
}

/** A revised plan that narrows an indicator's bounds names the standing values it no longer admits, and keeps them. */
describe('plan import re-checks the standing values against the revised indicators', () => {
  let store: Store;
  const context = (): CommandContext => ({
    store, channel: 'cli', clock: () => new Date('2012-12-20T10:00:00Z'), identity: { kind: 'operator', personId: undefined, operatorName: 'controllo:test' },
  });
  const importPlan = async (text: string) => ((await planImportCommand.run({ files: [asFile('piano-2012.yaml', text)] }, context())) as ImportReply).lines;

  beforeAll(async () => {
    store = await openStore(await freshEmbeddedDir());
    await importPlan(plan);
    await valuesImportCommand.run({ files: [{ name: 'valori-2012.yaml', content: readFileSync(new URL('valori-2012.yaml', EXAMPLE)) }] }, context());
  });
  afterAll(async () => { await store.close(); });

  it('a revision that changes nothing about bounds warns about no value', async () => {
    const lines = await importPlan(editIndicator(8, 'target: 85,', 'target: 86,'));
    expect(lines[0]).toMatch(/^Piano aggiornato/);
    expect(lines.join('\n')).not.toMatch(/fuori dai limiti|supera il massimo|sotto il minimo/);
  });

  it('counts what it imported in Italian, singular and plural', async () => {
    const [line] = await importPlan(smallPlanYaml());
    expect(line).toBe('Piano importato: Comune di Zeta (COMUNE-Z) 2012 — 2 obiettivi strategici, 1 operativo, 3 indicatori, 4 persone.');
  });

  it('a lower maximum names the value, its period, the new range and the command that corrects it', async () => {
    const standing = (await store.history('CCIAA-MS', 2012, 7)).filter((r) => !r.superseded);
    const over = standing.filter((r) => r.value > 70);
    expect(over.length).toBeGreaterThan(0);
    const narrowed = editIndicator(7, 'target: 80, min: 0, max: 100,', 'target: 60, min: 0, max: 70,');
    const lines = await importPlan(narrowed);
    const warnings = lines.filter((l) => l.includes("dell'indicatore 7 "));
    expect(warnings).toEqual(over.map((r) =>
      `Attenzione: il valore ${String(r.value).replace('.', ',')} dell'indicatore 7 (${r.period}) supera il massimo del Piano (70%); il Piano ammette per questo indicatore valori tra 0% e 70%. Correggilo con: pnpm perf report 7 value=… period=${r.period}`));
    // Nothing is rewritten: the values stay as stored, to be corrected by a new report.
    expect((await store.history('CCIAA-MS', 2012, 7)).filter((r) => !r.superseded).map((r) => r.value)).toEqual(standing.map((r) => r.value));
  });

  it('an indicator turned yes/no names every standing value that is not sì or no', async () => {
    const yesNo = editIndicator(12, 'unit: "n.", direction: higher, target: 30,', 'direction: boolean, target: 1,');
    const lines = await importPlan(yesNo);
    expect(lines.some((l) => /^Attenzione: il valore \d+ dell'indicatore 12 \(2012-Q\d\) non è sì né no, e l'indicatore ora è sì\/no\./.test(l))).toBe(true);
  });
});

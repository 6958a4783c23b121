import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { converse, runCommandLine, type CommandContext, type ConversationTurn } from '../src/index.ts';
import { discardDatabase, ENGINES } from '../../../test/support/databases.ts';

const example = (name: string) => readFileSync(new URL(`../../../examples/cciaa-ms-2012/${name}`, import.meta.url), 'utf8');

/** The terminal chat's way in: the core's entry point in process, a real store on each engine, an injected clock. */
describe.each(ENGINES)('conversation through the core on %s (free text → preview → «sì» → stored once)', (_engine, location) => {
  let store: Store;
  let where: string;
  let now = new Date('2012-09-25T08:00:00Z');
  const context = (person = 'g.conti'): CommandContext => ({ store, channel: 'cli', clock: () => now, identity: { kind: 'operator', personId: person, operatorName: person } });
  const say = (text: string, person?: string, conversation = 'terminal') => converse(text, context(person), { conversation });
  const textOf = (turn: ConversationTurn) => (turn.kind === 'message' ? turn.text : turn.kind === 'confirm' ? turn.text ?? '' : '');
  const valuesOf = async (indicator: number) => (await store.history('CCIAA-MS', 2012, indicator)).map((r) => r.value);

  beforeAll(async () => {
    where = await location();
    store = await openStore(where);
    await store.importPlan(parsePlan(example('piano-2012.yaml')), { actor: 'test', channel: 'cli', at: new Date('2012-01-01T00:00:00Z') });
  });
  afterAll(async () => {
    await store.close();
    discardDatabase(where);
  });

  it('previews a sentence with what it replaces and its grade, stores only after «va bene», once', async () => {
    const turn = await say('newsletter inviate: 9 nel secondo trimestre');
    expect(turn.kind).toBe('confirm');
    expect(textOf(turn)).toContain('indicatore 61 «Newsletter inviate»');
    expect(textOf(turn)).toContain('periodo: secondo trimestre 2012 (2012-Q2)');
    expect(textOf(turn)).toContain('sostituisce: nessun valore finora');
    expect(textOf(turn)).toMatch(/grado che darebbe: .*90%/);
    expect(await valuesOf(61)).toEqual([]);
    const digit = say('1');
    await expect(digit).rejects.toMatchObject({ code: 'CONVERSATION_NOT_A_CONFIRMATION' });
    expect(await valuesOf(61)).toEqual([]);
    const stored = await say('va bene');
    expect(stored.kind === 'reply' && stored.reply.kind === 'report' && stored.reply.stored?.value).toBe(9);
    await expect(say('sì')).rejects.toThrow(/Non ho capito «sì»/);
    expect(await valuesOf(61)).toEqual([9]);
  });

  it('corrects the value just stored, naming the one it replaces', async () => {
    await say('report 12 value=23 period=2012-Q3');
    const turn = await say('scusa, era 25');
    expect(textOf(turn)).toContain('Correzione del valore appena registrato');
    expect(textOf(turn)).toContain('sostituisce: 23');
    expect(turn.kind === 'confirm' && turn.input).toMatchObject({ indicator: 12, rawValue: '25', period: '2012-Q3' });
    await say('esatto');
    expect(await valuesOf(12)).toEqual([23, 25]);
  });

  it('cancels on «annulla», and «no, è 24» makes a new preview', async () => {
    await say('12: 30');
    expect((await say('annulla')).kind).toBe('message');
    await say('12: 30');
    const again = await say('no, è 24');
    expect(again.kind === 'confirm' && again.input.rawValue).toBe('24');
    await say('ok');
    expect((await valuesOf(12)).at(-1)).toBe(24);
  });

  it('keeps the pending value per conversation and forgets it after 15 minutes', async () => {
    await say('12: 31');
    await expect(say('sì', 'g.conti', 'other')).rejects.toThrow(/Non ho capito/);
    now = new Date(now.getTime() + 16 * 60_000);
    await expect(say('sì')).rejects.toThrow(/Non ho capito/);
    expect((await valuesOf(12)).at(-1)).toBe(24);
  });

  it('previewing an earlier period than the one that stands says which value counts for the year', async () => {
    await runCommandLine('report 41 value=95% period=2012-Q3', context('r.fontana'));
    const turn = await say('fatture pagate entro 29 giorni 87% a fine giugno', 'r.fontana');
    expect(turn.kind).toBe('confirm');
    expect(textOf(turn)).toContain('periodo: secondo trimestre 2012 (2012-Q2)');
    expect(textOf(turn)).toContain("• grado: per l'anno resta il valore del terzo trimestre 2012 (95%), 🟢 100% raggiunto (target ≥ 90%)");
    expect(textOf(turn)).not.toContain('grado che darebbe');
    await say('annulla', 'r.fontana');
  });

  it('refuses a unit the indicator does not take, and stores nothing', async () => {
    await expect(say('tempo medio di pagamento: 24%', 'r.fontana')).rejects.toMatchObject({ code: 'CONVERSATION_UNIT_MISMATCH' });
    await expect(say('sì', 'r.fontana')).rejects.toThrow(/Non ho capito/);
    expect(await valuesOf(42)).toEqual([]);
  });

  it('answers questions with data and the short command, greetings with what is missing', async () => {
    expect(textOf(await say('buongiorno', 'd.marchi'))).toMatch(/^Ciao Davide! Ti mancano gli indicatori 47, 48/);
    const late = textOf(await say('chi è in ritardo con i dati del terzo trimestre?', 'f.serra'));
    expect(late).toContain('terzo trimestre 2012 (2012-Q3)');
    expect(late).toContain('Davide Marchi (d.marchi): indicatori 47, 48');
    expect(late).toContain('Lo stesso in breve: missing 2012-Q3');
    // A dirigente hears about their Area, as `missing` tells them.
    const area = textOf(await say('chi è in ritardo con i dati del terzo trimestre?', 'p.rossi'));
    const command = await runCommandLine('missing 2012-Q3', context('p.rossi'));
    if (command.kind !== 'missing') throw new Error('not a missing reply');
    expect(command.scope).toBe('area');
    expect(area).toContain(`mancano ${command.total} valori della tua Area di ${command.people.length} persone:`);
    for (const person of command.people) expect(area).toContain(`(${person.person}): `);
    const elsewhere = [...late.matchAll(/\(([a-z]+\.[a-z]+)\): indicator/g)].map((m) => m[1]).filter((id) => !command.people.some((p) => p.person === id));
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const id of elsewhere) expect(area).not.toContain(`(${id})`);
    expect(textOf(await say('obiettivi sotto 80%?', 'f.serra'))).toMatch(/sotto l'80%/);
    expect(textOf(await say('a che punto è l\'obiettivo 09?', 'r.fontana'))).toContain('Lo stesso in breve: status 09');
    expect(textOf(await say('statsu', 'd.marchi'))).toContain('Forse intendevi:\nstatus');
    // A mistyped key is corrected to one the command takes (status has confronta=, not note=).
    expect(textOf(await say('status confrnta=2011', 'f.serra'))).toContain('Forse intendevi:\nstatus confronta=2011');
    expect(textOf(await say('stauts ente=CCIAA-MS', 'f.serra'))).toContain('Forse intendevi:\nstatus ente=CCIAA-MS');
    await expect(say('chi è in ritardo?', 'd.marchi')).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it('once the year is over, «what is still missing» speaks of its last period, as /perf missing does', async () => {
    now = new Date('2013-02-10T09:00:00Z');
    const missing = textOf(await say('cosa devo ancora inserire?', 'd.marchi'));
    expect(missing).toMatch(/^Per il quarto trimestre 2012 \(2012-Q4\) ti mancano \d+ indicatori:/);
    expect(missing).toContain('• 47 «');
    expect(textOf(await say('buongiorno', 'd.marchi'))).toMatch(/^Ciao Davide! Ti mancano gli indicatori 47, 48.* per il quarto trimestre 2012:/);
  });
});

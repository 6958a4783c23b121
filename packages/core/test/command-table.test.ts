import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { COMMANDS, commandGroup, runCommandLine, slashSubcommands, usage, type CommandContext, type MissingReply } from '../src/index.ts';
import { freshEmbeddedDir } from '../../../test/support/databases.ts';

const example = (name: string) => readFileSync(new URL(`../../../examples/cciaa-ms-2012/${name}`, import.meta.url), 'utf8');

describe('the one command table', () => {
  let store: Store;
  const as = (personId: string | undefined): CommandContext => ({
    store, channel: 'cli', clock: () => new Date('2012-12-20T10:00:00Z'), identity: { kind: 'operator', personId, operatorName: 'controllo:test' },
  });

  beforeAll(async () => {
    store = await openStore(await freshEmbeddedDir());
    await store.importPlan(parsePlan(example('piano-2012.yaml')), { actor: 'test', channel: 'cli', at: new Date('2012-01-10T00:00:00Z') });
    await runCommandLine('report 12 value=18 period=2012-Q4', as(undefined));
  });
  afterAll(async () => { await store.close(); });

  it('generates the usages, the groups and Discord subcommands from the declarations', () => {
    const report = COMMANDS.find((c) => c.name === 'report');
    if (report === undefined) throw new Error('report missing');
    expect(usage(report, 'chat')).toBe('report <indicatore> value=<valore> [period=<periodo>] [note="<testo>"] [motivo="<testo>"]');
    expect(usage(report, 'cli')).toContain('[--motivo "<testo>"]');
    expect(commandGroup('plan').map((c) => c.name)).toEqual(['plan import', 'plan rollover']);
    const subcommands = slashSubcommands();
    expect(subcommands.map((s) => s.name)).toEqual(['report', 'status', 'missing', 'history', 'periodi', 'chiudi', 'audit', 'relazione', 'adotta', 'valida', 'commento', 'dashboard', 'help']);
    expect(subcommands[0]?.options.map((o) => [o.name, o.type, o.required])).toEqual([['indicator', 4, true], ['value', 3, true], ['period', 3, false], ['note', 3, false], ['motivo', 3, false]]);
  });

  it('refuses another person\'s history and a person not in the plan, as status does', async () => {
    await expect(runCommandLine('history 12', as('s.galli'))).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    await expect(runCommandLine('history 12', as('nobody'))).rejects.toMatchObject({ code: 'PERSON_UNKNOWN' });
    await expect(runCommandLine('audit', as('s.galli'))).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    await expect(runCommandLine('chiudi 2012-Q4', as('g.conti'))).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it('lists the missing indicators: the ente by person for the controllo, their own for the staff', async () => {
    const ente = (await runCommandLine('missing 2012-Q4', as(undefined))) as MissingReply;
    expect(ente.scope).toBe('ente');
    const plan = parsePlan(example('piano-2012.yaml'));
    expect(ente.total).toBe(plan.indicators.length - 1);
    expect(ente.people.flatMap((p) => p.indicators.map((i) => i.id))).not.toContain(12);
    const galli = (await runCommandLine('mancanti period=2012-Q4', as('s.galli'))) as MissingReply;
    expect(galli.scope).toBe('person');
    expect(galli.people.every((p) => p.person === 's.galli')).toBe(true);
    expect(galli.total).toBe(plan.indicators.filter((i) => i.owner === 's.galli' && i.id !== 12).length);
  });
});

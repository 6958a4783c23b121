import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan, rolloverPlan, type Plan } from '@perf/model';
import { computeStatus } from '@perf/scoring';
import { openStore, type Store } from '@perf/store';
import {
  COMMANDS, compareStatus, example as exampleOf, usage, loadYearStatus, parseCommandLine, relazioneSource, renderText, runCommandLine, type CommandContext, type Reply,
} from '../src/index.ts';
import { freshEmbeddedDir } from '../../../test/support/databases.ts';

const example = (name: string) => readFileSync(new URL(`../../../examples/cciaa-ms-2012/${name}`, import.meta.url), 'utf8');
const CONTROLLO = 'U0000013'; // f.serra
const STAFF = 'U0000006'; // g.conti, owner of 12 and 14

const errorOf = async (work: () => Promise<unknown>) => {
  try { await work(); } catch (error) { return error as { code: string; message: string }; }
  throw new Error('accepted');
};

describe('the grammar of the cycle: chiudi, motivo=, confronta=', () => {
  it('parses them, with English aliases, and refuses bad forms with the right one', () => {
    expect(parseCommandLine('chiudi 2012-Q2').input).toEqual({ period: '2012-Q2' });
    expect(parseCommandLine('/perf close 2012').command.name).toBe('period close');
    expect(parseCommandLine('report 12 value=3 period=2012-Q2 motivo="arrivato tardi"').input).toMatchObject({ reason: 'arrivato tardi' });
    expect(parseCommandLine('report 12 value=3 REASON=tardi').input).toMatchObject({ reason: 'tardi' });
    expect(parseCommandLine('status confronta=2012').input).toEqual({ kind: 'ente', compare: 2012 });
    expect(() => parseCommandLine('chiudi')).toThrow(expect.objectContaining({ message: 'Manca il periodo da chiudere.', hint: expect.stringMatching(/Forma corretta: chiudi <periodo>/) }));
    expect(() => parseCommandLine('chiudi 2012-Q9')).toThrow(/trimestri vanno da Q1 a Q4/);
    expect(() => parseCommandLine('report 12 value=3 motivo=')).toThrow(/motivo è vuoto/);
    expect(() => parseCommandLine('status 05 confronta=2012')).toThrow(/confronto tra anni vale per lo stato dell'ente/);
    expect(() => parseCommandLine('status confronta=dodici')).toThrow(/non è un anno/);
  });
  it('is in the one command table, so help (and every chat) has it', () => {
    const chiudi = COMMANDS.find((c) => c.name === 'period close');
    if (chiudi === undefined) throw new Error('period close missing');
    expect(usage(chiudi, 'chat')).toBe('chiudi <periodo>');
    expect(usage(chiudi, 'cli')).toBe('pnpm perf period close <periodo> [--json]');
    expect(chiudi.summary).toMatch(/chiude un periodo/);
    expect(chiudi.examples.map((e) => exampleOf(chiudi, e, 'chat'))).toContain('chiudi 2012-Q2');
  });
});

describe('closing periods and years from a chat, late values, the frozen Relazione data', () => {
  let store: Store;
  let plan: Plan;
  const at = (iso: string) => new Date(iso);
  const chat = (userId: string, now: string): CommandContext => ({ store, channel: 'slack', clock: () => at(now), identity: { kind: 'chat', app: 'slack', userId } });
  const run = (line: string, userId: string, now = '2013-01-05T10:00:00Z'): Promise<Reply> => runCommandLine(line, chat(userId, now));

  beforeAll(async () => {
    store = await openStore(await freshEmbeddedDir());
    plan = parsePlan(example('piano-2012.yaml'));
    await store.importPlan(plan, { actor: 'test', channel: 'cli', at: at('2012-01-10T00:00:00Z') });
    await run('report 12 value=18 period=2012-Q2', STAFF, '2012-06-20T10:00:00Z');
    await run('report 14 value=80 period=2012-Q4', STAFF, '2012-12-20T10:00:00Z');
  });
  afterAll(() => store.close());

  it('lets only the controllo close a period; closing twice changes nothing', async () => {
    expect(await errorOf(() => run('chiudi 2012-Q2', STAFF))).toMatchObject({ code: 'PERMISSION_DENIED', message: expect.stringMatching(/Giulia Conti \(personale\) non può chiudere un periodo/) });
    const reply = await run('chiudi 2012-Q2', CONTROLLO);
    expect(reply).toMatchObject({ kind: 'period-close', period: '2012-Q2', created: true, closes: ['2012-Q2'], lock: { closedBy: 'f.serra', channel: 'slack' } });
    expect(renderText(reply)).toMatch(/Periodo 2012-Q2 chiuso \(CCIAA-MS\) da f\.serra/);
    expect(renderText(await run('chiudi 2012-Q2', CONTROLLO))).toMatch(/era già chiuso[\s\S]*nulla è cambiato/);
  });

  it('refuses a late value without a reason, or from the staff with one; takes the controllo\'s with its reason', async () => {
    const before = await store.counts();
    expect(await errorOf(() => run('report 12 value=20 period=2012-Q2', STAFF))).toMatchObject({ code: 'PERIOD_LOCKED', message: expect.stringMatching(/Il periodo 2012-Q2 è chiuso \(da f\.serra il/) });
    expect(await errorOf(() => run('report 12 value=20 period=2012-Q2 motivo="tardi"', STAFF))).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(await errorOf(() => run('report 12 value=20 period=2012-Q2', CONTROLLO))).toMatchObject({ code: 'PERIOD_LOCKED' });
    expect(await store.counts()).toEqual(before);
    const late = await run('report 12 value=20 period=2012-Q2 motivo="verbale arrivato il 3 luglio"', CONTROLLO);
    expect(late).toMatchObject({ kind: 'report', override: { reason: 'verbale arrivato il 3 luglio', by: 'f.serra' }, stored: { overrideReason: 'verbale arrivato il 3 luglio' } });
    const open = await run('report 12 value=25 period=2012-Q3 motivo="inutile"', STAFF);
    expect(open).toMatchObject({ override: undefined, reasonIgnored: true, stored: { overrideReason: null } });
  });

  it('freezes a closed year at its close: later values do not count unless accepted with a reason', async () => {
    // A value stamped after the close instant (a clock ahead of the controllo's) and the close itself.
    await run('report 14 value=95 period=2012-Q4', STAFF, '2013-01-20T10:00:00Z');
    expect((await run('chiudi 2012', CONTROLLO, '2013-01-15T10:00:00Z'))).toMatchObject({ created: true, closes: ['2012-Q1', '2012-Q2', '2012-Q3', '2012-Q4', '2012'] });
    let source = await relazioneSource(store, plan, at('2013-02-01T00:00:00Z'));
    expect(source.status.indicators.find((i) => i.id === 14)?.value).toBe(80);
    expect(source.history.some((r) => r.value === 95)).toBe(false);
    expect((await loadYearStatus(store, plan)).indicators.find((i) => i.id === 14)?.value).toBe(80);
    expect(source).not.toHaveProperty('previous');

    expect(await errorOf(() => run('report 14 value=90 period=2012-Q4', STAFF, '2013-01-25T10:00:00Z'))).toMatchObject({ code: 'PERIOD_LOCKED', message: expect.stringMatching(/chiuso con l'anno 2012/) });
    await run('report 14 value=90 period=2012-Q4 motivo="consuntivo della ragioneria"', CONTROLLO, '2013-01-25T10:00:00Z');
    source = await relazioneSource(store, plan, at('2013-02-01T00:00:00Z'));
    expect(source.status.indicators.find((i) => i.id === 14)?.value).toBe(90);
    expect(source.history.filter((r) => r.overrideReason !== null).map((r) => [r.indicator, r.period, r.overrideReason, r.overrideBy])).toEqual([
      [12, '2012-Q2', 'verbale arrivato il 3 luglio', 'f.serra'], [14, '2012-Q4', 'consuntivo della ragioneria', 'f.serra'],
    ]);
  });

  it('gives the Relazione the previous year\'s status, and compares objectives across years by id', async () => {
    const next = rolloverPlan(plan, 2013, new Map()).plan;
    const trimmed: Plan = { ...next, strategic_objectives: [...next.strategic_objectives, { ...next.strategic_objectives[0]!, id: '19', title: 'Nuovo' }] };
    await store.importPlan(trimmed, { actor: 'test', channel: 'cli', at: at('2013-01-30T00:00:00Z') });
    const source = await relazioneSource(store, trimmed, at('2013-02-01T00:00:00Z'));
    expect(source.previous).toEqual(await loadYearStatus(store, plan));
    expect(source.previous?.year).toBe(2012);

    const comparison = compareStatus(computeStatus(trimmed, new Map([[12, { value: 30, period: '2013-Q1' }]])), await loadYearStatus(store, plan));
    expect(comparison.year).toBe(2012);
    expect(comparison.strategic.find((o) => o.id === '04')).toMatchObject({ current: { band: 'green' }, other: { band: expect.any(String) } });
    expect(comparison.strategic.find((o) => o.id === '19')).toMatchObject({ current: { score: null }, other: null });
    expect(comparison.operational.find((o) => o.id === '04.1')).toMatchObject({ strategic: '04' });
    const reply = await runCommandLine('status confronta=2012', { ...chat(CONTROLLO, '2013-03-01T10:00:00Z'), ente: 'CCIAA-MS' });
    expect(renderText(reply)).toMatch(/19\s+Nuovo\s+⚪ non rilevato\s+—/);
    expect(await errorOf(() => runCommandLine('status confronta=2012', chat(STAFF, '2013-03-01T10:00:00Z')))).toMatchObject({ code: 'PERMISSION_DENIED' });
  });
});

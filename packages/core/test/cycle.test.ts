import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan, type Plan } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { converse, confirmAnswer, lastClosedPeriod, openPeriod, runCycleChecks, renderSummaryText, renderReminderText, type CommandContext, type PeriodSummary, type Reminder } from '../src/index.ts';
import { freshEmbeddedDir } from '../../../test/support/databases.ts';

const example = (name: string) => readFileSync(new URL(`../../../examples/cciaa-ms-2012/${name}`, import.meta.url), 'utf8');

describe('cycle: summaries and reminders', () => {
  let store: Store;
  let plan: Plan;
  const at = (iso: string) => new Date(iso);
  const meta = { actor: 'test', channel: 'cli' as const, at: at('2012-01-01T00:00:00Z') };
  const context = (now: string, userId = 'U0000006'): CommandContext => ({ store, channel: 'slack', clock: () => at(now), identity: { kind: 'chat', app: 'slack', userId } });

  beforeAll(async () => {
    store = await openStore(await freshEmbeddedDir());
    plan = parsePlan(example('piano-2012.yaml'));
    await store.importPlan(plan, meta);
    await store.addRilevazione({ ente: 'CCIAA-MS', year: 2012, indicator: 12, period: '2012-Q1', periodRank: 1, value: 18, rawValue: '18' }, meta);
  });
  afterAll(() => store.close());

  it('knows the last closed and the open period in Rome time', () => {
    expect(lastClosedPeriod(plan, at('2012-03-31T21:59:00Z'))).toBeUndefined();
    expect(lastClosedPeriod(plan, at('2012-03-31T22:00:00Z'))).toEqual({ year: 2012, kind: 'Q', index: 1 });
    expect(lastClosedPeriod(plan, at('2026-11-27T12:00:00Z'))).toEqual({ year: 2012, kind: 'Q', index: 4 });
    expect(openPeriod(plan, at('2012-05-10T12:00:00Z'))).toEqual({ year: 2012, kind: 'Q', index: 2 });
    expect(openPeriod(plan, at('2013-05-10T12:00:00Z'))).toBeUndefined();
  });

  it('posts the summary of the most recently closed period once, and never an older one late', async () => {
    const posted: PeriodSummary[] = [];
    const postSummary = async (s: PeriodSummary) => { posted.push(s); };
    const options = { target: '#performance', reminderDays: 7, app: 'slack' };
    await runCycleChecks(store, at('2012-07-02T08:00:00Z'), options, { postSummary });
    await runCycleChecks(store, at('2012-07-03T08:00:00Z'), options, { postSummary });
    expect(posted.map((s) => s.period)).toEqual(['2012-Q2']);
    await runCycleChecks(store, at('2012-10-02T08:00:00Z'), options, { postSummary });
    expect(posted.map((s) => s.period)).toEqual(['2012-Q2', '2012-Q3']);
    const text = renderSummaryText(posted[0]!);
    expect(text).toContain('Riepilogo del secondo trimestre 2012');
    expect(posted[0]?.missing.length).toBe(plan.indicators.length);
  });

  it('gives a failed post back so the next check retries', async () => {
    const options = { target: '#altro', reminderDays: 7, app: 'slack' };
    const failed = await runCycleChecks(store, at('2012-07-02T08:00:00Z'), options, { postSummary: async () => { throw new Error('rete giù'); } });
    expect(failed.failures).toEqual(['riepilogo CCIAA-MS 2012-Q2: rete giù']);
    const retried = await runCycleChecks(store, at('2012-07-02T09:00:00Z'), options, { postSummary: async () => {} });
    expect(retried.summaries).toEqual(['CCIAA-MS 2012-Q2']);
  });

  it('reminds each owner once per period, from PERF_REMINDER_DAYS before the close', async () => {
    const sent: Reminder[] = [];
    const sendReminder = async (r: Reminder) => { sent.push(r); };
    const options = { target: '#performance', reminderDays: 7, app: 'slack' };
    await runCycleChecks(store, at('2012-09-20T08:00:00Z'), options, { sendReminder });
    expect(sent).toHaveLength(0);
    await runCycleChecks(store, at('2012-09-25T08:00:00Z'), options, { sendReminder });
    const owners = new Set(plan.indicators.map((i) => i.owner));
    expect(sent.map((r) => r.person.id).sort()).toEqual([...owners].sort());
    await runCycleChecks(store, at('2012-09-28T08:00:00Z'), options, { sendReminder });
    expect(sent).toHaveLength(owners.size);
    const conti = sent.find((r) => r.person.id === 'g.conti');
    expect(renderReminderText(conti!)).toMatch(/terzo trimestre 2012 si chiude il 30\/09\/2012[\s\S]*12 — /);
  });

  it('understands an answer to a reminder, previews it and stores it once confirmed', async () => {
    const now = '2012-09-25T08:00:00Z';
    const turn = await converse('12: 23,5', context(now));
    expect(turn.kind).toBe('confirm');
    if (turn.kind !== 'confirm') return;
    expect(turn.preview.stored).toBeUndefined();
    expect(turn.preview.period).toBe('2012-Q3');
    expect(await store.valuesOfPeriod('CCIAA-MS', 2012, '2012-Q3')).not.toContain(12);
    const stored = await confirmAnswer(turn.input, { ...context(now), requestKey: 'slack:confirm:1' });
    const again = await confirmAnswer(turn.input, { ...context(now), requestKey: 'slack:confirm:1' });
    expect(stored.stored?.value).toBe(23.5);
    expect(again.duplicate).toBe(true);
    expect((await store.history('CCIAA-MS', 2012, 12)).filter((r) => r.period === '2012-Q3')).toHaveLength(1);
  });

  it('runs commands written without /perf, and refuses what it cannot understand', async () => {
    const turn = await converse('status me', context('2012-09-25T08:00:00Z'));
    expect(turn.kind === 'reply' && turn.reply.kind === 'status' && turn.reply.scope).toBe('me');
    await expect(converse('boh', context('2012-09-25T08:00:00Z'))).rejects.toThrow(/Non ho capito «boh»/);
    await expect(converse('23', context('2012-09-25T08:00:00Z'))).rejects.toThrow(/A quale indicatore/);
    await expect(converse('status', context('2012-09-25T08:00:00Z', 'U9999999'))).rejects.toMatchObject({ code: 'USER_NOT_IN_PLAN' });
  });
});

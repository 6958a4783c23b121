import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@perf/store';
import { freshPostgresUrl } from '../../../test/support/databases.ts';
import { buttonOf, directMessage, dmChannel, postedTs } from './support/conversation.ts';
import { FakeSlack } from './support/fake-slack.ts';
import { exampleDatabaseDir, Harness, loadExample, USERS } from './support/harness.ts';

const SUMMARY_CHANNEL = 'C0RIEPILOGHI';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The reminders among the app's direct messages (the cycle's other notices ask for causes of gaps). */
const remindersIn = (fake: FakeSlack) => fake.callsTo('chat.postMessage').filter((c) => String(c.body.text).includes(' si chiude il '));
const summariesIn = (fake: FakeSlack) => fake.callsTo('chat.postMessage').filter((c) => c.body.channel === SUMMARY_CHANNEL);

describe('quarterly summary', () => {
  it('is posted once per period, across a restart: Q2 at 2 July, not again after a restart, Q3 at 2 October', async () => {
    const fake = await FakeSlack.start();
    const dir = await exampleDatabaseDir();
    let harness: Harness | undefined;
    cleanups.push(async () => {
      await harness?.stop();
      await fake.close();
      rmSync(dirname(dir), { recursive: true, force: true });
    });
    const start = async (now: string) => {
      harness = await Harness.start({ dbDir: dir, fake, now, summaryChannel: SUMMARY_CHANNEL });
      return harness;
    };

    let running = await start('2012-07-02T09:00:00+02:00');
    expect(summariesIn(fake)).toHaveLength(1);
    const q2 = summariesIn(fake)[0];
    const text = String(q2?.body.text);
    expect(text).toContain('Riepilogo del secondo trimestre 2012 — Camera di Commercio');
    // Only the values of Q2 and earlier count: the state of the ente at the close of the quarter.
    expect(text).toContain('Performance complessiva: 🔴 78% non raggiunto (periodo precedente: 60%)');
    expect(text).toContain('Obiettivi strategici: 🟢 6 · 🟡 1 · 🔴 5 · ⚪ 6 non rilevati');
    expect(text).toContain('Cambiamenti rispetto al periodo precedente:\n• 01 ');
    expect(text).toContain("• 04 Valorizzazione del territorio e dell'economia locale: 🔴 60% non raggiunto → 🟢 100% raggiunto");
    expect(text).toMatch(/Indicatori senza valore nel periodo \(65\): 2 \(m\.verdi\), .*13 \(g\.conti\)/);
    expect(text).not.toMatch(/ 12 \(g\.conti\)/);
    const blocks = JSON.stringify(q2?.body.blocks);
    expect(blocks).toContain('"type":"header"');
    expect(blocks).toContain('Raggiunti');
    await running.slack.runChecks();
    expect(summariesIn(fake)).toHaveLength(1);
    await running.stop();
    harness = undefined;

    running = await start('2012-07-02T09:00:00+02:00');
    await running.slack.runChecks();
    expect(summariesIn(fake)).toHaveLength(1);
    await running.stop();
    harness = undefined;

    running = await start('2012-10-02T09:00:00+02:00');
    expect(summariesIn(fake)).toHaveLength(2);
    expect(String(summariesIn(fake)[1]?.body.text)).toContain('Riepilogo del terzo trimestre 2012');
  });

  it('is posted once by two instances sharing one PostgreSQL database', async () => {
    const url = await freshPostgresUrl();
    const fake = await FakeSlack.start();
    const stores: Store[] = [];
    const harnesses: Harness[] = [];
    cleanups.push(async () => {
      for (const h of harnesses) await h.stop();
      for (const s of stores) await s.close();
      await fake.close();
    });
    stores.push(await openStore(url), await openStore(url));
    const [first, second] = stores;
    if (!first || !second) throw new Error('store');
    await loadExample(first);
    harnesses.push(...(await Promise.all(stores.map((store) => Harness.start({ store, fake, now: '2012-07-02T09:00:00+02:00', summaryChannel: SUMMARY_CHANNEL })))));
    await Promise.all(harnesses.map((h) => h.slack.runChecks()));
    expect(summariesIn(fake)).toHaveLength(1);
  });
});

describe('reminders (solleciti)', () => {
  it('are sent from PERF_REMINDER_DAYS before the close, once per owner and period; a reply "12: 23,5" confirmed with Conferma is stored', async () => {
    const fake = await FakeSlack.start();
    const dir = await exampleDatabaseDir();
    let harness: Harness | undefined;
    cleanups.push(async () => {
      await harness?.stop();
      await fake.close();
      rmSync(dirname(dir), { recursive: true, force: true });
    });
    const now = '2012-09-26T10:00:00+02:00'; // Q3 closes in 4,6 days

    harness = await Harness.start({ dbDir: dir, fake, now, reminderDays: 3 });
    expect(remindersIn(fake)).toHaveLength(0);
    await harness.stop();

    harness = await Harness.start({ dbDir: dir, fake, now, reminderDays: 7 });
    const plan = await harness.store.getPlan('CCIAA-MS', 2012);
    const reported = await harness.store.valuesOfPeriod('CCIAA-MS', 2012, '2012-Q3');
    const expected = (plan?.people ?? []).filter((p) => plan?.indicators.some((i) => i.owner === p.id && !reported.has(i.id))).map((p) => p.slack).sort();
    expect(expected.length).toBeGreaterThan(3);
    const reminders = remindersIn(fake);
    expect(reminders.map((c) => c.body.channel).sort()).toEqual(expected);

    const toConti = reminders.find((c) => c.body.channel === USERS.conti);
    if (!toConti) throw new Error('nessun sollecito a g.conti');
    const text = String(toConti.body.text);
    expect(text).toContain('Buongiorno Giulia Conti, il terzo trimestre 2012 si chiude il 30/09/2012.');
    for (const id of [12, 13, 14, 18, 19, 43, 58, 59, 62, 63, 64]) expect(text).toContain(`• ${id} — `);
    expect(text).not.toContain('• 61 — ');
    expect(text).toContain('Rispondi qui con «<indicatore>: <valore>», ad esempio «12: 23,5»');
    expect(buttonOf(toConti, 'perf_open_checkin').value).toBe('12');

    await harness.slack.runChecks();
    await harness.stop();
    harness = await Harness.start({ dbDir: dir, fake, now, reminderDays: 7 });
    expect(remindersIn(fake)).toHaveLength(reminders.length);
    // The dirigenti were asked once for the causes of their Areas' gaps at the close of Q2, across the restarts.
    const gapNotices = fake.callsTo('chat.postMessage').filter((c) => String(c.body.text).includes('il secondo trimestre 2012 (2012-Q2) è chiuso'));
    const dirigenti = new Set((plan?.people ?? []).filter((p) => p.role === 'dirigente').map((p) => p.slack));
    expect(gapNotices.length).toBeGreaterThan(0);
    expect(gapNotices.every((c) => dirigenti.has(String(c.body.channel)))).toBe(true);
    expect(new Set(gapNotices.map((c) => `${String(c.body.channel)} ${String(c.body.text)}`)).size).toBe(gapNotices.length);

    // The answer in the conversation the reminder started.
    const count = await harness.rilevazioni();
    await harness.event(directMessage(USERS.conti, '12: 23,5'));
    const preview = fake.callsTo('chat.postMessage').find((c) => c.body.channel === dmChannel(USERS.conti));
    if (!preview) throw new Error('nessuna anteprima');
    expect(String(preview.body.text)).toContain('Anteprima (non ancora registrato): indicatore 12');
    expect(String(preview.body.text)).toContain('per il periodo 2012-Q3');
    expect(await harness.rilevazioni()).toBe(count);
    await harness.button(USERS.conti, { actionId: 'perf_confirm', ...buttonOf(preview, 'perf_confirm') }, { channelId: dmChannel(USERS.conti), ts: postedTs(preview) });
    await harness.slack.idle();
    expect(await harness.rilevazioni()).toBe(count + 1);
    expect((await harness.store.valuesOfPeriod('CCIAA-MS', 2012, '2012-Q3')).get(12)).toBe(23.5);
    expect((await harness.history(12)).find((r) => r.period === '2012-Q3')).toMatchObject({ channel: 'slack', reportedBy: 'g.conti', rawValue: '23,5' });
  });
});

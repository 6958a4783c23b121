import type { Store } from '@perf/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAND_COLOUR } from '../src/embeds.ts';
import { FakeDiscord, type RecordedCall } from './fake-discord.ts';
import { APPLICATION_ID, callbackOf, exampleStore, fixedClock, GUILD_ID, PEOPLE, startBot, SUMMARY_CHANNEL, type RunningBot } from './harness.ts';

/**
 * 27 December 2012: the third quarter has closed (its summary is due) and the fourth closes on
 * 1 January, within the 7 days of PERF_REMINDER_DAYS (reminders are due). The database holds the
 * plan without values, so every owner has indicators missing.
 */
const clock = fixedClock('2012-12-27T10:00:00+01:00');
const summaryPath = `/api/v10/channels/${SUMMARY_CHANNEL}/messages`;
const isSummary = (c: RecordedCall) => c.method === 'POST' && c.path === summaryPath;
const isDmOpen = (c: RecordedCall) => c.method === 'POST' && c.path === '/api/v10/users/@me/channels';

let fake: FakeDiscord;
let store: Store;
const bots: RunningBot[] = [];

async function start(): Promise<RunningBot> {
  const running = await startBot(fake, store, clock, { summaryChannel: SUMMARY_CHANNEL, reminderDays: 7 });
  bots.push(running);
  return running;
}

beforeAll(async () => {
  fake = await FakeDiscord.start(APPLICATION_ID, GUILD_ID);
  ({ store } = await exampleStore(false));
});

afterAll(async () => {
  for (const running of bots) await running.bot.stop();
  await fake?.close();
  await store?.close();
});

describe('summaries and reminders', () => {
  it('a summary that Discord refuses is not counted as posted: the next check posts it', async () => {
    fake.failures.set(`POST ${summaryPath}`, 403);
    const running = await start();
    expect(fake.find(isSummary)).toHaveLength(1);
    expect(fake.find(isSummary)[0]?.status).toBe(403);
    expect(running.log.join('\n')).toContain('perf Discord: non inviato (si riproverà al prossimo controllo): riepilogo CCIAA-MS 2012-Q3');
    fake.failures.clear();
    const outcome = await running.bot.checkCycle();
    expect(outcome.summaries).toEqual(['CCIAA-MS 2012-Q3']);
    await running.bot.stop();
  });

  it('posts the summary of the period just closed to the summary channel, once', async () => {
    const posted = fake.find(isSummary).filter((c) => c.status === 200);
    expect(posted).toHaveLength(1);
    const [embed] = posted[0]?.body.embeds;
    expect(embed.title).toBe('Riepilogo del terzo trimestre 2012 — Camera di Commercio di Massa Carrara');
    expect(embed.color).toBe(BAND_COLOUR.none);
    expect(embed.description).toContain('Indicatori senza valore nel periodo');
  });

  it('sends one reminder by direct message to each owner with values missing, listing them', async () => {
    const plan = await store.getPlan('CCIAA-MS', 2012);
    const owners = new Set(plan?.indicators.map((i) => i.owner));
    const expected = plan?.people.filter((p) => owners.has(p.id)).map((p) => p.discord).sort();
    const opened = fake.find(isDmOpen);
    expect(opened.map((c) => c.body.recipient_id).sort()).toEqual(expected);

    const dm = opened.find((c) => c.body.recipient_id === PEOPLE.conti.id)?.response.id as string;
    const sent = fake.find((c) => c.method === 'POST' && c.path === `/api/v10/channels/${dm}/messages`);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body.content).toContain('Buongiorno Giulia Conti, il quarto trimestre 2012 si chiude il 31/12/2012.');
    expect(sent[0]?.body.content).toContain('• 12 — Adesioni al bando per la partecipazione a CarraraMarmotec');
  });

  it('after a restart with the same database, neither the summary nor the reminders go out again', async () => {
    const summaries = fake.find(isSummary).length;
    const reminders = fake.find(isDmOpen).length;
    const running = await start();
    const outcome = await running.bot.checkCycle();
    expect(outcome).toEqual({ summaries: [], reminders: [], notices: [], failures: [] });
    expect(fake.find(isSummary)).toHaveLength(summaries);
    expect(fake.find(isDmOpen)).toHaveLength(reminders);
  });
});

describe('answering a reminder by direct message', () => {
  let dmChannel: string;
  let preview: RecordedCall;

  it('echoes «12: 27» with the grade it would give and stores nothing yet', async () => {
    const before = await store.counts();
    // The person answers in the DM channel where the reminder arrived.
    dmChannel = fake.find(isDmOpen).find((c) => c.body.recipient_id === PEOPLE.conti.id)?.response.id as string;
    const since = fake.mark();
    const messageId = fake.directMessage(PEOPLE.conti, dmChannel, '12: 27');
    preview = await fake.waitForCall((c) => c.method === 'POST' && c.path === `/api/v10/channels/${dmChannel}/messages`, 10_000, since);
    expect(preview.body.message_reference).toMatchObject({ message_id: messageId });
    expect(preview.body.embeds[0].title).toBe('Anteprima: indicatore 12');
    expect(preview.body.embeds[0].description).toContain('Valore **27 n.** per il periodo **2012-Q4**');
    const buttons = preview.body.components[0].components.map((b: { label: string }) => b.label);
    expect(buttons).toEqual(['Conferma', 'Annulla']);
    expect((await store.counts()).rilevazioni).toBe(before.rilevazioni);
  });

  it('«Conferma» stores it once (type 7 update), even when pressed twice', async () => {
    const message = { id: preview.response.id as string, channel_id: dmChannel, body: preview.body };
    const confirm = preview.body.components[0].components[0].custom_id as string;
    const first = await callbackOf(fake, fake.pressButton(PEOPLE.conti, message, confirm));
    expect(first.body.type).toBe(7);
    expect(first.body.data.embeds[0].title).toBe('Registrato: indicatore 12');
    expect(first.body.data.components).toEqual([]);
    const history = await store.history('CCIAA-MS', 2012, 12);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ period: '2012-Q4', value: 27, channel: 'discord', reportedBy: 'g.conti' });

    const second = await callbackOf(fake, fake.pressButton(PEOPLE.conti, message, confirm));
    expect(second.body.data.embeds[0].title).toBe('Già registrato: indicatore 12');
    expect(await store.history('CCIAA-MS', 2012, 12)).toHaveLength(1);
  });

  it('refuses a direct message from someone who is not in the plan', async () => {
    const channel = '500000000000000099';
    fake.directMessage(PEOPLE.stranger, channel, '12: 27');
    const answer = await fake.waitForCall((c) => c.method === 'POST' && c.path === `/api/v10/channels/${channel}/messages`);
    expect(answer.body.embeds[0].description).toContain('Non risulti tra le persone del Piano');
  });
});

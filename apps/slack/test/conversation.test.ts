import { afterEach, describe, expect, it } from 'vitest';
import { buttonOf, directMessage, dmChannel, postedTs } from './support/conversation.ts';
import { BOT_ID, BOT_USER_ID } from './support/fake-slack.ts';
import { blocksText, Harness, USERS } from './support/harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const postsTo = (h: Harness, channel: string) => h.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);

describe('conversation in a direct message', () => {
  it('runs the grammar without /perf: "report 12 value=23" stores at once; the redelivered event acts only once', async () => {
    harness = await Harness.start();
    const count = await harness.rilevazioni();
    const event = directMessage(USERS.conti, 'report 12 value=23');
    expect((await harness.event(event, { eventId: 'EV-DM-1' })).status).toBe(200);
    const [answer] = postsTo(harness, dmChannel(USERS.conti));
    expect(String(answer?.body.text)).toContain('Registrato: indicatore 12');
    expect(String(answer?.body.text)).toContain('77% non raggiunto');

    expect((await harness.event(event, { eventId: 'EV-DM-1', retryNum: 1 })).status).toBe(200);
    expect((await harness.event(event, { eventId: 'EV-DM-1', retryNum: 2 })).status).toBe(200);
    expect(postsTo(harness, dmChannel(USERS.conti))).toHaveLength(1);
    expect(await harness.rilevazioni()).toBe(count + 1);
    expect((await harness.history(12)).at(-1)).toMatchObject({ value: 23, channel: 'slack', reportedBy: 'g.conti' });
  });

  it('answers "status" in Block Kit', async () => {
    harness = await Harness.start();
    await harness.event(directMessage(USERS.rossi, 'status'));
    const [answer] = postsTo(harness, dmChannel(USERS.rossi));
    expect(blocksText(answer?.body.blocks)).toContain("Performance complessiva dell'ente:* 🟢 94% raggiunto");
  });

  it('echoes an answer "12: 23,5" with its grade and stores it only on Conferma; a double click stores once', async () => {
    harness = await Harness.start();
    const count = await harness.rilevazioni();
    await harness.event(directMessage(USERS.conti, '12: 23,5'));
    const [preview] = postsTo(harness, dmChannel(USERS.conti));
    expect(preview).toBeDefined();
    if (!preview) return;
    expect(String(preview.body.text)).toContain('Anteprima (non ancora registrato): indicatore 12');
    expect(String(preview.body.text)).toContain('= 23,5 n. per il periodo 2012-Q4');
    expect(String(preview.body.text)).toContain('78% non raggiunto');
    expect(await harness.rilevazioni()).toBe(count);

    const confirm = buttonOf(preview, 'perf_confirm');
    const message = { channelId: dmChannel(USERS.conti), ts: postedTs(preview) };
    const clicks = await Promise.all([harness.button(USERS.conti, { actionId: 'perf_confirm', ...confirm }, message), harness.button(USERS.conti, { actionId: 'perf_confirm', ...confirm }, message)]);
    expect(clicks.map((c) => c.status)).toEqual([200, 200]);
    await harness.slack.idle();
    expect(await harness.rilevazioni()).toBe(count + 1);
    expect((await harness.history(12)).at(-1)).toMatchObject({ value: 23.5, period: '2012-Q4', channel: 'slack', reportedBy: 'g.conti', rawValue: '23,5' });
    const replaced = harness.fake.callsTo('response_url');
    expect(replaced).toHaveLength(2);
    expect(replaced.every((c) => c.body.replace_original === true)).toBe(true);
    expect(replaced.map((c) => String(c.body.text)).join('\n')).toContain('Registrato: indicatore 12');
  });

  it('discards an answer on Annulla', async () => {
    harness = await Harness.start();
    const count = await harness.rilevazioni();
    await harness.event(directMessage(USERS.conti, '13: 40%'));
    const [preview] = postsTo(harness, dmChannel(USERS.conti));
    if (!preview) throw new Error('nessuna anteprima');
    await harness.button(USERS.conti, { actionId: 'perf_cancel', ...buttonOf(preview, 'perf_cancel') }, { channelId: dmChannel(USERS.conti), ts: postedTs(preview) });
    await harness.slack.idle();
    const [cancelled] = harness.fake.callsTo('response_url');
    expect(cancelled?.body).toMatchObject({ replace_original: true, text: '✖️ Annullato: nulla è stato registrato.' });
    expect(await harness.rilevazioni()).toBe(count);
  });

  it('offers a numbered choice as buttons; pressing one previews that indicator, «sì» stores it', async () => {
    harness = await Harness.start();
    const verdi = 'U0000004'; // m.verdi, owner of indicators 5 and 6 (both about the corso per mediatori)
    const count = await harness.rilevazioni();
    await harness.event(directMessage(verdi, 'corso mediatori 15'));
    const [choice] = postsTo(harness, dmChannel(verdi));
    if (!choice) throw new Error('nessuna scelta');
    expect(String(choice.body.text)).toContain('Quale indicatore intendi? (valore 15)');
    const second = buttonOf(choice, 'perf_choose_1');
    expect(second.value).toBe('2');
    expect(blocksText(choice.body.blocks)).toContain('"text":"2) indicatore 6: Professionisti partecipanti al corso di…"');

    await harness.button(verdi, { actionId: 'perf_choose_1', ...second }, { channelId: dmChannel(verdi), ts: postedTs(choice) });
    await harness.slack.idle();
    const [preview] = harness.fake.callsTo('response_url');
    expect(preview?.body.replace_original).toBe(true);
    expect(String(preview?.body.text)).toContain('indicatore 6');
    expect(await harness.rilevazioni()).toBe(count);

    await harness.event(directMessage(verdi, 'sì'));
    expect(await harness.rilevazioni()).toBe(count + 1);
    expect((await harness.history(6)).at(-1)).toMatchObject({ value: 15, channel: 'slack', reportedBy: 'm.verdi' });
  });

  it('says which indicator a bare number could be, and that it did not understand other text', async () => {
    harness = await Harness.start();
    await harness.event(directMessage(USERS.conti, '23'));
    await harness.event(directMessage(USERS.conti, 'pizza margherita'));
    const texts = postsTo(harness, dmChannel(USERS.conti)).map((c) => String(c.body.text));
    expect(texts[0]).toContain('A quale indicatore si riferisce «23»?');
    expect(texts[1]).toContain('Non ho capito «pizza margherita»');
    expect(texts[1]).toContain('12: 23,5');
  });

  it('understands a sentence, previews what it replaces, and stores it once on «sì» (redelivered too)', async () => {
    harness = await Harness.start();
    const count = await harness.rilevazioni();
    await harness.event(directMessage(USERS.conti, 'newsletter inviate: 9 nel terzo trimestre'));
    const [preview] = postsTo(harness, dmChannel(USERS.conti));
    expect(blocksText(preview?.body.blocks)).toContain('indicatore 61 «Newsletter inviate»');
    expect(blocksText(preview?.body.blocks)).toContain('periodo: terzo trimestre 2012 (2012-Q3)');
    expect(blocksText(preview?.body.blocks)).toContain('sostituisce: 8 n.');
    await harness.event(directMessage(USERS.conti, '1'));
    expect(await harness.rilevazioni()).toBe(count);
    const yes = directMessage(USERS.conti, 'sì');
    await harness.event(yes, { eventId: 'EV-SI-1' });
    await harness.event(yes, { eventId: 'EV-SI-1', retryNum: 1 });
    expect(await harness.rilevazioni()).toBe(count + 1);
    const fromSlack = (await harness.history(61)).filter((r) => r.channel === 'slack');
    expect(fromSlack).toHaveLength(1);
    expect(fromSlack[0]).toMatchObject({ value: 9, period: '2012-Q3', reportedBy: 'g.conti' });
    const texts = postsTo(harness, dmChannel(USERS.conti)).map((c) => String(c.body.text));
    expect(texts[1]).toContain('non è una conferma');
    expect(texts[2]).toContain('Registrato: indicatore 61');
  });

  it("ignores the bot's own messages and edits", async () => {
    harness = await Harness.start();
    const before = harness.fake.calls.length;
    await harness.event(directMessage(USERS.conti, 'status', { bot_id: BOT_ID, user: BOT_USER_ID }));
    await harness.event(directMessage(USERS.conti, 'status', { bot_id: 'B0ALTRO' }));
    await harness.event(directMessage(USERS.conti, 'status', { subtype: 'message_changed' }));
    expect(harness.fake.calls.slice(before)).toEqual([]);
  });

  it('refuses a user who is not in the plan, saying so', async () => {
    harness = await Harness.start();
    const count = await harness.rilevazioni();
    await harness.event(directMessage(USERS.stranger, '12: 23'));
    const [answer] = postsTo(harness, dmChannel(USERS.stranger));
    expect(String(answer?.body.text)).toContain('Non risulti tra le persone del Piano della Performance');
    expect(await harness.rilevazioni()).toBe(count);
  });

  it('offers the check-in modal for a bare "report", and opens it from the button', async () => {
    harness = await Harness.start();
    await harness.event(directMessage(USERS.conti, 'report'));
    const [offer] = postsTo(harness, dmChannel(USERS.conti));
    if (!offer) throw new Error('nessuna risposta');
    await harness.button(USERS.conti, { actionId: 'perf_open_checkin', ...buttonOf(offer, 'perf_open_checkin') }, { channelId: dmChannel(USERS.conti), ts: postedTs(offer) });
    const open = await harness.fake.waitFor('views.open');
    expect((open.body.view as { callback_id: string }).callback_id).toBe('perf_checkin');
  });
});

describe('mentions and the Home tab', () => {
  it('answers an app_mention in a channel only to the person who wrote it', async () => {
    harness = await Harness.start();
    await harness.event({ type: 'app_mention', channel: 'C0GENERALE', user: USERS.rossi, text: `<@${BOT_USER_ID}> status 04`, ts: '1348600000.000900', event_ts: '1348600000.000900' });
    const [answer] = harness.fake.callsTo('chat.postEphemeral');
    expect(answer?.body).toMatchObject({ channel: 'C0GENERALE', user: USERS.rossi });
    expect(blocksText(answer?.body.blocks)).toContain('Obiettivo 04');
    expect(postsTo(harness, 'C0GENERALE')).toHaveLength(0);
  });

  it("publishes the person's indicators, last values and what is missing in the open period", async () => {
    harness = await Harness.start({ now: '2012-09-20T10:00:00+02:00' });
    await harness.event({ type: 'app_home_opened', user: USERS.conti, channel: dmChannel(USERS.conti), tab: 'home', event_ts: '1348600000.001000' });
    const [publish] = harness.fake.callsTo('views.publish');
    expect(publish?.body.user_id).toBe(USERS.conti);
    const view = publish?.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = blocksText(view.blocks);
    expect(text).toContain('Da rilevare per il terzo trimestre 2012 (11)');
    expect(text).not.toMatch(/• \*61\*/);
    expect(text).toContain('Indicatori di Giulia Conti');
    expect(text).toMatch(/valore 31 n\. \(2012-Q4\)/);
    expect(text).toContain('perf_open_checkin');

    await harness.event({ type: 'app_home_opened', user: USERS.stranger, channel: 'D0999999', tab: 'home', event_ts: '1348600000.001100' });
    const refused = harness.fake.callsTo('views.publish').find((c) => c.body.user_id === USERS.stranger);
    expect(blocksText((refused?.body.view as { blocks: unknown[] }).blocks)).toContain('Non risulti tra le persone del Piano');
  });
});

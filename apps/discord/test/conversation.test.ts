import { describe, expect, it } from 'vitest';
import type { RecordedCall } from './fake-discord.ts';
import { callbackOf, fixedClock, PEOPLE, useExampleBot } from './harness.ts';

/** 25 September 2012, third quarter open; the plan without values. */
const clock = fixedClock('2012-09-25T10:00:00+02:00');
const dmChannel = '500000000000000006';

const bot = useExampleBot(clock, false);

async function say(content: string, person: (typeof PEOPLE)[keyof typeof PEOPLE] = PEOPLE.conti, channel = dmChannel): Promise<RecordedCall> {
  const since = bot.fake.mark();
  bot.fake.directMessage(person, channel, content);
  return bot.fake.waitForCall((c) => c.method === 'POST' && c.path === `/api/v10/channels/${channel}/messages`, 10_000, since);
}

describe('free text in a direct message on Discord', () => {
  it('previews a sentence, refuses a digit as a confirmation, stores once on «sì»', async () => {
    const preview = await say('newsletter inviate: 9');
    expect(preview.body.content).toContain('indicatore 61 «Newsletter inviate»');
    expect(preview.body.content).toContain('periodo: terzo trimestre 2012 (2012-Q3)');
    expect(preview.body.content).toContain('sostituisce: nessun valore finora');
    expect(preview.body.components[0].components.map((b: { label: string }) => b.label)).toEqual(['Conferma', 'Annulla']);
    const digit = await say('1');
    expect(JSON.stringify(digit.body)).toContain('non è una conferma');
    expect(await bot.store.history('CCIAA-MS', 2012, 61)).toHaveLength(0);
    const stored = await say('sì');
    expect(stored.body.embeds[0].title).toBe('Registrato: indicatore 61');
    const history = await bot.store.history('CCIAA-MS', 2012, 61);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ period: '2012-Q3', value: 9, channel: 'discord', reportedBy: 'g.conti' });
  });

  it('«Conferma» settles the value waiting for «sì»: a later «ok» stores nothing more', async () => {
    const preview = await say('13: 40%');
    const message = { id: preview.response.id as string, channel_id: dmChannel, body: preview.body };
    const pressed = await callbackOf(bot.fake, bot.fake.pressButton(PEOPLE.conti, message, preview.body.components[0].components[0].custom_id as string));
    expect(pressed.body.data.embeds[0].title).toBe('Registrato: indicatore 13');
    const ok = await say('ok');
    expect(JSON.stringify(ok.body)).toContain('Non ho capito «ok»');
    expect(await bot.store.history('CCIAA-MS', 2012, 13)).toHaveLength(1);
  });

  it('offers a numbered choice as buttons; pressing one previews that indicator in place', async () => {
    const serraDm = '500000000000000013';
    const choice = await say('corso mediatori 15', PEOPLE.serra, serraDm);
    expect(choice.body.content).toContain('Quale indicatore intendi? (valore 15)');
    const buttons = choice.body.components[0].components as { label: string; custom_id: string }[];
    expect(buttons.map((b) => b.label)).toEqual(['1) indicatore 5: Ore del corso di aggiornamento per mediatori', '2) indicatore 6: Professionisti partecipanti al corso di…']);
    const message = { id: choice.response.id as string, channel_id: serraDm, body: choice.body };
    const pressed = await callbackOf(bot.fake, bot.fake.pressButton(PEOPLE.serra, message, buttons[1]?.custom_id as string));
    expect(pressed.body.data.content).toContain('indicatore 6 «Professionisti partecipanti al corso di aggiornamento per mediatori»');
    expect(pressed.body.data.components[0].components.map((b: { label: string }) => b.label)).toEqual(['Conferma', 'Annulla']);
    expect(await bot.store.history('CCIAA-MS', 2012, 6)).toHaveLength(0);
  });

  it('answers an @mention in a server channel (without the mention), and ignores the messages that do not mention it', async () => {
    const channel = '700000000000000001';
    const posted = () => bot.fake.calls.filter((c) => c.method === 'POST' && c.path === `/api/v10/channels/${channel}/messages`);
    bot.fake.guildWithChannel(channel);
    bot.fake.guildMessage(PEOPLE.conti, channel, 'newsletter inviate: 9');
    const since = bot.fake.mark();
    bot.fake.guildMessage(PEOPLE.conti, channel, `<@${bot.fake.applicationId}> status me`);
    const answer = await bot.fake.waitForCall((c) => c.method === 'POST' && c.path === `/api/v10/channels/${channel}/messages`, 10_000, since);
    expect(JSON.stringify(answer.body)).toContain('Newsletter inviate');
    expect(posted()).toHaveLength(1);
  });

  it('answers a question in words, with the short command', async () => {
    const answer = await say('cosa devo ancora inserire?');
    expect(answer.body.content).toContain('terzo trimestre 2012 (2012-Q3)');
    expect(answer.body.content).toContain('Lo stesso in breve: missing');
  });
});

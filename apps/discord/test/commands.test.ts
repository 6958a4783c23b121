import { gradeText, statusOf, type CommandContext } from '@perf/core';
import { describe, expect, it, vi } from 'vitest';
import { withEnv } from '../../../test/support/env.ts';
import { BAND_COLOUR } from '../src/embeds.ts';
import { APPLICATION_ID, callbackOf, fixedClock, followUpOf, GUILD_ID, PEOPLE, TOKEN, useExampleBot } from './harness.ts';

const EPHEMERAL = 64;
/** 15 January 2013: the 2012 plan's year is over, so reports without a period go to 2012-Q4. */
const clock = fixedClock('2013-01-15T10:00:00+01:00');

const bot = useExampleBot(clock, true);

const controllo: CommandContext = { store: undefined as never, channel: 'cli', clock, identity: { kind: 'operator', operatorName: 'test' } };

async function historyOf12() {
  return bot.store.history('CCIAA-MS', 2012, 12);
}

describe('start-up', () => {
  it('registers /perf in the guild with its subcommands and autocomplete on indicator', () => {
    const put = bot.fake.find((c) => c.method === 'PUT');
    expect(put).toHaveLength(1);
    expect(put[0]?.path).toBe(`/api/v10/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`);
    expect(put[0]?.authorization).toBe(`Bot ${TOKEN}`);
    const [perf] = put[0]?.body as any[];
    expect(perf.name).toBe('perf');
    expect(perf.options.map((o: any) => [o.name, o.type])).toEqual([['report', 1], ['status', 1], ['relazione', 1], ['chiudi', 1], ['dashboard', 1], ['help', 1]]);
    const report = perf.options[0].options.map((o: any) => ({ name: o.name, type: o.type, required: o.required ?? false, autocomplete: o.autocomplete ?? false }));
    expect(report).toEqual([
      { name: 'indicator', type: 4, required: true, autocomplete: true },
      { name: 'value', type: 3, required: true, autocomplete: false },
      { name: 'period', type: 3, required: false, autocomplete: false },
      { name: 'note', type: 3, required: false, autocomplete: false },
      { name: 'reason', type: 3, required: false, autocomplete: false },
    ]);
    expect(perf.options[1].options.map((o: any) => [o.name, o.type])).toEqual([['target', 3], ['compare', 4]]);
    expect(perf.options[2].options.map((o: any) => [o.name, o.type])).toEqual([['year', 4]]);
  });

  it('connects through GET /gateway/bot and identifies on the bot.fake gateway with the token', () => {
    expect(bot.fake.find((c) => c.method === 'GET' && c.path === '/api/v10/gateway/bot')).toHaveLength(1);
    expect(bot.fake.identifies).toHaveLength(1);
    expect((bot.fake.identifies[0] as { token: string }).token).toBe(TOKEN);
  });
});

describe('/perf report', () => {
  it('from the owner of indicator 12 stores one rilevazione (channel discord, by g.conti) and shows the new grade', async () => {
    const before = await historyOf12();
    const interaction = bot.fake.command(PEOPLE.conti, 'report', { indicator: 12, value: '25', note: 'dato di prova' });
    const callback = await callbackOf(bot.fake, interaction);

    const after = await historyOf12();
    expect(after).toHaveLength(before.length + 1);
    const stored = after.find((r) => !before.some((b) => b.id === r.id));
    expect(stored).toMatchObject({ channel: 'discord', reportedBy: 'g.conti', period: '2012-Q4', value: 25, rawValue: '25', note: 'dato di prova' });

    const status = await statusOf({ kind: 'item', text: '#12' }, { ...controllo, store: bot.store });
    if (status.scope !== 'indicator') throw new Error('expected the status of indicator 12');
    expect(status.indicator.value).toBe(25);
    expect(callback.body.type).toBe(4);
    expect((callback.body.data.flags ?? 0) & EPHEMERAL).toBe(0);
    const [embed] = callback.body.data.embeds;
    expect(embed.title).toBe('Registrato: indicatore 12');
    expect(embed.color).toBe(BAND_COLOUR[status.indicator.band ?? 'none']);
    expect(embed.fields[0].value).toContain(gradeText(status.indicator));
    expect(embed.description).toContain('Sostituisce il valore 31 n.');
  });

  it('a redelivered interaction (same id) never stores twice', async () => {
    const before = await historyOf12();
    const interaction = bot.fake.command(PEOPLE.conti, 'report', { indicator: 12, value: '26', period: '2012-Q3' });
    await callbackOf(bot.fake, interaction);
    bot.fake.command(PEOPLE.conti, 'report', { indicator: 12, value: '26', period: '2012-Q3' }, { id: interaction.id });
    const path = `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`;
    await vi.waitFor(() => expect(bot.fake.find((c) => c.path === path)).toHaveLength(2), { timeout: 10_000 });
    expect(await historyOf12()).toHaveLength(before.length + 1);
    const second = bot.fake.find((c) => c.path === path)[1];
    expect(second?.body.data.embeds[0].title).toBe('Già registrato: indicatore 12');
  });

  it('refuses a user who is not in the plan, ephemerally, and stores nothing', async () => {
    const before = await bot.store.counts();
    const callback = await callbackOf(bot.fake, bot.fake.command(PEOPLE.stranger, 'report', { indicator: 12, value: '30' }));
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(callback.body.data.embeds[0].description).toContain('Non risulti tra le persone del Piano della Performance CCIAA-MS 2012');
    expect(callback.body.data.embeds[0].description).toContain(PEOPLE.stranger.id);
    expect((await bot.store.counts()).rilevazioni).toBe(before.rilevazioni);
  });

  it('refuses a bad period with the right form (the core grammar\'s own validation) and stores nothing', async () => {
    const before = await bot.store.counts();
    const callback = await callbackOf(bot.fake, bot.fake.command(PEOPLE.conti, 'report', { indicator: 12, value: '30', period: '2012-Q9' }));
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(callback.body.data.embeds[0].description).toContain('Periodo "2012-Q9" non valido');
    expect(callback.body.data.embeds[0].description).toContain('Forma corretta: period=');
    expect((await bot.store.counts()).rilevazioni).toBe(before.rilevazioni);
  });

  it('refuses a value that is not a number, and an indicator the staff member does not own', async () => {
    const bad = await callbackOf(bot.fake, bot.fake.command(PEOPLE.conti, 'report', { indicator: 12, value: 'tanti' }));
    expect(bad.body.data.flags).toBe(EPHEMERAL);
    expect(bad.body.data.embeds[0].description).toContain('Il valore "tanti" non è un numero.');
    const notOwned = await callbackOf(bot.fake, bot.fake.command(PEOPLE.conti, 'report', { indicator: 1, value: '3' }));
    expect(notOwned.body.data.flags).toBe(EPHEMERAL);
    expect(notOwned.body.data.embeds[0].description).toContain("non può registrare l'indicatore 1");
  });
});

describe('autocomplete of indicator', () => {
  it('offers the indicators the person may report (type 8 callback)', async () => {
    const plan = await bot.store.getPlan('CCIAA-MS', 2012);
    const owned = plan?.indicators.filter((i) => i.owner === 'g.conti').map((i) => i.id).sort((a, b) => a - b);
    const callback = await callbackOf(bot.fake, bot.fake.command(PEOPLE.conti, 'report', { indicator: '' }, { type: 4, focused: 'indicator' }));
    expect(callback.body.type).toBe(8);
    const choices = callback.body.data.choices as { name: string; value: number }[];
    expect(choices.map((c) => c.value).sort((a, b) => a - b)).toEqual(owned);
    expect(choices.find((c) => c.value === 12)?.name).toBe('12 — Adesioni al bando per la partecipazione a CarraraMarmotec');
  });

  it('filters by what was typed, and offers nothing to a user outside the plan', async () => {
    const typed = await callbackOf(bot.fake, bot.fake.command(PEOPLE.conti, 'report', { indicator: '12' }, { type: 4, focused: 'indicator' }));
    expect(typed.body.data.choices.map((c: { value: number }) => c.value)).toEqual([12]);
    const stranger = await callbackOf(bot.fake, bot.fake.command(PEOPLE.stranger, 'report', { indicator: '' }, { type: 4, focused: 'indicator' }));
    expect(stranger.body).toEqual({ type: 8, data: { choices: [] } });
  });
});

describe('/perf status and help', () => {
  it('answers the ente\'s status with an embed coloured by the overall band', async () => {
    const callback = await callbackOf(bot.fake, bot.fake.command(PEOPLE.rossi, 'status'));
    const status = await statusOf({ kind: 'ente' }, { ...controllo, store: bot.store });
    if (status.scope !== 'ente') throw new Error('expected the ente status');
    expect(callback.body.type).toBe(4);
    const [embed] = callback.body.data.embeds;
    expect(embed.title).toBe('Stato del Piano della Performance 2012');
    expect(embed.color).toBe(BAND_COLOUR[status.report.overall.band ?? 'none']);
    expect(embed.description).toContain(gradeText(status.report.overall));
    expect(embed.description).toContain('**01**');
  });

  it('answers the status of one indicator with its history', async () => {
    const callback = await callbackOf(bot.fake, bot.fake.command(PEOPLE.conti, 'status', { target: '#12' }));
    const [embed] = callback.body.data.embeds;
    expect(embed.title).toContain('Indicatore 12');
    expect(embed.fields.find((f: { name: string }) => f.name === 'Storico delle rilevazioni').value).toContain('discord');
  });

  it('refuses a staff member the status of an indicator they do not own', async () => {
    const callback = await callbackOf(bot.fake, bot.fake.command(PEOPLE.conti, 'status', { target: '#1' }));
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(callback.body.data.embeds[0].description).toContain("non può vedere l'indicatore 1");
  });

  it('help lists the slash forms of the commands', async () => {
    const callback = await callbackOf(bot.fake, bot.fake.command(PEOPLE.ferri, 'help'));
    const names = callback.body.data.embeds[0].fields.map((f: { name: string }) => f.name);
    expect(names).toEqual(expect.arrayContaining(['/perf help', '/perf relazione [year:<anno>]']));
    expect(names[0]).toMatch(/^\/perf report indicator:/);
  });
});

describe('/perf dashboard', () => {
  it('answers g.conti alone (ephemeral) with the sign-in link, or says in Italian what is not configured', async () => {
    await withEnv({ PERF_WEB_SECRET: undefined, PERF_WEB_URL: undefined }, async () => {
      const refused = await callbackOf(bot.fake, bot.fake.command(PEOPLE.conti, 'dashboard'));
      expect(refused.body.data.flags).toBe(EPHEMERAL);
      expect(refused.body.data.embeds[0].description).toContain('Il cruscotto web non è configurato: mancano PERF_WEB_SECRET e PERF_WEB_URL.');
    });
    await withEnv({ PERF_WEB_SECRET: 'a-secret-shared-by-discord-and-the-dashboard', PERF_WEB_URL: 'https://cruscotto.cciaa-ms.example' }, async () => {
      const callback = await callbackOf(bot.fake, bot.fake.command(PEOPLE.conti, 'dashboard'));
      expect(callback.body.data.flags).toBe(EPHEMERAL);
      expect(callback.body.data.embeds[0].description).toMatch(/^Il tuo link personale al cruscotto di Camera di Commercio di Massa Carrara:\nhttps:\/\/cruscotto\.cciaa-ms\.example\/accesso\?t=/);
    });
    const links = (await bot.store.auditLog({ ente: 'CCIAA-MS' })).filter((e) => e.action === 'web.link');
    expect(links.at(-1)).toMatchObject({ actor: 'g.conti', channel: 'discord' });
  });
});

describe('/perf relazione', () => {
  it('is refused to staff at once, ephemerally, without deferring', async () => {
    const callback = await callbackOf(bot.fake, bot.fake.command(PEOPLE.conti, 'relazione'));
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(callback.body.data.embeds[0].description).toContain('non può produrre la Relazione sulla Performance');
  });

  it('is deferred (type 5) and the PDF follows as files[0] with payload_json', async () => {
    const interaction = bot.fake.command(PEOPLE.serra, 'relazione', { year: 2012 });
    const callback = await callbackOf(bot.fake, interaction);
    expect(callback.body.type).toBe(5);
    const followUp = await followUpOf(bot.fake, interaction, 90_000);
    expect(followUp.query.get('wait')).toBe('true');
    expect(followUp.files).toHaveLength(1);
    const [file] = followUp.files;
    expect(file?.field).toBe('files[0]');
    expect(file?.filename).toBe('Relazione-Performance-CCIAA-MS-2012.pdf');
    expect(file?.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(followUp.body.embeds[0].title).toBe('Relazione sulla Performance 2012');
    expect(followUp.body.attachments).toEqual([expect.objectContaining({ id: '0' })]);
  }, 120_000);

  it('a failure after deferring withdraws the deferred answer and tells the person ephemerally', async () => {
    const interaction = bot.fake.command(PEOPLE.ferri, 'relazione');
    bot.fake.failOnce.set(`POST /api/v10/webhooks/${APPLICATION_ID}/${interaction.token}`, 400);
    expect((await callbackOf(bot.fake, interaction)).body.type).toBe(5);
    const webhook = `/api/v10/webhooks/${APPLICATION_ID}/${interaction.token}`;
    await bot.fake.waitForCall((c) => c.method === 'DELETE' && c.path === `${webhook}/messages/@original`, 60_000);
    const notice = await bot.fake.waitForCall((c) => c.method === 'POST' && c.path === webhook && c.status === 200);
    expect(notice.body.flags).toBe(EPHEMERAL);
    expect(notice.body.embeds[0].title).toBe('Errore interno');
    expect(bot.running?.log.join('\n')).toContain('Errore interno (interazione');
  }, 120_000);
});

describe('/perf chiudi and late values', () => {
  it('the controllo closes a period; staff can no longer report for it; the controllo can, with a reason', async () => {
    const closed = await callbackOf(bot.fake, bot.fake.command(PEOPLE.serra, 'chiudi', { period: '2012-Q2' }));
    expect(closed.body.type).toBe(4);
    expect(closed.body.data.embeds[0].title).toBe('Chiuso: 2012-Q2');
    expect(closed.body.data.embeds[0].description).toContain('Periodo 2012-Q2 chiuso (CCIAA-MS) da f.serra');

    const before = await bot.store.counts();
    const refused = await callbackOf(bot.fake, bot.fake.command(PEOPLE.conti, 'report', { indicator: 12, value: '20', period: '2012-Q2' }));
    expect(refused.body.data.flags).toBe(EPHEMERAL);
    expect(refused.body.data.embeds[0].description).toContain('Il periodo 2012-Q2 è chiuso');
    expect((await bot.store.counts()).rilevazioni).toBe(before.rilevazioni);

    const late = await callbackOf(bot.fake, bot.fake.command(PEOPLE.serra, 'report', { indicator: 12, value: '20', period: '2012-Q2', reason: 'rettifica del dato' }));
    expect(late.body.data.embeds[0].title).toBe('Registrato: indicatore 12');
    expect(late.body.data.embeds[0].description).toContain('accettato da f.serra con motivo: «rettifica del dato»');
    const stored = (await historyOf12()).filter((r) => r.period === '2012-Q2').at(-1);
    expect(stored).toMatchObject({ value: 20, channel: 'discord', reportedBy: 'f.serra' });
  });

  it('status compare goes through the grammar (confronta=): a year with no plan is refused', async () => {
    const callback = await callbackOf(bot.fake, bot.fake.command(PEOPLE.rossi, 'status', { compare: 2011 }));
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(callback.body.data.embeds[0].description).toContain('Nessun Piano 2011');
  });

  it('only the controllo closes periods', async () => {
    const callback = await callbackOf(bot.fake, bot.fake.command(PEOPLE.rossi, 'chiudi', { period: '2012-Q3' }));
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(callback.body.data.embeds[0].title).toBe('Richiesta non eseguita');
  });
});

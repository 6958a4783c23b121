import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePlan } from '@perf/model';
import { openStore } from '@perf/store';
import { freshPostgresUrl } from '../../../test/support/databases.ts';
import { blocksText, EXAMPLE_DIR, exampleDatabaseDir, Harness, loadExample, USERS } from './support/harness.ts';
import { postToSlackApp, slashCommandBody } from './support/slack-requests.ts';

interface SlashAnswer {
  response_type?: string;
  text: string;
  blocks?: { type: string }[];
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe('/perf report', () => {
  it('from g.conti (U0000006) stores one rilevazione on the embedded database and answers with the new grade', async () => {
    harness = await Harness.start();
    const before = await harness.history(12);
    const response = await harness.command('report 12 value=23', USERS.conti);
    expect(response.status).toBe(200);
    const answer = response.json<SlashAnswer>();
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('Registrato: indicatore 12');
    expect(answer.text).toContain('= 23 n. per il periodo 2012-Q4');
    expect(answer.text).toContain("Grado dell'indicatore: 🔴 77% non raggiunto");
    expect(blocksText(answer.blocks)).toContain('77% non raggiunto');

    const after = await harness.history(12);
    expect(after).toHaveLength(before.length + 1);
    const stored = after.find((r) => !before.some((b) => b.id === r.id));
    expect(stored).toMatchObject({ value: 23, period: '2012-Q4', channel: 'slack', reportedBy: 'g.conti', superseded: false });
  });

  it('is acknowledged with an empty 200, then answered through response_url once stored', async () => {
    harness = await Harness.start();
    const responseUrl = harness.fake.responseUrl();
    const acknowledgement = await postToSlackApp(harness.url, slashCommandBody({ text: 'report 12 value=23', userId: USERS.conti, responseUrl }), 'application/x-www-form-urlencoded');
    expect([acknowledgement.status, acknowledgement.text]).toEqual([200, '']);
    const answer = await harness.fake.firstPostTo(responseUrl);
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Registrato: indicatore 12') });
    const stored = (await harness.history(12)).filter((r) => r.channel === 'slack');
    expect(stored.map((r) => r.value)).toEqual([23]);
  });

  it('works the same on PostgreSQL', async () => {
    const store = await openStore(await freshPostgresUrl());
    try {
      await loadExample(store);
      harness = await Harness.start({ store });
      const response = await harness.command('report 12 valore=23,5 period=2012-Q3 note="dato di settembre"', USERS.conti);
      expect(response.json<SlashAnswer>().text).toContain('= 23,5 n. per il periodo 2012-Q3');
      const stored = (await harness.history(12)).filter((r) => r.channel === 'slack');
      expect(stored).toMatchObject([{ value: 23.5, period: '2012-Q3', reportedBy: 'g.conti', note: 'dato di settembre' }]);
    } finally {
      await harness?.stop();
      harness = undefined;
      await store.close();
    }
  });

  it('redelivered with X-Slack-Retry-Num: 1 stores nothing extra', async () => {
    harness = await Harness.start();
    const count = await harness.rilevazioni();
    const first = await harness.command('report 12 value=24', USERS.conti, { triggerId: 'TR-RETRY-1' });
    expect(first.json<SlashAnswer>().text).toContain('Registrato');
    const again = await harness.command('report 12 value=24', USERS.conti, { triggerId: 'TR-RETRY-1', retryNum: 1 });
    expect(again.status).toBe(200);
    expect(again.json<SlashAnswer>().text).toContain('già stata registrata');
    await harness.slack.idle();
    expect(await harness.rilevazioni()).toBe(count + 1);
  });

  it('with a bad command answers ephemerally with the right form and stores nothing', async () => {
    harness = await Harness.start();
    const count = await harness.rilevazioni();
    for (const [text, expected] of [
      ['report 12', 'Manca il valore'],
      ['report 12 value=tanti', 'non è un numero'],
      ['report 999 value=3', "L'indicatore 999 non esiste"],
      ['report 12 value=3 period=2012-Q7', 'non valido'],
      // Not a command of §6: free text for the conversation, which names the closest indicators and the form.
      ['rapporto 12', 'Non ho capito a quale indicatore si riferisce «rapporto 12»'],
    ] as const) {
      const answer = (await harness.command(text, USERS.conti)).json<SlashAnswer>();
      expect(answer.response_type, text).toBe('ephemeral');
      expect(answer.text, text).toContain(expected);
      expect(answer.text, text).toMatch(/Forma corretta|Comandi:|Indicatori:|Numeri ammessi/);
    }
    expect(await harness.rilevazioni()).toBe(count);
  });

  it('followed by free text goes to the conversation: a preview first, stored only on «sì», once', async () => {
    harness = await Harness.start();
    const values = async () => (await harness!.history(61)).filter((r) => r.channel === 'slack').map((r) => r.value);
    const preview = (await harness.command('newsletter inviate: 9 nel secondo trimestre', USERS.conti)).json<SlashAnswer>();
    expect(preview.response_type).toBe('ephemeral');
    expect(preview.text).toContain('indicatore 61 «Newsletter inviate»');
    expect(await values()).toEqual([]);
    const digit = (await harness.command('1', USERS.conti)).json<SlashAnswer>();
    expect(digit.text).not.toContain('Registrato');
    expect(await values()).toEqual([]);
    const triggerId = 'TR-SLASH-SI';
    const stored = (await harness.command('sì', USERS.conti, { triggerId })).json<SlashAnswer>();
    expect(stored.text).toContain('Registrato: indicatore 61');
    await harness.command('sì', USERS.conti, { triggerId, retryNum: 1 });
    expect(await values()).toEqual([9]);
  });

  it('refuses an indicator the person does not own, and an OIV, storing nothing', async () => {
    harness = await Harness.start();
    const count = await harness.rilevazioni();
    expect((await harness.command('report 1 value=3', USERS.conti)).json<SlashAnswer>().text).toContain('Giulia Conti (personale) non può registrare');
    expect((await harness.command('report 12 value=3', USERS.ferri)).json<SlashAnswer>().text).toContain("l'OIV legge tutto");
    expect(await harness.rilevazioni()).toBe(count);
  });

  it('with no arguments opens the check-in modal; invalid input is shown on the field, valid input is stored', async () => {
    harness = await Harness.start();
    const response = await harness.command('report', USERS.conti, { triggerId: 'TR-MODAL-1' });
    expect(response.status).toBe(200);
    const open = await harness.fake.waitFor('views.open');
    expect(open.body.trigger_id).toBe('TR-MODAL-1');
    const view = open.body.view as { callback_id: string; blocks: { block_id?: string; element?: { option_groups?: { options: { value: string }[] }[]; initial_option?: { value: string } } }[] };
    expect(view.callback_id).toBe('perf_checkin');
    const indicatorBlock = view.blocks.find((b) => b.block_id === 'perf_indicator');
    const offered = indicatorBlock?.element?.option_groups?.flatMap((g) => g.options.map((o) => o.value));
    expect(offered).toEqual(['12', '13', '14', '18', '19', '43', '58', '59', '61', '62', '63', '64']);
    expect(view.blocks.find((b) => b.block_id === 'perf_period')?.element?.initial_option?.value).toBe('2012-Q4');

    const count = await harness.rilevazioni();
    const invalid = await harness.submitCheckIn(USERS.conti, 'V-MODAL-1', { indicator: '12', value: 'molti', period: '2012-Q4' });
    expect(invalid.json()).toMatchObject({ response_action: 'errors', errors: { perf_value: expect.stringContaining('non è un numero') } });
    const badNote = await harness.submitCheckIn(USERS.conti, 'V-MODAL-2', { indicator: '12', value: '29', period: '2012-Q4', note: 'rosso \u001b[31m' });
    expect(badNote.json()).toEqual({ response_action: 'errors', errors: { perf_note: expect.stringContaining('La nota contiene una sequenza di escape del terminale') } });
    expect(await harness.rilevazioni()).toBe(count);

    const valid = await harness.submitCheckIn(USERS.conti, 'V-MODAL-1', { indicator: '12', value: '29', period: '2012-Q4', note: 'dal modulo' });
    expect(valid.status).toBe(200);
    expect(valid.text).toBe('');
    const dm = await harness.fake.waitFor('chat.postMessage', (c) => c.body.channel === USERS.conti);
    expect(String(dm.body.text)).toContain('Registrato: indicatore 12');
    expect(await harness.rilevazioni()).toBe(count + 1);
    expect((await harness.history(12)).at(-1)).toMatchObject({ value: 29, note: 'dal modulo', channel: 'slack', reportedBy: 'g.conti' });
  });
});

describe('/perf status', () => {
  it('from a dirigente answers in Block Kit: overall grade and band, band counts, objectives with band emoji', async () => {
    harness = await Harness.start();
    const answer = (await harness.command('status', USERS.rossi)).json<SlashAnswer>();
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.blocks?.map((b) => b.type)).toEqual(expect.arrayContaining(['header', 'section', 'divider', 'context']));
    const text = blocksText(answer.blocks);
    expect(text).toContain("Performance complessiva dell'ente:* 🟢 94% raggiunto");
    expect(text).toMatch(/Raggiunti\* \(90–100%\)\n15 \(83%\)/);
    expect(text).toMatch(/Parzialmente raggiunti\* \(80–89%\)\n2 \(11%\)/);
    expect(text).toMatch(/Non raggiunti\* \(0–79%\)\n1 \(6%\)/);
    expect(text).toMatch(/🔴 \d+% non raggiunto — \*12\*/);
    expect(text).toMatch(/🟢 \d+% raggiunto — \*01\*/);
  });

  it('"status me" for a staff member lists their indicators, missing ones first', async () => {
    // The example has a value for every indicator: give g.conti one more, still without a value.
    const dbDir = await exampleDatabaseDir();
    const setup = await openStore(dbDir);
    const yaml = readFileSync(join(EXAMPLE_DIR, 'piano-2012.yaml'), 'utf8').replace(
      /^(  - \{ id: 12, .*)$/m,
      '$1\n  - { id: 200, objective: "04.1", name: "Visite allo stand camerale", unit: "n.", direction: higher, target: 100, owner: g.conti }',
    );
    await setup.importPlan(parsePlan(yaml, 'piano-2012.yaml'), { actor: 'controllo:test', channel: 'cli', at: new Date('2012-11-01T10:00:00+01:00') });
    await setup.close();
    harness = await Harness.start({ dbDir });
    try {
      const answer = (await harness.command('status me', USERS.conti)).json<SlashAnswer>();
      const text = blocksText(answer.blocks);
      expect(text).toContain('Indicatori di Giulia Conti');
      expect(text).toContain("1 indicatore ancora senza valore nell'anno");
      const order = [...text.matchAll(/ — \*(\d+)\* /g)].map((m) => Number(m[1])).slice(0, 13);
      expect(order).toEqual([200, 12, 13, 14, 18, 19, 43, 58, 59, 61, 62, 63, 64]);
      expect(text).toContain('⚪ non rilevato — *200* Visite allo stand camerale');
      expect(text).toContain('Obiettivi a cui contribuisci');
    } finally {
      await harness.stop();
      harness = undefined;
      rmSync(dirname(dbDir), { recursive: true, force: true });
    }
  });

  it('"status <id>" drills into an objective or an indicator, within the person\'s rights', async () => {
    harness = await Harness.start();
    const objective = blocksText((await harness.command('status 04', USERS.rossi)).json<SlashAnswer>().blocks);
    expect(objective).toContain('Obiettivo 04');
    expect(objective).toContain('Obiettivi operativi');
    const indicator = blocksText((await harness.command('status #12', USERS.conti)).json<SlashAnswer>().blocks);
    expect(indicator).toContain('Indicatore 12');
    expect(indicator).toContain('Rilevazioni');
    expect(indicator).toContain('2012-Q1');
    const refused = (await harness.command('status 01', USERS.conti)).json<SlashAnswer>();
    expect(refused.text).toContain("non può vedere l'obiettivo 01");
  });
});

describe('/perf help and unknown users', () => {
  it('"help" lists the commands with examples, in Italian', async () => {
    harness = await Harness.start();
    const answer = (await harness.command('help', USERS.conti)).json<SlashAnswer>();
    const text = blocksText(answer.blocks);
    for (const form of ['report &lt;indicatore&gt; value=&lt;valore&gt;', 'status [me', 'relazione [&lt;anno&gt;]', '/perf help']) expect(text).toContain(form);
    expect(text).toContain('`/perf report 12 value=23`');
    expect(text).toContain('messaggio diretto');
    const empty = (await harness.command('', USERS.conti)).json<SlashAnswer>();
    expect(empty.text).toContain('Comandi di perf');
  });

  it('refuses a user who is not among the plan\'s people, saying so, and stores nothing', async () => {
    harness = await Harness.start();
    const count = await harness.rilevazioni();
    for (const text of ['report 12 value=23', 'status', 'report']) {
      const answer = (await harness.command(text, USERS.stranger)).json<SlashAnswer>();
      expect(answer.response_type).toBe('ephemeral');
      expect(answer.text).toContain('Non risulti tra le persone del Piano della Performance CCIAA-MS 2012');
      expect(answer.text).toContain(USERS.stranger);
    }
    expect(harness.fake.callsTo('views.open')).toHaveLength(0);
    expect(await harness.rilevazioni()).toBe(count);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { Harness, USERS } from './support/harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const texts = (h: Harness) => h.fake.sent().map((a) => String(a.text ?? ''));
const cards = (h: Harness) => h.fake.sent().flatMap((a) => (a.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined) ?? []);

describe('Teams app (real Agents SDK, fake Bot Connector)', () => {
  it('stores a report written in the grammar and answers in the conversation', async () => {
    harness = await Harness.start();
    const response = await harness.message('report 12 value=23');
    expect(response.status).toBe(200);
    const rows = (await harness.store.history('CCIAA-MS', 2012, 12)).filter((r) => r.channel === 'teams');
    expect(rows.map((r) => [r.value, r.reportedBy, r.period])).toEqual([[23, 'g.conti', '2012-Q4']]);
    expect(harness.fake.recorded[0]?.path).toMatch(/^\/v3\/conversations\/a:personal-[^/]+\/activities\/in-\d+$/);
    expect(texts(harness)[0]).toContain('Registrato');
  });

  it('answers status with an Adaptive Card in band colours, with a word per band', async () => {
    harness = await Harness.start();
    await harness.message('status', { from: USERS.rossi });
    const [card] = cards(harness);
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const body = card?.content.body as { text: string; color?: string }[];
    const lines = body.filter((b) => b.color !== undefined);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      const word = { Good: ' raggiunto', Warning: 'parzialmente raggiunto', Attention: 'non raggiunto' }[line.color as 'Good'];
      expect(line.text).toContain(word);
    }
    expect(body[1]?.text).toMatch(/^Ente: .+\d+% /);
  });

  it('confirms a free-text value with a card, stores it once when pressed twice, and updates the card', async () => {
    harness = await Harness.start();
    await harness.message('12: 23,5');
    const [card] = cards(harness);
    const actions = card?.content.actions as { verb: string; data: unknown }[];
    expect(actions.map((a) => a.verb)).toEqual(['perf.confirm', 'perf.cancel']);
    const shown = JSON.stringify(card?.content);
    expect(shown).toContain('periodo: quarto trimestre 2012 (2012-Q4)');
    expect(shown).toMatch(/sostituisce: (nessun valore finora|\d)/);
    expect(await harness.store.history('CCIAA-MS', 2012, 12).then((rows) => rows.filter((r) => r.channel === 'teams'))).toEqual([]);

    const first = await harness.execute('perf.confirm', actions[0]?.data, 'sent-1');
    const second = await harness.execute('perf.confirm', actions[0]?.data, 'sent-1');
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const stored = (await harness.store.history('CCIAA-MS', 2012, 12)).filter((r) => r.channel === 'teams');
    expect(stored.map((r) => r.value)).toEqual([23.5]);
    const update = harness.fake.updates()[0];
    expect(update?.path).toMatch(/\/activities\/sent-1$/);
    const updated = (update?.body.attachments as { content: { body: { text: string }[] } }[])[0]?.content.body[0]?.text;
    expect(updated).toContain('✅');
    expect(updated).toContain('Registrato');
  });

  it('offers a numbered choice as suggested actions that send the option back as if typed', async () => {
    harness = await Harness.start();
    await harness.message('corso mediatori 15', { from: USERS.serra });
    const [choice] = harness.fake.sent();
    expect(String(choice?.text)).toContain('Quale indicatore intendi? (valore 15)');
    const actions = (choice?.suggestedActions as { actions: { type: string; title: string; value: string }[] } | undefined)?.actions;
    expect(actions).toEqual([
      { type: 'imBack', title: '1) indicatore 5: Ore del corso di aggiornamento per mediatori', value: '1' },
      { type: 'imBack', title: '2) indicatore 6: Professionisti partecipanti al corso di…', value: '2' },
    ]);
    await harness.message(actions?.[1]?.value ?? '', { from: USERS.serra });
    const [preview] = cards(harness);
    expect(JSON.stringify(preview?.content)).toContain('Indicatore 6: ');
    expect(JSON.stringify(preview?.content)).toContain('Confermi questo valore?');
  });

  it('refuses a person who is not in the plan, with the same message as Slack, storing nothing', async () => {
    harness = await Harness.start();
    const before = (await harness.store.counts()).rilevazioni;
    await harness.message('report 12 value=23', { from: USERS.stranger });
    expect(texts(harness)[0]).toContain('Non risulti tra le persone del Piano della Performance CCIAA-MS 2012: non posso accettare comandi da questo utente.');
    expect(texts(harness)[0]).toContain(`il tuo id Teams (${USERS.stranger})`);
    expect((await harness.store.counts()).rilevazioni).toBe(before);
  });

  it('stores a redelivered activity (same id) once and answers once', async () => {
    harness = await Harness.start();
    await harness.message('report 12 value=24', { id: 'dup-1' });
    await harness.message('report 12 value=24', { id: 'dup-1' });
    const stored = (await harness.store.history('CCIAA-MS', 2012, 12)).filter((r) => r.channel === 'teams');
    expect(stored.map((r) => r.value)).toEqual([24]);
    expect(harness.fake.sent()).toHaveLength(1);
  });
});

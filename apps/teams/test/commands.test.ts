import { afterEach, describe, expect, it } from 'vitest';
import { Harness, USERS } from './support/harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

type Attachment = { contentType: string; name?: string; contentUrl?: string; content: Record<string, unknown> };
const texts = (h: Harness) => h.fake.sent().map((a) => String(a.text ?? ''));
const attachments = (h: Harness) => h.fake.sent().flatMap((a) => (a.attachments as Attachment[] | undefined) ?? []);
const CHANNEL = { id: '19:canale-ufficio@thread.tacv2', conversationType: 'channel' } as const;

/** What Teams sends when the person answers the file-consent card (`fileConsent/invoke`). */
function consent(h: Harness, action: 'accept' | 'decline', args: string[]) {
  const uploadInfo = { uploadUrl: `${h.fake.url}/upload/relazione`, contentUrl: 'https://onedrive.example/relazione.pdf', name: 'Relazione.pdf', uniqueId: 'file-1', fileType: 'pdf' };
  return h.send({ type: 'invoke', name: 'fileConsent/invoke', value: { type: 'fileUpload', action, context: { args }, ...(action === 'accept' ? { uploadInfo } : {}) } }, { from: USERS.serra });
}

describe('Teams app: missing, relazione, channels and drill-down', () => {
  it('answers missing for the controllo: who owes what for the period', async () => {
    harness = await Harness.start({ now: '2012-09-26T10:00:00+02:00' });
    expect((await harness.message('missing', { from: USERS.serra })).status).toBe(200);
    const [answer] = texts(harness);
    expect(answer).toMatch(/2012-Q3/);
    expect(answer).toContain('Giulia Conti');
  });

  it('offers the Relazione with a file-consent card in a personal chat, uploads the PDF once accepted, and shows the file', async () => {
    harness = await Harness.start();
    await harness.message('relazione 2012', { from: USERS.serra });
    const [card] = attachments(harness);
    expect(card?.contentType).toBe('application/vnd.microsoft.teams.card.file.consent');
    expect(card?.name).toBe('Relazione-Performance-CCIAA-MS-2012.pdf');
    expect(harness.fake.uploads).toHaveLength(0);
    const accepted = await consent(harness, 'accept', (card?.content.acceptContext as { args: string[] }).args);
    expect(accepted.status).toBe(200);
    expect(harness.fake.uploads, texts(harness).join('\n')).toHaveLength(1);
    expect(harness.fake.uploads[0]?.subarray(0, 5).toString()).toBe('%PDF-');
    const info = attachments(harness).find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.info');
    expect(info?.contentUrl).toBe('https://onedrive.example/relazione.pdf');
    expect(texts(harness).some((t) => t.startsWith('📄 '))).toBe(true);
  });

  it('uploads nothing when the person declines, and asks for the personal chat when asked in a channel', async () => {
    harness = await Harness.start();
    await consent(harness, 'decline', ['2012']);
    await harness.message('<at>perf</at> relazione', { from: USERS.serra, conversation: CHANNEL });
    expect(harness.fake.uploads).toHaveLength(0);
    expect(texts(harness)).toEqual([
      'Va bene: la Relazione non è stata caricata.',
      'La Relazione sulla Performance 2012 arriva come file nella chat personale: scrivimi «relazione» in privato.',
    ]);
  });

  it('takes the grammar when @mentioned in a channel, storing the report as the sender', async () => {
    harness = await Harness.start();
    expect((await harness.message('<at>perf</at> report 12 value=27', { conversation: CHANNEL })).status).toBe(200);
    const rows = (await harness.store.history('CCIAA-MS', 2012, 12)).filter((r) => r.channel === 'teams');
    expect(rows.map((r) => [r.value, r.reportedBy])).toEqual([[27, 'g.conti']]);
    expect(decodeURIComponent(harness.fake.recorded[0]?.path ?? '')).toContain(`/v3/conversations/${CHANNEL.id}/`);
    expect(texts(harness)[0]).toContain('Registrato');
  });

  it('keeps the personal chat when the app is installed for a person, and reminds them there once', async () => {
    // Q3 2012 closes in 4 days: g.conti, who owes Q3 values, is due a reminder; before installing, the app cannot reach them.
    harness = await Harness.start({ now: '2012-09-26T10:00:00+02:00', app: { reminderDays: 7 } });
    await harness.teams.runChecks();
    const personal = `a:personal-${USERS.conti}`;
    expect(harness.fake.sent(personal)).toEqual([]);
    const installed = await harness.send({ type: 'conversationUpdate', membersAdded: [{ id: '28:perf-bot' }] });
    expect(installed.status).toBe(200);
    expect(String(harness.fake.sent(personal)[0]?.text)).toMatch(/^Ciao! Sono perf/);
    await harness.teams.runChecks();
    await harness.teams.runChecks();
    const reminders = harness.fake.sent(personal).filter((a) => String(a.text).includes(' si chiude il '));
    expect(reminders).toHaveLength(1);
    expect(String(reminders[0]?.text)).toContain('il terzo trimestre 2012 si chiude il 30/09/2012');
  });

  it('drills down from the status card: a strategic objective\'s button answers with its own card', async () => {
    harness = await Harness.start();
    await harness.message('status', { from: USERS.rossi });
    const actions = attachments(harness)[0]?.content.actions as { verb: string; title: string; data: { target: string } }[];
    expect(actions.length).toBeGreaterThan(0);
    expect(actions[0]?.verb).toBe('perf.status');
    const response = await harness.execute('perf.status', actions[0]?.data, 'sent-1', { from: USERS.rossi });
    expect(response.status).toBe(200);
    const drilled = response.body as { type?: string; value?: { body?: { text?: string }[] } };
    expect(drilled.type).toBe('application/vnd.microsoft.card.adaptive');
    const target = actions[0]?.data.target ?? '?';
    expect(drilled.value?.body?.map((b) => b.text).join('\n')).toContain(`Obiettivo ${target} «`);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { LogLevel, webApi, type Logger } from '@slack/bolt';
import { InFlight } from '@perf/chat';
import { uploadRelazione } from '../src/uploads.ts';
import { directMessage, dmChannel } from './support/conversation.ts';
import { FakeSlack } from './support/fake-slack.ts';
import { Harness, USERS } from './support/harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const RENDER_TIMEOUT_MS = 90_000;

describe('relazione', () => {
  it('from f.serra (controllo) is acknowledged at once and then uploaded to the channel as a PDF (files upload v2)', async () => {
    harness = await Harness.start();
    const response = await harness.command('relazione 2012', USERS.serra, { channelId: 'C0CONTROLLO' });
    expect(response.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Preparo la Relazione sulla Performance 2012 di Camera di Commercio di Massa Carrara') });
    // The person is told first; the rendering and the upload come after.
    const told = harness.fake.calls.findIndex((c) => c.method === 'response_url' && String(c.body.text).includes('Preparo la Relazione'));
    expect(told).toBeGreaterThanOrEqual(0);
    expect(told).toBeLessThan(harness.fake.calls.findIndex((c) => c.method === 'files.getUploadURLExternal'));

    const complete = await harness.fake.waitFor('files.completeUploadExternal', () => true, RENDER_TIMEOUT_MS);
    const [request] = harness.fake.callsTo('files.getUploadURLExternal');
    expect(request?.body).toMatchObject({ filename: 'Relazione-Performance-CCIAA-MS-2012.pdf' });
    const [upload] = harness.fake.callsTo('upload');
    expect(upload?.bytes?.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(Number(request?.body.length)).toBe(upload?.bytes?.length);
    expect(complete.body).toMatchObject({
      channel_id: 'C0CONTROLLO',
      files: [{ id: (request?.response as { file_id: string }).file_id, title: 'Relazione sulla Performance 2012 — Camera di Commercio di Massa Carrara' }],
      initial_comment: expect.stringContaining(`Richiesta da <@${USERS.serra}>`),
    });
  }, 120_000);

  it('uploads a PDF with files upload v2: getUploadURLExternal, the upload URL, completeUploadExternal', async () => {
    const fake = await FakeSlack.start();
    try {
      const quiet = () => undefined;
      const logger: Logger = { debug: quiet, info: quiet, warn: quiet, error: quiet, setLevel: quiet, getLevel: () => LogLevel.ERROR, setName: quiet };
      const client = new webApi.WebClient('xoxb-perf-test', { slackApiUrl: fake.apiUrl });
      const runtime = { client, logger, tasks: new InFlight() } as unknown as Parameters<typeof uploadRelazione>[0];
      const pdf = new TextEncoder().encode('%PDF-1.4\n% perf\n%%EOF\n');
      await uploadRelazione(runtime, 'D0000013', {
        kind: 'relazione', plan: { ente: 'CCIAA-MS', enteName: 'Camera di Commercio di Massa Carrara', year: 2012 }, pdf, pages: 2, filename: 'Relazione-Performance-CCIAA-MS-2012.pdf',
      }, USERS.serra);
      expect(fake.calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
      const [request, upload, complete] = fake.calls;
      expect(request?.body).toMatchObject({ filename: 'Relazione-Performance-CCIAA-MS-2012.pdf', length: String(pdf.length) });
      expect(upload?.bytes?.toString('latin1')).toBe('%PDF-1.4\n% perf\n%%EOF\n');
      expect(complete?.body).toMatchObject({ channel_id: 'D0000013', files: [{ id: (request?.response as { file_id: string }).file_id }] });
      expect(String(complete?.body.initial_comment)).toContain('Relazione sulla Performance 2012 di Camera di Commercio di Massa Carrara: 2 pagine');
    } finally {
      await fake.close();
    }
  });

  it('is refused at once to a staff member, and nothing is uploaded', async () => {
    harness = await Harness.start();
    const response = await harness.command('relazione', USERS.conti);
    expect(response.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Giulia Conti (personale) non può produrre la Relazione sulla Performance') });
    expect(response.json<{ text: string }>().text).toContain("La Relazione la producono il controllo di gestione e l'OIV.");
    await harness.event(directMessage(USERS.conti, 'relazione 2012'));
    const [inConversation] = harness.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === dmChannel(USERS.conti));
    expect(String(inConversation?.body.text)).toContain('non può produrre la Relazione');
    const wrongYear = await harness.command('relazione 2031', USERS.serra);
    expect(wrongYear.json<{ text: string }>().text).toContain('Nessun Piano 2031 per CCIAA-MS');
    await harness.slack.idle();
    expect(harness.fake.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });
});

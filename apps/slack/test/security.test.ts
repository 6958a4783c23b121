import { afterEach, describe, expect, it } from 'vitest';
import { Harness, USERS } from './support/harness.ts';
import { eventEnvelope, postToSlackApp, signature, SIGNING_SECRET, slashCommandBody } from './support/slack-requests.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe('request signatures', () => {
  it('refuses forged, stale (6 minutes old) and missing signatures with 401, storing and sending nothing', async () => {
    harness = await Harness.start();
    const count = await harness.rilevazioni();
    const callsBefore = harness.fake.calls.length;
    const body = slashCommandBody({ text: 'report 12 value=23', userId: USERS.conti, responseUrl: harness.fake.responseUrl() });
    const now = Math.floor(Date.now() / 1000);
    const form = 'application/x-www-form-urlencoded';

    const forged = await postToSlackApp(harness.url, body, form, { secret: 'not-the-signing-secret' });
    const tampered = await postToSlackApp(harness.url, body.replace('value%3D23', 'value%3D99'), form, { signature: signature(SIGNING_SECRET, now, body), timestamp: now });
    const stale = await postToSlackApp(harness.url, body, form, { timestamp: now - 6 * 60 });
    const missing = await postToSlackApp(harness.url, body, form, { secret: null });
    const staleEvent = await postToSlackApp(harness.url, eventEnvelope({ type: 'message', channel_type: 'im', channel: 'D0000006', user: USERS.conti, text: 'report 12 value=23', ts: '1.1' }), 'application/json', { timestamp: now - 6 * 60 });

    expect([forged.status, tampered.status, stale.status, missing.status, staleEvent.status]).toEqual([401, 401, 401, 401, 401]);
    await harness.slack.idle();
    expect(await harness.rilevazioni()).toBe(count);
    expect(harness.fake.calls.slice(callsBefore)).toEqual([]);

    // The same request correctly signed goes through: the refusals above were the signatures' doing.
    const signed = await postToSlackApp(harness.url, body, form);
    expect(signed.status).toBe(200);
    await harness.slack.idle();
    expect(await harness.rilevazioni()).toBe(count + 1);
  });

  it('refuses a correctly signed request dated more than 5 minutes in the future (401), and a malformed body at once (400), storing nothing', async () => {
    harness = await Harness.start();
    const count = await harness.rilevazioni();
    const callsBefore = harness.fake.calls.length;
    const form = 'application/x-www-form-urlencoded';
    const body = slashCommandBody({ text: 'report 12 value=23', userId: USERS.conti, responseUrl: harness.fake.responseUrl() });
    const future = await postToSlackApp(harness.url, body, form, { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 });
    expect(future.status).toBe(401);

    const badPayload = await postToSlackApp(harness.url, 'payload=%7Bnot-json', form);
    const badJson = await postToSlackApp(harness.url, '{"type": "event_callback", ', 'application/json');
    const wrongType = await postToSlackApp(harness.url, 'report 12 value=23', 'text/plain');
    expect([badPayload.status, badJson.status, wrongType.status]).toEqual([400, 400, 400]);
    expect(badPayload.text).toContain('corpo non valido');
    await harness.slack.idle();
    expect(await harness.rilevazioni()).toBe(count);
    expect(harness.fake.calls.slice(callsBefore)).toEqual([]);
  });

  it('answers url_verification (signed) with the challenge', async () => {
    harness = await Harness.start();
    const response = await postToSlackApp(harness.url, JSON.stringify({ token: 't', type: 'url_verification', challenge: 'sfida-123' }), 'application/json');
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ challenge: 'sfida-123' });
    const unsigned = await postToSlackApp(harness.url, JSON.stringify({ token: 't', type: 'url_verification', challenge: 'sfida-123' }), 'application/json', { secret: null });
    expect(unsigned.status).toBe(401);
  });

  it('serves GET /healthz with 200 once started, and stops cleanly', async () => {
    harness = await Harness.start();
    const health = await fetch(harness.url.replace('/slack/events', '/healthz'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const url = harness.url;
    await harness.stop();
    harness = undefined;
    await expect(fetch(url.replace('/slack/events', '/healthz'))).rejects.toThrow();
  });
});

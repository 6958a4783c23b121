import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeConnector } from './support/fake-connector.ts';
import { exampleDatabaseDir, Harness, USERS } from './support/harness.ts';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = '99999999-8888-4777-8666-555555555555';

let harness: Harness | undefined;
let fake: FakeConnector | undefined;
afterEach(async () => {
  await harness?.stop();
  await fake?.close();
  harness = undefined;
  fake = undefined;
});

describe('Teams app: period summary and token checks', () => {
  it('posts the period summary to TEAMS_SUMMARY_CONVERSATION once, across a restart', async () => {
    fake = await FakeConnector.start();
    const dbDir = await exampleDatabaseDir();
    const app = { summaryConversation: '19:summary@thread.tacv2' };
    harness = await Harness.start({ dbDir, fake, app });
    await harness.teams.runChecks();
    await harness.stop();
    harness = await Harness.start({ dbDir, fake, app });
    await harness.teams.runChecks();
    const summaries = fake.sent('19:summary@thread.tacv2');
    expect(summaries).toHaveLength(1);
    expect(String(summaries[0]?.text)).toContain('Riepilogo del terzo trimestre 2012');
    await harness.stop();
    harness = undefined;
    rmSync(dirname(dbDir), { recursive: true, force: true });
  });

  describe('with TEAMS_APP_ID', () => {
    const start = async () => {
      fake = await FakeConnector.start();
      harness = await Harness.start({
        fake,
        app: {
          appId: APP_ID, tenantId: TENANT, authorityUrl: `${fake.url}/${TENANT}`,
          // Outgoing tokens from the SDK's Entra sidecar on loopback (MSAL refuses an http:// authority).
          outgoingAuth: { authType: 'EntraAuthSideCar', sidecarBaseUrl: fake.url },
        },
      });
      return { harness, fake };
    };
    const claims = (over: Record<string, unknown> = {}) => ({
      aud: APP_ID, iss: `${fake?.url}/${TENANT}/v2.0`, tid: TENANT, exp: Math.floor(Date.now() / 1000) + 600, nbf: Math.floor(Date.now() / 1000) - 10, ...over,
    });

    it('refuses a request without a token, with a bad signature, another audience, issuer or tenant, or an expired token: 401, nothing stored, nothing sent', async () => {
      const { harness: h, fake: f } = await start();
      const before = await h.store.counts();
      const forged = `${f.token(claims()).slice(0, -4)}AAAA`;
      const otherTenant = '12345678-1234-4234-8234-123456789012';
      const tokens = [
        undefined, forged, f.token(claims({ aud: 'someone-else' })), f.token(claims({ exp: Math.floor(Date.now() / 1000) - 3600 })),
        f.token(claims({ iss: 'https://issuer.example/v2.0' })), f.token(claims({ iss: `${f.url}/${otherTenant}/v2.0`, tid: otherTenant })), f.token(claims({ tid: otherTenant })),
      ];
      for (const [i, token] of tokens.entries()) {
        const response = await h.message('report 12 value=23', token === undefined ? {} : { token });
        expect(response.status, `token ${i}`).toBe(401);
      }
      expect(await h.store.counts()).toEqual(before);
      expect(f.recorded).toEqual([]);
    });

    it('accepts a valid token from the trusted authority and answers with its own token', async () => {
      const { harness: h, fake: f } = await start();
      const response = await h.message('report 12 value=23', { token: f.token(claims()), from: USERS.conti });
      expect(response.status).toBe(200);
      expect((await h.store.history('CCIAA-MS', 2012, 12)).filter((r) => r.channel === 'teams').map((r) => r.value)).toEqual([23]);
      expect(f.recorded[0]?.authorization).toBe('Bearer fake-outgoing-token');
    });
  });
});

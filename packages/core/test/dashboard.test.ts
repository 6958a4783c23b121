import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { isPrivateReply, renderText, runCommandLine, signInWithToken, type CommandContext, type DashboardReply } from '../src/index.ts';
import { freshEmbeddedDir } from '../../../test/support/databases.ts';
import { withEnv } from '../../../test/support/env.ts';

const example = (name: string) => readFileSync(new URL(`../../../examples/cciaa-ms-2012/${name}`, import.meta.url), 'utf8');
const NOW = new Date('2012-11-15T09:00:00Z');
const WEB = { secret: 'a-secret-of-the-dashboard-for-tests', baseUrl: 'https://performance.cciaa-ms.example' };

describe('dashboard (cruscotto): the person\'s one-time sign-in link through the command core', () => {
  let store: Store;
  /** A Slack user's context; `fromEnv` leaves the secrets to the environment, as the Slack app does. */
  const slackUser = (userId: string, fromEnv = false): CommandContext => ({
    store, channel: 'slack', clock: () => NOW, identity: { kind: 'chat', app: 'slack', userId }, ...(fromEnv ? {} : { web: WEB }),
  });

  beforeAll(async () => {
    store = await openStore(await freshEmbeddedDir());
    await store.importPlan(parsePlan(example('piano-2012.yaml')), { actor: 'test', channel: 'cli', at: new Date('2012-01-10T00:00:00Z') });
  });
  afterAll(async () => { await store.close(); });

  it('gives g.conti (Slack U0000006) a link that opens a session as g.conti once, in Italian, private', async () => {
    const reply = await runCommandLine('/perf dashboard', slackUser('U0000006')) as DashboardReply;
    expect(reply).toMatchObject({ kind: 'dashboard', person: { id: 'g.conti', name: 'Giulia Conti' }, plan: { ente: 'CCIAA-MS', year: 2012 } });
    expect(isPrivateReply(reply)).toBe(true);
    expect(reply.url).toMatch(/^https:\/\/performance\.cciaa-ms\.example\/accesso\?t=[\w.-]+$/);
    expect(renderText(reply)).toBe(`Il tuo link personale al cruscotto di Camera di Commercio di Massa Carrara:\n${reply.url}\nVale 15 minuti (scade il 15/11/2012 alle 10:15) e una sola volta: non inoltrarlo. Dopo l’accesso la sessione dura 8 ore.`);
    const token = new URL(reply.url).searchParams.get('t') ?? '';
    const { session } = await signInWithToken(store, WEB.secret, token, NOW);
    expect(session).toMatchObject({ personId: 'g.conti', ente: 'CCIAA-MS' });
    await expect(signInWithToken(store, WEB.secret, token, NOW)).rejects.toMatchObject({ code: 'SIGN_IN_INVALID' });
    const audit = (await store.auditLog({ ente: 'CCIAA-MS' })).filter((e) => e.action === 'web.link');
    expect(audit.at(-1)).toMatchObject({ actor: 'g.conti', channel: 'slack' });
  });

  it('answers to the Italian alias cruscotto, for every role', async () => {
    for (const user of ['U0000004', 'U0000002', 'U0000013', 'U0000014']) {
      expect((await runCommandLine('cruscotto', slackUser(user))).kind).toBe('dashboard');
    }
  });

  it('says in Italian what is not configured when the channel has no PERF_WEB_SECRET or PERF_WEB_URL', async () => {
    await withEnv({ PERF_WEB_SECRET: undefined, PERF_WEB_URL: undefined }, async () => {
      await expect(runCommandLine('dashboard', slackUser('U0000006', true))).rejects.toMatchObject({
        code: 'WEB_NOT_CONFIGURED', message: 'Il cruscotto web non è configurato: mancano PERF_WEB_SECRET e PERF_WEB_URL.',
      });
    });
    await withEnv({ PERF_WEB_SECRET: WEB.secret, PERF_WEB_URL: undefined }, async () => {
      await expect(runCommandLine('dashboard', slackUser('U0000006', true))).rejects.toMatchObject({
        message: 'Il cruscotto web non è configurato: manca PERF_WEB_URL.', hint: expect.stringMatching(/^Chi gestisce perf deve impostare PERF_WEB_URL \(lo stesso valore di pnpm web\)/),
      });
    });
    await withEnv({ PERF_WEB_SECRET: WEB.secret, PERF_WEB_URL: 'https://cruscotto.example/' }, async () => {
      const reply = await runCommandLine('dashboard', slackUser('U0000006', true)) as DashboardReply;
      expect(reply.url).toMatch(/^https:\/\/cruscotto\.example\/accesso\?t=/);
    });
  });

  it('refuses a chat user who is not in the plan, and the CLI without --as, before any link is made', async () => {
    const before = (await store.auditLog({ ente: 'CCIAA-MS' })).filter((e) => e.action === 'web.link').length;
    await expect(runCommandLine('dashboard', slackUser('U9999999'))).rejects.toMatchObject({ code: 'USER_NOT_IN_PLAN' });
    const operator: CommandContext = { store, channel: 'cli', clock: () => NOW, identity: { kind: 'operator', operatorName: 'controllo:test' }, web: WEB };
    await expect(runCommandLine('dashboard', operator)).rejects.toMatchObject({ code: 'PERSON_REQUIRED' });
    expect((await store.auditLog({ ente: 'CCIAA-MS' })).filter((e) => e.action === 'web.link')).toHaveLength(before);
  });
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { runCommandLine, type CommandContext, type ReportReply, type StatusReply } from '../src/index.ts';
import { freshEmbeddedDir } from '../../../test/support/databases.ts';
import { smallPlan } from '../../../test/support/small-ente.ts';

const example = readFileSync(new URL('../../../examples/cciaa-ms-2012/piano-2012.yaml', import.meta.url), 'utf8');
const ROSSI = 'U0000002'; // p.rossi: only in the example's plan
const CONTI = 'U0000006'; // g.conti in the example; the same Slack user is s.uno in the second ente

/** Two enti in one database, as a regional union hosting several would have: a chat user's ente is the one whose plan lists them. */
describe('chat commands with two enti in one database', () => {
  let store: Store;
  const chat = (userId: string): CommandContext => ({ store, channel: 'slack', clock: () => new Date('2012-11-15T10:00:00Z'), identity: { kind: 'chat', app: 'slack', userId } });

  beforeAll(async () => {
    store = await openStore(await freshEmbeddedDir());
    const meta = { actor: 'test', channel: 'cli' as const, at: new Date('2012-01-20T09:00:00Z') };
    await store.importPlan(parsePlan(example), meta);
    const second = smallPlan();
    await store.importPlan(parsePlan(JSON.stringify({ ...second, people: second.people.map((p) => (p.id === 's.uno' ? { ...p, slack: CONTI } : p)) })), meta);
  });
  afterAll(() => store.close());

  it('answers a person listed in one plan about that ente, without asking', async () => {
    const reply = (await runCommandLine('status', chat(ROSSI))) as StatusReply;
    expect(reply.plan.ente).toBe('CCIAA-MS');
  });

  it('asks a person listed in both which ente, in the chat\'s own form', async () => {
    await expect(runCommandLine('status', chat(CONTI))).rejects.toMatchObject({
      code: 'ENTE_AMBIGUOUS', hint: 'Forma corretta: aggiungi ente=<codice> al comando, ad esempio «status ente=CCIAA-MS».',
    });
  });

  it('takes ente= anywhere in the line, for reading and for reporting', async () => {
    expect(((await runCommandLine('status ente=COMUNE-Z', chat(CONTI))) as StatusReply).plan.ente).toBe('COMUNE-Z');
    const stored = (await runCommandLine('report 1 ente=COMUNE-Z value=40', chat(CONTI))) as ReportReply;
    expect(stored.stored?.value).toBe(40);
    expect((await store.history('COMUNE-Z', 2012, 1)).map((r) => ({ value: r.value, reportedBy: r.reportedBy }))).toEqual([{ value: 40, reportedBy: 's.uno' }]);
    expect(await store.history('CCIAA-MS', 2012, 1)).toEqual([]);
  });

  it('refuses ente= twice, or empty, or naming an ente not in the database, storing nothing', async () => {
    const before = await store.counts();
    await expect(runCommandLine('report 1 value=3 ente=COMUNE-Z ente=CCIAA-MS', chat(CONTI))).rejects.toMatchObject({ code: 'COMMAND_INVALID', message: 'Il parametro "ente" è dato più di una volta.' });
    await expect(runCommandLine('status ente=', chat(CONTI))).rejects.toMatchObject({ code: 'COMMAND_INVALID' });
    await expect(runCommandLine('status ente=NESSUNO', chat(CONTI))).rejects.toMatchObject({ code: 'ENTE_UNKNOWN' });
    expect(await store.counts()).toEqual(before);
  });
});

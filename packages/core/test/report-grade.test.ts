import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@perf/store';
import { planImportCommand, renderText, runCommandLine, valuesImportCommand, type CommandContext, type ReportReply, type StatusReply } from '../src/index.ts';
import { discardDatabase, ENGINES } from '../../../test/support/databases.ts';

const EXAMPLE = new URL('../../../examples/cciaa-ms-2012/', import.meta.url);
const file = (name: string) => ({ name, content: readFileSync(new URL(name, EXAMPLE)) });
const G_CONTI = 'U0000006';

describe.each(ENGINES)('a report reply grades what stands for the year, as status does (%s)', (_engine, fresh) => {
  let location: string;
  let store: Store;
  const context = (identity: CommandContext['identity']): CommandContext => ({ store, channel: 'slack', clock: () => new Date('2013-01-10T10:00:00Z'), identity });
  const controllo = () => context({ kind: 'operator', operatorName: 'controllo:test' });
  const run = (line: string, as: CommandContext = controllo()) => runCommandLine(line, as);

  /** The reply's indicator, objective and ente grades beside those `status` shows right after. */
  async function replyAndStatus(line: string, as?: CommandContext) {
    const reply = (await run(line, as)) as ReportReply;
    const status = (await run('status')) as Extract<StatusReply, { scope: 'ente' }>;
    const pick = ({ score, percent, band }: { score: number | null; percent: number | null; band: string | null }) => ({ score, percent, band });
    const indicator = status.report.indicators.find((i) => i.id === reply.indicator.id);
    const objective = [...status.report.operational, ...status.report.strategic].find((o) => o.id === reply.objective.id);
    if (indicator === undefined || objective === undefined) throw new Error('not in status');
    expect(pick(reply.grade)).toEqual(pick(indicator));
    expect(pick(reply.objective)).toEqual(pick(objective));
    expect(pick(reply.overall)).toEqual(pick(status.report.overall));
    return { reply, text: renderText(reply), indicator };
  }

  beforeAll(async () => {
    location = await fresh();
    store = await openStore(location);
    await planImportCommand.run({ files: [file('piano-2012.yaml')] }, controllo());
    await valuesImportCommand.run({ files: [file('valori-2012.yaml')] }, controllo());
  });
  afterAll(async () => {
    await store.close();
    discardDatabase(location);
  });

  it('an earlier period (Q3 "no" under a Q4 "sì") is stored, and the reply shows the Q4 grade', async () => {
    const { reply, text, indicator } = await replyAndStatus('report 19 value=no period=2012-Q3', context({ kind: 'chat', app: 'slack', userId: G_CONTI }));
    expect(reply.stored?.period).toBe('2012-Q3');
    expect(reply.standsForYear).toBe(false);
    expect(indicator).toMatchObject({ period: '2012-Q4', percent: 100 });
    expect(reply.grade).toMatchObject({ percent: 100, band: 'green', period: '2012-Q4', value: 1 });
    expect(reply.objective).toMatchObject({ id: '04.3', percent: 100 });
    expect(text).toContain("Il valore del terzo trimestre 2012 è registrato; per l'anno vale quello del quarto trimestre 2012: 🟢 100% raggiunto.");
    expect(text).not.toContain('🔴');
  });

  it('a late Q2 value accepted with a reason is graded by the Q4 value that stands', async () => {
    await run('chiudi 2012-Q2');
    const { reply, text } = await replyAndStatus('report 8 value=0 period=2012-Q2 motivo="rettifica del dato"');
    expect(reply.override).toMatchObject({ reason: 'rettifica del dato' });
    expect(reply.standsForYear).toBe(false);
    expect(reply.grade).toMatchObject({ period: '2012-Q4', value: 88 });
    expect(text).toContain("Il valore del secondo trimestre 2012 è registrato; per l'anno vale quello del quarto trimestre 2012:");
  });

  it('a late value that stands (Q4 after the year closed) is graded by itself, with no such sentence', async () => {
    await run('chiudi 2012');
    const { reply, text } = await replyAndStatus('report 8 value=0 period=2012-Q4 motivo="rettifica del consuntivo"');
    expect(reply.standsForYear).toBe(true);
    expect(reply.grade).toMatchObject({ period: '2012-Q4', value: 0, percent: 0, band: 'red' });
    expect(text).not.toContain("per l'anno vale");
  });
});

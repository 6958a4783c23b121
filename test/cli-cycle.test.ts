import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePlan } from '@perf/model';
import { ENGINES, freshEmbeddedDir } from './support/databases.ts';
import { EXAMPLE_DIR, runCli, runCliOk } from './support/cli.ts';
import { smallPlanYaml, tempFiles } from './support/small-ente.ts';

const LATE = 'rettifica: 2 adesioni annullate dopo la chiusura';

/** Runs commands that must be refused and checks that status and history are byte-identical afterwards. */
async function expectRefusedAndNothingStored(db: string, snapshot: string[][], refusals: [string[], RegExp][]): Promise<void> {
  const read = async () => {
    const outputs: string[] = [];
    for (const args of snapshot) outputs.push((await runCliOk([...args, '--db', db])).stdout);
    return outputs;
  };
  const before = await read();
  for (const [args, message] of refusals) {
    const result = await runCli([...args, '--db', db]);
    expect(result.code, args.join(' ')).not.toBe(0);
    expect(result.stderr, args.join(' ')).toMatch(message);
  }
  expect(await read()).toEqual(before);
}

describe('two years of the cycle from the CLI, one database with two enti (embedded)', () => {
  let db: string;
  const files = tempFiles({
    'piano-z-2012.yaml': smallPlanYaml(2012),
    'valori-z-2012.yaml': 'ente: COMUNE-Z\nyear: 2012\nvalues:\n  - { indicator: 1, period: 2012-Q4, value: 90 }\n  - { indicator: 2, period: 2012-Q4, value: 40 }\n',
  });
  const ms = (...args: string[]) => runCliOk([...args, '--ente', 'CCIAA-MS', '--db', db]);
  const json = async (...args: string[]) => JSON.parse((await ms(...args, '--json')).stdout);

  beforeAll(async () => {
    db = await freshEmbeddedDir();
    for (const file of [join(EXAMPLE_DIR, 'piano-2012.yaml'), files.path('piano-z-2012.yaml'), join(EXAMPLE_DIR, 'valori-2012.yaml'), files.path('valori-z-2012.yaml')]) {
      await runCliOk([file.includes('piano') ? 'plan' : 'values', 'import', file, '--db', db]);
    }
  }, 240_000);

  it('asks which ente when the database holds two, listing them', async () => {
    const result = await runCli(['status', '--db', db]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/più enti \(CCIAA-MS, COMUNE-Z\)[\s\S]*--ente <codice>/);
  });

  it('closes 2012-Q4, refuses late values without a reason or from the staff, and stores nothing for them', async () => {
    expect((await ms('period', 'close', '2012-Q4')).stdout).toMatch(/Periodo 2012-Q4 chiuso \(CCIAA-MS\)/);
    await expectRefusedAndNothingStored(db, [['status', '--ente', 'CCIAA-MS', '--year', '2012', '--json'], ['history', '12', '--ente', 'CCIAA-MS', '--json']], [
      [['report', '12', 'value=29', 'period=2012-Q4', '--ente', 'CCIAA-MS'], /periodo 2012-Q4 è chiuso[\s\S]*nulla è stato registrato[\s\S]*motivo=/],
      [['report', '12', 'value=29', 'period=2012-Q4', '--motivo', LATE, '--ente', 'CCIAA-MS', '--as', 'g.conti'], /Giulia Conti \(personale\) non può registrare un valore fuori termine nel periodo chiuso 2012-Q4/],
      [['period', 'close', '2012-Q3', '--ente', 'CCIAA-MS', '--as', 'p.rossi'], /non può chiudere un periodo/],
    ]);
  }, 120_000);

  it('accepts a late value with a reason from the controllo, and keeps the reason with the rilevazione', async () => {
    const { stdout } = await ms('report', '12', 'value=29', 'period=2012-Q4', `motivo=${LATE}`);
    expect(stdout).toContain(`Valore fuori termine (periodo chiuso), accettato da controllo:`);
    const history = await json('history', '12', '--year', '2012');
    expect(history.rilevazioni.at(-1)).toMatchObject({ period: '2012-Q4', value: 29, overrideReason: LATE, superseded: false });
    expect(history.rilevazioni.at(-2)).toMatchObject({ period: '2012-Q4', value: 31, overrideReason: null, superseded: true });
    // The other ente's periods are not closed.
    await runCliOk(['report', '1', 'value=95', 'period=2012-Q4', '--ente', 'COMUNE-Z', '--db', db]);
  });

  it('closes the year: every period is locked, the list shows who and when, and the audit shows it all', async () => {
    expect((await ms('period', 'close', '2012')).stdout).toMatch(/Anno 2012 chiuso \(CCIAA-MS\)[\s\S]*2012-Q1, 2012-Q2, 2012-Q3, 2012-Q4, 2012/);
    const list = await json('period', 'list');
    expect(list.locks.map((l: { period: string; closedBy: string; channel: string }) => [l.period, l.closedBy.startsWith('controllo:'), l.channel])).toEqual([['2012-Q4', true, 'cli'], ['2012', true, 'cli']]);
    const audit = await json('audit', '--indicator', '12', '--year', '2012', '--as', 'g.ferri');
    const late = audit.rilevazioni.find((r: { overrideReason: string | null }) => r.overrideReason !== null);
    expect(late).toMatchObject({ value: 29, overrideReason: LATE, replaces: { value: 31, reportedBy: 'g.conti' } });
    expect(late.overrideBy).toMatch(/^controllo:/);
    expect(audit.events.map((e: { action: string }) => e.action)).toEqual(['plan.import', 'values.import', 'period.close', 'period.close']);
    const refused = await runCli(['audit', '--ente', 'CCIAA-MS', '--as', 'g.conti', '--db', db]);
    expect(refused.stderr).toMatch(/non può consultare il registro/);
    // The closed year's plan no longer changes.
    const revised = join(files.dir, 'piano-2012-rivisto.yaml');
    writeFileSync(revised, readFileSync(join(EXAMPLE_DIR, 'piano-2012.yaml'), 'utf8').replace('target: 30, owner: g.conti', 'target: 25, owner: g.conti'));
    const planImport = await runCli(['plan', 'import', revised, '--db', db]);
    expect(planImport.stderr).toMatch(/L'anno 2012 di CCIAA-MS è chiuso[\s\S]*nulla è stato importato[\s\S]*plan rollover --from 2012 --to 2013/);
  });

  it('rolls the plan over into 2013 with last year\'s values as baselines, imports it, and compares the years', async () => {
    const out = join(files.dir, 'piano-2013.yaml');
    expect((await ms('plan', 'rollover', '--from', '2012', '--to', '2013', '--out', out)).stdout).toMatch(/Piano CCIAA-MS 2013 preparato dal Piano 2012/);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^# Piano della Performance 2013 — Camera di Commercio di Massa Carrara \(CCIAA-MS\)/);
    expect(text).toMatch(/pnpm perf plan import/);
    const plan2013 = parsePlan(text);
    const plan2012 = parsePlan(readFileSync(join(EXAMPLE_DIR, 'piano-2012.yaml'), 'utf8'));
    expect(plan2013.year).toBe(2013);
    expect(plan2013.indicators.find((i) => i.id === 12)?.baseline).toBe(29);
    // Same tree, targets and weights; 2012's provenance (fonte, ricostruito) stays with the 2012 plan.
    expect(plan2013.indicators.map(({ baseline: _b, ...i }) => i)).toEqual(plan2012.indicators.map(({ baseline: _b, fonte: _f, ricostruito: _r, ...i }) => i));
    expect(plan2013.strategic_objectives).toEqual(plan2012.strategic_objectives.map(({ fonte: _f, ricostruito: _r, ...o }) => o));
    expect(text).toMatch(/^# Tolte fonte, ricostruito e provenienza del Piano 2012/m);
    expect(parse(text).values).toBeUndefined();

    await ms('plan', 'import', out);
    await ms('report', '12', 'value=33', 'period=2013-Q1');
    await ms('report', '14', 'value=50%', 'period=2013-Q1', '--as', 'g.conti');
    const status = await json('status', '--year', '2013', '--compare', '2012');
    expect(Object.keys(status)).toEqual(['ente', 'year', 'overall', 'summary', 'strategic', 'operational', 'indicators', 'individuals', 'compare']);
    expect(status.year).toBe(2013);
    expect(status.compare.year).toBe(2012);
    const o04 = status.compare.strategic.find((o: { id: string }) => o.id === '04');
    const s2012 = await json('status', '--year', '2012');
    expect(o04.current).toEqual({ score: status.strategic.find((o: { id: string }) => o.id === '04').score, percent: expect.any(Number), band: expect.any(String) });
    expect(o04.other).toEqual({ ...s2012.strategic.find((o: { id: string }) => o.id === '04'), id: undefined, title: undefined });
    expect(status.compare.strategic.find((o: { id: string }) => o.id === '01').current).toEqual({ score: null, percent: null, band: null });
    expect(status.compare.operational.find((o: { id: string }) => o.id === '04.1')).toMatchObject({ strategic: '04', current: { percent: 78 } }); // (100 + 55,6) / 2
    expect(status.compare.overall.other).toEqual(s2012.overall);
    const table = (await ms('status', '--year', '2013', '--compare', '2012')).stdout;
    expect(table).toMatch(/id\s+obiettivo strategico\s+2013\s+2012/);
    expect(table).toMatch(/04\.1\s+.*🔴 78% non raggiunto\s+🟢 \d+% raggiunto/);
  }, 120_000);
});

describe.each(ENGINES)('period lock from the CLI on %s', (_name, location) => {
  let db: string;
  const files = tempFiles({ 'piano.yaml': smallPlanYaml(2012) });
  const perf = (...args: string[]) => runCliOk([...args, '--db', db]);

  beforeAll(async () => {
    db = await location();
    await perf('plan', 'import', files.path('piano.yaml'));
    await perf('report', '1', 'value=40', 'period=2012-Q2', '--as', 's.uno');
  }, 120_000);

  it('refuses late values without a reason and from the wrong role, storing nothing; accepts the controllo\'s reason', async () => {
    expect((await perf('period', 'close', '2012-Q2', '--as', 'c.ctrl')).stdout).toMatch(/Periodo 2012-Q2 chiuso \(COMUNE-Z\) da c\.ctrl/);
    expect((await perf('period', 'close', '2012-Q2')).stdout).toMatch(/era già chiuso[\s\S]*nulla è cambiato/);
    await expectRefusedAndNothingStored(db, [['status', '--year', '2012', '--json'], ['history', '1', '--json'], ['period', 'list', '--json']], [
      [['report', '1', 'value=45', 'period=2012-Q2', '--as', 's.uno'], /Il periodo 2012-Q2 è chiuso \(da c\.ctrl il/],
      [['report', '1', 'value=45', 'period=2012-Q2', '--as', 's.uno', '--motivo', 'in ritardo'], /Silvia Uno \(personale\) non può registrare un valore fuori termine/],
      [['report', '1', 'value=45', 'period=2012-Q2', '--as', 'd.capo', 'motivo=in ritardo'], /Dario Capo \(dirigente\) non può registrare un valore fuori termine/],
      [['report', '1', 'value=45', 'period=2012-Q2', '--as', 'o.oiv', '--motivo', 'x'], /OIV[\s\S]*non può registrare/],
      [['period', 'close', '2012-Q3', '--as', 's.uno'], /Silvia Uno \(personale\) non può chiudere un periodo/],
      [['period', 'close', '2012-Q5'], /trimestri vanno da Q1 a Q4/],
      [['export', '--format', 'csv', '--out', files.path('x.csv'), '--as', 's.uno'], /non può esportare/],
      [['status', '--compare', '2011'], /Nessun Piano 2011/],
    ]);
    expect((await perf('report', '1', 'value=45', 'period=2012-Q2', '--as', 'c.ctrl', '--motivo', 'dato arrivato per PEC il giorno dopo')).stdout)
      .toMatch(/accettato da c\.ctrl con motivo: «dato arrivato per PEC il giorno dopo»/);
    // An open period takes values as before.
    await perf('report', '1', 'value=60', 'period=2012-Q3', '--as', 's.uno');
    const history = JSON.parse((await perf('history', '1', '--json')).stdout);
    expect(history.rilevazioni.map((r: { period: string; value: number; overrideReason: string | null; overrideBy: string | null }) => [r.period, r.value, r.overrideReason, r.overrideBy])).toEqual([
      ['2012-Q2', 40, null, null], ['2012-Q2', 45, 'dato arrivato per PEC il giorno dopo', 'c.ctrl'], ['2012-Q3', 60, null, null],
    ]);
  }, 180_000);
});

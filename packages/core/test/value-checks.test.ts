import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPerfError, parsePlan, type PerfError } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { COMMANDS, confirmAnswer, runCommandLine, type CommandContext, type ReportReply } from '../src/index.ts';
import { freshEmbeddedDir } from '../../../test/support/databases.ts';

const example = (name: string) => readFileSync(new URL(`../../../examples/cciaa-ms-2012/${name}`, import.meta.url), 'utf8');

/** Values checked against their indicator, in the core: the same refusal from a line, the conversation's confirmation and a file of values. */
describe('values are checked against the indicator (§12), in the core', () => {
  let store: Store;
  const ctx = (): CommandContext => ({
    store, channel: 'cli', clock: () => new Date('2012-12-20T10:00:00Z'), identity: { kind: 'operator', personId: undefined, operatorName: 'controllo:test' },
  });
  const refusal = async (run: Promise<unknown>): Promise<PerfError> => {
    const error = await run.then(() => undefined, (e: unknown) => e);
    if (!isPerfError(error)) throw new Error(`expected a PerfError, got ${String(error)}`);
    return error;
  };
  const values = async (indicator: number) => (await store.history('CCIAA-MS', 2012, indicator)).map((r) => r.value);
  const valuesFile = (row: string) => ({ name: 'valori.yaml', content: new TextEncoder().encode(`ente: CCIAA-MS\nyear: 2012\nvalues:\n  - ${row}\n`) });
  const importFile = (row: string) => {
    const command = COMMANDS.find((c) => c.name === 'values import');
    if (command === undefined) throw new Error('values import missing');
    return command.run({ files: [valuesFile(row)] }, ctx());
  };

  beforeAll(async () => {
    store = await openStore(await freshEmbeddedDir());
    await store.importPlan(parsePlan(example('piano-2012.yaml')), { actor: 'test', channel: 'cli', at: new Date('2012-01-10T00:00:00Z') });
  });
  afterAll(async () => { await store.close(); });

  // Indicator 11 and 19 are yes/no, 12 is a count ("n."), 13 a percentage, 4 a per-mille value, 54 days;
  // 7 and 1 are shares in percent (min 0, max 100), 48 and 74 percentages without bounds.
  const cases: readonly [string, string, RegExp, RegExp][] = [
    ['yes/no: 50%', '11 value=50%', /non va bene per un indicatore sì\/no/, /sì \/ si \/ yes \/ true \/ 1 oppure no \/ false \/ 0/],
    ['yes/no: 2', '11 value=2', /"2" non va bene per un indicatore sì\/no/, /oppure no/],
    ['yes/no: -5', '19 value=-5', /"-5" non va bene/, /oppure no/],
    ['yes/no: 1,0', '19 value=1,0', /"1,0" non va bene/, /oppure no/],
    ['yes/no: vero (not a form of §4)', '19 value=vero', /"vero" non va bene/, /oppure no/],
    ['% on a count', '12 value=23%', /ha il simbolo %, ma l'indicatore non è una percentuale \(si misura in n\.\)/, /value=23\./],
    ['% on a per-mille value', '4 value=29%', /si misura in ‰/, /value=29\./],
    ['% on days', '54 value=40%', /si misura in giorni/, /value=40\./],
    ['400 digits', `12 value=${'9'.repeat(400)}`, /troppo grande/, /15 cifre significative/],
    ['beyond a double', '12 value=99999999999999999999999', /più cifre di quante se ne possano conservare esattamente \(diventerebbe 1e\+23\)/, /15 cifre/],
    ['17 significant digits', '13 value=0,12345678901234567', /più cifre/, /15 cifre/],
    ['2^53 + 1', '12 value=9007199254740993', /diventerebbe 9007199254740992/, /15 cifre/],
    ['1e400', '12 value=1e400', /"1e400" non è un numero/, /Numeri ammessi/],
    ['negative count', '12 value=-5', /"-5" è negativo, ma l'indicatore si misura in n\.: non può essere sotto zero/, /da 0 in su/],
    ['negative days', '42 value=-5', /"-5" è negativo, ma l'indicatore si misura in giorni/, /da 0 in su/],
    ['negative hours', '5 value=-3', /"-3" è negativo, ma l'indicatore si misura in ore/, /da 0 in su/],
    ['negative per mille (min 0)', '4 value=-1', /"-1" è sotto il minimo dell'indicatore \(0 ‰\)/, /da 0 ‰ in su/],
    ['negative euro (min 0)', '22 value=-10', /"-10" è sotto il minimo dell'indicatore/, /da .*0.* in su/],
    ['150% of satisfied users (max 100)', '7 value=150%', /^Il valore "150%" supera il massimo dell'indicatore \(100%\)\.$/, /^Il Piano ammette per questo indicatore valori tra 0% e 100%\.$/],
    ['150 without % on the same share', '7 value=150', /"150" supera il massimo dell'indicatore \(100%\)/, /tra 0% e 100%/],
    ['100,5% on a share', '7 value=100,5%', /"100,5%" supera il massimo/, /tra 0% e 100%/],
    ['-3% of irregular checks (min 0)', '1 value=-3%', /^Il valore "-3%" è sotto il minimo dell'indicatore \(0%\)\.$/, /tra 0% e 100%/],
  ];

  it.each(cases)('refuses %s from a command line, with the right form and the field, storing nothing', async (_, line, message, hint) => {
    const id = Number(line.split(' ')[0]);
    const before = await store.counts();
    const error = await refusal(runCommandLine(`report ${line} period=2012-Q4`, ctx()));
    expect(error.code).toBe('VALUE_INVALID');
    expect(error.field).toBe('value');
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(hint);
    expect(error.toText()).not.toMatch(/Infinity|NaN|\bundefined\b|Error:/);
    expect(await store.counts()).toEqual(before);
    expect(await values(id)).toEqual([]);
  });

  it('refuses the same values in the conversation\'s confirmation and in a file of values', async () => {
    const before = await store.counts();
    const confirm = await refusal(confirmAnswer({ indicator: 12, rawValue: '-5', period: '2012-Q4', note: undefined }, ctx()));
    expect(confirm.message).toMatch(/è negativo, ma l'indicatore si misura in n\./);
    const file = await refusal(importFile('{ indicator: 11, period: 2012-Q4, value: 2, by: l.neri }'));
    expect(file.toText()).toMatch(/"2" non va bene per un indicatore sì\/no/);
    const percent = await refusal(importFile('{ indicator: 12, period: 2012-Q4, value: "23%", by: g.conti }'));
    expect(percent.toText()).toMatch(/non è una percentuale/);
    const share = await refusal(importFile('{ indicator: 7, period: 2012-Q4, value: "150%", by: m.verdi }'));
    expect(share.toText()).toMatch(/"150%" supera il massimo dell'indicatore \(100%\)/);
    expect(await store.counts()).toEqual(before);
  });

  it('still stores the documented forms: sì/no/1/0, % on a percentage, a negative value where the unit allows it, 15 digits', async () => {
    const stored = async (line: string) => ((await runCommandLine(`report ${line}`, ctx())) as ReportReply).stored?.value;
    expect(await stored('19 value=sì period=2012-Q1')).toBe(1);
    expect(await stored('19 value=0 period=2012-Q2')).toBe(0);
    expect(await stored('11 value=1 period=2012-Q1')).toBe(1);
    expect(await stored('13 value=34% period=2012-Q4')).toBe(34);
    expect(await stored('12 value=1.234 period=2012-Q1')).toBe(1234);
    expect(await stored('12 value=0 period=2012-Q2')).toBe(0);
    expect(await stored('48 value=-3,5 period=2012-Q4')).toBe(-3.5);
    expect(await stored('74 value=150% period=2012-Q4')).toBe(150);
    expect(await stored('7 value=100% period=2012-Q1')).toBe(100);
    expect(await stored('1 value=0% period=2012-Q1')).toBe(0);
    expect(await stored('22 value=123456789012345 period=2012-Q4')).toBe(123456789012345);
    expect(await stored('13 value=0,1 period=2012-Q1')).toBe(0.1);
  });

  const notes: readonly [string, string, RegExp][] = [
    ['a NUL byte', 'prima\u0000dopo', /La nota contiene un carattere nullo \(NUL\)/],
    ['an ANSI escape', '\u001b[31mrosso\u001b[0m', /La nota contiene una sequenza di escape del terminale \(ANSI\)/],
    ['a bell', 'suono\u0007', /La nota contiene un carattere di controllo \(\\u0007\)/],
    ['a C1 control', 'x\u009bx', /carattere di controllo \(\\u009b\)/],
    ['1.001 characters', 'a'.repeat(1001), /La nota è troppo lunga: 1\.001 caratteri, al massimo 1\.000\./],
  ];

  it.each(notes)('refuses a note with %s, on the note field, storing nothing', async (_, note, message) => {
    const before = await store.counts();
    const error = await refusal(confirmAnswer({ indicator: 12, rawValue: '5', period: '2012-Q3', note }, ctx()));
    expect(error.field).toBe('note');
    expect(error.message).toMatch(message);
    expect(error.toText()).not.toContain('\u001b');
    const file = await refusal(importFile(`{ indicator: 12, period: 2012-Q3, value: 5, by: g.conti, note: ${JSON.stringify(note)} }`));
    expect(file.toText()).toMatch(message);
    expect(await store.counts()).toEqual(before);
  });

  it('refuses a control character in a reason too, and keeps a note on several lines', async () => {
    const reason = await refusal(runCommandLine('report 12 value=5 period=2012-Q3 motivo="a\u001bb"', ctx()));
    expect(reason.field).toBe('motivo');
    expect(reason.message).toMatch(/^Il motivo contiene una sequenza di escape/);
    const reply = (await confirmAnswer({ indicator: 12, rawValue: '7', period: '2012-Q3', note: 'prima riga\nseconda riga' }, ctx())) as ReportReply;
    expect(reply.stored?.note).toBe('prima riga\nseconda riga');
  });

  it('shows a raw value with control characters escaped in its refusal', async () => {
    const error = await refusal(runCommandLine('report 12 value="1\u001b[2J" period=2012-Q4', ctx()));
    expect(error.message).toContain('"1\\u001b[2J"');
  });
});

import { readFileSync } from 'node:fs';
import { CHAT_APPS, parsePlan, type Channel, type Plan, type Role } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, findCommand, runCommandLine, type CommandContext, type Identity } from '../src/index.ts';
import { freshEmbeddedDir } from '../../../test/support/databases.ts';

/**
 * The contract's §5 (and §12) as a table: every command of the core's table, for every role and a
 * person who is not in the plan, on every channel adapter (the CLI's operator `--as`, and the chat
 * apps' user ids). Written from the contract, not from the commands' declarations, so a role list
 * that drifts from it fails here. A refusal must leave every table of the store as it was.
 */
const example = (name: string) => readFileSync(new URL(`../../../examples/cciaa-ms-2012/${name}`, import.meta.url), 'utf8');
const PLAN: Plan = parsePlan(example('piano-2012.yaml'));
const NOW = new Date('2013-02-10T10:00:00+01:00');
const ROLES: readonly Role[] = ['staff', 'dirigente', 'controllo', 'oiv'];
const PEOPLE: Readonly<Record<Role, string>> = { staff: 'g.conti', dirigente: 'p.rossi', controllo: 'f.serra', oiv: 'g.ferri' };

const areaOf = (objective: string) => PLAN.operational_objectives.find((o) => o.id === objective)?.area;
const headOf = (area: string | undefined) => PLAN.areas.find((a) => a.id === area)?.head;
/** An indicator the staff member owns; one of the dirigente's Area that neither of them owns; one of neither. */
const own = PLAN.indicators.find((i) => i.owner === PEOPLE.staff && headOf(areaOf(i.objective)) !== PEOPLE.dirigente);
const ofArea = PLAN.indicators.find((i) => i.owner !== PEOPLE.staff && i.owner !== PEOPLE.dirigente && headOf(areaOf(i.objective)) === PEOPLE.dirigente);
const foreign = PLAN.indicators.find((i) => i.owner !== PEOPLE.staff && i.owner !== PEOPLE.dirigente && headOf(areaOf(i.objective)) !== PEOPLE.dirigente);
const areaObjective = PLAN.operational_objectives.find((o) => headOf(o.area) === PEOPLE.dirigente);
const otherObjective = PLAN.operational_objectives.find((o) => headOf(o.area) !== PEOPLE.dirigente);
if (!own || !ofArea || !foreign || !areaObjective || !otherObjective) throw new Error('the example plan lacks a case of the matrix');

type Outcome = 'ok' | 'denied';
const ok = (...roles: Role[]): Readonly<Record<Role, Outcome>> =>
  Object.fromEntries(ROLES.map((role) => [role, roles.includes(role) ? 'ok' : 'denied'])) as Record<Role, Outcome>;
const EVERYONE = ok(...ROLES);

interface Case {
  readonly what: string;
  /** A chat line (every channel), or the raw parameters of a CLI-only command. */
  readonly line?: string;
  readonly cli?: { readonly command: string; readonly raw: Record<string, unknown> | ((role: Role | undefined) => Record<string, unknown>) };
  readonly expect: Readonly<Record<Role, Outcome>>;
  /** Open commands read nobody's data: a person not in the plan may run them too. */
  readonly open?: boolean;
}

const file = (name: string, content: string) => [{ name, content: Buffer.from(content, 'utf8') }];
/** A file of values with one row for an indicator the role may report (the staff's own for the others). */
const valuesFile = (role: Role | undefined) => {
  const indicator = role === 'dirigente' ? ofArea : role === 'controllo' ? foreign : own;
  return { files: file('valori.csv', `indicatore,valore,periodo,nota,persona\n${indicator.id},1,2012-Q4,,${role === undefined ? '' : PEOPLE[role]}\n`) };
};

const CASES: readonly Case[] = [
  { what: 'report of their own indicator', line: `report ${own.id} value=1 period=2012-Q4`, expect: ok('staff', 'controllo') },
  { what: "report of an indicator of the dirigente's Area", line: `report ${ofArea.id} value=1 period=2012-Q4`, expect: ok('dirigente', 'controllo') },
  { what: "report of someone else's indicator", line: `report ${foreign.id} value=1 period=2012-Q4`, expect: ok('controllo') },
  { what: 'status of their own indicators', line: 'status me', expect: EVERYONE },
  { what: "status of someone else's indicator", line: `status #${foreign.id}`, expect: ok('dirigente', 'controllo', 'oiv') },
  { what: 'missing', line: 'missing period=2012-Q4', expect: EVERYONE },
  { what: 'history of their own indicator', line: `history ${own.id}`, expect: ok('staff', 'dirigente', 'controllo', 'oiv') },
  { what: "history of someone else's indicator", line: `history ${foreign.id}`, expect: ok('dirigente', 'controllo', 'oiv') },
  { what: 'period list', line: 'periodi', expect: EVERYONE },
  { what: 'period close', line: 'chiudi 2012-Q1', expect: ok('controllo') },
  { what: 'audit', line: 'audit', expect: ok('dirigente', 'controllo', 'oiv') },
  { what: 'relazione', line: 'relazione 2012 sintesi', expect: ok('controllo', 'oiv') },
  { what: 'commento on an objective of their Area', line: `commento ${areaObjective.id} causa="ritardo" azione="recupero"`, expect: ok('dirigente', 'controllo') },
  { what: 'commento on an objective of another Area', line: `commento ${otherObjective.id} causa="ritardo" azione="recupero"`, expect: ok('controllo') },
  { what: 'dashboard', line: 'dashboard', expect: EVERYONE },
  { what: 'help', line: 'help', expect: EVERYONE, open: true },
  { what: 'export', cli: { command: 'export', raw: { format: 'csv' } }, expect: ok('dirigente', 'controllo', 'oiv') },
  { what: 'plan import', cli: { command: 'plan import', raw: { files: file('piano-2012.yaml', example('piano-2012.yaml')) } }, expect: ok('controllo') },
  { what: 'plan rollover', cli: { command: 'plan rollover', raw: { from: '2012', to: '2013' } }, expect: ok('controllo') },
  { what: 'values import', cli: { command: 'values import', raw: valuesFile }, expect: ok('staff', 'dirigente', 'controllo') },
  { what: 'finance import', cli: { command: 'finance import', raw: { files: file('bilancio-2012.yaml', example('bilancio-2012.yaml')) } }, expect: ok('controllo') },
  { what: 'finance', cli: { command: 'finance', raw: { files: file('bilancio-2012.yaml', example('bilancio-2012.yaml')) } }, expect: EVERYONE, open: true },
  { what: 'gender import', cli: { command: 'gender import', raw: { files: file('genere-2012.yaml', example('genere-2012.yaml')) } }, expect: ok('controllo') },
  { what: 'gender', cli: { command: 'gender', raw: { files: file('genere-2012.yaml', example('genere-2012.yaml')) } }, expect: EVERYONE, open: true },
  { what: 'context import', cli: { command: 'context import', raw: { files: file('contesto-2012.yaml', example('contesto-2012.yaml')) } }, expect: ok('controllo') },
  // Adoption before validation: the OIV validates what the controllo adopted.
  { what: 'relazione adotta', line: 'adotta 2012 delibera="n. 45 del 27/06/2013"', expect: ok('controllo') },
  { what: 'relazione valida', line: 'valida 2012 documento="Documento di validazione del 10/07/2013"', expect: ok('oiv') },
];

const REFUSALS = new Set(['PERMISSION_DENIED', 'PERSON_UNKNOWN', 'USER_NOT_IN_PLAN']);

function identity(channel: Channel, personId: string | undefined): Identity {
  if (channel === 'cli') return { kind: 'operator', personId: personId ?? 'nessuno', operatorName: 'controllo:test' };
  const person = PLAN.people.find((p) => p.id === personId);
  const app = CHAT_APPS.find((a) => a === channel);
  if (app === undefined) throw new Error(`${channel} is not a chat app`);
  return { kind: 'chat', app, userId: person?.[app] ?? 'U0SCONOSCIUTO' };
}

describe('the permission matrix (contract §5), every command × role × channel adapter', () => {
  let store: Store;

  beforeAll(async () => {
    store = await openStore(await freshEmbeddedDir());
    await store.importPlan(PLAN, { actor: 'test', channel: 'cli', at: new Date('2012-01-10T00:00:00Z') });
  });
  afterAll(async () => {
    await store.close();
  });

  const run = async (channel: Channel, role: Role | undefined, test: Case): Promise<{ code?: string }> => {
    const personId = role === undefined ? undefined : PEOPLE[role];
    const context: CommandContext = {
      store, channel, clock: () => NOW, identity: identity(channel, personId), web: { secret: 'segreto-di-prova-lungo-abbastanza', baseUrl: 'http://localhost:8080' },
    };
    const command = test.cli ? COMMANDS.find((c) => c.name === test.cli?.command) : undefined;
    try {
      const raw = typeof test.cli?.raw === 'function' ? test.cli.raw(role) : test.cli?.raw;
      await (command && raw ? command.run(raw as never, context) : runCommandLine(test.line ?? '', context));
      return {};
    } catch (error) {
      return { code: (error as { code?: string }).code ?? 'THROWN' };
    }
  };

  for (const channel of ['cli', ...CHAT_APPS] as const) {
    for (const test of CASES) {
      if (test.cli && channel !== 'cli') continue;
      for (const role of [...ROLES, 'not in the plan'] as const) {
        const expected = role === 'not in the plan' ? (test.open ? 'ok' : 'denied') : test.expect[role];
        it(`${channel} · ${test.what} · ${role}: ${expected}`, async () => {
          const before = expected === 'denied' ? await store.snapshot() : '';
          const outcome = await run(channel, role === 'not in the plan' ? undefined : role, test);
          if (expected === 'denied') {
            const code = role === 'not in the plan' ? (channel === 'cli' ? 'PERSON_UNKNOWN' : 'USER_NOT_IN_PLAN') : 'PERMISSION_DENIED';
            expect(outcome.code).toBe(code);
            expect(await store.snapshot()).toBe(before);
          } else {
            // Allowed: past the permission check. A later channel may meet the state an earlier one left
            // (the Relazione already adopted), which is an answer of its own, never a refusal.
            expect(REFUSALS.has(outcome.code ?? '')).toBe(false);
            if (channel === 'cli') expect(outcome.code).toBeUndefined();
          }
        });
      }
    }
  }

  it('covers every command of the table', () => {
    const covered = new Set(CASES.map((c) => c.cli?.command ?? findCommand(c.line?.split(' ')[0] ?? '')?.name));
    expect(COMMANDS.map((c) => c.name).filter((name) => !covered.has(name))).toEqual([]);
  });
});

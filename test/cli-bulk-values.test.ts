import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { submitReport, type CommandContext } from '@perf/core';
import { openStore } from '@perf/store';
import { ENGINES, freshEmbeddedDir } from './support/databases.ts';
import { runCli, runCliOk } from './support/cli.ts';
import { smallPlan, smallPlanYaml, tempFiles } from './support/small-ente.ts';

interface Row { indicator: number; value: string; period: string; note: string; by: string }

/** Values for the small ente's three indicators (a number, a "lower" one in days, a yes/no), quarter after quarter, so most rows supersede others. */
function rows(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => {
    const indicator = (i % 3) + 1;
    const value = indicator === 1 ? `${(i * 7) % 120},${i % 10}` : indicator === 2 ? String((i * 3) % 60) : i % 2 === 0 ? 'sì' : 'no';
    const note = i % 50 === 0 ? `nota ${i}; con "virgolette"` : i === 10 ? 'prima riga\nseconda riga' : `nota ${i}`;
    return { indicator, value, period: `2012-Q${(Math.floor(i / 3) % 4) + 1}`, note, by: indicator === 1 && i % 5 === 0 ? 'd.capo' : '' };
  });
}

/** As Italian Excel writes it: BOM, `;` between fields, CRLF, quotes where a field needs them. */
function csv(values: readonly Row[], extra: readonly string[] = []): string {
  const quote = (field: string) => (/[;"\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
  const lines = values.map((r) => [r.indicator, r.value, r.period, r.note, r.by].map((f) => quote(String(f))).join(';'));
  return `\uFEFF${['indicatore;valore;periodo;nota;persona', ...lines, ...extra].join('\r\n')}\r\n`;
}

const json = async (db: string, ...args: string[]) => JSON.parse((await runCliOk([...args, '--json', '--db', db])).stdout);

/** Every rilevazione of the year in the order stored: what was reported, by whom, and whether it was replaced. */
async function reported(db: string): Promise<unknown[]> {
  const audit = await json(db, 'audit', '--as', 'o.oiv');
  return audit.rilevazioni.map((r: { indicator: number; period: string; value: number; rawValue: string; note: string | null; reportedBy: string; channel: string; superseded: boolean; replaces: { value: number } | null }) =>
    [r.indicator, r.period, r.value, r.rawValue, r.note, r.reportedBy, r.channel, r.superseded, r.replaces?.value ?? null]);
}

describe('values import in bulk from the CLI (embedded)', () => {
  const values = rows(3_000);
  const files = tempFiles({ 'piano.yaml': smallPlanYaml(2012), 'valori.csv': csv(values) });

  it('stores a CSV of 3.000 rows exactly as 3.000 single reports would: same status, same history and chains; a re-import stores nothing', async () => {
    const [bulk, single] = [await freshEmbeddedDir(), await freshEmbeddedDir()];
    for (const db of [bulk, single]) await runCliOk(['plan', 'import', files.path('piano.yaml'), '--db', db]);

    const imported = await runCliOk(['values', 'import', files.path('valori.csv'), '--db', bulk]);
    expect(imported.stdout).toBe('Valori COMUNE-Z da valori.csv: 3000 registrati.\n');

    const owners = new Map(smallPlan(2012).indicators.map((i) => [i.id, i.owner]));
    const store = await openStore(single);
    try {
      for (const row of values) {
        const context: CommandContext = {
          store, channel: 'cli', clock: () => new Date(), identity: { kind: 'operator', personId: row.by || owners.get(row.indicator), operatorName: 'controllo:test' },
        };
        await submitReport({ indicator: row.indicator, rawValue: row.value, period: row.period, note: row.note }, context);
      }
    } finally {
      await store.close();
    }

    expect(await json(bulk, 'status', '--year', '2012')).toEqual(await json(single, 'status', '--year', '2012'));
    const history = await reported(bulk);
    expect(history).toEqual(await reported(single));
    expect(history).toHaveLength(3_000);
    expect(history.filter((r) => !(r as unknown[])[7])).toHaveLength(12); // one current value per indicator and quarter
    expect(history).toContainEqual([1, '2012-Q1', 0, '0,0', 'nota 0; con "virgolette"', 'd.capo', 'cli', true, null]);
    expect(history.filter((r) => (r as unknown[])[4] === 'prima riga\nseconda riga')).toHaveLength(1);

    expect((await runCliOk(['values', 'import', files.path('valori.csv'), '--db', bulk])).stdout).toMatch(/0 registrati, 3000 già presenti \(file già importato\)/);
    expect(await reported(bulk)).toHaveLength(3_000);
    const audit = await json(bulk, 'audit', '--as', 'o.oiv');
    expect(audit.events.filter((e: { action: string }) => e.action === 'values.import').map((e: { actor: string; channel: string; details: Record<string, unknown> }) => [e.actor.startsWith('controllo:'), e.channel, e.details.source, e.details.count, e.details.late]))
      .toEqual([[true, 'cli', 'valori.csv', 3000, 0]]);
    expect((await runCliOk(['audit', '--as', 'o.oiv', '--db', bulk])).stdout).toMatch(/valori importati: valori\.csv, 3\.000 rilevazioni/);
  }, 600_000);

  it('stores nothing when a row is bad, even after whole batches were written; --skip-invalid stores the others', async () => {
    const db = await freshEmbeddedDir();
    await runCliOk(['plan', 'import', files.path('piano.yaml'), '--db', db]);
    const many = rows(25_000);
    writeFileSync(files.path('tanti.csv'), csv(many, ['2;tanti;2012-Q4;;', '4;1;2012-Q4;;']));
    const refused = await runCli(['values', 'import', files.path('tanti.csv'), '--db', db]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/contiene 2 valori non validi; nulla è stato registrato/);
    expect(refused.stderr).toMatch(/riga 25002 \(indicatore 2\): Il valore "tanti" non è un numero/);
    expect(refused.stderr).toMatch(/riga 25003 \(indicatore 4\): L'indicatore 4 non esiste nel Piano COMUNE-Z 2012/);
    expect(await reported(db)).toEqual([]);

    const skipped = await runCliOk(['values', 'import', files.path('tanti.csv'), '--skip-invalid', '--db', db]);
    expect(skipped.stdout).toMatch(/^Valori COMUNE-Z da tanti\.csv: 25000 registrati\.\nRighe scartate \(2\):\n {2}- riga 25002/);
    expect(await reported(db)).toHaveLength(25_000);
  }, 600_000);
});

describe.each(ENGINES)('values import on behalf of others and into closed periods, on %s', (_name, location) => {
  it('imports for the row\'s person or the owner when the controllo imports, only as oneself otherwise; a closed period needs --motivo from the controllo', async () => {
    const db = await location();
    const files = tempFiles({
      'piano.yaml': smallPlanYaml(2012),
      // Row 2: the owner (s.uno); row 3: the dirigente of the Area for an indicator of the Area; row 4: closed quarter.
      'controllo.csv': 'indicator,value,period,note,by\n1,40,2012-Q2,,\n1,45,2012-Q2,dal dirigente,d.capo\n2,35,2012-Q1,in ritardo,\n',
      'silvia.csv': 'indicatore,valore,periodo,persona\n1,50,2012-Q3,\n3,sì,2012-Q3,s.uno\n',
      'silvia-per-altri.csv': 'indicatore,valore,periodo,persona\n1,55,2012-Q3,d.capo\n2,30,2012-Q3,\n',
      'silvia-in-ritardo.csv': 'indicatore,valore,periodo\n1,20,2012-Q1\n',
    });
    const perf = (...args: string[]) => runCliOk([...args, '--db', db]);
    const refuse = async (args: string[], message: RegExp) => {
      const result = await runCli([...args, '--db', db]);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr, args.join(' ')).toMatch(message);
    };
    await perf('plan', 'import', files.path('piano.yaml'));
    await perf('period', 'close', '2012-Q1');

    await refuse(['values', 'import', files.path('controllo.csv')], /riga 4 \(indicatore 2\): Il periodo 2012-Q1 è chiuso \(da controllo:[^)]*\): non accetta più valori, nulla è stato registrato\./);
    await refuse(['values', 'import', files.path('silvia-per-altri.csv'), '--as', 's.uno'],
      /riga 2 \(indicatore 1\): Silvia Uno non può importare valori a nome di d\.capo[\s\S]*riga 3 \(indicatore 2\): Silvia Uno \(personale\) non può registrare l'indicatore 2/);
    await refuse(['values', 'import', files.path('silvia-in-ritardo.csv'), '--as', 's.uno', '--motivo', 'tardi'],
      /riga 2 \(indicatore 1\): Silvia Uno \(personale\) non può registrare un valore fuori termine nel periodo chiuso 2012-Q1/);
    expect(await reported(db)).toEqual([]);

    expect((await perf('values', 'import', files.path('controllo.csv'), '--motivo', 'verbale arrivato dopo la chiusura')).stdout)
      .toBe('Valori COMUNE-Z da controllo.csv: 3 registrati (1 fuori termine, con motivo).\n');
    expect((await perf('values', 'import', files.path('silvia.csv'), '--as', 's.uno')).stdout).toBe('Valori COMUNE-Z da silvia.csv: 2 registrati.\n');
    expect(await reported(db)).toEqual([
      [1, '2012-Q2', 40, '40', null, 's.uno', 'cli', true, null],
      [1, '2012-Q2', 45, '45', 'dal dirigente', 'd.capo', 'cli', false, 40],
      [1, '2012-Q3', 50, '50', null, 's.uno', 'cli', false, null],
      [2, '2012-Q1', 35, '35', 'in ritardo', 'd.capo', 'cli', false, null],
      [3, '2012-Q3', 1, 'sì', null, 's.uno', 'cli', false, null],
    ]);
    const audit = await json(db, 'audit', '--as', 'o.oiv');
    const late = audit.rilevazioni.find((r: { overrideReason: string | null }) => r.overrideReason !== null);
    expect(late).toMatchObject({ indicator: 2, overrideReason: 'verbale arrivato dopo la chiusura', reportedBy: 'd.capo' });
    expect(late.overrideBy).toMatch(/^controllo:/);
    expect(audit.events.filter((e: { action: string }) => e.action === 'values.import').map((e: { actor: string; details: Record<string, unknown> }) => [e.actor.replace(/:.*/, ''), e.details.source, e.details.count, e.details.late]))
      .toEqual([['controllo', 'controllo.csv', 3, 1], ['s.uno', 'silvia.csv', 2, 0]]);
    expect((await perf('audit', '--as', 'o.oiv')).stdout).toMatch(/valori importati: controllo\.csv, 3 rilevazioni, di cui 1 fuori termine/);
  }, 600_000);
});

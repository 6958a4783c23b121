import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ENGINES } from './support/databases.ts';
import { runCli, runCliOk } from './support/cli.ts';

/** A plan unlike the example: four-monthly, weights, every direction, a dirigente's area, weight-0 children. */
const plan = {
  ente: { code: 'COMUNE-X', name: 'Comune di Prova' },
  year: 2024,
  monitoring: 'four-monthly',
  perspectives: [{ id: 'ITC', name: 'Imprese, Territorio e Consumatori' }, { id: 'EF', name: 'Economico-Finanziaria' }],
  lines: [{ id: 'L1', name: 'Linea uno' }],
  areas: [{ id: 'A1', name: 'Area Servizi', head: 'd.uno' }],
  people: [
    { id: 'd.uno', name: 'Dirigente Uno', role: 'dirigente', slack: 'UD1' },
    { id: 's.due', name: 'Staff Due', role: 'staff' },
    { id: 's.tre', name: 'Staff Tre', role: 'staff' },
    { id: 'o.iv', name: 'Organismo', role: 'oiv' },
  ],
  strategic_objectives: [
    { id: 'S1', title: 'Servizi migliori', perspective: 'ITC', line: 'L1', weight: 3, budget: 1000.5 },
    { id: 'S2', title: 'Conti in ordine', perspective: 'EF', line: 'L1', weight: 1 },
    { id: 'S3', title: 'Senza valori', perspective: 'EF', line: 'L1', weight: 5 },
  ],
  operational_objectives: [
    { id: 'S1.a', strategic: 'S1', area: 'A1', title: 'Tempi', weight: 2 },
    { id: 'S1.b', strategic: 'S1', area: 'A1', title: 'Digitale', weight: 1 },
    { id: 'S1.z', strategic: 'S1', area: 'A1', title: 'Peso zero', weight: 0 },
  ],
  indicators: [
    { id: 1, objective: 'S1.a', name: 'Giorni medi di risposta', direction: 'lower', target: 20, owner: 's.due', unit: 'giorni' },
    { id: 2, objective: 'S1.a', name: 'Pratiche evase', direction: 'higher', target: 400, owner: 's.due', weight: 3 },
    { id: 3, objective: 'S1.b', name: 'Sportello online attivo', direction: 'boolean', target: 1, owner: 's.tre' },
    { id: 4, objective: 'S1.z', name: 'Ignorato', direction: 'higher', target: 10, owner: 's.tre' },
    { id: 5, objective: 'S2', name: 'Debiti scaduti', direction: 'lower', target: 0, owner: 'd.uno' },
    { id: 6, objective: 'S2', name: 'Riscossione', direction: 'higher', target: 0, owner: 'd.uno', unit: '%' },
    { id: 7, objective: 'S3', name: 'Mai rilevato', direction: 'higher', target: 10, owner: 'd.uno' },
  ],
  individual_objectives: [{ person: 'd.uno', objectives: [{ ref: 'S1', weight: 70 }, { ref: 'S2', weight: 30 }, { ref: 'S3', weight: 50 }] }],
};

describe.each(ENGINES)('CLI on %s: a plan it has never seen, scored exactly as §3 says', (_name, location) => {
  let db: string;
  let dir: string;
  const perf = (...args: string[]) => runCliOk([...args, '--db', db]);
  beforeAll(async () => {
    db = await location();
    dir = mkdtempSync(join(tmpdir(), 'perf-plan-'));
    writeFileSync(join(dir, 'plan.yaml'), stringify(plan));
    await perf('plan', 'import', join(dir, 'plan.yaml'));
    await perf('report', '1', 'value=25', 'period=2024-4M1', '--as', 's.due'); // superseded by the 4M2 value
    await perf('report', '1', 'valore=25', 'period=2024-4M2', '--as', 's.due'); // 20/25 → 80
    await perf('report', '2', 'VALUE=1.234,5', 'period=2024-4M2', 'note=dato definitivo', '--as', 's.due'); // ≥ 400 → 100
    await perf('report', '2', 'value=100', 'period=2024-4M1', '--as', 's.due'); // earlier period: does not stand for the year
    await perf('report', '3', 'value=sì', 'period=2024-4M3', '--as', 'd.uno'); // dirigente of the area → 100
    await perf('report', '4', 'value=0', 'period=2024-4M3'); // weight-0 objective: 0 but ignored
    await perf('report', '5', 'value=3', 'period=2024-4M3', '--as', 'd.uno'); // lower, T = 0, A > 0 → 0
    await perf('report', '6', 'value=0%', 'period=2024', '--as', 'd.uno'); // higher, T = 0, A ≥ 0 → 100
  }, 240_000);

  it('prints §7 JSON with the scores of §3', async () => {
    const { stdout } = await perf('status', '--json');
    const status = JSON.parse(stdout);
    const s1a = (80 * 1 + 100 * 3) / 4; // 95
    const s1b = 100;
    const s1 = (s1a * 2 + s1b * 1) / 3; // 96.666…
    const s2 = (0 + 100) / 2; // 50
    const overall = (s1 * 3 + s2 * 1) / 4;
    expect(status.ente).toBe('COMUNE-X');
    expect(status.year).toBe(2024);
    expect(status.overall.score).toBeCloseTo(overall, 2);
    expect(status.overall).toMatchObject({ percent: 85, band: 'yellow' });
    expect(status.summary).toEqual({ total: 2, green: { count: 1, percent: 50 }, yellow: { count: 0, percent: 0 }, red: { count: 1, percent: 50 }, unscored: { count: 1 } });
    expect(status.strategic).toEqual([
      expect.objectContaining({ id: 'S1', title: 'Servizi migliori', percent: 97, band: 'green' }),
      expect.objectContaining({ id: 'S2', score: 50, percent: 50, band: 'red' }),
      expect.objectContaining({ id: 'S3', score: null, percent: null, band: null }),
    ]);
    expect(status.strategic[0].score).toBeCloseTo(s1, 2);
    expect(status.operational).toEqual([
      expect.objectContaining({ id: 'S1.a', strategic: 'S1', score: 95, percent: 95, band: 'green' }),
      expect.objectContaining({ id: 'S1.b', strategic: 'S1', score: 100 }),
      expect.objectContaining({ id: 'S1.z', strategic: 'S1', score: 0, band: 'red' }),
    ]);
    expect(status.indicators).toEqual([
      expect.objectContaining({ id: 1, value: 25, period: '2024-4M2', score: 80, percent: 80, band: 'yellow' }),
      expect.objectContaining({ id: 2, value: 1234.5, period: '2024-4M2', score: 100 }),
      expect.objectContaining({ id: 3, value: 1, period: '2024-4M3', score: 100 }),
      expect.objectContaining({ id: 4, value: 0, score: 0 }),
      expect.objectContaining({ id: 5, value: 3, score: 0, band: 'red' }),
      expect.objectContaining({ id: 6, value: 0, period: '2024', score: 100 }),
      expect.objectContaining({ id: 7, value: null, period: null, score: null, percent: null, band: null }),
    ]);
    expect(status.individuals).toEqual([expect.objectContaining({ person: 'd.uno', percent: 83, band: 'yellow' })]);
    expect(status.individuals[0].score).toBeCloseTo(s1 * 0.7 + s2 * 0.3, 2);
  });

  it('lists every rilevazione in history, superseded ones included, with who, when, channel and note', async () => {
    await perf('report', '1', 'value=22', 'period=2024-4M2', '--as', 's.due');
    const { stdout } = await perf('history', '1', '--json');
    const history = JSON.parse(stdout);
    expect(history.rilevazioni.map((r: { period: string; value: number; superseded: boolean }) => [r.period, r.value, r.superseded])).toEqual([
      ['2024-4M1', 25, false], ['2024-4M2', 25, true], ['2024-4M2', 22, false],
    ]);
    expect(history.rilevazioni[2]).toMatchObject({ reportedBy: 's.due', channel: 'cli' });
    const text = await perf('history', '2');
    expect(text.stdout).toContain('dato definitivo');
    expect(text.stdout).toMatch(/1\.234,5/);
  });

  it('never creates a database for a command that only reads, and refuses a --db that is a file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'perf-db-'));
    const absent = join(root, 'assente');
    for (const args of [['status'], ['history', '1'], ['audit'], ['missing']]) {
      const result = await runCli([...args, '--db', absent]);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toContain(`Il database "${absent}" non esiste; \`perf demo\` o \`perf plan import\` lo creano.`);
      expect(existsSync(absent), args.join(' ')).toBe(false);
    }
    const file = join(root, 'un-file');
    writeFileSync(file, 'non un database');
    const onFile = await runCli(['status', '--db', file]);
    expect(onFile.code).toBe(1);
    expect(onFile.stderr).toMatch(/è un file, non la cartella di un database\.[\s\S]*Forma corretta: --db <cartella>/);
    expect(onFile.stderr).not.toMatch(/EEXIST|ENOTDIR|at .*\.js/);
  });

  it('refuses every bad input in Italian, naming the problem and the right form, and stores nothing', async () => {
    const before = (await perf('status', '--json')).stdout;
    const bad: [string[], RegExp][] = [
      [['report', '99', 'value=3'], /indicatore 99 non esiste/],
      [['report', '2', 'value=abc'], /"abc" non è un numero[\s\S]*Numeri ammessi/],
      [['report', '2'], /Manca il valore[\s\S]*Forma corretta: report <indicatore> value=<valore>/],
      [['report', '2', 'value=3', 'period=2024-4M4'], /quadrimestri vanno da 4M1 a 4M3/],
      [['report', '2', 'value=3', 'period=2024-Q5'], /trimestri vanno da Q1 a Q4/],
      [['report', '2', 'value=3', 'period=2023-4M1'], /fuori dall'anno del Piano \(2024\)/],
      [['report', '2', 'value=3', '--as', 'nessuno'], /Persona "nessuno" sconosciuta[\s\S]*--as <id persona>/],
      [['report', '2', 'value=3', '--as', 's.tre'], /non può registrare l'indicatore 2/],
      [['report', '2', 'value=3', '--as', 'o.iv'], /OIV[\s\S]*non può registrare/],
      [['report', '2', 'value=3', 'colore=blu'], /Parametro "colore" non riconosciuto/],
      [['relazione', '--year', '2024', '--out', join(dir, 'x.pdf'), '--as', 's.due'], /non può produrre la Relazione/],
      [['plan', 'import', join(dir, 'plan.yaml'), '--as', 'd.uno'], /non può importare il Piano/],
      [['status', 'S2', '--as', 's.tre'], /non può vedere l'obiettivo S2/],
      [['status', '--year', '2031'], /Nessun Piano 2031/],
      [['frobnicate'], /comando "frobnicate" sconosciuto/],
      [['status', '--colour'], /Opzione "--colour" sconosciuta/],
      [['plan', 'import', dir], /Il file ".*" è una cartella, non un file\.[\s\S]*Indica il percorso di un file/],
      [['history', '2', '--as', 'd.uno', '--as', 's.tre'], /L'opzione --as è data due volte\.[\s\S]*--as <valore>, una volta sola/],
    ];
    for (const [args, message] of bad) {
      const result = await runCli([...args, '--db', db]);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    for (const [name, content, message] of [
      ['unknown-key.yaml', stringify({ ...plan, indicators: [{ ...plan.indicators[0], traget: 3 }] }), /indicators\[0\]\.traget: chiave non prevista/],
      ['dangling.yaml', stringify({ ...plan, operational_objectives: [{ id: 'X', strategic: 'S9', area: 'A1', title: 't' }] }), /operational_objectives\[0\]\.strategic: obiettivo strategico "S9" inesistente/],
      ['broken.yaml', 'ente: [', /non è YAML valido/],
    ] as const) {
      writeFileSync(join(dir, name), content);
      const result = await runCli(['plan', 'import', join(dir, name), '--db', db]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/nulla è stato importato/);
    }
    expect((await perf('status', '--json')).stdout).toBe(before);
  }, 240_000);
});

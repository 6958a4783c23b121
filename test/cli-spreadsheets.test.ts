import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshEmbeddedDir } from './support/databases.ts';
import { runCli, runCliOk } from './support/cli.ts';
import { smallPlanYaml, tempFiles } from './support/small-ente.ts';

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Valori');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The fields of a CSV line written by perf (no field of these tables contains a comma or a quote). */
const csvLines = (path: string) => readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((line) => line.split(','));

describe('values from spreadsheets and the status exported to them (embedded)', () => {
  let db: string;
  let files: ReturnType<typeof tempFiles>;
  const perf = (...args: string[]) => runCliOk([...args, '--db', db]);

  beforeAll(async () => {
    db = await freshEmbeddedDir();
    files = tempFiles({
      'piano.yaml': smallPlanYaml(2012),
      // English headers, a bad indicator, a value that is not a number, a period of the wrong rhythm, a stranger.
      'valori.xlsx': await xlsx([
        ['indicator', 'value', 'period', 'note', 'by'],
        [1, 80, '2012-Q3', 'dal foglio', 's.uno'],
        [99, 5, '2012-Q3', null, null],
        [2, 'tanti', '2012-Q3', null, null],
        [null, null, null, null, null],
        [3, 'sì', '2012-4M2', null, null],
        [2, 35.5, '2012-Q4', null, 'nessuno'],
        [2, 1.234, '2012-Q3', 'decimale, non migliaia', null],
      ]),
      // Italian headers, separated by semicolons with decimal commas, as Excel writes them in Italy.
      'valori.csv': '\uFEFFindicatore;valore;periodo;nota;persona\n1;"97,5";2012-Q4;consuntivo;s.uno\n3;sì;2012-Q4;;\n2;28;2012-Q4;;d.capo\n',
      'intestazione.csv': 'indicatore,valor,periodo\n1,3,2012-Q1\n',
    });
    await perf('plan', 'import', files.path('piano.yaml'));
  }, 120_000);

  it('lists every bad row with its number and stores nothing; --skip-invalid stores the good ones; a re-import adds nothing', async () => {
    const before = (await perf('history', '2', '--json')).stdout;
    const refused = await runCli(['values', 'import', files.path('valori.xlsx'), '--db', db]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/contiene 4 valori non validi; nulla è stato registrato/);
    expect(refused.stderr).toMatch(/riga 3 \(indicatore 99\): L'indicatore 99 non esiste/);
    expect(refused.stderr).toMatch(/riga 4 \(indicatore 2\): Il valore "tanti" non è un numero/);
    expect(refused.stderr).toMatch(/riga 6 \(indicatore 3\): Periodo "2012-4M2" non valido: il Piano 2012 ha monitoraggio trimestrale/);
    expect(refused.stderr).toMatch(/riga 7 \(indicatore 2\): Persona "nessuno" sconosciuta/);
    expect(refused.stderr).toMatch(/--skip-invalid/);
    expect((await perf('history', '2', '--json')).stdout).toBe(before);

    const skipped = await perf('values', 'import', files.path('valori.xlsx'), '--skip-invalid');
    expect(skipped.stdout).toMatch(/2 registrati\.\nRighe scartate \(4\):\n {2}- riga 3/);
    const again = await perf('values', 'import', files.path('valori.xlsx'), '--skip-invalid');
    expect(again.stdout).toMatch(/0 registrati, 2 già presenti \(file già importato\)/);

    expect((await perf('values', 'import', files.path('valori.csv'))).stdout).toMatch(/3 registrati\./);
    expect((await perf('values', 'import', files.path('valori.csv'))).stdout).toMatch(/0 registrati, 3 già presenti/);
    const header = await runCli(['values', 'import', files.path('intestazione.csv'), '--db', db]);
    expect(header.stderr).toMatch(/intestazione non valida[\s\S]*colonne non previste: "valor"[\s\S]*manca la colonna valore/);
  }, 180_000);

  it('exports the status and every rilevazione to XLSX (two sheets) and CSV (two files), numbers as numbers', async () => {
    const status = JSON.parse((await perf('status', '--json')).stdout);
    expect(status.indicators.map((i: { id: number; value: number | null; period: string | null }) => [i.id, i.value, i.period])).toEqual([[1, 97.5, '2012-Q4'], [2, 28, '2012-Q4'], [3, 1, '2012-Q4']]);

    await perf('export', '--format', 'xlsx', '--out', files.path('stato.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(files.path('stato.xlsx'));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Stato', 'Rilevazioni']);
    const stato = workbook.getWorksheet('Stato')!;
    const headers = (stato.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => headers.indexOf(name) + 1;
    const rows = Array.from({ length: stato.rowCount - 1 }, (_, i) => stato.getRow(i + 2));
    const ente = rows.find((r) => r.getCell(column('livello')).value === 'ente')!;
    expect(ente.getCell(column('punteggio')).value).toBe(status.overall.score);
    expect(ente.getCell(column('grado %')).value).toBe(status.overall.percent);
    const indicator1 = rows.find((r) => r.getCell(column('livello')).value === 'indicatore' && r.getCell(column('id')).value === 1)!;
    expect(indicator1.getCell(column('valore')).value).toBe(97.5);
    expect(indicator1.getCell(column('target')).value).toBe(100);
    const rilevazioni = workbook.getWorksheet('Rilevazioni')!;
    expect(rilevazioni.rowCount - 1).toBe(5);
    const decimal = Array.from({ length: 5 }, (_, i) => rilevazioni.getRow(i + 2)).find((r) => r.getCell(5).value === '1,234');
    expect(decimal?.getCell(4).value).toBe(1.234);

    const csv = await perf('export', '--format', 'csv', '--out', files.path('stato.csv'), '--year', '2012');
    expect(csv.stdout).toMatch(/stato-stato\.csv[\s\S]*stato-rilevazioni\.csv/);
    const [head, ...body] = csvLines(files.path('stato-stato.csv'));
    expect(head?.slice(0, 3)).toEqual(['livello', 'id', 'descrizione']);
    expect(body.every((line) => line.length === head?.length)).toBe(true);
    const csvIndicator = body.find((line) => line[0] === 'indicatore' && line[1] === '1')!;
    expect(csvIndicator[head!.indexOf('valore')]).toBe('97.5');
    expect(Number(body[0]?.[head!.indexOf('punteggio')])).toBeCloseTo(status.overall.score, 10);
    const [rHead, ...rBody] = csvLines(files.path('stato-rilevazioni.csv'));
    expect(rHead).toContain('motivo fuori termine');
    expect(rBody).toHaveLength(5);
  }, 120_000);

  it('neutralises in the CSV export a note a spreadsheet would run as a formula (OWASP), keeping the note as stored', async () => {
    await perf('report', '2', 'value=27', 'period=2012-Q4', 'note==HYPERLINK("http://x.example";"apri")', '--as', 'd.capo');
    await perf('report', '1', 'value=98', 'period=2012-Q4', 'note=@SUM(1+1)', '--as', 's.uno');
    await perf('export', '--format', 'csv', '--out', files.path('formule.csv'), '--year', '2012');
    const text = readFileSync(files.path('formule-rilevazioni.csv'), 'utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://x.example"";""apri"")"`);
    expect(text).toMatch(/'@SUM\(1\+1\)/);
    expect(text).not.toMatch(/(^|,)"?[=@]/m);
    const history = JSON.parse((await perf('history', '2', '--json')).stdout) as { rilevazioni: { note: string | null }[] };
    expect(history.rilevazioni.at(-1)?.note).toBe('=HYPERLINK("http://x.example";"apri")');
  }, 120_000);
});

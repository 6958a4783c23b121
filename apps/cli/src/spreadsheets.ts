import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Cell, Sheet } from '@perf/core';
import { numberText, PerfError } from '@perf/model';
import ExcelJS from 'exceljs';
import type { ValueRow, ValueRows } from './import-files.ts';

/** The columns of a values spreadsheet: Italian headers, or their English forms. */
const COLUMNS: Record<string, keyof Omit<ValueRow, 'where' | 'key'>> = {
  indicatore: 'indicator', indicator: 'indicator',
  valore: 'value', value: 'value',
  periodo: 'period', period: 'period',
  nota: 'note', note: 'note',
  persona: 'by', by: 'by',
};

export const SHEET_FORM = 'Forma attesa: una prima riga di intestazione con le colonne indicatore, valore, periodo, nota, persona (oppure indicator, value, period, note, by); indicatore e valore sono obbligatori, una riga per valore.';

export function isSpreadsheet(path: string): boolean {
  return ['.csv', '.xlsx'].includes(extname(path).toLowerCase());
}

/** The text of a cell as a person typed it: numbers read back exactly, yes/no as sì/no, rich text joined. */
function cellText(value: ExcelJS.CellValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'sì' : 'no';
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return cellText(value.richText.map((r) => r.text).join(''));
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return undefined;
}

/** Excel writes `;` between fields where the decimal separator is a comma (Italian settings). */
function csvDelimiter(path: string): string {
  const firstLine = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return (firstLine.match(/;/g) ?? []).length > (firstLine.match(/,/g) ?? []).length ? ';' : ',';
}

async function readWorksheet(path: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    if (extname(path).toLowerCase() === '.csv') {
      // Cells stay text as typed (`23,5`, `1.234,5`, `83%`): the values' own parser reads them.
      return await workbook.csv.readFile(path, { parserOptions: { delimiter: csvDelimiter(path) }, map: (value: unknown) => value });
    }
    await workbook.xlsx.readFile(path);
  } catch (error) {
    if (error instanceof PerfError) throw error;
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT' || /File not found/.test((error as Error).message);
    throw new PerfError('FILE_UNREADABLE', missing ? `Il file "${path}" non esiste.` : `Il file "${basename(path)}" non è un foglio di calcolo leggibile: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new PerfError('VALUES_INVALID', `Il file "${basename(path)}" non contiene fogli.`, { hint: SHEET_FORM });
  return sheet;
}

/**
 * Reads the rows of a values spreadsheet (.xlsx: the first sheet; .csv: `,` or `;` separated). A row that
 * cannot be read (no indicator number, no value) becomes a problem naming its row number.
 */
export async function readValueSheet(path: string): Promise<ValueRows> {
  const sheet = await readWorksheet(path);
  const source = basename(path);
  let header: Map<number, keyof Omit<ValueRow, 'where' | 'key'>> | undefined;
  const rows: ValueRow[] = [];
  const problems: string[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = new Map<number, ExcelJS.CellValue>();
    row.eachCell({ includeEmpty: false }, (cell, column) => { cells.set(column, cell.value); });
    if (header === undefined) {
      const columns = new Map<number, keyof Omit<ValueRow, 'where' | 'key'>>();
      const unknown: string[] = [];
      for (const [column, value] of cells) {
        const name = (cellText(value) ?? '').replace(/^\uFEFF/, '').trim().toLowerCase();
        const key = COLUMNS[name];
        if (key === undefined) unknown.push(`"${name}"`);
        else if ([...columns.values()].includes(key)) unknown.push(`"${name}" (ripetuta)`);
        else columns.set(column, key);
      }
      header = columns;
      const missing = (['indicator', 'value'] as const).filter((k) => ![...columns.values()].includes(k));
      if (unknown.length > 0 || missing.length > 0) {
        throw new PerfError('VALUES_INVALID', `Il file "${source}" ha un'intestazione non valida (riga ${rowNumber}); nulla è stato registrato.`, {
          details: [
            ...(unknown.length > 0 ? [`colonne non previste: ${unknown.join(', ')} (controlla l'ortografia)`] : []),
            ...missing.map((k) => `manca la colonna ${k === 'indicator' ? 'indicatore' : 'valore'}`),
          ],
          hint: SHEET_FORM,
        });
      }
      return;
    }
    const text = new Map<keyof Omit<ValueRow, 'where' | 'key'>, string | undefined>();
    for (const [column, key] of header) text.set(key, cellText(cells.get(column)));
    if ([...text.values()].every((v) => v === undefined)) return;
    const where = `riga ${rowNumber}`;
    const indicatorText = text.get('indicator');
    if (indicatorText === undefined || !/^#?\d+$/.test(indicatorText)) {
      problems.push(`${where}: ${indicatorText === undefined ? 'manca il numero dell\'indicatore' : `"${indicatorText}" non è il numero di un indicatore`}`);
      return;
    }
    const value = text.get('value');
    if (value === undefined) {
      problems.push(`${where} (indicatore ${indicatorText}): manca il valore`);
      return;
    }
    rows.push({ where, key: `r${rowNumber}`, indicator: Number(indicatorText.replace('#', '')), value, period: text.get('period'), note: text.get('note'), by: text.get('by') });
  });
  if (header === undefined) throw new PerfError('VALUES_INVALID', `Il file "${source}" è vuoto.`, { hint: SHEET_FORM });
  if (rows.length === 0 && problems.length === 0) throw new PerfError('VALUES_INVALID', `Il file "${source}" non contiene valori.`, { hint: SHEET_FORM });
  return { rows, problems };
}

export type ExportFormat = 'csv' | 'xlsx';

export function exportFormat(text: string | undefined, out: string): ExportFormat {
  const format = (text ?? extname(out).slice(1)).toLowerCase();
  if (format === 'csv' || format === 'xlsx') return format;
  throw new PerfError('OPTION_INVALID', text === undefined ? 'Manca il formato.' : `Formato "${text}" non previsto.`, {
    hint: 'Forma corretta: pnpm perf export --format csv|xlsx --out <file>, ad esempio --format xlsx --out stato-2012.xlsx.',
  });
}

/** `stato.csv` → `stato-stato.csv` and `stato-rilevazioni.csv`: one CSV file per table. */
export function csvPaths(out: string, sheets: readonly Sheet[]): string[] {
  const base = out.replace(/\.csv$/i, '');
  return sheets.map((sheet) => `${base}-${sheet.name.toLowerCase()}.csv`);
}

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/**
 * Writes the tables: XLSX, one sheet per table; CSV, one file per table (see `csvPaths`), UTF-8 with
 * BOM, comma-separated, with numbers as plain numbers and instants in ISO 8601 (UTC). Returns the files.
 */
export async function writeSheets(sheets: readonly Sheet[], format: ExportFormat, out: string): Promise<string[]> {
  const fill = (workbook: ExcelJS.Workbook, sheet: Sheet, csv: boolean) => {
    const worksheet = workbook.addWorksheet(sheet.name);
    worksheet.columns = sheet.columns.map((header, index) => ({
      header, width: Math.min(60, Math.max(header.length + 2, ...sheet.rows.map((r) => cellWidth(r[index] ?? null)))),
    }));
    // In CSV every row has every column (an empty field for an empty cell); instants become ISO 8601 text.
    for (const row of sheet.rows) worksheet.addRow(row.map((cell): ExcelJS.CellValue => (!csv ? cell : cell === null ? '' : cell instanceof Date ? cell.toISOString() : cell)));
    if (!csv) {
      worksheet.getRow(1).font = { bold: true };
      worksheet.views = [{ state: 'frozen', ySplit: 1 }];
      sheet.columns.forEach((_, index) => {
        if (sheet.rows.some((r) => r[index] instanceof Date)) worksheet.getColumn(index + 1).numFmt = DATE_FORMAT;
      });
    }
    return worksheet;
  };
  if (format === 'xlsx') {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'perf';
    for (const sheet of sheets) fill(workbook, sheet, false);
    await workbook.xlsx.writeFile(out);
    return [out];
  }
  const paths = csvPaths(out, sheets);
  for (const [index, sheet] of sheets.entries()) {
    const workbook = new ExcelJS.Workbook();
    fill(workbook, sheet, true);
    await workbook.csv.writeFile(paths[index] ?? '', { sheetName: sheet.name, formatterOptions: { writeBOM: true } });
  }
  return paths;
}

function cellWidth(cell: Cell): number {
  if (cell === null) return 0;
  if (cell instanceof Date) return 19;
  return Math.min(60, String(cell).length + 2);
}

import { basename, extname } from 'node:path';
import type { ValueItem, ValueRow } from './commands/import-values.ts';
import { numberText, PerfError } from '@perf/model';
import ExcelJS from 'exceljs';

type Column = keyof Omit<ValueRow, 'where' | 'key'>;

/** The columns of a values spreadsheet: Italian headers, or their English forms. */
const COLUMNS: Record<string, Column> = {
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

/** One row of a sheet: its number as the spreadsheet shows it, and its cells by column (0-based), as written. */
interface SheetRow {
  readonly number: number;
  readonly cells: readonly (string | undefined)[];
}

/** A cell's text as a person typed it: trimmed, absent when empty. */
function cellAt(row: SheetRow, column: number | undefined): string | undefined {
  const raw = column === undefined ? undefined : row.cells[column];
  if (raw === undefined) return undefined;
  const text = raw.trim();
  return text === '' ? undefined : text;
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
function csvDelimiter(text: string): ';' | ',' {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return (firstLine.match(/;/g) ?? []).length > (firstLine.match(/,/g) ?? []).length ? ';' : ',';
}

/**
 * The records of a CSV text, one array of fields each: fields in double quotes may hold the delimiter,
 * line breaks and doubled quotes (`""`); lines end in LF or CRLF; a leading BOM is dropped; an empty
 * line is a record of one empty field (so records keep the line numbers a spreadsheet shows).
 */
export function* csvRecords(text: string, delimiter: string, source: string): Generator<string[]> {
  const length = text.length;
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let record = 0;
  // The next quote in the text, looked for again only once passed: most files have none.
  let quote = -1;
  while (position < length) {
    record++;
    let end = text.indexOf('\n', position);
    if (end === -1) end = length;
    if (quote < position) quote = text.indexOf('"', position);
    if (quote === -1) quote = length;
    if (quote > end) {
      // The common line: no quotes, so the fields are what lies between the delimiters.
      yield text.slice(position, text.charCodeAt(end - 1) === 13 && end > position ? end - 1 : end).split(delimiter);
      position = end + 1;
      continue;
    }
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let i = position;
    for (;;) {
      if (i >= length) {
        if (quoted) throw new PerfError('FILE_UNREADABLE', `Il file "${source}" non è un CSV leggibile: le virgolette aperte alla riga ${record} non si chiudono.`, { hint: SHEET_FORM });
        fields.push(field);
        position = length;
        break;
      }
      const c = text[i] ?? '';
      if (quoted) {
        if (c !== '"') field += c;
        else if (text[i + 1] === '"') { field += '"'; i++; }
        else quoted = false;
      } else if (c === '"') {
        quoted = true;
      } else if (c === delimiter) {
        fields.push(field);
        field = '';
      } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
        fields.push(field);
        position = c === '\r' ? i + 2 : i + 1;
        break;
      } else {
        field += c;
      }
      i++;
    }
    yield fields;
  }
}

function* csvRows(text: string, source: string): Generator<SheetRow> {
  let number = 0;
  for (const cells of csvRecords(text, csvDelimiter(text), source)) yield { number: ++number, cells };
}

async function xlsxRows(content: Buffer, source: string): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new PerfError('FILE_UNREADABLE', `Il file "${source}" non è un foglio di calcolo leggibile: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new PerfError('VALUES_INVALID', `Il file "${source}" non contiene fogli.`, { hint: SHEET_FORM });
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: (string | undefined)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => { cells[column - 1] = cellText(cell.value); });
    rows.push({ number, cells: Array.from(cells) });
  });
  return rows;
}

/** The column of each field named by a header row; refuses unknown, repeated and missing ones. */
function readHeader(row: SheetRow, source: string): Partial<Record<Column, number>> {
  const columns: Partial<Record<Column, number>> = {};
  const unknown: string[] = [];
  row.cells.forEach((_, index) => {
    const cell = cellAt(row, index);
    if (cell === undefined) return;
    const name = cell.replace(/^\uFEFF/, '').trim().toLowerCase();
    const key = COLUMNS[name];
    if (key === undefined) unknown.push(`"${name}"`);
    else if (columns[key] !== undefined) unknown.push(`"${name}" (ripetuta)`);
    else columns[key] = index;
  });
  const missing = (['indicator', 'value'] as const).filter((k) => columns[k] === undefined);
  if (unknown.length > 0 || missing.length > 0) {
    throw new PerfError('VALUES_INVALID', `Il file "${source}" ha un'intestazione non valida (riga ${row.number}); nulla è stato registrato.`, {
      details: [
        ...(unknown.length > 0 ? [`colonne non previste: ${unknown.join(', ')} (controlla l'ortografia)`] : []),
        ...missing.map((k) => `manca la colonna ${k === 'indicator' ? 'indicatore' : 'valore'}`),
      ],
      hint: SHEET_FORM,
    });
  }
  return columns;
}

/**
 * The values of a sheet's rows, after its header row. A row that cannot be read (no indicator number,
 * no value) becomes a problem naming its row number; empty rows are passed over.
 */
function* valueItems(rows: Iterable<SheetRow>, source: string): Generator<ValueItem> {
  let header: Partial<Record<Column, number>> | undefined;
  let items = 0;
  for (const row of rows) {
    if (header === undefined) {
      if (row.cells.every((_, index) => cellAt(row, index) === undefined)) continue;
      header = readHeader(row, source);
      continue;
    }
    const indicatorText = cellAt(row, header.indicator);
    const value = cellAt(row, header.value);
    const period = cellAt(row, header.period);
    const note = cellAt(row, header.note);
    const by = cellAt(row, header.by);
    if (indicatorText === undefined && value === undefined && period === undefined && note === undefined && by === undefined) continue;
    items++;
    const where = `riga ${row.number}`;
    if (indicatorText === undefined || !/^#?\d+$/.test(indicatorText)) {
      yield { problem: `${where}: ${indicatorText === undefined ? 'manca il numero dell\'indicatore' : `"${indicatorText}" non è il numero di un indicatore`}` };
      continue;
    }
    if (value === undefined) {
      yield { problem: `${where} (indicatore ${indicatorText}): manca il valore` };
      continue;
    }
    yield { where, key: `r${row.number}`, indicator: Number(indicatorText.replace('#', '')), value, period, note, by };
  }
  if (header === undefined) throw new PerfError('VALUES_INVALID', `Il file "${source}" è vuoto.`, { hint: SHEET_FORM });
  if (items === 0) throw new PerfError('VALUES_INVALID', `Il file "${source}" non contiene valori.`, { hint: SHEET_FORM });
}

/**
 * The values of a spreadsheet, read row by row as they are imported: .xlsx, its first sheet (through
 * exceljs); .csv, `,` or `;` separated, with the small reader above (exceljs's CSV reader is slow on
 * large files).
 */
export async function readValueSheet(path: string, bytes: Uint8Array): Promise<Iterable<ValueItem>> {
  const source = basename(path);
  const content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (extname(path).toLowerCase() === '.csv') return valueItems(csvRows(content.toString('utf8'), source), source);
  return valueItems(await xlsxRows(content, source), source);
}

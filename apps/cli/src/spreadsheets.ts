import { extname, join } from 'node:path';
import type { Cell, PlanLabel, Sheet, StatusExport } from '@perf/core';
import { PerfError } from '@perf/model';
import ExcelJS from 'exceljs';
import { outputKind, writeOutputFile } from './files.ts';

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

/** The usual name of an XLSX export (the dashboard's download too): `Stato-CCIAA-MS-2012.xlsx`. */
export function xlsxFileName(plan: PlanLabel): string {
  return `Stato-${plan.ente}-${plan.year}.xlsx`;
}

/** The usual names of an export: its XLSX file, or `CCIAA-MS-2012-stato.csv` and `CCIAA-MS-2012-rilevazioni.csv`. */
export function exportFileNames(plan: PlanLabel, sheets: readonly Sheet[], format: ExportFormat): string[] {
  return format === 'xlsx' ? [xlsxFileName(plan)] : csvPaths(`${plan.ente}-${plan.year}`, sheets);
}

/** Where an export goes: the file named by --out, the CSV files beside it, or the usual names inside a folder. */
export function exportPaths(out: string, exported: StatusExport, format: ExportFormat): string[] {
  const kind = outputKind(out);
  if (kind === 'folder') return exportFileNames(exported.plan, exported.sheets, format).map((name) => join(out, name));
  if (format === 'xlsx') return [out];
  if (kind === 'other') {
    throw new PerfError('OPTION_INVALID', `"${out}" non è né un file né una cartella: l'export CSV scrive un file per tabella (${csvPaths(out, exported.sheets).join(', ')}).`, {
      hint: 'Forma corretta: pnpm perf export --format csv --out <file.csv|cartella>, ad esempio --out stato-2012.csv oppure --out out/.',
    });
  }
  return csvPaths(out, exported.sheets);
}

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** One table as a worksheet: a header row, then the rows (in CSV, empty cells as empty fields and instants as ISO 8601). */
function fill(workbook: ExcelJS.Workbook, sheet: Sheet, csv: boolean): ExcelJS.Worksheet {
  const worksheet = workbook.addWorksheet(sheet.name);
  worksheet.columns = sheet.columns.map((header, index) => ({
    header, width: Math.min(60, Math.max(header.length + 2, ...sheet.rows.map((r) => cellWidth(r[index] ?? null)))),
  }));
  // In CSV every row has every column (an empty field for an empty cell); instants become ISO 8601 text.
  for (const row of sheet.rows) worksheet.addRow(row.map((cell): ExcelJS.CellValue => (!csv ? cell : cell === null ? '' : cell instanceof Date ? cell.toISOString() : neutralised(cell))));
  if (!csv) {
    worksheet.getRow(1).font = { bold: true };
    worksheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.columns.forEach((_, index) => {
      if (sheet.rows.some((r) => r[index] instanceof Date)) worksheet.getColumn(index + 1).numFmt = DATE_FORMAT;
    });
  }
  return worksheet;
}

/** The sheets as one workbook (bold, frozen header row; dates formatted). */
function xlsxWorkbook(sheets: readonly Sheet[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'perf';
  for (const sheet of sheets) fill(workbook, sheet, false);
  return workbook;
}

/** The XLSX file of the sheets, in memory (the dashboard's download). */
export async function xlsxBuffer(sheets: readonly Sheet[]): Promise<Uint8Array> {
  return new Uint8Array(await xlsxWorkbook(sheets).xlsx.writeBuffer());
}

/**
 * Writes the tables (each file whole or not at all, see `exportPaths` for where): XLSX, one sheet per
 * table; CSV, one file per table, UTF-8 with BOM, comma-separated, with numbers as plain numbers and
 * instants in ISO 8601 (UTC). Returns the files.
 */
export async function writeSheets(exported: StatusExport, format: ExportFormat, out: string): Promise<string[]> {
  const paths = exportPaths(out, exported, format);
  const contents = format === 'xlsx' ? [await xlsxBuffer(exported.sheets)] : await Promise.all(exported.sheets.map(csvBuffer));
  contents.forEach((content, index) => writeOutputFile(paths[index] ?? '', content));
  return paths;
}

async function csvBuffer(sheet: Sheet): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook, sheet, true);
  return new Uint8Array(await workbook.csv.writeBuffer({ sheetName: sheet.name, formatterOptions: { writeBOM: true } }));
}

/** OWASP CSV injection: a text cell a spreadsheet would read as a formula starts with a quote. */
export function neutralised(cell: string | number): string | number {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function cellWidth(cell: Cell): number {
  if (cell === null) return 0;
  if (cell instanceof Date) return 19;
  return Math.min(60, String(cell).length + 2);
}

import ExcelJS from 'exceljs';
import type { Cell, Sheet } from './commands/export.ts';
import type { PlanLabel } from './replies.ts';

/*
 * The export's tables as spreadsheet files, in memory: the CLI writes them to disk, the dashboard
 * serves them. XLSX: bold, frozen header row, dates formatted. CSV: one file per table, numbers as plain
 * numbers, instants in ISO 8601 (UTC), text cells a spreadsheet would read as formulas neutralised.
 */

/** The usual name of an XLSX export (the dashboard's download too): `Stato-CCIAA-MS-2012.xlsx`. */
export function xlsxFileName(plan: PlanLabel): string {
  return `Stato-${plan.ente}-${plan.year}.xlsx`;
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

/** One table as a CSV file, in memory: UTF-8 with BOM, comma-separated, formulas neutralised. */
export async function csvBuffer(sheet: Sheet): Promise<Uint8Array> {
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

import { extname, join } from 'node:path';
import { csvBuffer, xlsxBuffer, xlsxFileName, type PlanLabel, type Sheet, type StatusExport } from '@perf/core';
import { PerfError } from '@perf/model';
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

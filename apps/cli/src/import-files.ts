import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { BILANCIO, GENERE, formatDateTime, importValues, resolveActor, resolvePlan, writeMeta, assertCanImportPlan, type CommandContext, type ValueItem, type ValuesImportOptions } from '@perf/core';
import { parseBilancio } from '@perf/finance-indices';
import { parseGenere } from '@perf/gender';
import { parsePlan, parseValuesFile, PerfError, type Plan } from '@perf/model';
import { isSpreadsheet, readValueSheet } from './spreadsheets.ts';

export function readTextFile(path: string): string {
  return readFileOrFail(path).toString('utf8');
}

/** Validates and stores a plan in one transaction; an identical plan already stored is left as it is. */
export async function importPlanFile(path: string, context: CommandContext): Promise<string> {
  const plan = parsePlan(readTextFile(path), basename(path));
  if (context.ente !== undefined && context.ente.toLowerCase() !== plan.ente.code.toLowerCase()) {
    throw new PerfError('ENTE_MISMATCH', `Il Piano "${basename(path)}" è di ${plan.ente.code}, non di ${context.ente}: nulla è stato importato.`, { hint: `Forma corretta: pnpm perf plan import ${basename(path)} (l'ente è quello del file).` });
  }
  const actor = resolveActor(plan, context.identity);
  assertCanImportPlan(actor);
  const stored = await context.store.getPlan(plan.ente.code, plan.year);
  if (stored && JSON.stringify(stored) === JSON.stringify(plan)) {
    return `Piano ${plan.ente.code} ${plan.year} già presente e identico: nulla da importare.`;
  }
  const yearLock = await context.store.lockCovering(plan.ente.code, plan.year, String(plan.year));
  if (yearLock) {
    throw new PerfError('YEAR_CLOSED', `L'anno ${plan.year} di ${plan.ente.code} è chiuso (da ${yearLock.closedBy} il ${formatDateTime(yearLock.closedAt)}): il suo Piano non cambia più; nulla è stato importato.`, {
      hint: `Per l'anno successivo: pnpm perf plan rollover --from ${plan.year} --to ${plan.year + 1} --out piano-${plan.year + 1}.yaml`,
    });
  }
  const result = await context.store.importPlan(plan, writeMeta(context, actor), basename(path));
  const lines = [
    `${result.replaced ? 'Piano aggiornato' : 'Piano importato'}: ${plan.ente.name} (${plan.ente.code}) ${plan.year} — ${plan.strategic_objectives.length} obiettivi strategici, ${plan.operational_objectives.length} operativi, ${plan.indicators.length} indicatori, ${plan.people.length} persone.`,
  ];
  if (result.replaced) lines.push(`Rilevazioni mantenute: ${result.keptRilevazioni}.`);
  if (result.orphanedIndicators.length > 0) lines.push(`Attenzione: gli indicatori ${result.orphanedIndicators.join(', ')} non sono più nel Piano; le loro rilevazioni restano nello storico ma non contano.`);
  return lines.join('\n');
}

/**
 * Stores a file of values (YAML, or a .csv / .xlsx spreadsheet) in one transaction, every row checked
 * like a report (see `importValues`). Any bad row stores nothing, unless `skipInvalid`. Request keys
 * make a re-import of the same file store nothing twice.
 */
export async function importValuesFile(path: string, context: CommandContext, options: ValuesImportOptions = {}): Promise<string> {
  const name = basename(path);
  const content = readFileOrFail(path);
  const digest = createHash('sha256').update(content).digest('hex').slice(0, 16);
  if (isSpreadsheet(path)) {
    return importValues({ name, digest, ente: (await resolvePlan(context)).ente.code, items: await readValueSheet(path, content) }, context, options);
  }
  const file = parseValuesFile(content.toString('utf8'), name);
  if (context.ente !== undefined && context.ente.toLowerCase() !== file.ente.toLowerCase()) {
    throw new PerfError('ENTE_MISMATCH', `Il file "${name}" contiene valori di ${file.ente}, non di ${context.ente}: nulla è stato registrato.`, { hint: `Forma corretta: pnpm perf values import ${name} --ente ${file.ente} (oppure senza --ente).` });
  }
  const plan = await context.store.getPlan(file.ente, file.year);
  if (!plan) throw new PerfError('NO_PLAN', `Nessun Piano ${file.ente} ${file.year} nel database: importa prima il Piano.`, { hint: 'pnpm perf plan import <piano.yaml>' });
  const items = file.values.map((entry, index): ValueItem => ({
    where: `values[${index}]`, key: String(index), indicator: entry.indicator, value: entry.value, period: entry.period, note: entry.note, by: entry.by,
  }));
  return importValues({ name, digest, ente: file.ente, items }, context, options);
}

function readFileOrFail(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PerfError('FILE_UNREADABLE', code === 'ENOENT' ? `Il file "${path}" non esiste.` : `Impossibile leggere "${path}": ${(error as Error).message}`);
  }
}

/** The ente a yearly document belongs to: `--ente`, the document's own `ente`, or the only ente stored. */
async function documentEnte(context: CommandContext, declared: string | undefined): Promise<string> {
  const entes = [...new Set((await context.store.listPlans()).map((p) => p.ente))];
  const ente = context.ente ?? declared ?? (entes.length === 1 ? entes[0] : undefined);
  if (ente === undefined) {
    throw new PerfError('ENTE_AMBIGUOUS', entes.length === 0 ? 'Nessun ente nel database: importa prima il Piano.' : `Il database contiene più enti (${entes.join(', ')}): indica quale.`, { hint: 'Forma corretta: --ente <codice>.' });
  }
  return ente;
}

async function importYearlyDocument(kind: string, path: string, context: CommandContext, parse: (text: string, source: string) => { year: number; ente?: { code: string } | undefined }): Promise<string> {
  const document = parse(readTextFile(path), basename(path));
  const ente = await documentEnte(context, document.ente?.code);
  const plan = (await context.store.getPlan(ente, document.year)) ?? (await latestPlanOf(context, ente));
  if (!plan) throw new PerfError('NO_PLAN', `Nessun Piano per ${ente}: importa prima il Piano.`);
  const actor = resolveActor(plan, context.identity);
  assertCanImportPlan(actor);
  await context.store.saveDocument(kind, ente, document.year, document, writeMeta(context, actor), basename(path));
  return `${kind === BILANCIO ? 'Bilancio' : 'Dati di genere'} ${ente} ${document.year} importati da ${basename(path)}.`;
}

async function latestPlanOf(context: CommandContext, ente: string): Promise<Plan | undefined> {
  const years = (await context.store.listPlans()).filter((p) => p.ente === ente).map((p) => p.year).sort((a, b) => b - a);
  return years[0] === undefined ? undefined : context.store.getPlan(ente, years[0]);
}

export function importBilancioFile(path: string, context: CommandContext): Promise<string> {
  return importYearlyDocument(BILANCIO, path, context, parseBilancio);
}

export function importGenereFile(path: string, context: CommandContext): Promise<string> {
  return importYearlyDocument(GENERE, path, context, parseGenere);
}

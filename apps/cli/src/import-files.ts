import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { BILANCIO, GENERE, formatDateTime, resolveActor, resolvePlan, submitReport, writeMeta, assertCanImportPlan, type Actor, type CommandContext, type Identity } from '@perf/core';
import { parseBilancio } from '@perf/finance-indices';
import { parseGenere } from '@perf/gender';
import { parsePeriodText, parsePlan, parseValuesFile, PerfError, type Plan } from '@perf/model';
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

/** One value to import, from a YAML entry or a spreadsheet row; `where` names it in messages. */
export interface ValueRow {
  readonly where: string;
  /** Identifies the row within its file, for the request key that makes a re-import harmless. */
  readonly key: string;
  readonly indicator: number;
  readonly value: string;
  readonly period: string | undefined;
  readonly note: string | undefined;
  readonly by: string | undefined;
}

/** The rows of a file, and the rows that could not even be read (each naming its place). */
export interface ValueRows {
  readonly rows: readonly ValueRow[];
  readonly problems: readonly string[];
}

export interface ValuesImportOptions {
  /** Store the good rows and report the bad ones, instead of storing nothing. */
  readonly skipInvalid?: boolean;
  /** `--motivo`: the reason for values of closed periods (accepted only from the controllo). */
  readonly reason?: string | undefined;
}

/**
 * Stores a file of values (YAML, or a .csv / .xlsx spreadsheet) in one transaction. Each row is checked
 * like a report: as its `persona` / `by` (default: the indicator's owner) when the controllo imports,
 * otherwise as the importer. Any bad row stores nothing, unless `skipInvalid`. Request keys make a
 * re-import of the same file store nothing twice.
 */
export async function importValuesFile(path: string, context: CommandContext, options: ValuesImportOptions = {}): Promise<string> {
  const source = basename(path);
  if (isSpreadsheet(path)) {
    const digest = createHash('sha256').update(readFileOrFail(path)).digest('hex').slice(0, 16);
    return importValueRows(await readValueSheet(path), source, digest, (await resolvePlan(context)).ente.code, context, options);
  }
  const text = readTextFile(path);
  const file = parseValuesFile(text, source);
  if (context.ente !== undefined && context.ente.toLowerCase() !== file.ente.toLowerCase()) {
    throw new PerfError('ENTE_MISMATCH', `Il file "${source}" contiene valori di ${file.ente}, non di ${context.ente}: nulla è stato registrato.`, { hint: `Forma corretta: pnpm perf values import ${source} --ente ${file.ente} (oppure senza --ente).` });
  }
  const plan = await context.store.getPlan(file.ente, file.year);
  if (!plan) throw new PerfError('NO_PLAN', `Nessun Piano ${file.ente} ${file.year} nel database: importa prima il Piano.`, { hint: 'pnpm perf plan import <piano.yaml>' });
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const rows = file.values.map((entry, index): ValueRow => ({
    where: `values[${index}]`, key: String(index), indicator: entry.indicator, value: entry.value, period: entry.period, note: entry.note, by: entry.by,
  }));
  return importValueRows({ rows, problems: [] }, source, digest, file.ente, context, options);
}

async function importValueRows(file: ValueRows, source: string, digest: string, ente: string, context: CommandContext, options: ValuesImportOptions): Promise<string> {
  const problems = [...file.problems];
  let stored = 0;
  let duplicates = 0;
  let late = 0;
  const enteContext: CommandContext = { ...context, ente };
  const importer = resolveActor(await resolvePlan(enteContext), context.identity);
  await context.store.transaction(async (tx) => {
    for (const row of file.rows) {
      try {
        const rowContext: CommandContext = { ...enteContext, store: tx };
        const reply = await submitReport({ indicator: row.indicator, rawValue: row.value, period: row.period, note: row.note, reason: options.reason },
          { ...rowContext, identity: await rowIdentity(row, importer, rowContext), requestKey: `values:${digest}:${row.key}` },
          { overrideIdentity: context.identity });
        if (reply.duplicate) duplicates++;
        else stored++;
        if (reply.override && !reply.duplicate) late++;
      } catch (error) {
        if (!(error instanceof PerfError)) throw error;
        problems.push(`${row.where} (indicatore ${row.indicator}): ${error.message}`);
      }
    }
    if (problems.length > 0 && !options.skipInvalid) {
      throw new PerfError('VALUES_INVALID', `Il file dei valori "${source}" contiene ${problems.length} ${problems.length === 1 ? 'valore non valido' : 'valori non validi'}; nulla è stato registrato.`, {
        details: problems, hint: 'Correggi le righe indicate e reimporta il file, oppure usa --skip-invalid per registrare le righe valide e scartare le altre.',
      });
    }
  });
  const lines = [`Valori ${ente} da ${source}: ${stored} registrati${late > 0 ? ` (${late} fuori termine, con motivo)` : ''}${duplicates > 0 ? `, ${duplicates} già presenti (file già importato)` : ''}.`];
  if (problems.length > 0) lines.push(`Righe scartate (${problems.length}):`, ...problems.map((p) => `  - ${p}`));
  return lines.join('\n');
}

/**
 * Who reports a row: the controllo imports on behalf of the row's person (default: the indicator's
 * owner); anyone else imports only as themselves.
 */
async function rowIdentity(row: ValueRow, importer: Actor, context: CommandContext): Promise<Identity> {
  const identity = context.identity;
  if (importer.role !== 'controllo' || identity.kind !== 'operator') {
    if (row.by !== undefined && row.by !== importer.id) {
      throw new PerfError('PERMISSION_DENIED', `${importer.name} non può importare valori a nome di ${row.by}: solo il controllo di gestione importa valori per conto di altri.`, { hint: 'Lascia vuota la colonna persona, oppure fai importare il file al controllo di gestione.' });
    }
    return identity;
  }
  const period = row.period === undefined ? undefined : parsePeriodText(row.period);
  const plan = await resolvePlan(context, period?.year);
  const owner = plan.indicators.find((i) => i.id === row.indicator)?.owner;
  return { ...identity, personId: row.by ?? owner ?? identity.personId };
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

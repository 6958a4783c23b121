import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { BILANCIO, GENERE, resolveActor, submitReport, writeMeta, assertCanImportPlan, type CommandContext } from '@perf/core';
import { parseBilancio } from '@perf/finance-indices';
import { parseGenere } from '@perf/gender';
import { parsePlan, parseValuesFile, PerfError, type Plan } from '@perf/model';

export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PerfError('FILE_UNREADABLE', code === 'ENOENT' ? `Il file "${path}" non esiste.` : `Impossibile leggere "${path}": ${(error as Error).message}`);
  }
}

/** Validates and stores a plan in one transaction; an identical plan already stored is left as it is. */
export async function importPlanFile(path: string, context: CommandContext): Promise<string> {
  const plan = parsePlan(readTextFile(path), basename(path));
  const actor = resolveActor(plan, context.identity);
  assertCanImportPlan(actor);
  const stored = await context.store.getPlan(plan.ente.code, plan.year);
  if (stored && JSON.stringify(stored) === JSON.stringify(plan)) {
    return `Piano ${plan.ente.code} ${plan.year} già presente e identico: nulla da importare.`;
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
 * Stores a file of values in one transaction, each entry checked like a report by its `by` person
 * (default: the indicator's owner). Any bad entry stores nothing. Re-importing the same file is a no-op.
 */
export async function importValuesFile(path: string, context: CommandContext): Promise<string> {
  const text = readTextFile(path);
  const file = parseValuesFile(text, basename(path));
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const plan = await context.store.getPlan(file.ente, file.year);
  if (!plan) throw new PerfError('NO_PLAN', `Nessun Piano ${file.ente} ${file.year} nel database: importa prima il Piano.`, { hint: 'pnpm perf plan import <piano.yaml>' });
  const problems: string[] = [];
  let stored = 0;
  let duplicates = 0;
  await context.store.transaction(async (tx) => {
    for (const [index, entry] of file.values.entries()) {
      const owner = plan.indicators.find((i) => i.id === entry.indicator)?.owner;
      const identity = context.identity.kind === 'operator' ? { ...context.identity, personId: entry.by ?? owner ?? context.identity.personId } : context.identity;
      try {
        const reply = await submitReport({ indicator: entry.indicator, rawValue: entry.value, period: entry.period, note: entry.note },
          { ...context, store: tx, ente: file.ente, identity, requestKey: `values:${digest}:${index}` });
        if (reply.duplicate) duplicates++;
        else stored++;
      } catch (error) {
        if (!(error instanceof PerfError)) throw error;
        problems.push(`values[${index}] (indicatore ${entry.indicator}): ${error.message}`);
      }
    }
    if (problems.length > 0) {
      throw new PerfError('VALUES_INVALID', `Il file dei valori "${basename(path)}" contiene ${problems.length} ${problems.length === 1 ? 'valore non valido' : 'valori non validi'}; nulla è stato registrato.`, { details: problems });
    }
  });
  return `Valori ${file.ente} ${file.year}: ${stored} registrati${duplicates > 0 ? `, ${duplicates} già presenti (file già importato)` : ''}.`;
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

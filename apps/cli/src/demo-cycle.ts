import { commentCommand, contextImportCommand, financeImportCommand, genderImportCommand, planImportCommand, renderText, valuesImportCommand, type CommandContext } from '@perf/core';
import { comparePeriods, countErrors, parseValuesFile, parseYamlWith, PerfError, periodEnd, readPeriod, validateDocument, type InvalidDocument } from '@perf/model';
import { stringify } from 'yaml';
import * as z from 'zod';
import { readInputFile } from './files.ts';

const DAY_MS = 86_400_000;

/**
 * The example's cycle as it was recorded, so the Relazione's process chapter tells 2012 and not the
 * day the demo ran. The Piano della Performance 2012-2014 was adopted on 27 January 2012 (seed L2582);
 * the days the values were reported are not in the seed: each period's are stamped ten days after it
 * ends, the year's consuntivo and the bilanci 45 days after the year (reconstructed, and said so).
 */
export const PLAN_ADOPTED = new Date('2012-01-27T12:00:00+01:00');
const reportedAt = (period: string): Date => {
  const parsed = readPeriod(period);
  return new Date(periodEnd(parsed).getTime() + (parsed.kind === 'Y' ? 45 : 10) * DAY_MS + 10 * 3_600_000);
};

export const RECONSTRUCTED_DATES = 'Date del ciclo: Piano adottato il 27/01/2012 (dal seme); le date delle rilevazioni non sono nel seme e sono ricostruite (dieci giorni dopo la fine di ciascun periodo, il consuntivo 45 giorni dopo l’anno).';

const at = (context: CommandContext, instant: Date): CommandContext => ({ ...context, clock: () => instant });

/** Loads the example's plan, values (one file per period, each at its reporting date), bilanci, gender and context data. */
export async function loadExampleCycle(path: (name: string) => string, context: CommandContext): Promise<string[]> {
  const lines = [renderText(await planImportCommand.run({ files: [readInputFile(path('piano-2012.yaml'))] }, at(context, PLAN_ADOPTED)))];
  const values = readInputFile(path('valori-2012.yaml'));
  const document = parseValuesFile(Buffer.from(values.content).toString('utf8'), values.name);
  const periods = [...new Set(document.values.map((v) => v.period))].sort((a, b) => comparePeriods(readPeriod(a), readPeriod(b)));
  for (const period of periods) {
    const rows = document.values.filter((v) => v.period === period);
    const content = Buffer.from(stringify({ ente: document.ente, year: document.year, values: rows }), 'utf8');
    const reply = await valuesImportCommand.run({ files: [{ name: `valori-2012 (${period}).yaml`, content }] }, at(context, reportedAt(period)));
    lines.push(renderText(reply));
  }
  const closing = at(context, reportedAt(String(document.year)));
  lines.push(renderText(await financeImportCommand.run({ files: ['bilancio-2011.yaml', 'bilancio-2012.yaml'].map((name) => readInputFile(path(name))) }, closing)));
  lines.push(renderText(await genderImportCommand.run({ files: [readInputFile(path('genere-2012.yaml'))] }, closing)));
  // After the gender data: the context's staff tables are checked against its count per category.
  lines.push(renderText(await contextImportCommand.run({ files: [readInputFile(path('contesto-2012.yaml'))] }, closing)));
  lines.push(...await recordCriticita(path('criticita-2012.yaml'), at(context, new Date(reportedAt(String(document.year)).getTime() + 5 * DAY_MS))));
  lines.push(RECONSTRUCTED_DATES);
  return lines;
}

/** The example's criticità file: the seed's causes, opportunities and corrective actions per objective. */
const CriticitaSchema = z.strictObject({
  ente: z.string(),
  year: z.number().int(),
  commenti: z.array(z.strictObject({ obiettivo: z.string(), causa: z.string(), opportunita: z.string().optional(), azione: z.string() })),
});

/** Records the seed's criticità as the controllo would, with `commento`, after the year is closed. */
async function recordCriticita(file: string, context: CommandContext): Promise<string[]> {
  const input = readInputFile(file);
  // Read like every other document: a bad file gets one Italian line per field, not a raw schema error.
  const invalid: InvalidDocument = (details) => new PerfError('YAML_INVALID', `Il file delle criticità "${input.name}" non è valido (${countErrors(details)}).`, { details });
  const { commenti } = parseYamlWith(Buffer.from(input.content).toString('utf8'), input.name, (document) => validateDocument(CriticitaSchema, document, invalid), invalid);
  for (const c of commenti) {
    await commentCommand.run({ objective: c.obiettivo, causa: c.causa, azione: c.azione, ...(c.opportunita === undefined ? {} : { opportunita: c.opportunita }) }, context);
  }
  return [`Criticità ${input.name}: ${commenti.length} commenti (causa, opportunità, azione correttiva) registrati come dal controllo di gestione.`];
}

import * as z from 'zod';
import { PerfError } from './errors.ts';
import { countErrors, parseYamlWith, validateDocument, type InvalidDocument } from './documents.ts';
import { numberText } from './values.ts';

/**
 * A file of rilevazioni to load in bulk (the example's 2012 values, or an office's back-fill):
 * each entry is reported as if `by` had typed it, through the same checks as a chat report.
 */
export const ValuesFileSchema = z.strictObject({
  ente: z.string().trim().min(1),
  year: z.number().int(),
  values: z.array(z.strictObject({
    indicator: z.number().int().positive(),
    period: z.union([z.string(), z.number().int()]).transform((v) => String(v)),
    value: z.union([z.number(), z.boolean(), z.string()]).transform((v) => (typeof v === 'boolean' ? (v ? 'sì' : 'no') : typeof v === 'number' ? numberText(v) : v)),
    by: z.string().trim().min(1).optional(),
    note: z.string().optional(),
    /** The document the value is taken from (e.g. «Relazione sulla Performance 2012»). */
    fonte: z.string().trim().min(1).optional(),
    /** True for a value its source does not print (reconstructed): the Relazione marks it. */
    ricostruito: z.boolean().optional(),
  })).min(1),
});

export type ValuesFile = z.infer<typeof ValuesFileSchema>;

export function parseValuesFile(yamlText: string, source = 'valori'): ValuesFile {
  const invalid: InvalidDocument = (details) => new PerfError('VALUES_INVALID', `Il file dei valori "${source}" non è valido (${countErrors(details)}); nulla è stato registrato.`, {
    details,
    hint: 'Forma attesa: ente: CODICE, year: AAAA, values: [ { indicator: 12, period: "2012-Q4", value: 23, by: persona, note: "..." } ].',
  });
  return parseYamlWith(yamlText, source, (document) => validateDocument(ValuesFileSchema, document, invalid), invalid);
}

import type * as z from 'zod';
import { isPerfError, PerfError } from './errors.ts';
import { parseYamlDocument } from './plan-yaml.ts';
import { formatZodIssues } from './zod-issues.ts';

/** Builds the one error of an invalid input file from its detail lines. */
export type InvalidDocument = (details: readonly string[]) => PerfError;

/**
 * Validates a parsed document against a schema, then against checks the schema cannot express;
 * every problem becomes one detail line (field path first) of a single PerfError.
 */
export function validateDocument<S extends z.ZodType>(schema: S, document: unknown, invalid: InvalidDocument, crossCheck?: (data: z.infer<S>) => string[]): z.infer<S> {
  // Without reportInput zod omits the bad value, and a wrong value would read as a missing field.
  const result = schema.safeParse(document, { reportInput: true });
  if (!result.success) throw invalid(formatZodIssues(result.error.issues));
  const problems = crossCheck?.(result.data) ?? [];
  if (problems.length > 0) throw invalid(problems);
  return result.data;
}

/** Parses YAML text and validates it; a syntax error is reported as the same kind of invalid file. */
export function parseYamlWith<T>(yamlText: string, source: string, validate: (document: unknown) => T, invalid: InvalidDocument): T {
  let document: unknown;
  try {
    document = parseYamlDocument(yamlText, source);
  } catch (error) {
    if (isPerfError(error)) throw invalid([error.message]);
    throw error;
  }
  return validate(document);
}

/** "(1 errore)" / "(3 errori)". */
export function countErrors(details: readonly string[]): string {
  return `${details.length} ${details.length === 1 ? 'errore' : 'errori'}`;
}

import * as z from 'zod';
// The namespace import and the one locale let esbuild leave out zod's other ~50 locales and its JSON
// Schema converters (0.56 MB of the CLI's 1.35 MB bundle), which `z.locales.it()` pulled in.
import { it as italianLocale } from 'zod/locales';

z.config(italianLocale());

/** `indicators[3].target` from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(radice del file)' : out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `campo obbligatorio mancante (atteso ${italianType(issue.expected)})`;
      return `atteso ${italianType(issue.expected)}, trovato ${describeValue(issue.input)}`;
    case 'unrecognized_keys':
      return `chiave non prevista ${issue.keys.map((k) => `"${k}"`).join(', ')} (controlla l'ortografia)`;
    case 'invalid_value':
      return `valore non ammesso ${describeValue(issue.input)}: ammessi ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

function italianType(expected: string): string {
  const names: Record<string, string> = {
    number: 'un numero', string: 'un testo', boolean: 'un valore sì/no', array: 'un elenco', object: 'una sezione con chiavi',
    int: 'un numero intero', bigint: 'un numero intero',
  };
  return names[expected] ?? expected;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'niente';
  if (value === null) return 'un valore vuoto';
  if (Array.isArray(value)) return 'un elenco';
  if (typeof value === 'object') return 'una sezione';
  if (typeof value === 'string') return `il testo "${value}"`;
  return String(value);
}

/** One Italian line per issue, each starting with the field path. */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[], basePath: readonly PropertyKey[] = []): string[] {
  return issues.map((issue) => {
    const path = [...basePath, ...issue.path];
    if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) {
      return `${formatPath([...path, issue.keys[0] as string])}: chiave non prevista (controlla l'ortografia)`;
    }
    return `${formatPath(path)}: ${describeIssue(issue)}`;
  });
}

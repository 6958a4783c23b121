import { z } from 'zod';
import type { Field, FieldKind, FileInput } from './command.ts';

/** A check of a word's text: the Italian problem, or undefined when it is right. */
export type TextCheck = (text: string) => string | undefined;

function checked(base: z.ZodString, check: TextCheck | undefined): z.ZodType<string> {
  return check === undefined ? base : base.superRefine((text, ctx) => {
    const problem = check(text);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** A text parameter that must be given: `missing` is the answer when it is not. */
export function requiredText(missing: string, check?: TextCheck): z.ZodType<string> {
  return checked(z.string({ error: missing }), (text) => (text.trim() === '' ? missing : check?.(text)));
}

/** A text parameter that may be left out. */
export function optionalText(check?: TextCheck): z.ZodType<string | undefined> {
  return checked(z.string(), check).optional();
}

export const INDICATOR_WORD = /^#?\d+$/;
export const YEAR_WORD = /^\d{4}$/;

/** `12` or `#12`. */
export const indicatorCheck: TextCheck = (text) => (INDICATOR_WORD.test(text) ? undefined : `"${text}" non è il numero di un indicatore.`);

/** Four digits. */
export function yearCheck(label: string): TextCheck {
  return (text) => (YEAR_WORD.test(text) ? undefined : `${label}${label.endsWith('=') ? '' : ' '}"${text}" non è un anno.`);
}

export const flagSchema = z.boolean().optional().transform((v) => v === true);

const fileSchema = z.custom<FileInput>((v) => typeof v === 'object' && v !== null && 'name' in v && 'content' in v);

/** One or more files (`max` 1: exactly one); `missing` is the answer when none is given. */
export function filesSchema(missing: string, max = Infinity): z.ZodType<FileInput[]> {
  return z.array(fileSchema, { error: missing }).min(1, { error: missing })
    .max(max, { error: (issue) => `Un file alla volta (ne ho ${(issue.input as unknown[]).length}).` });
}

export function field(kind: FieldKind, schema: z.ZodType, doc: string, placeholder: string, more: Partial<Field> = {}): Field {
  return { kind, schema, doc, placeholder, ...more };
}

/** `12` → 12, `#12` → 12. */
export function indicatorNumber(text: string): number {
  return Number(text.replace('#', ''));
}

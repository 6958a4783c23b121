import { PerfError } from '@perf/model';
import { z } from 'zod';
import type { ReportInput } from './commands/report.ts';

/**
 * The Conferma button's payload, the same on every channel: the value travels in the button itself, so
 * what was previewed is exactly what is stored. A JSON array keeps it inside Discord's 100 characters.
 */
const ConfirmationSchema = z.tuple([
  z.number().int().positive(),
  z.string().max(20).nullable(),
  z.string().min(1).max(200),
  z.string().max(2_000).nullable(),
]);

export function encodeConfirmation(input: ReportInput): string {
  return JSON.stringify([input.indicator, input.period ?? null, input.rawValue, input.note ?? null] satisfies z.infer<typeof ConfirmationSchema>);
}

/** Reads a button's payload back; anything else (edited, truncated, hostile) is refused and nothing is stored. */
export function decodeConfirmation(payload: unknown): ReportInput {
  let parsed: unknown;
  try {
    parsed = typeof payload === 'string' ? JSON.parse(payload) : undefined;
  } catch {
    parsed = undefined;
  }
  const answer = ConfirmationSchema.safeParse(parsed);
  if (!answer.success) {
    throw new PerfError('ANSWER_INVALID', 'Questo pulsante non contiene un valore valido: nulla è stato registrato.', { hint: 'Scrivi di nuovo il valore, ad esempio «12: 23,5».' });
  }
  const [indicator, period, rawValue, note] = answer.data;
  return { indicator, rawValue, period: period ?? undefined, note: note ?? undefined };
}

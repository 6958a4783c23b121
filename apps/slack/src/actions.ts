import type { ReportInput } from '@perf/core';
import { PerfError } from '@perf/model';

/** Block Kit action ids of the app's buttons. */
export const ACTION = {
  confirm: 'perf_confirm',
  cancel: 'perf_cancel',
  openCheckIn: 'perf_open_checkin',
} as const;

/** The Conferma button carries the answer itself: what was previewed is exactly what is stored. */
export function encodeAnswer(input: ReportInput): string {
  return JSON.stringify({ indicator: input.indicator, value: input.rawValue, period: input.period ?? null, note: input.note ?? null });
}

export function decodeAnswer(value: string | undefined): ReportInput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value ?? '');
  } catch {
    parsed = undefined;
  }
  const answer = parsed as { indicator?: unknown; value?: unknown; period?: unknown; note?: unknown } | undefined;
  const optionalText = (v: unknown) => (typeof v === 'string' ? v : undefined);
  if (!answer || typeof answer.indicator !== 'number' || typeof answer.value !== 'string') {
    throw new PerfError('ANSWER_INVALID', 'Questo pulsante non contiene un valore valido: nulla è stato registrato.', { hint: 'Scrivi di nuovo il valore, ad esempio «12: 23,5».' });
  }
  return { indicator: answer.indicator, rawValue: answer.value, period: optionalText(answer.period), note: optionalText(answer.note) };
}

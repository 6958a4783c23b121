/**
 * The one error type of perf: a stable machine code and an Italian message for people.
 * `details` carries one line per problem (e.g. every bad field of a plan file);
 * `hint` shows the right form of the input.
 */
export class PerfError extends Error {
  readonly code: string;
  readonly details: readonly string[];
  readonly hint: string | undefined;
  /** The parameter the error is about (e.g. `value`), for forms that show it beside the field. */
  readonly field: string | undefined;

  constructor(code: string, message: string, options: { details?: readonly string[]; hint?: string; field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PerfError';
    this.code = code;
    this.details = options.details ?? [];
    this.hint = options.hint;
    this.field = options.field;
  }

  /** The whole message as shown to a person: message, one line per detail, the right form. */
  toText(): string {
    const lines = [this.message, ...this.details.map((d) => `  - ${d}`)];
    if (this.hint) lines.push(this.hint);
    return lines.join('\n');
  }
}

export function isPerfError(error: unknown): error is PerfError {
  return error instanceof PerfError;
}

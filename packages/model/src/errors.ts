/**
 * Every machine code a PerfError can carry: channels and the JSON output (§7) switch on these, so a
 * new failure gets a new name here instead of a string invented at the throw site.
 */
export const ERROR_CODES = [
  'ANSWER_INVALID', 'ATTACHMENT_TOO_LARGE', 'BILANCIO_INVALID', 'BOT_STARTED', 'BOT_STOPPED',
  'COMMAND_INVALID', 'COMMAND_MISSING', 'COMMAND_UNKNOWN', 'CONSENT_INVALID', 'CONTESTO_INVALID', 'DB_INVALID', 'DB_LOCKED',
  'DB_MISSING', 'DB_UNAVAILABLE', 'DB_UNREACHABLE', 'DISCORD_GATEWAY', 'DISCORD_REGISTRATION',
  'DISCORD_UNAUTHORIZED', 'DISCORD_UNREACHABLE', 'ENTE_AMBIGUOUS', 'ENTE_MISMATCH', 'ENTE_UNKNOWN',
  'ENV_INVALID', 'ENV_MISSING', 'FILE_EXISTS', 'FILE_MISSING', 'FILE_NOT_WRITTEN', 'FILE_UNREADABLE', 'FILTER_INVALID',
  'FINANCE_DUPLICATE_YEAR', 'FORWARD_INVALID', 'GENERE_INVALID', 'INDICATOR_MISSING', 'INDICATOR_UNKNOWN',
  'INTERNAL', 'NOTHING_TO_REPORT', 'NOT_FOUND', 'NO_DATA', 'NO_PLAN', 'OBJECTIVE_UNKNOWN', 'OPTION_INVALID',
  'OPTION_UNKNOWN', 'PDF_NOT_WRITTEN', 'PERIOD_INVALID', 'PERIOD_LOCKED', 'PERIOD_NOT_STARTED',
  'PERIOD_OUTSIDE_PLAN', 'PERMISSION_DENIED', 'PERSON_REQUIRED', 'PERSON_UNKNOWN', 'PLAN_INVALID',
  'RELAZIONE_ADOPTED', 'RELAZIONE_NOT_ADOPTED', 'RELAZIONE_VALIDATED', 'SERVER_UNREACHABLE',
  'SIGN_IN_INVALID', 'SLACK_AUTH', 'SLACK_CHANNEL', 'SLACK_TRIGGER', 'SLACK_UNREACHABLE', 'STORE_FAILED',
  'TARGET_UNKNOWN', 'TEAMS_UNREACHABLE', 'TEXT_INVALID', 'TEXT_TOO_LONG', 'UPLOAD_FAILED',
  'USER_NOT_IN_PLAN', 'VALUES_INVALID', 'VALUE_INVALID', 'VALUE_MISSING', 'VALUE_TOO_LONG',
  'WEB_NOT_CONFIGURED', 'YAML_INVALID', 'YEAR_CLOSED', 'YEAR_UNKNOWN',
  // The conversation's refusals (packages/conversation RefusalCode, prefixed; NOT_UNDERSTOOD is COMMAND_UNKNOWN).
  'CONVERSATION_INDICATOR_NOT_FOUND', 'CONVERSATION_NOT_YOURS', 'CONVERSATION_UNIT_MISMATCH',
  'CONVERSATION_PERIOD_RHYTHM', 'CONVERSATION_ONE_AT_A_TIME', 'CONVERSATION_WHICH_INDICATOR',
  'CONVERSATION_NOT_A_CONFIRMATION', 'CONVERSATION_NOTHING_TO_CORRECT', 'CONVERSATION_CHOICE_OUT_OF_RANGE',
  'CONVERSATION_VALUE_MISSING',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** Whether a code read from outside (a forwarded reply) is one of ours. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && KNOWN_CODES.has(code);
}

/**
 * The one error type of perf: a stable machine code and an Italian message for people.
 * `details` carries one line per problem (e.g. every bad field of a plan file);
 * `hint` shows the right form of the input.
 */
export class PerfError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly string[];
  readonly hint: string | undefined;
  /** The parameter the error is about (e.g. `value`), for forms that show it beside the field. */
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, options: { details?: readonly string[]; hint?: string; field?: string; cause?: unknown } = {}) {
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

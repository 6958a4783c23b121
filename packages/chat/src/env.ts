import { clockFromEnv, type Clock } from '@perf/core';
import { PerfError } from '@perf/model';
import { DEFAULT_DB_LOCATION } from '@perf/store';

export const DEFAULT_REMINDER_DAYS = 7;
export const DEFAULT_CHECK_INTERVAL_MINUTES = 60;

/** What every chat app reads the same way: the database, the cycle's rhythm and the clock. */
export interface ChannelEnv {
  /** PERF_DB: an embedded database directory or a postgres:// URL; `./.perf` as for the CLI. */
  readonly db: string;
  readonly reminderDays: number;
  readonly checkIntervalMinutes: number;
  /** PERF_NOW when set, the real clock otherwise. */
  readonly clock: Clock;
}

/**
 * Reads a chat app's environment, collecting every problem so that one start names each missing
 * or malformed variable at once (`finish` throws them together, in Italian).
 */
export class EnvReader {
  private readonly missing: string[] = [];
  private readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** The trimmed value; unset and blank are the same. */
  text(name: string): string | undefined {
    const text = this.env[name]?.trim();
    return text === undefined || text === '' ? undefined : text;
  }

  /** A required variable; `meaning` tells where to find its value. */
  required(name: string, meaning: string): string {
    const text = this.text(name);
    if (text !== undefined) return text;
    this.missing.push(name);
    this.problems.push(`${name} mancante: ${meaning}.`);
    return '';
  }

  integer(name: string, fallback: number, min: number, max: number, what: string): number {
    const text = this.text(name);
    if (text === undefined) return fallback;
    const number = Number(text);
    if (Number.isInteger(number) && number >= min && number <= max) return number;
    this.problems.push(`${name}="${text}" non valido: ${what} (predefinito ${fallback}).`);
    return fallback;
  }

  /** A value that must match `pattern`; `form` is what the operator should write instead. A secret is never echoed into the log. */
  matching(name: string, pattern: RegExp, form: string, kind: 'secret' | 'plain' = 'plain'): string | undefined {
    const text = this.text(name);
    if (text !== undefined && !pattern.test(text)) this.problems.push(`${kind === 'secret' ? name : `${name}="${text}"`} non valido: serve ${form}.`);
    return text;
  }

  /** An http(s) address. */
  url(name: string, example: string): string | undefined {
    const text = this.text(name);
    if (text !== undefined && !isHttpUrl(text)) this.problems.push(`${name}="${text}" non valido: serve un indirizzo http(s), ad esempio ${example}.`);
    return text;
  }

  problem(line: string): void {
    this.problems.push(line);
  }

  /** PERF_DB, PERF_REMINDER_DAYS, PERF_CHECK_INTERVAL_MINUTES and PERF_NOW, with the same defaults in every app. */
  channel(): ChannelEnv {
    return {
      db: this.text('PERF_DB') ?? DEFAULT_DB_LOCATION,
      reminderDays: this.integer('PERF_REMINDER_DAYS', DEFAULT_REMINDER_DAYS, 0, 366, 'serve un numero intero di giorni, da 0 a 366'),
      checkIntervalMinutes: this.integer('PERF_CHECK_INTERVAL_MINUTES', DEFAULT_CHECK_INTERVAL_MINUTES, 1, 10_080, 'serve un numero intero di minuti, da 1 a 10080'),
      clock: this.clock(),
    };
  }

  /** Throws every problem found, as ENV_MISSING when a required variable is absent, ENV_INVALID otherwise. */
  finish(app: string, hint: string): void {
    if (this.problems.length === 0) return;
    const names = this.missing.join(', ');
    const headline = this.missing.length === 0
      ? `Impossibile avviare ${app}: variabili d'ambiente non valide.`
      : `Impossibile avviare ${app}: ${this.missing.length === 1 ? 'manca la variabile' : 'mancano le variabili'} d'ambiente ${names}.`;
    throw new PerfError(this.missing.length === 0 ? 'ENV_INVALID' : 'ENV_MISSING', headline, { details: this.problems, hint });
  }

  private clock(): Clock {
    try {
      return clockFromEnv(this.env);
    } catch (error) {
      if (!(error instanceof PerfError)) throw error;
      this.problems.push(`${error.message} ${error.hint ?? ''}`.trim());
      return () => new Date();
    }
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !/\s/.test(text);
  } catch {
    return false;
  }
}

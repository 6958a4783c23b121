import { PerfError } from '@perf/model';

const GENERIC = 'Si è verificato un errore interno: nulla è stato registrato. Riprova tra poco; se il problema continua, avvisa il controllo di gestione.';

/** What a person reads for an error: a PerfError's Italian message and right form, else a generic Italian line. */
export function errorText(error: unknown, log: (line: string) => void): string {
  if (error instanceof PerfError) return `⚠️ ${error.toText()}`;
  log(`perf Teams: errore inatteso: ${(error as Error | undefined)?.stack ?? String(error)}`);
  return `⚠️ ${GENERIC}`;
}

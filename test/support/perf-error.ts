import { PerfError } from '@perf/model';

/** The PerfError a call throws; any other outcome (another error, or none) fails the test. */
export function caught(fn: () => unknown): PerfError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PerfError) return error;
    throw error;
  }
  throw new Error('nessun errore lanciato');
}

import type { Store } from '@perf/store';

export interface RelazioneAdoption {
  readonly adoptedAt: Date;
  readonly delibera: string;
}

/**
 * Whether the Relazione of a year is adopted (what makes its public page exist). PLACEHOLDER: the
 * adoption record (`perf relazione adotta`) is not in the store yet, so no year counts as adopted;
 * this function is switched to that record when it lands.
 */
export async function relazioneAdoption(_store: Store, _ente: string, _year: number): Promise<RelazioneAdoption | undefined> {
  return undefined;
}

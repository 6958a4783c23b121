import type { Store } from '@perf/store';
import { citizenSummaryPdf } from './commands/relazione.ts';

export interface RelazioneAdoption {
  readonly adoptedAt: Date;
  readonly delibera: string;
  /** SHA-256 of the frozen PDF. */
  readonly sha256: string;
}

/** Whether the Relazione of a year is adopted (what makes its public page exist): the stored adoption record, without the PDF. */
export async function relazioneAdoption(store: Store, ente: string, year: number): Promise<RelazioneAdoption | undefined> {
  const adopted = await store.relazione.adoption(ente, year, false);
  return adopted === undefined ? undefined : { adoptedAt: adopted.adoptedAt, delibera: adopted.delibera, sha256: adopted.sha256 };
}

/** The adopted Relazione's frozen PDF, for downloads (the public page links it). */
export async function adoptedRelazionePdf(store: Store, ente: string, year: number): Promise<Uint8Array | undefined> {
  return (await store.relazione.adoption(ente, year))?.pdf;
}

/** «La Relazione in sintesi» of an adopted year, for the public page: the one frozen with the Giunta's act; undefined before the adoption. */
export async function adoptedCitizenSummary(store: Store, ente: string, year: number): Promise<Uint8Array | undefined> {
  const adopted = await store.relazione.adoption(ente, year, false);
  const plan = adopted === undefined ? undefined : await store.getPlan(ente, year);
  if (adopted === undefined || plan === undefined) return undefined;
  return (await citizenSummaryPdf(store, plan, adopted.adoptedAt, adopted)).pdf;
}

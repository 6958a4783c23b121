import type { Contesto } from '@perf/context';
import type { FinanceReport } from '@perf/finance-indices';
import type { GenderReport } from '@perf/gender';
import type { Plan } from '@perf/model';
import type { StatusReport } from '@perf/scoring';

/** One stored rilevazione, superseded ones included (§4). */
export interface RilevazioneRow {
  indicator: number;
  period: string;
  value: number;
  rawValue: string;
  note: string | null;
  reportedBy: string;
  reportedAt: Date;
  channel: string;
  superseded: boolean;
  /** Why the controllo di gestione accepted this value after its period was closed; null for a value reported in time. */
  overrideReason: string | null;
  /** Who gave that reason (a person of the plan); null when `overrideReason` is. */
  overrideBy: string | null;
  /** A value its source does not print, reconstructed (imported with `ricostruito: true`): marked with `RECONSTRUCTED_MARK`. */
  reconstructed?: boolean | undefined;
}

/** Everything the Relazione shows. */
export interface RelazioneData {
  plan: Plan;
  status: StatusReport;
  /** The same ente's status for the previous year, present only when that year's plan exists. */
  previous?: StatusReport | undefined;
  /** Every rilevazione of the year, superseded ones included. */
  history: RilevazioneRow[];
  /** The stored bilanci of this year and earlier years (maybe empty), oldest first. */
  finance: FinanceReport[];
  gender: GenderReport | undefined;
  /** The ente's context and structure (`contesto` document) with its cross-check warnings; each part it lacks is said in one line. */
  contesto?: { readonly data: Contesto; readonly warnings: readonly string[] } | undefined;
  generatedAt: Date;
  /** The Giunta's act, when this is the adopted version; without it the document is a draft (BOZZA). */
  adoption?: { readonly delibera: string; readonly adoptedAt: Date } | undefined;
  /** The cycle's recorded events: the Piano's first import and the periods the controllo closed (never the time of rendering). */
  events?: {
    readonly planRecordedAt?: Date | undefined;
    readonly periodsClosed?: readonly { readonly period: string; readonly closedAt: Date }[] | undefined;
  } | undefined;
  /** The latest cause and corrective action of each commented objective (`commento`). */
  comments?: readonly { readonly objective: string; readonly causa: string; readonly azione: string; readonly opportunita?: string | null | undefined }[] | undefined;
}

export interface RenderOptions {
  onProgress?: (step: string) => void;
}

import type { Channel } from '@perf/model';

/** Who writes, when and through which channel: every write carries it into the audit log. */
export interface WriteMeta {
  readonly actor: string;
  readonly channel: Channel;
  readonly at: Date;
}

export interface PlanRef {
  readonly ente: string;
  readonly enteName: string;
  readonly year: number;
  readonly importedAt: Date;
}

export interface Rilevazione {
  readonly id: number;
  readonly ente: string;
  readonly year: number;
  readonly indicator: number;
  readonly period: string;
  readonly value: number;
  readonly rawValue: string;
  readonly note: string | null;
  readonly reportedBy: string;
  readonly reportedAt: Date;
  readonly channel: string;
  readonly supersedes: number | null;
  /** Whether a later rilevazione of the same period replaced this one. */
  readonly superseded: boolean;
  /** The document a value imported from a file was taken from (its `fonte`); null otherwise. */
  readonly source: string | null;
  /** A value the file marks as reconstructed (`ricostruito: true`): not printed in its source. */
  readonly reconstructed: boolean;
  /** Why a value was accepted for a closed period (the controllo's `motivo`); null for an ordinary report. */
  readonly overrideReason: string | null;
  /** Who authorised the late value (a controllo); null for an ordinary report. */
  readonly overrideBy: string | null;
}

/** A closed period (or a closed year, which closes all its periods): append-only, never reopened. */
export interface PeriodLock {
  readonly id: number;
  readonly ente: string;
  readonly year: number;
  /** `2012-Q2`, or `2012` for the whole year. */
  readonly period: string;
  readonly closedAt: Date;
  readonly closedBy: string;
  readonly channel: string;
}

/** What a reading of the year's values sees: everything, or a closed year's values as they stood at its close. */
export interface ValuesView {
  /** Only rilevazioni reported up to this instant, plus the late ones accepted with a reason. */
  readonly asOf?: Date | undefined;
}

export interface NewRilevazione {
  readonly ente: string;
  readonly year: number;
  readonly indicator: number;
  readonly period: string;
  /** Order of the period within the year (the whole year last), so the latest period wins. */
  readonly periodRank: number;
  readonly value: number;
  readonly rawValue: string;
  readonly note?: string | undefined;
  /** Identifies one delivery of a request (e.g. a Slack retry): the same key never stores twice. */
  readonly requestKey?: string | undefined;
  /** Required when the period is closed: the reason, and the controllo who accepted the late value. */
  readonly override?: { readonly reason: string; readonly by: string } | undefined;
  /** Provenance of a value from a file (see `Rilevazione`). */
  readonly source?: string | undefined;
  readonly reconstructed?: boolean | undefined;
}

export interface StoredRilevazione {
  readonly rilevazione: Rilevazione;
  readonly superseded: Rilevazione | undefined;
  /** True when the request key had already been stored: nothing new was written. */
  readonly duplicate: boolean;
}

/** One row of a bulk append: who reported it travels with the row; when and through which channel are the import's. */
export interface BulkRilevazione extends NewRilevazione {
  readonly reportedBy: string;
}

/** What the audit log keeps of one file of values: one row per import (and year), the rilevazioni carry the rest. */
export interface ValuesImportRecord {
  readonly source: string;
  /** The file's digest, the prefix of its rows' request keys. */
  readonly digest: string;
  readonly count: number;
  readonly firstId: number;
  readonly lastId: number;
  /** Late values among them, accepted with a reason. */
  readonly late: number;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: Date;
  readonly actor: string;
  readonly channel: string;
  readonly action: string;
  readonly ente: string | null;
  readonly year: number | null;
  readonly details: Record<string, unknown>;
}

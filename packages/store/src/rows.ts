import { PerfError } from '@perf/model';
import type { PeriodLock, Rilevazione } from './records.ts';

/* Row shapes and SQL fragments of the store's tables, and their mapping to records. */

/**
 * The rilevazioni a view sees, as an SQL condition on the alias `alias` with the view's instant as
 * parameter `param`: with no instant every row; otherwise those reported up to it and the late
 * values accepted with a reason (a closed year's data, frozen at its close).
 */
export function visibleAt(alias: string, param: string): string {
  return `(${param}::timestamptz IS NULL OR ${alias}.reported_at <= ${param}::timestamptz OR ${alias}.override_reason IS NOT NULL)`;
}

/** The columns of a rilevazione; `superseded` looks only at the replacements the view sees. */
export function rilevazioneColumns(asOfParam = 'NULL'): string {
  return `r.id, r.ente_code, r.year, r.indicator_id, r.period, r.value, r.raw_value, r.note, r.reported_by,
  (extract(epoch FROM r.reported_at) * 1000)::float8 AS reported_ms, r.channel, r.supersedes, r.override_reason, r.override_by, r.source, r.reconstructed,
  EXISTS (SELECT 1 FROM rilevazioni s WHERE s.supersedes = r.id AND ${visibleAt('s', asOfParam)}) AS superseded`;
}
export const RILEVAZIONE_COLUMNS = rilevazioneColumns();

export interface RilevazioneRow {
  id: number; ente_code: string; year: number; indicator_id: number; period: string; value: number; raw_value: string;
  note: string | null; reported_by: string; reported_ms: number; channel: string; supersedes: number | null; superseded: boolean;
  override_reason: string | null; override_by: string | null; source: string | null; reconstructed: boolean;
}

export function toRilevazione(row: RilevazioneRow): Rilevazione {
  return {
    id: row.id, ente: row.ente_code, year: row.year, indicator: row.indicator_id, period: row.period, value: row.value,
    rawValue: row.raw_value, note: row.note, reportedBy: row.reported_by, reportedAt: new Date(row.reported_ms),
    channel: row.channel, supersedes: row.supersedes, superseded: row.superseded,
    overrideReason: row.override_reason, overrideBy: row.override_by, source: row.source, reconstructed: row.reconstructed,
  };
}

export interface LockRow { id: number; ente_code: string; year: number; period: string; closed_ms: number; closed_by: string; channel: string }

export const LOCK_COLUMNS = 'id, ente_code, year, period, (extract(epoch FROM closed_at) * 1000)::float8 AS closed_ms, closed_by, channel';

export function toLock(row: LockRow): PeriodLock {
  return { id: row.id, ente: row.ente_code, year: row.year, period: row.period, closedAt: new Date(row.closed_ms), closedBy: row.closed_by, channel: row.channel };
}

/**
 * The lock that closes a period among `locks` (of one ente): its own or its year's, the earliest when
 * both exist. The in-memory twin of `Store.lockCovering`, for checks that load the locks once.
 */
export function coveringLock(locks: readonly PeriodLock[], year: number, period: string): PeriodLock | undefined {
  let found: PeriodLock | undefined;
  for (const lock of locks) {
    if (lock.year !== year || (lock.period !== period && lock.period !== String(year))) continue;
    if (found === undefined || lock.closedAt.getTime() < found.closedAt.getTime() || (lock.closedAt.getTime() === found.closedAt.getTime() && lock.id < found.id)) found = lock;
  }
  return found;
}

/** The database's own refusal of a value for a closed period without a reason (the command core explains it to people first). */
export function periodLockedError(ente: string, period: string, lock: PeriodLock): PerfError {
  return new PerfError('PERIOD_LOCKED', `Il periodo ${period} (${ente}) è chiuso dal ${lock.closedAt.toISOString()}: nulla è stato registrato.`, {
    hint: 'Un valore fuori termine lo registra solo il controllo di gestione, indicando il motivo: motivo="...".',
  });
}

/** The columns a bulk append writes, in the order of its COPY lines. */
export const APPEND_COLUMNS = ['id', 'ente_code', 'year', 'indicator_id', 'period', 'period_rank', 'value', 'raw_value', 'note', 'reported_by', 'reported_at', 'channel',
  'supersedes', 'request_key', 'override_reason', 'override_by', 'source', 'reconstructed'] as const;

/** A text field of a COPY line: backslash, tab and line breaks escaped; `\\N` for null. */
export function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : value;
}

/** Rilevazioni of the same ente, year, indicator and period supersede each other. */
export const supersessionKey = (r: { ente: string; year: number; indicator: number; period: string }) => `${r.ente}\u0000${r.year}\u0000${r.indicator}\u0000${r.period}`;

/** Reports of one ente and year take this lock shared, closing a period takes it exclusive: a close never races a report. */
export const yearLockKey = (ente: string, year: number) => `${ente}/${year}/periods`;

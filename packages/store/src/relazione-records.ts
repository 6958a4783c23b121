import { createHash } from 'node:crypto';
import { PerfError } from '@perf/model';
import type { SqlDriver } from './driver.ts';
import type { WriteMeta } from './records.ts';

/** The Giunta's adoption of a year's Relazione, with the frozen PDF it adopted. */
export interface RelazioneAdoptionRecord {
  readonly id: number;
  readonly ente: string;
  readonly year: number;
  readonly delibera: string;
  readonly adoptedBy: string;
  readonly adoptedAt: Date;
  readonly channel: string;
  /** Lower-case hex SHA-256 of `pdf`. */
  readonly sha256: string;
  readonly pdf: Uint8Array;
  readonly pages: number;
}

/** A PDF frozen at the adoption: its bytes, their SHA-256 and its page count. */
export interface FrozenPdf {
  readonly pdf: Uint8Array;
  readonly sha256: string;
  readonly pages: number;
}

/** The OIV's validation of an adopted Relazione. */
export interface RelazioneValidationRecord {
  readonly id: number;
  readonly ente: string;
  readonly year: number;
  readonly documento: string;
  readonly validatedBy: string;
  readonly validatedAt: Date;
  readonly channel: string;
}

/** A cause of an objective's gap and the corrective action; a newer one for the same objective supersedes it. */
export interface ScostamentoComment {
  readonly id: number;
  readonly ente: string;
  readonly year: number;
  readonly objective: string;
  readonly causa: string;
  readonly azione: string;
  /** The opportunity the gap opens (the seed's «opportunità»), when given. */
  readonly opportunita: string | null;
  readonly writtenBy: string;
  readonly writtenAt: Date;
  readonly channel: string;
  readonly supersedes: number | null;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The refusal of a second adoption of the same year. */
export function alreadyAdopted(existing: Pick<RelazioneAdoptionRecord, 'ente' | 'year' | 'delibera' | 'sha256'>): PerfError {
  return new PerfError('RELAZIONE_ADOPTED', `La Relazione ${existing.year} di ${existing.ente} è già stata adottata (delibera ${existing.delibera}): non si può adottare una seconda volta.`, {
    hint: `Resta valida la versione congelata all’adozione (SHA-256 ${existing.sha256}); «relazione --year ${existing.year}» la restituisce identica.`,
  });
}

const MS = (column: string, as: string) => `(extract(epoch FROM ${column}) * 1000)::float8 AS ${as}`;

interface AdoptionRow { id: number; ente_code: string; year: number; delibera: string; adopted_by: string; adopted_ms: number; channel: string; pdf_sha256: string; pages: number; pdf?: Uint8Array }
interface ValidationRow { id: number; ente_code: string; year: number; documento: string; validated_by: string; validated_ms: number; channel: string }
interface CommentRow { id: number; ente_code: string; year: number; objective_id: string; causa: string; azione: string; opportunita: string | null; written_by: string; written_ms: number; channel: string; supersedes: number | null }

const ADOPTION_COLUMNS = `id, ente_code, year, delibera, adopted_by, ${MS('adopted_at', 'adopted_ms')}, channel, pdf_sha256, pages`;
const VALIDATION_COLUMNS = `id, ente_code, year, documento, validated_by, ${MS('validated_at', 'validated_ms')}, channel`;
const COMMENT_COLUMNS = `id, ente_code, year, objective_id, causa, azione, opportunita, written_by, ${MS('written_at', 'written_ms')}, channel, supersedes`;

function toAdoption(row: AdoptionRow): RelazioneAdoptionRecord {
  return {
    id: row.id, ente: row.ente_code, year: row.year, delibera: row.delibera, adoptedBy: row.adopted_by, adoptedAt: new Date(row.adopted_ms),
    channel: row.channel, sha256: row.pdf_sha256, pages: row.pages, pdf: new Uint8Array(row.pdf ?? new Uint8Array()),
  };
}

function toValidation(row: ValidationRow): RelazioneValidationRecord {
  return { id: row.id, ente: row.ente_code, year: row.year, documento: row.documento, validatedBy: row.validated_by, validatedAt: new Date(row.validated_ms), channel: row.channel };
}

function toComment(row: CommentRow): ScostamentoComment {
  return {
    id: row.id, ente: row.ente_code, year: row.year, objective: row.objective_id, causa: row.causa, azione: row.azione, opportunita: row.opportunita,
    writtenBy: row.written_by, writtenAt: new Date(row.written_ms), channel: row.channel, supersedes: row.supersedes,
  };
}

/** The lock that serialises the writes of one ente's year (adoption, validation, comments). */
const lockYear = (tx: SqlDriver, ente: string, year: number) => tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`relazione:${ente}:${year}`]);

async function audit(tx: SqlDriver, meta: WriteMeta, action: string, ente: string, year: number, details: Record<string, unknown>): Promise<void> {
  await tx.query('INSERT INTO audit_log (at, actor, channel, action, ente_code, year, details) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [meta.at, meta.actor, meta.channel, action, ente, year, JSON.stringify(details)]);
}

/** The Relazione's lifecycle (migration 5): adoption with the frozen PDF, validation, scostamento comments. All append-only and audited. */
export class RelazioneRecords {
  constructor(private readonly driver: SqlDriver) {}

  /**
   * Records the adoption of a year's Relazione with its frozen bytes, and «La Relazione in sintesi» of the
   * same act when given; a year is adopted once (a second adoption is refused).
   */
  async adopt(ente: string, year: number, delibera: string, pdf: Uint8Array, pages: number, meta: WriteMeta, summary?: Omit<FrozenPdf, 'sha256'>): Promise<RelazioneAdoptionRecord> {
    return this.driver.transaction(async (tx) => {
      await lockYear(tx, ente, year);
      const existing = await new RelazioneRecords(tx).adoption(ente, year);
      if (existing !== undefined) throw alreadyAdopted(existing);
      const sha256 = sha256Hex(pdf);
      const rows = await tx.query<AdoptionRow>(
        `INSERT INTO relazione_adoptions (ente_code, year, delibera, adopted_by, adopted_at, channel, pdf_sha256, pdf, pages) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${ADOPTION_COLUMNS}`,
        [ente, year, delibera, meta.actor, meta.at, meta.channel, sha256, pdf, pages]);
      const row = rows[0];
      if (row === undefined) throw new PerfError('STORE_FAILED', 'Adozione non registrata: il database non ha restituito la riga.');
      const summarySha256 = summary === undefined ? undefined : sha256Hex(summary.pdf);
      if (summary !== undefined) {
        await tx.query('INSERT INTO relazione_summaries (adoption_id, pdf_sha256, pdf, pages) VALUES ($1, $2, $3, $4)', [row.id, summarySha256, summary.pdf, summary.pages]);
      }
      await audit(tx, meta, 'relazione.adopt', ente, year, { delibera, sha256, bytes: pdf.length, ...(summarySha256 === undefined ? {} : { summarySha256 }) });
      return toAdoption({ ...row, pdf });
    });
  }

  /** The adoption of a year, with the frozen PDF's bytes when `withPdf`. */
  async adoption(ente: string, year: number, withPdf = true): Promise<RelazioneAdoptionRecord | undefined> {
    const rows = await this.driver.query<AdoptionRow>(
      `SELECT ${ADOPTION_COLUMNS}${withPdf ? ', pdf' : ''} FROM relazione_adoptions WHERE ente_code = $1 AND year = $2`, [ente, year]);
    return rows[0] === undefined ? undefined : toAdoption(rows[0]);
  }

  /** «La Relazione in sintesi» frozen with the year's adoption; undefined before it (and for adoptions recorded before migration 7). */
  async adoptedSummary(ente: string, year: number): Promise<FrozenPdf | undefined> {
    const rows = await this.driver.query<{ pdf: Uint8Array; pdf_sha256: string; pages: number }>(
      `SELECT s.pdf, s.pdf_sha256, s.pages FROM relazione_summaries s JOIN relazione_adoptions a ON a.id = s.adoption_id WHERE a.ente_code = $1 AND a.year = $2`, [ente, year]);
    const row = rows[0];
    return row === undefined ? undefined : { pdf: new Uint8Array(row.pdf), sha256: row.pdf_sha256, pages: row.pages };
  }

  /** Records the OIV's validation; refused before the adoption and when the year is already validated. */
  async validate(ente: string, year: number, documento: string, meta: WriteMeta): Promise<RelazioneValidationRecord> {
    return this.driver.transaction(async (tx) => {
      await lockYear(tx, ente, year);
      const records = new RelazioneRecords(tx);
      const adoption = await records.adoption(ente, year, false);
      if (adoption === undefined) {
        throw new PerfError('RELAZIONE_NOT_ADOPTED', `La Relazione ${year} di ${ente} non è ancora stata adottata: prima l'adozione, poi la validazione.`, {
          hint: `Il controllo di gestione la adotta con: relazione adotta --year ${year} --delibera "…".`,
        });
      }
      const existing = await records.validation(ente, year);
      if (existing !== undefined) {
        throw new PerfError('RELAZIONE_VALIDATED', `La Relazione ${year} di ${ente} è già stata validata (${existing.documento}).`, { hint: 'La validazione si registra una sola volta.' });
      }
      const rows = await tx.query<ValidationRow>(
        `INSERT INTO relazione_validations (adoption_id, ente_code, year, documento, validated_by, validated_at, channel) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${VALIDATION_COLUMNS}`,
        [adoption.id, ente, year, documento, meta.actor, meta.at, meta.channel]);
      const row = rows[0];
      if (row === undefined) throw new PerfError('STORE_FAILED', 'Validazione non registrata: il database non ha restituito la riga.');
      await audit(tx, meta, 'relazione.validate', ente, year, { documento });
      return toValidation(row);
    });
  }

  async validation(ente: string, year: number): Promise<RelazioneValidationRecord | undefined> {
    const rows = await this.driver.query<ValidationRow>(`SELECT ${VALIDATION_COLUMNS} FROM relazione_validations WHERE ente_code = $1 AND year = $2`, [ente, year]);
    return rows[0] === undefined ? undefined : toValidation(rows[0]);
  }

  /** Appends a comment for an objective; it supersedes the objective's latest one, which stays in the history. */
  async addComment(input: { ente: string; year: number; objective: string; causa: string; azione: string; opportunita?: string | undefined }, meta: WriteMeta): Promise<{ comment: ScostamentoComment; superseded: ScostamentoComment | undefined }> {
    return this.driver.transaction(async (tx) => {
      await lockYear(tx, input.ente, input.year);
      const previous = (await new RelazioneRecords(tx).comments(input.ente, input.year)).find((c) => c.objective === input.objective);
      const rows = await tx.query<CommentRow>(
        `INSERT INTO scostamento_comments (ente_code, year, objective_id, causa, azione, opportunita, written_by, written_at, channel, supersedes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COMMENT_COLUMNS}`,
        [input.ente, input.year, input.objective, input.causa, input.azione, input.opportunita ?? null, meta.actor, meta.at, meta.channel, previous?.id ?? null]);
      const row = rows[0];
      if (row === undefined) throw new PerfError('STORE_FAILED', 'Commento non registrato: il database non ha restituito la riga.');
      await audit(tx, meta, 'comment.add', input.ente, input.year, { objective: input.objective, supersedes: previous?.id ?? null });
      return { comment: toComment(row), superseded: previous };
    });
  }

  /** The latest comment of each objective of the year (superseded ones left out). */
  async comments(ente: string, year: number): Promise<ScostamentoComment[]> {
    const rows = await this.driver.query<CommentRow>(
      `SELECT DISTINCT ON (objective_id) ${COMMENT_COLUMNS} FROM scostamento_comments WHERE ente_code = $1 AND year = $2 ORDER BY objective_id, id DESC`, [ente, year]);
    return rows.map(toComment);
  }

  /** Every comment of one objective, oldest first, superseded ones included. */
  async commentHistory(ente: string, year: number, objective: string): Promise<ScostamentoComment[]> {
    const rows = await this.driver.query<CommentRow>(
      `SELECT ${COMMENT_COLUMNS} FROM scostamento_comments WHERE ente_code = $1 AND year = $2 AND objective_id = $3 ORDER BY id`, [ente, year, objective]);
    return rows.map(toComment);
  }
}

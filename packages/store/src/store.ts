import { PerfError, validatePlan, type Plan } from '@perf/model';
import type { SqlDriver } from './driver.ts';

export type Channel = 'cli' | 'slack' | 'discord';

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
}

export interface StoredRilevazione {
  readonly rilevazione: Rilevazione;
  readonly superseded: Rilevazione | undefined;
  /** True when the request key had already been stored: nothing new was written. */
  readonly duplicate: boolean;
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

const RILEVAZIONE_COLUMNS = `r.id, r.ente_code, r.year, r.indicator_id, r.period, r.value, r.raw_value, r.note, r.reported_by,
  (extract(epoch FROM r.reported_at) * 1000)::float8 AS reported_ms, r.channel, r.supersedes,
  EXISTS (SELECT 1 FROM rilevazioni s WHERE s.supersedes = r.id) AS superseded`;

interface RilevazioneRow {
  id: number; ente_code: string; year: number; indicator_id: number; period: string; value: number; raw_value: string;
  note: string | null; reported_by: string; reported_ms: number; channel: string; supersedes: number | null; superseded: boolean;
}

function toRilevazione(row: RilevazioneRow): Rilevazione {
  return {
    id: row.id, ente: row.ente_code, year: row.year, indicator: row.indicator_id, period: row.period, value: row.value,
    rawValue: row.raw_value, note: row.note, reportedBy: row.reported_by, reportedAt: new Date(row.reported_ms),
    channel: row.channel, supersedes: row.supersedes, superseded: row.superseded,
  };
}

/** The domain operations on one database; every write is one transaction and leaves an audit row. */
export class Store {
  constructor(private readonly driver: SqlDriver, readonly engine: 'embedded' | 'postgres', private readonly onClose: () => void = () => {}) {}

  /** Runs `work` in one transaction: everything it writes is stored, or nothing is. */
  async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    return this.driver.transaction((tx) => work(new Store(tx, this.engine)));
  }

  async close(): Promise<void> {
    try {
      await this.driver.close();
    } finally {
      this.onClose();
    }
  }

  private async audit(meta: WriteMeta, action: string, ente: string | null, year: number | null, details: Record<string, unknown>): Promise<void> {
    await this.driver.query('INSERT INTO audit_log (at, actor, channel, action, ente_code, year, details) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [meta.at, meta.actor, meta.channel, action, ente, year, JSON.stringify(details)]);
  }

  /** Stores a new version of the plan of (ente, year); rilevazioni of indicators that still exist keep counting. */
  async importPlan(plan: Plan, meta: WriteMeta, source?: string): Promise<{ replaced: boolean; keptRilevazioni: number; orphanedIndicators: number[] }> {
    return this.transaction(async (tx) => {
      const previous = await tx.getPlan(plan.ente.code, plan.year);
      await tx.driver.query('INSERT INTO plans (ente_code, ente_name, year, document, source, imported_at, imported_by, channel) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [plan.ente.code, plan.ente.name, plan.year, JSON.stringify(plan), source ?? null, meta.at, meta.actor, meta.channel]);
      const ids = new Set(plan.indicators.map((i) => i.id));
      const counts = await tx.driver.query<{ indicator_id: number; n: number }>(
        'SELECT indicator_id, count(*)::int AS n FROM rilevazioni WHERE ente_code = $1 AND year = $2 GROUP BY indicator_id', [plan.ente.code, plan.year]);
      const keptRilevazioni = counts.filter((c) => ids.has(c.indicator_id)).reduce((sum, c) => sum + c.n, 0);
      const orphanedIndicators = counts.filter((c) => !ids.has(c.indicator_id)).map((c) => c.indicator_id).sort((a, b) => a - b);
      await tx.audit(meta, previous ? 'plan.reimport' : 'plan.import', plan.ente.code, plan.year, {
        source: source ?? null, strategic: plan.strategic_objectives.length, indicators: plan.indicators.length, keptRilevazioni, orphanedIndicators,
      });
      return { replaced: previous !== undefined, keptRilevazioni, orphanedIndicators };
    });
  }

  async listPlans(): Promise<PlanRef[]> {
    const rows = await this.driver.query<{ ente_code: string; ente_name: string; year: number; imported_ms: number }>(
      `SELECT DISTINCT ON (ente_code, year) ente_code, ente_name, year, (extract(epoch FROM imported_at) * 1000)::float8 AS imported_ms
       FROM plans ORDER BY ente_code, year, id DESC`);
    return rows.map((r) => ({ ente: r.ente_code, enteName: r.ente_name, year: r.year, importedAt: new Date(r.imported_ms) }));
  }

  async getPlan(ente: string, year: number): Promise<Plan | undefined> {
    const rows = await this.driver.query<{ document: unknown }>('SELECT document FROM plans WHERE ente_code = $1 AND year = $2 ORDER BY id DESC LIMIT 1', [ente, year]);
    const document = rows[0]?.document;
    if (document === undefined) return undefined;
    return validatePlan(typeof document === 'string' ? JSON.parse(document) : document, `${ente} ${year}`);
  }

  /** Appends a rilevazione; an earlier one of the same period is superseded (kept, never changed). */
  async addRilevazione(input: NewRilevazione, meta: WriteMeta): Promise<StoredRilevazione> {
    return this.transaction(async (tx) => {
      // Serialises reports of one indicator so two concurrent writers never supersede the same row.
      await tx.driver.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${input.ente}/${input.year}/${input.indicator}`]);
      if (input.requestKey !== undefined) {
        const existing = await tx.driver.query<RilevazioneRow>(`SELECT ${RILEVAZIONE_COLUMNS} FROM rilevazioni r WHERE r.request_key = $1`, [input.requestKey]);
        if (existing[0]) return { rilevazione: toRilevazione(existing[0]), superseded: undefined, duplicate: true };
      }
      const previous = (await tx.driver.query<RilevazioneRow>(
        `SELECT ${RILEVAZIONE_COLUMNS} FROM rilevazioni r WHERE r.ente_code = $1 AND r.year = $2 AND r.indicator_id = $3 AND r.period = $4 ORDER BY r.id DESC LIMIT 1`,
        [input.ente, input.year, input.indicator, input.period]))[0];
      const inserted = await tx.driver.query<{ id: number }>(
        `INSERT INTO rilevazioni (ente_code, year, indicator_id, period, period_rank, value, raw_value, note, reported_by, reported_at, channel, supersedes, request_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [input.ente, input.year, input.indicator, input.period, input.periodRank, input.value, input.rawValue, input.note ?? null,
          meta.actor, meta.at, meta.channel, previous?.id ?? null, input.requestKey ?? null]);
      const id = inserted[0]?.id;
      if (id === undefined) throw new PerfError('STORE_FAILED', 'Registrazione non riuscita: il database non ha restituito la rilevazione.');
      await tx.audit(meta, 'rilevazione.add', input.ente, input.year, {
        rilevazione: id, indicator: input.indicator, period: input.period, value: input.value, supersedes: previous?.id ?? null,
      });
      const stored = (await tx.driver.query<RilevazioneRow>(`SELECT ${RILEVAZIONE_COLUMNS} FROM rilevazioni r WHERE r.id = $1`, [id]))[0];
      if (!stored) throw new PerfError('STORE_FAILED', 'Registrazione non riuscita.');
      return { rilevazione: toRilevazione(stored), superseded: previous ? toRilevazione({ ...previous, superseded: true }) : undefined, duplicate: false };
    });
  }

  /** The value that stands for the year for each indicator: latest period, then latest report (§4). */
  async latestValues(ente: string, year: number): Promise<Map<number, { value: number; period: string }>> {
    const rows = await this.driver.query<{ indicator_id: number; period: string; value: number }>(
      `SELECT DISTINCT ON (indicator_id) indicator_id, period, value FROM rilevazioni
       WHERE ente_code = $1 AND year = $2 ORDER BY indicator_id, period_rank DESC, id DESC`, [ente, year]);
    return new Map(rows.map((r) => [r.indicator_id, { value: r.value, period: r.period }]));
  }

  /** The current value of each indicator in one period (what the period's summary and reminders look at). */
  async valuesOfPeriod(ente: string, year: number, period: string): Promise<Map<number, number>> {
    const rows = await this.driver.query<{ indicator_id: number; value: number }>(
      `SELECT DISTINCT ON (indicator_id) indicator_id, value FROM rilevazioni
       WHERE ente_code = $1 AND year = $2 AND period = $3 ORDER BY indicator_id, id DESC`, [ente, year, period]);
    return new Map(rows.map((r) => [r.indicator_id, r.value]));
  }

  /** Every rilevazione, superseded ones included, oldest first. */
  async history(ente: string, year: number, indicator?: number): Promise<Rilevazione[]> {
    const rows = await this.driver.query<RilevazioneRow>(
      `SELECT ${RILEVAZIONE_COLUMNS} FROM rilevazioni r WHERE r.ente_code = $1 AND r.year = $2 AND ($3::int IS NULL OR r.indicator_id = $3::int)
       ORDER BY r.indicator_id, r.period_rank, r.id`, [ente, year, indicator ?? null]);
    return rows.map(toRilevazione);
  }

  async saveDocument(kind: string, ente: string, year: number, content: unknown, meta: WriteMeta, source?: string): Promise<void> {
    await this.transaction(async (tx) => {
      await tx.driver.query('INSERT INTO documents (kind, ente_code, year, content, source, imported_at, imported_by, channel) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [kind, ente, year, JSON.stringify(content), source ?? null, meta.at, meta.actor, meta.channel]);
      await tx.audit(meta, `${kind}.import`, ente, year, { source: source ?? null });
    });
  }

  /** The latest stored document of a kind (e.g. `bilancio`, `genere`) for an ente and year. */
  async getDocument(kind: string, ente: string, year: number): Promise<unknown> {
    const rows = await this.driver.query<{ content: unknown }>('SELECT content FROM documents WHERE kind = $1 AND ente_code = $2 AND year = $3 ORDER BY id DESC LIMIT 1', [kind, ente, year]);
    const content = rows[0]?.content;
    return typeof content === 'string' ? JSON.parse(content) : content;
  }

  /**
   * Claims a one-time notification (a period's summary, a reminder to one owner): true for the
   * single caller that claims it first, across restarts and concurrent instances.
   */
  async claimNotification(kind: string, ente: string, year: number, period: string, target: string, at: Date): Promise<boolean> {
    const rows = await this.driver.query<{ kind: string }>(
      'INSERT INTO notifications (kind, ente_code, year, period, target, sent_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING kind',
      [kind, ente, year, period, target, at]);
    return rows.length === 1;
  }

  /** Claims a delivery (e.g. a Slack `event_id`) once: false when it was already handled. */
  claimRequest(key: string, at: Date): Promise<boolean> {
    return this.claimNotification('request', '', 0, '', key, at);
  }

  /** Gives a claim back when sending failed, so the next check tries again. */
  async releaseNotification(kind: string, ente: string, year: number, period: string, target: string): Promise<void> {
    await this.driver.query('DELETE FROM notifications WHERE kind = $1 AND ente_code = $2 AND year = $3 AND period = $4 AND target = $5', [kind, ente, year, period, target]);
  }

  async auditLog(filter: { ente?: string; year?: number } = {}): Promise<AuditEntry[]> {
    const rows = await this.driver.query<{ id: number; at_ms: number; actor: string; channel: string; action: string; ente_code: string | null; year: number | null; details: unknown }>(
      `SELECT id, (extract(epoch FROM at) * 1000)::float8 AS at_ms, actor, channel, action, ente_code, year, details FROM audit_log
       WHERE ($1::text IS NULL OR ente_code = $1::text) AND ($2::int IS NULL OR year = $2::int) ORDER BY id`, [filter.ente ?? null, filter.year ?? null]);
    return rows.map((r) => ({
      id: r.id, at: new Date(r.at_ms), actor: r.actor, channel: r.channel, action: r.action, ente: r.ente_code, year: r.year,
      details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
    }));
  }

  /** Row counts, for tests and the CLI's `db info`. */
  async counts(): Promise<Record<'plans' | 'rilevazioni' | 'audit_log' | 'documents' | 'notifications', number>> {
    const rows = await this.driver.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM plans)::int AS plans, (SELECT count(*) FROM rilevazioni)::int AS rilevazioni,
              (SELECT count(*) FROM audit_log)::int AS audit_log, (SELECT count(*) FROM documents)::int AS documents,
              (SELECT count(*) FROM notifications)::int AS notifications`);
    const row = rows[0] ?? {};
    return { plans: row.plans ?? 0, rilevazioni: row.rilevazioni ?? 0, audit_log: row.audit_log ?? 0, documents: row.documents ?? 0, notifications: row.notifications ?? 0 };
  }
}

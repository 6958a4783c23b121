import { PerfError, validatePlan, type Channel, type Plan } from '@perf/model';
import type { SqlDriver } from './driver.ts';
import { TeamsConversations } from './teams-conversations.ts';
import { WebAuthStore } from './web-auth.ts';
import { ConversationStateStore } from './conversation-state.ts';
import { RelazioneRecords } from './relazione-records.ts';
import { snapshotTables } from './snapshot.ts';
import type { AuditEntry, BulkRilevazione, NewRilevazione, PeriodLock, PlanRef, Rilevazione, StoredRilevazione, ValuesImportRecord, ValuesView, WriteMeta } from './records.ts';
import {
  APPEND_COLUMNS, copyText, coveringLock, LOCK_COLUMNS, periodLockedError, RILEVAZIONE_COLUMNS, rilevazioneColumns, supersessionKey, toLock, toRilevazione, visibleAt, yearLockKey,
  type LockRow, type RilevazioneRow,
} from './rows.ts';

export type { Channel };
export * from './records.ts';
export { coveringLock } from './rows.ts';

/** Plans validated once per stored version: validating a large plan costs more than reading it. */
type PlanCache = Map<string, { readonly id: number; readonly plan: Plan }>;

/** The domain operations on one database; every write is one transaction and leaves an audit row. */
export class Store {
  constructor(
    private readonly driver: SqlDriver,
    readonly engine: 'embedded' | 'postgres',
    private readonly onClose: () => void = () => {},
    private readonly planCache: PlanCache = new Map(),
  ) {}

  /** Runs `work` in one transaction: everything it writes is stored, or nothing is. */
  async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    return this.driver.transaction((tx) => work(new Store(tx, this.engine, () => {}, this.planCache)));
  }

  /** What each chat conversation remembers between messages. */
  get conversations(): ConversationStateStore {
    return new ConversationStateStore(this.driver);
  }

  /** The dashboard's sign-in tokens and sessions. */
  get webAuth(): WebAuthStore {
    return new WebAuthStore(this.driver);
  }

  /** The Relazione's adoption (with the frozen PDF), validation and the scostamento comments. */
  get relazione(): RelazioneRecords {
    return new RelazioneRecords(this.driver);
  }

  /** Where the Teams app can reach each person with a personal message. */
  get teamsConversations(): TeamsConversations {
    return new TeamsConversations(this.driver);
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

  /** When the plan of (ente, year) was first imported (its first version): the Piano's date in the cycle's record. */
  async planFirstImportedAt(ente: string, year: number): Promise<Date | undefined> {
    const rows = await this.driver.query<{ at_ms: number | null }>(
      'SELECT (extract(epoch FROM min(imported_at)) * 1000)::float8 AS at_ms FROM plans WHERE ente_code = $1 AND year = $2', [ente, year]);
    const ms = rows[0]?.at_ms;
    return ms === null || ms === undefined ? undefined : new Date(ms);
  }

  async listPlans(): Promise<PlanRef[]> {
    const rows = await this.driver.query<{ ente_code: string; ente_name: string; year: number; imported_ms: number }>(
      `SELECT DISTINCT ON (ente_code, year) ente_code, ente_name, year, (extract(epoch FROM imported_at) * 1000)::float8 AS imported_ms
       FROM plans ORDER BY ente_code, year, id DESC`);
    return rows.map((r) => ({ ente: r.ente_code, enteName: r.ente_name, year: r.year, importedAt: new Date(r.imported_ms) }));
  }

  async getPlan(ente: string, year: number): Promise<Plan | undefined> {
    const latest = (await this.driver.query<{ id: number }>('SELECT id FROM plans WHERE ente_code = $1 AND year = $2 ORDER BY id DESC LIMIT 1', [ente, year]))[0];
    if (latest === undefined) return undefined;
    const key = `${ente}\u0000${year}`;
    const cached = this.planCache.get(key);
    if (cached?.id === latest.id) return cached.plan;
    const rows = await this.driver.query<{ document: unknown }>('SELECT document FROM plans WHERE id = $1', [latest.id]);
    const document = rows[0]?.document;
    if (document === undefined) return undefined;
    const plan = validatePlan(typeof document === 'string' ? JSON.parse(document) : document, `${ente} ${year}`);
    this.planCache.set(key, { id: latest.id, plan });
    return plan;
  }

  /** Appends a rilevazione; an earlier one of the same period is superseded (kept, never changed). */
  async addRilevazione(input: NewRilevazione, meta: WriteMeta): Promise<StoredRilevazione> {
    return this.transaction(async (tx) => {
      if (this.engine === 'postgres') {
        // Serialises reports of one indicator so two concurrent writers never supersede the same row;
        // PGlite has a single connection whose transactions already run one at a time.
        await tx.driver.query('SELECT pg_advisory_xact_lock(hashtext($1)), pg_advisory_xact_lock_shared(hashtext($2))',
          [`${input.ente}/${input.year}/${input.indicator}`, yearLockKey(input.ente, input.year)]);
      }
      const existing = input.requestKey === undefined ? undefined : await tx.rilevazioneByRequestKey(input.requestKey);
      if (existing) return { rilevazione: existing, superseded: undefined, duplicate: true };
      // The command core explains a closed period to people; this is the database's own guarantee.
      const lock = await tx.lockCovering(input.ente, input.year, input.period);
      if (lock && input.override === undefined) throw periodLockedError(input.ente, input.period, lock);
      const previous = (await tx.driver.query<RilevazioneRow>(
        `SELECT ${RILEVAZIONE_COLUMNS} FROM rilevazioni r WHERE r.ente_code = $1 AND r.year = $2 AND r.indicator_id = $3 AND r.period = $4 ORDER BY r.id DESC LIMIT 1`,
        [input.ente, input.year, input.indicator, input.period]))[0];
      const details = {
        indicator: input.indicator, period: input.period, value: input.value, supersedes: previous?.id ?? null,
        ...(input.override ? { overrideReason: input.override.reason, overrideBy: input.override.by, lock: lock?.period ?? null } : {}),
      };
      // One statement appends the rilevazione and its audit row and returns what was stored.
      const stored = (await tx.driver.query<RilevazioneRow>(
        `WITH r AS (
           INSERT INTO rilevazioni (ente_code, year, indicator_id, period, period_rank, value, raw_value, note, reported_by, reported_at, channel, supersedes, request_key, override_reason, override_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *
         ), audited AS (
           INSERT INTO audit_log (at, actor, channel, action, ente_code, year, details)
           SELECT r.reported_at, r.reported_by, r.channel, 'rilevazione.add', r.ente_code, r.year, jsonb_build_object('rilevazione', r.id) || $16::jsonb FROM r
         )
         SELECT r.id, r.ente_code, r.year, r.indicator_id, r.period, r.value, r.raw_value, r.note, r.reported_by,
           (extract(epoch FROM r.reported_at) * 1000)::float8 AS reported_ms, r.channel, r.supersedes, r.override_reason, r.override_by, r.source, r.reconstructed, false AS superseded
         FROM r`,
        [input.ente, input.year, input.indicator, input.period, input.periodRank, input.value, input.rawValue, input.note ?? null,
          meta.actor, meta.at, meta.channel, previous?.id ?? null, input.requestKey ?? null, input.override?.reason ?? null, input.override?.by ?? null,
          JSON.stringify(details)]))[0];
      if (!stored) throw new PerfError('STORE_FAILED', 'Registrazione non riuscita: il database non ha restituito la rilevazione.');
      return { rilevazione: toRilevazione(stored), superseded: previous ? toRilevazione({ ...previous, superseded: true }) : undefined, duplicate: false };
    });
  }

  /** The rilevazione stored by one delivery of a request, if that request was already stored. */
  async rilevazioneByRequestKey(requestKey: string): Promise<Rilevazione | undefined> {
    const rows = await this.driver.query<RilevazioneRow>(`SELECT ${RILEVAZIONE_COLUMNS} FROM rilevazioni r WHERE r.request_key = $1`, [requestKey]);
    return rows[0] ? toRilevazione(rows[0]) : undefined;
  }

  /**
   * For a bulk append (a file of values), on PostgreSQL: holds these years of the ente until the
   * transaction ends, before anything is read for the append. It takes each year's lock exclusive
   * (sorted, so two imports never deadlock): period closes wait, as they do for any report, and so do
   * single reports of the ente and year, which take the same lock shared after their indicator's lock.
   * One lock per year instead of one per indicator: the supersession chain of the whole file is
   * computed in memory from what the import read, so no other writer may append to the same
   * indicators and periods meanwhile, and a large file touches nearly every indicator anyway.
   * PGlite has a single connection whose transactions already run one at a time.
   */
  async holdYearsForAppend(ente: string, years: readonly number[]): Promise<void> {
    if (this.engine !== 'postgres' || years.length === 0) return;
    const keys = [...new Set(years)].sort((a, b) => a - b).map((year) => yearLockKey(ente, year));
    await this.driver.query('SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest($1::text[]) AS k', [keys]);
  }

  /**
   * The request keys already stored that begin with `prefix` (e.g. every row of one values file). With
   * the C collation (PGlite's) the unique index finds them; under another collation PostgreSQL cannot
   * use it for LIKE and reads the table once, which an import does once.
   */
  async requestKeysWithPrefix(prefix: string): Promise<string[]> {
    const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await this.driver.query<{ request_key: string }>('SELECT request_key FROM rilevazioni WHERE request_key LIKE $1', [pattern]);
    return rows.map((r) => r.request_key);
  }

  /**
   * Appends many rilevazioni at once, in the order given, in one transaction (the caller's, when it
   * has one): each supersedes the latest one of its indicator and period, stored before or earlier in
   * `rows`. Ids are reserved from the table's sequence and the supersession chain is computed in
   * memory, then one COPY stores every row. A value for a closed period without an override is
   * refused and nothing is stored. Writes no audit row: each rilevazione
   * carries who, when and through which channel; the caller records the import (`auditValuesImport`).
   * Returns the new ids, in the order of `rows`.
   */
  async appendRilevazioni(rows: readonly BulkRilevazione[], meta: Pick<WriteMeta, 'channel' | 'at'>): Promise<number[]> {
    if (rows.length === 0) return [];
    return this.transaction(async (tx) => {
      const years = new Map<string, { ente: string; year: number }>();
      for (const row of rows) years.set(`${row.ente}\u0000${row.year}`, { ente: row.ente, year: row.year });
      for (const ente of new Set([...years.values()].map((y) => y.ente))) {
        await tx.holdYearsForAppend(ente, [...years.values()].filter((y) => y.ente === ente).map((y) => y.year));
        const locks = await tx.periodLocks({ ente });
        for (const row of rows) {
          if (row.ente !== ente || row.override !== undefined) continue;
          const lock = coveringLock(locks, row.year, row.period);
          if (lock) throw periodLockedError(row.ente, row.period, lock);
        }
      }
      // The latest rilevazione of each (ente, year, indicator, period) the rows touch: one index probe each.
      const pairs = new Map<string, BulkRilevazione>();
      for (const row of rows) pairs.set(supersessionKey(row), row);
      const probes = [...pairs.values()];
      const latest = new Map<string, number>((await tx.driver.query<{ ente_code: string; year: number; indicator_id: number; period: string; id: number }>(
        `SELECT k.ente_code, k.year, k.indicator_id, k.period, latest.id FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::int[]) AS k(ente_code, year, indicator_id, period, period_rank)
         CROSS JOIN LATERAL (
           SELECT r.id FROM rilevazioni r
           WHERE r.ente_code = k.ente_code AND r.year = k.year AND r.indicator_id = k.indicator_id AND r.period_rank = k.period_rank AND r.period = k.period
           ORDER BY r.id DESC LIMIT 1
         ) latest`,
        [probes.map((p) => p.ente), probes.map((p) => p.year), probes.map((p) => p.indicator), probes.map((p) => p.period), probes.map((p) => p.periodRank)]))
        .map((r) => [supersessionKey({ ente: r.ente_code, year: r.year, indicator: r.indicator_id, period: r.period }), r.id]));
      const ids = (await tx.driver.query<{ id: number }>("SELECT nextval(pg_get_serial_sequence('rilevazioni', 'id'))::int AS id FROM generate_series(1, $1)", [rows.length]))
        .map((r) => r.id).sort((a, b) => a - b);
      const supersedes: (number | null)[] = new Array(rows.length);
      rows.forEach((row, i) => {
        const key = supersessionKey(row);
        const id = ids[i] ?? 0;
        supersedes[i] = latest.get(key) ?? null;
        latest.set(key, id);
      });
      const reportedAt = meta.at.toISOString();
      const channel = copyText(meta.channel);
      let text = '';
      rows.forEach((r, i) => {
        text += `${ids[i]}\t${copyText(r.ente)}\t${r.year}\t${r.indicator}\t${copyText(r.period)}\t${r.periodRank}\t${r.value}\t${copyText(r.rawValue)}\t${copyText(r.note)}\t`
          + `${copyText(r.reportedBy)}\t${reportedAt}\t${channel}\t${supersedes[i] ?? '\\N'}\t${copyText(r.requestKey)}\t${copyText(r.override?.reason)}\t${copyText(r.override?.by)}\t${copyText(r.source)}\t${r.reconstructed === true ? 't' : 'f'}\n`;
      });
      await tx.driver.copyFrom('rilevazioni', APPEND_COLUMNS, text);
      return ids;
    });
  }

  /** The audit row of one import of a values file (of one year): who imported it, when, through which channel, and what it stored. */
  async auditValuesImport(ente: string, year: number, record: ValuesImportRecord, meta: WriteMeta): Promise<void> {
    await this.audit(meta, 'values.import', ente, year, { ...record });
  }

  /** The value that stands for the year for each indicator: latest period, then latest report (§4). */
  async latestValues(ente: string, year: number, view: ValuesView = {}): Promise<Map<number, { value: number; period: string }>> {
    const plan = await this.getPlan(ente, year);
    // With the plan's indicators known, one index probe each (cost grows with the indicators, not with
    // the rilevazioni); without a plan, every row of the ente and year is read.
    const rows = plan === undefined
      ? await this.driver.query<{ indicator_id: number; period: string; value: number }>(
        `SELECT DISTINCT ON (indicator_id) indicator_id, period, value FROM rilevazioni r
         WHERE ente_code = $1 AND year = $2 AND ${visibleAt('r', '$3')} ORDER BY indicator_id, period_rank DESC, id DESC`, [ente, year, view.asOf ?? null])
      : await this.driver.query<{ indicator_id: number; period: string; value: number }>(
        `SELECT i.id AS indicator_id, latest.period, latest.value FROM unnest($4::int[]) AS i(id)
         CROSS JOIN LATERAL (
           SELECT r.period, r.value FROM rilevazioni r
           WHERE r.ente_code = $1 AND r.year = $2 AND r.indicator_id = i.id AND ${visibleAt('r', '$3')}
           ORDER BY r.period_rank DESC, r.id DESC LIMIT 1
         ) latest`, [ente, year, view.asOf ?? null, plan.indicators.map((i) => i.id)]);
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
  async history(ente: string, year: number, indicator?: number, view: ValuesView = {}): Promise<Rilevazione[]> {
    const rows = await this.driver.query<RilevazioneRow>(
      `SELECT ${rilevazioneColumns('$4')} FROM rilevazioni r WHERE r.ente_code = $1 AND r.year = $2 AND ($3::int IS NULL OR r.indicator_id = $3::int)
       AND ${visibleAt('r', '$4')} ORDER BY r.indicator_id, r.period_rank, r.id`, [ente, year, indicator ?? null, view.asOf ?? null]);
    return rows.map(toRilevazione);
  }

  /**
   * Closes a period (`2012-Q2`) or a whole year (`2012`, which closes all its periods). A period that
   * is already closed, by itself or by its year, is left as it is: `created` is false and `lock` is the
   * existing one.
   */
  async closePeriod(ente: string, year: number, period: string, meta: WriteMeta): Promise<{ lock: PeriodLock; created: boolean }> {
    return this.transaction(async (tx) => {
      await tx.driver.query('SELECT pg_advisory_xact_lock(hashtext($1))', [yearLockKey(ente, year)]);
      const existing = (await tx.periodLocks({ ente, year })).find((l) => l.period === period || l.period === String(year));
      if (existing) return { lock: existing, created: false };
      const rows = await tx.driver.query<LockRow>(
        `INSERT INTO period_locks (ente_code, year, period, closed_at, closed_by, channel) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${LOCK_COLUMNS}`,
        [ente, year, period, meta.at, meta.actor, meta.channel]);
      const row = rows[0];
      if (!row) throw new PerfError('STORE_FAILED', 'Chiusura non riuscita: il database non ha restituito il periodo chiuso.');
      await tx.audit(meta, 'period.close', ente, year, { period });
      return { lock: toLock(row), created: true };
    });
  }

  /** The lock that closes a period: its own, or its year's (the earliest when both exist). */
  async lockCovering(ente: string, year: number, period: string): Promise<PeriodLock | undefined> {
    const rows = await this.driver.query<LockRow>(
      `SELECT ${LOCK_COLUMNS} FROM period_locks WHERE ente_code = $1 AND year = $2 AND period IN ($3, $4) ORDER BY closed_at, id LIMIT 1`,
      [ente, year, period, String(year)]);
    return rows[0] ? toLock(rows[0]) : undefined;
  }

  /** The closed periods, oldest close first; of one ente (and year) when given. */
  async periodLocks(filter: { ente?: string; year?: number } = {}): Promise<PeriodLock[]> {
    const rows = await this.driver.query<LockRow>(
      `SELECT ${LOCK_COLUMNS} FROM period_locks WHERE ($1::text IS NULL OR ente_code = $1::text) AND ($2::int IS NULL OR year = $2::int)
       ORDER BY closed_at, id`, [filter.ente ?? null, filter.year ?? null]);
    return rows.map(toLock);
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

  /** Every row of every table as text (see `snapshotTables`): equal snapshots, nothing stored in between. */
  snapshot(): Promise<string> {
    return snapshotTables(this.driver);
  }

  /** Row counts, for tests and the CLI's `db info`. */
  async counts(): Promise<Record<'plans' | 'rilevazioni' | 'audit_log' | 'documents' | 'notifications' | 'period_locks', number>> {
    const rows = await this.driver.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM plans)::int AS plans, (SELECT count(*) FROM rilevazioni)::int AS rilevazioni,
              (SELECT count(*) FROM audit_log)::int AS audit_log, (SELECT count(*) FROM documents)::int AS documents,
              (SELECT count(*) FROM notifications)::int AS notifications, (SELECT count(*) FROM period_locks)::int AS period_locks`);
    const row = rows[0] ?? {};
    return {
      plans: row.plans ?? 0, rilevazioni: row.rilevazioni ?? 0, audit_log: row.audit_log ?? 0, documents: row.documents ?? 0,
      notifications: row.notifications ?? 0, period_locks: row.period_locks ?? 0,
    };
  }
}

import type { SqlDriver } from './driver.ts';

/**
 * Ordered, append-only list: a released migration is never edited, a change is a new entry.
 * The same SQL runs on PGlite and on a PostgreSQL server.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'plans, rilevazioni, audit, documents, notifications',
    sql: `
      CREATE TABLE plans (
        id serial PRIMARY KEY,
        ente_code text NOT NULL,
        ente_name text NOT NULL,
        year integer NOT NULL,
        document jsonb NOT NULL,
        source text,
        imported_at timestamptz NOT NULL,
        imported_by text NOT NULL,
        channel text NOT NULL
      );
      CREATE INDEX plans_by_ente_year ON plans (ente_code, year, id DESC);

      CREATE TABLE rilevazioni (
        id serial PRIMARY KEY,
        ente_code text NOT NULL,
        year integer NOT NULL,
        indicator_id integer NOT NULL,
        period text NOT NULL,
        period_rank integer NOT NULL,
        value double precision NOT NULL,
        raw_value text NOT NULL,
        note text,
        reported_by text NOT NULL,
        reported_at timestamptz NOT NULL,
        channel text NOT NULL,
        supersedes integer REFERENCES rilevazioni (id),
        request_key text UNIQUE
      );
      CREATE INDEX rilevazioni_latest ON rilevazioni (ente_code, year, indicator_id, period_rank DESC, id DESC);

      CREATE TABLE audit_log (
        id serial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        channel text NOT NULL,
        action text NOT NULL,
        ente_code text,
        year integer,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      );

      CREATE TABLE documents (
        id serial PRIMARY KEY,
        kind text NOT NULL,
        ente_code text NOT NULL,
        year integer NOT NULL,
        content jsonb NOT NULL,
        source text,
        imported_at timestamptz NOT NULL,
        imported_by text NOT NULL,
        channel text NOT NULL
      );
      CREATE INDEX documents_latest ON documents (kind, ente_code, year, id DESC);

      CREATE TABLE notifications (
        kind text NOT NULL,
        ente_code text NOT NULL,
        year integer NOT NULL,
        period text NOT NULL,
        target text NOT NULL,
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (kind, ente_code, year, period, target)
      );

      CREATE FUNCTION perf_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'perf: % is append-only', TG_TABLE_NAME;
      END $$;
      CREATE TRIGGER rilevazioni_append_only BEFORE UPDATE OR DELETE ON rilevazioni FOR EACH ROW EXECUTE FUNCTION perf_append_only();
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION perf_append_only();
      CREATE TRIGGER plans_append_only BEFORE UPDATE OR DELETE ON plans FOR EACH ROW EXECUTE FUNCTION perf_append_only();
    `,
  },
  {
    version: 2,
    name: 'period locks, late values with a reason',
    sql: `
      CREATE TABLE period_locks (
        id serial PRIMARY KEY,
        ente_code text NOT NULL,
        year integer NOT NULL,
        period text NOT NULL,
        closed_at timestamptz NOT NULL,
        closed_by text NOT NULL,
        channel text NOT NULL,
        UNIQUE (ente_code, year, period)
      );
      CREATE TRIGGER period_locks_append_only BEFORE UPDATE OR DELETE ON period_locks FOR EACH ROW EXECUTE FUNCTION perf_append_only();

      ALTER TABLE rilevazioni ADD COLUMN override_reason text;
      ALTER TABLE rilevazioni ADD COLUMN override_by text;
      ALTER TABLE rilevazioni ADD CONSTRAINT rilevazioni_override_has_author CHECK ((override_reason IS NULL) = (override_by IS NULL));
    `,
  },
  {
    version: 3,
    name: 'index of superseded rilevazioni',
    // `superseded` is asked of every row listed by history(): without it, each question scans the table.
    sql: 'CREATE INDEX rilevazioni_supersedes ON rilevazioni (supersedes) WHERE supersedes IS NOT NULL;',
  },
  {
    version: 4,
    name: 'conversation state (pending confirmation, last report) per person and chat conversation',
    sql: `
      CREATE TABLE conversation_state (
        channel text NOT NULL,
        conversation text NOT NULL,
        person text NOT NULL,
        state jsonb NOT NULL,
        saved_at timestamptz NOT NULL,
        PRIMARY KEY (channel, conversation, person)
      );
    `,
  },
  {
    version: 5,
    name: 'Relazione adoption and validation, scostamento comments (append-only)',
    // The adopted Relazione is frozen: its bytes and SHA-256 are stored with the Giunta's act, once per year.
    // A comment is never changed: a newer one for the same objective supersedes it.
    sql: `
      CREATE TABLE relazione_adoptions (
        id serial PRIMARY KEY,
        ente_code text NOT NULL,
        year integer NOT NULL,
        delibera text NOT NULL,
        adopted_by text NOT NULL,
        adopted_at timestamptz NOT NULL,
        channel text NOT NULL,
        pdf_sha256 text NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
        pdf bytea NOT NULL,
        pages integer NOT NULL,
        UNIQUE (ente_code, year)
      );
      CREATE TABLE relazione_validations (
        id serial PRIMARY KEY,
        adoption_id integer NOT NULL UNIQUE REFERENCES relazione_adoptions (id),
        ente_code text NOT NULL,
        year integer NOT NULL,
        documento text NOT NULL,
        validated_by text NOT NULL,
        validated_at timestamptz NOT NULL,
        channel text NOT NULL
      );
      CREATE TABLE scostamento_comments (
        id serial PRIMARY KEY,
        ente_code text NOT NULL,
        year integer NOT NULL,
        objective_id text NOT NULL,
        causa text NOT NULL,
        azione text NOT NULL,
        written_by text NOT NULL,
        written_at timestamptz NOT NULL,
        channel text NOT NULL,
        supersedes integer REFERENCES scostamento_comments (id)
      );
      CREATE INDEX scostamento_comments_latest ON scostamento_comments (ente_code, year, objective_id, id DESC);
      CREATE TRIGGER relazione_adoptions_append_only BEFORE UPDATE OR DELETE ON relazione_adoptions FOR EACH ROW EXECUTE FUNCTION perf_append_only();
      CREATE TRIGGER relazione_validations_append_only BEFORE UPDATE OR DELETE ON relazione_validations FOR EACH ROW EXECUTE FUNCTION perf_append_only();
      CREATE TRIGGER scostamento_comments_append_only BEFORE UPDATE OR DELETE ON scostamento_comments FOR EACH ROW EXECUTE FUNCTION perf_append_only();
    `,
  },
  {
    version: 7,
    name: 'dashboard sign-in tokens and sessions (stored hashed)',
    // A token row is written when a link is issued and marked used once; a session lives 8 hours.
    sql: `
      CREATE TABLE web_sign_in_tokens (
        token_hash text PRIMARY KEY,
        person_id text NOT NULL,
        ente_code text NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        issued_by text NOT NULL,
        channel text NOT NULL,
        used_at timestamptz
      );
      CREATE TABLE web_sessions (
        session_hash text PRIMARY KEY,
        person_id text NOT NULL,
        ente_code text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'Teams conversation references (for proactive messages)',
    // One row per person (their personal chat with the app); a newer reference replaces the older.
    sql: `
      CREATE TABLE teams_conversations (
        aad_object_id text PRIMARY KEY,
        reference jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 8,
    name: 'The citizen summary frozen with the adopted Relazione',
    // «La Relazione in sintesi» published in Amministrazione trasparente must not change after the adoption
    // either: its bytes are stored with the adoption, in the same transaction, once.
    sql: `
      CREATE TABLE relazione_summaries (
        adoption_id integer PRIMARY KEY REFERENCES relazione_adoptions (id),
        pdf_sha256 text NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
        pdf bytea NOT NULL,
        pages integer NOT NULL
      );
      CREATE TRIGGER relazione_summaries_append_only BEFORE UPDATE OR DELETE ON relazione_summaries FOR EACH ROW EXECUTE FUNCTION perf_append_only();
    `,
  },
  {
    version: 9,
    name: 'Provenance of the rilevazioni imported from a file',
    // A value from a file may name its source document and say it is reconstructed (not in that source):
    // the Relazione marks such a value. A value a person reported has neither.
    sql: `
      ALTER TABLE rilevazioni ADD COLUMN source text;
      ALTER TABLE rilevazioni ADD COLUMN reconstructed boolean NOT NULL DEFAULT false;
    `,
  },
  {
    version: 10,
    name: 'The opportunity a scostamento comment may name',
    // The seed's criticità table has three columns: the criticità, the opportunità it opens, the corrective
    // action. A comment written before keeps no opportunity (null).
    sql: `
      ALTER TABLE scostamento_comments ADD COLUMN opportunita text;
    `,
  },
];

/** The versions already applied, or none when the database is new (no `schema_migrations` table yet). */
async function appliedVersions(driver: SqlDriver): Promise<Set<number>> {
  const [table] = await driver.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
  if (!table?.present) return new Set();
  return new Set((await driver.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
}

/**
 * Applies the missing migrations, each in its own transaction; serialised across processes by an advisory lock.
 * An up-to-date database (every open but the first) is only read: no lock, no DDL, no transaction.
 */
export async function migrate(driver: SqlDriver): Promise<number[]> {
  const known = await appliedVersions(driver);
  if (MIGRATIONS.every((migration) => known.has(migration.version))) return [];
  return driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7301)');
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const applied = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    const done: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      done.push(migration.version);
    }
    return done;
  });
}

import type { SqlDriver } from './driver.ts';

/** A one-time sign-in token as issued: only its hash is stored. */
export interface IssuedToken {
  readonly tokenHash: string;
  readonly personId: string;
  readonly ente: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly issuedBy: string;
  readonly channel: string;
}

export interface WebSession {
  readonly personId: string;
  readonly ente: string;
  readonly expiresAt: Date;
}

/** The dashboard's sign-in tokens and sessions (migration 7); tokens and session ids are stored hashed only. */
export class WebAuthStore {
  constructor(private readonly driver: SqlDriver) {}

  /** Stores the token's hash, with an audit row (who asked for a link for whom, when, through which channel). */
  async issueToken(token: IssuedToken): Promise<void> {
    await this.driver.transaction(async (tx) => {
      await tx.query(
        'INSERT INTO web_sign_in_tokens (token_hash, person_id, ente_code, issued_at, expires_at, issued_by, channel) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [token.tokenHash, token.personId, token.ente, token.issuedAt, token.expiresAt, token.issuedBy, token.channel]);
      await tx.query("INSERT INTO audit_log (at, actor, channel, action, ente_code, year, details) VALUES ($1, $2, $3, 'web.link', $4, NULL, $5)",
        [token.issuedAt, token.issuedBy, token.channel, token.ente, JSON.stringify({ person: token.personId, expiresAt: token.expiresAt.toISOString() })]);
    });
  }

  /** Marks the token used, once: the person and ente when it was unused and not expired at `now`, otherwise undefined. */
  async consumeToken(tokenHash: string, now: Date): Promise<{ personId: string; ente: string } | undefined> {
    const rows = await this.driver.query<{ person_id: string; ente_code: string }>(
      'UPDATE web_sign_in_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING person_id, ente_code',
      [tokenHash, now]);
    const row = rows[0];
    return row === undefined ? undefined : { personId: row.person_id, ente: row.ente_code };
  }

  async createSession(sessionHash: string, session: WebSession, now: Date): Promise<void> {
    await this.driver.query('INSERT INTO web_sessions (session_hash, person_id, ente_code, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [sessionHash, session.personId, session.ente, now, session.expiresAt]);
  }

  /** The session, while it has not expired at `now`. */
  async session(sessionHash: string, now: Date): Promise<WebSession | undefined> {
    const rows = await this.driver.query<{ person_id: string; ente_code: string; expires_ms: number }>(
      'SELECT person_id, ente_code, (extract(epoch FROM expires_at) * 1000)::float8 AS expires_ms FROM web_sessions WHERE session_hash = $1 AND expires_at > $2',
      [sessionHash, now]);
    const row = rows[0];
    return row === undefined ? undefined : { personId: row.person_id, ente: row.ente_code, expiresAt: new Date(row.expires_ms) };
  }
}

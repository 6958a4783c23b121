import type { SqlDriver } from './driver.ts';

/**
 * The Teams conversation references of people's personal chats with the app (migration 6), kept
 * so that reminders can be sent to them later: stored when the app is installed or first talked to.
 */
export class TeamsConversations {
  constructor(private readonly driver: SqlDriver) {}

  /** Stores (or refreshes) the reference of a person's personal chat, keyed by their Entra object id. */
  async save(aadObjectId: string, reference: unknown, at: Date): Promise<void> {
    await this.driver.query(
      `INSERT INTO teams_conversations (aad_object_id, reference, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (aad_object_id) DO UPDATE SET reference = EXCLUDED.reference, updated_at = EXCLUDED.updated_at`,
      [aadObjectId.toLowerCase(), JSON.stringify(reference), at]);
  }

  /** The stored reference of a person's personal chat, if the app has one. */
  async find(aadObjectId: string): Promise<unknown> {
    const rows = await this.driver.query<{ reference: unknown }>('SELECT reference FROM teams_conversations WHERE aad_object_id = $1', [aadObjectId.toLowerCase()]);
    const reference = rows[0]?.reference;
    return typeof reference === 'string' ? JSON.parse(reference) : reference;
  }
}

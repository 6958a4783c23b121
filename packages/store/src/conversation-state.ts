import type { SqlDriver } from './driver.ts';

/** Whose conversation: a person, on a channel, in one conversation there (a DM, the terminal). */
export interface ConversationKey {
  readonly channel: string;
  readonly conversation: string;
  readonly person: string;
}

/**
 * What a chat conversation remembers between messages (migration 4): the value waiting for «sì», a
 * choice offered, the last value stored. One row per conversation, replaced at each message; the
 * caller validates the state it reads back and ignores one older than its time to live.
 */
export class ConversationStateStore {
  constructor(private readonly driver: SqlDriver) {}

  async load(key: ConversationKey): Promise<{ state: unknown; savedAt: Date } | undefined> {
    const rows = await this.driver.query<{ state: unknown; saved_ms: number }>(
      'SELECT state, (extract(epoch FROM saved_at) * 1000)::float8 AS saved_ms FROM conversation_state WHERE channel = $1 AND conversation = $2 AND person = $3',
      [key.channel, key.conversation, key.person]);
    const row = rows[0];
    if (row === undefined) return undefined;
    return { state: typeof row.state === 'string' ? JSON.parse(row.state) : row.state, savedAt: new Date(row.saved_ms) };
  }

  async save(key: ConversationKey, state: unknown, at: Date): Promise<void> {
    await this.driver.query(
      `INSERT INTO conversation_state (channel, conversation, person, state, saved_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (channel, conversation, person) DO UPDATE SET state = EXCLUDED.state, saved_at = EXCLUDED.saved_at`,
      [key.channel, key.conversation, key.person, JSON.stringify(state), at]);
  }
}

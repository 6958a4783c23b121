/** The little SQL surface the store needs; both engines speak the same PostgreSQL dialect. */
export interface SqlDriver {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  transaction<T>(work: (tx: SqlDriver) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Appends rows to a table with COPY from text in PostgreSQL's text format (tab-separated, `\\N` for
   * null), where the engine takes it without a streaming client (PGlite); absent where the store
   * appends with INSERT instead.
   */
  copyFrom?(table: string, columns: readonly string[], text: string): Promise<void>;
}

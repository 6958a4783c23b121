/** The little SQL surface the store needs; both engines speak the same PostgreSQL dialect. */
export interface SqlDriver {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  transaction<T>(work: (tx: SqlDriver) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Appends rows to a table with COPY, from text in PostgreSQL's text format (tab-separated, `\\N` for
   * null): the cheapest way into either engine, for the server and for this process alike.
   */
  copyFrom(table: string, columns: readonly string[], text: string): Promise<void>;
}

/** The COPY statement of `copyFrom`; `source` is STDIN for a server, PGlite's `'/dev/blob'` for the embedded engine. */
export function copyStatement(table: string, columns: readonly string[], source: 'STDIN' | "'/dev/blob'"): string {
  return `COPY ${table} (${columns.join(', ')}) FROM ${source}`;
}

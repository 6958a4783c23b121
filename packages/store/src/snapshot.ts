import type { SqlDriver } from './driver.ts';

/**
 * Every row of every table of the store's schema as text, tables by name and rows sorted: two
 * snapshots are equal exactly when nothing was stored, changed or removed in between (how tests
 * prove that a refused request stored nothing).
 */
export async function snapshotTables(driver: SqlDriver): Promise<string> {
  const tables = await driver.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name");
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await driver.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${name.replaceAll('"', '""')}" t`);
    parts.push(`${name}\n${rows.map((r) => r.row).sort().join('\n')}`);
  }
  return parts.join('\n\n');
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@perf/store';

export async function createEmbeddedTemplate(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const base = mkdtempSync(join(tmpdir(), 'perf-template-'));
  const dir = join(base, 'db');
  const store = await openStore(dir);
  await store.close();
  return { dir, remove: async () => rmSync(base, { recursive: true, force: true }) };
}

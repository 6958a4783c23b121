import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '@perf/model';
import { openStore } from '@perf/store';
import { EXAMPLE_DIR } from './cli.ts';

/** Stores the bundled 2012 plan (no values) in the database at `location`, then closes it. */
export async function importExamplePlan(location: string): Promise<void> {
  const store = await openStore(location);
  try {
    await store.importPlan(parsePlan(readFileSync(join(EXAMPLE_DIR, 'piano-2012.yaml'), 'utf8')), { actor: 'test', channel: 'cli', at: new Date() });
  } finally {
    await store.close();
  }
}

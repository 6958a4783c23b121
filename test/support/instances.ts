import type { Person } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { freshPostgresUrl } from './databases.ts';

/**
 * A fresh PostgreSQL database with the example loaded (by the app's own test loader), for tests that run
 * several instances of an app on it, and the people who still owe a Q3 2012 value (each due one reminder).
 */
export async function exampleOnPostgres(load: (store: Store) => Promise<void>): Promise<{ url: string; owingQ3: Person[] }> {
  const url = await freshPostgresUrl();
  const setup = await openStore(url);
  try {
    await load(setup);
    const plan = await setup.getPlan('CCIAA-MS', 2012);
    const reported = await setup.valuesOfPeriod('CCIAA-MS', 2012, '2012-Q3');
    return { url, owingQ3: (plan?.people ?? []).filter((p) => plan?.indicators.some((i) => i.owner === p.id && !reported.has(i.id))) };
  } finally {
    await setup.close();
  }
}

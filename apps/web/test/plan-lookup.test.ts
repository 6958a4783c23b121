import { describe, expect, it } from 'vitest';
import type { Store } from '@perf/store';
import { useExampleStore, webHarness } from './support.ts';

/** The real store, counting the plan lookups made through it (every call still goes to the store). */
function countingPlanLookups(store: Store): { store: Store; lookups: string[] } {
  const lookups: string[] = [];
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (property === 'getPlan' || property === 'listPlans') lookups.push(String(property));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: counted, lookups };
}

const exampleStoreOf = useExampleStore();

describe('a dashboard request reads the plan once', () => {
  it('resolves the plan once per page; the core command it runs takes it from the context', async () => {
    const counting = countingPlanLookups(exampleStoreOf());
    const web = webHarness(counting.store);
    const cookie = await web.signIn('f.serra');
    for (const path of ['/ente/2012', '/ente/2012/obiettivo/04', '/ente/2012/indicatore/12', '/ente/2012/registro', '/ente/2012/stato.xlsx']) {
      counting.lookups.length = 0;
      expect((await web.get(path, cookie)).status, path).toBe(200);
      expect(counting.lookups, path).toEqual(['listPlans', 'getPlan']);
    }
    // The year comparison reads the other year's plan: it is not the one already resolved.
    counting.lookups.length = 0;
    await web.get('/ente/2012/controllo?confronta=2011', cookie);
    expect(counting.lookups.filter((l) => l === 'listPlans')).toHaveLength(2);
  });

  it('still refuses through the core\'s permission check what the person may not see (403)', async () => {
    const counting = countingPlanLookups(exampleStoreOf());
    const web = webHarness(counting.store);
    const cookie = await web.signIn('g.conti');
    for (const path of ['/ente/2012/registro', '/ente/2012/stato.xlsx', '/ente/2012/relazione.pdf']) {
      counting.lookups.length = 0;
      expect((await web.get(path, cookie)).status, path).toBe(403);
      expect(counting.lookups, path).toEqual(['listPlans', 'getPlan']);
    }
  });
});

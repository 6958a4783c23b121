/**
 * A process that reports values one after another through the real command core and prints
 * "ack <rilevazione id>" after each is committed: the crash tests kill it with SIGKILL mid-burst.
 */
import { submitReport } from '@perf/core';
import { openStore } from '@perf/store';

const [location = '', countText = '1000', indicatorText = '12'] = process.argv.slice(2);
const store = await openStore(location);
const context = { store, channel: 'cli' as const, clock: () => new Date(), identity: { kind: 'operator' as const, operatorName: 'burst' }, ente: 'CCIAA-MS', year: 2012 };
for (let i = 0; i < Number(countText); i++) {
  const reply = await submitReport({ indicator: Number(indicatorText), rawValue: String(i), period: `2012-Q${(i % 4) + 1}`, note: `burst ${i}` }, context);
  process.stdout.write(`ack ${reply.stored?.id}\n`);
}
await store.close();

import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { fmt, type Bench, type BenchFigure } from './harness.ts';
import { coldStartBench } from './cold-start.ts';
import { statusBench } from './status.ts';
import { relazioneBench } from './relazione.ts';
import { slackBench } from './slack.ts';
import { bulkBench } from './bulk.ts';
import { conversationBench } from './conversation.ts';
import { webBench } from './web.ts';
import { burstBench } from './burst.ts';

/**
 * `pnpm bench [name…]`: every benchmark prints its figure and its ratio to a baseline measured in
 * the same run on this machine; nothing here is a timed assertion.
 */
const BENCHES: readonly Bench[] = [slackBench, relazioneBench, statusBench, bulkBench, coldStartBench, conversationBench, webBench, burstBench];

const wanted = process.argv.slice(2);
const selected = wanted.length === 0 ? BENCHES : BENCHES.filter((b) => wanted.includes(b.name));
if (selected.length === 0) {
  console.error(`Benchmark sconosciuti: ${wanted.join(', ')}. Disponibili: ${BENCHES.map((b) => b.name).join(', ')}.`);
  process.exit(2);
}
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`perf bench — ${machine} — ${new Date().toISOString()}`);
const figures: BenchFigure[] = [];
for (const bench of selected) {
  console.log(`\n## ${bench.name}: ${bench.description}`);
  figures.push(...await bench.run((line) => console.log(`   ${line}`)));
}
console.log('\n| benchmark | figure | baseline (same run) | ratio | goal | met |');
console.log('|---|---|---|---|---|---|');
for (const f of figures) {
  const ratio = f.baseline > 0 ? `${fmt(f.value / f.baseline, f.value / f.baseline < 0.1 ? 4 : 2)}×` : "—";
  console.log(`| ${f.bench}: ${f.label} | ${fmt(f.value)} ${f.unit} | ${f.baselineLabel}: ${fmt(f.baseline)} ${f.unit} | ${ratio} | ${f.goal} | ${f.met ? 'sì' : 'no'}${f.note ? ` (${f.note})` : ''} |`);
}
writeFileSync(new URL('./last-run.json', import.meta.url), JSON.stringify({ machine, at: new Date().toISOString(), figures }, null, 2));

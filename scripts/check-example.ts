/**
 * Checks the bundled example (CCIAA di Massa Carrara, 2012): reads the Piano and the
 * rilevazioni, keeps the latest value of each indicator (latest period wins: Q1 < … < Q4 <
 * whole year), scores the plan and prints the result. It must reproduce the published
 * Relazione sulla Performance 2012: ente 94%, strategic objectives 15 / 2 / 1 (83% / 11% / 6%).
 *
 *   cd /work/main && node --import tsx scripts/check-example.ts [piano.yaml valori.yaml]
 *
 * Exit status 1 when a file is invalid or the result differs from the published one.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  comparePeriods, parseIndicatorValue, parsePeriod, parsePlan, parseValuesFile, PerfError, readPeriod,
} from '../packages/model/src/index.ts';
import { computeStatus, type LatestValue } from '../packages/scoring/src/index.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const planPath = resolve(process.argv[2] ?? `${root}/examples/cciaa-ms-2012/piano-2012.yaml`);
const valuesPath = resolve(process.argv[3] ?? `${root}/examples/cciaa-ms-2012/valori-2012.yaml`);

const EXPECTED = { percent: 94, green: [15, 83], yellow: [2, 11], red: [1, 6], unscored: 0 } as const;

function main(): number {
  const plan = parsePlan(readFileSync(planPath, 'utf8'), planPath);
  const file = parseValuesFile(readFileSync(valuesPath, 'utf8'), valuesPath);
  const problems: string[] = [];
  if (file.ente !== plan.ente.code) problems.push(`valori: ente ${file.ente} ≠ ${plan.ente.code}`);
  if (file.year !== plan.year) problems.push(`valori: anno ${file.year} ≠ ${plan.year}`);

  const indicators = new Map(plan.indicators.map((i) => [i.id, i]));
  const people = new Set(plan.people.map((p) => p.id));
  const latest = new Map<number, LatestValue>();
  const seen = new Set<string>();
  file.values.forEach((entry, index) => {
    const where = `values[${index}] (indicatore ${entry.indicator}, ${entry.period})`;
    const indicator = indicators.get(entry.indicator);
    if (!indicator) { problems.push(`${where}: indicatore inesistente`); return; }
    if (entry.by !== undefined && !people.has(entry.by)) problems.push(`${where}: persona "${entry.by}" inesistente`);
    if (entry.by !== undefined && entry.by !== indicator.owner) problems.push(`${where}: by=${entry.by} ma il responsabile è ${indicator.owner}`);
    const key = `${entry.indicator}@${entry.period}`;
    if (seen.has(key)) problems.push(`${where}: periodo ripetuto (il file non dovrebbe sostituire valori)`);
    seen.add(key);
    let value: number;
    try {
      parsePeriod(entry.period, plan); // same check as a report: right year and rhythm
      value = parseIndicatorValue(entry.value, indicator.direction);
    } catch (error) {
      problems.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const previous = latest.get(entry.indicator);
    if (previous === undefined || comparePeriods(readPeriod(entry.period), readPeriod(previous.period)) >= 0) {
      latest.set(entry.indicator, { value, period: entry.period });
    }
  });
  const missing = plan.indicators.filter((i) => !seen.has(`${i.id}@${plan.year}-Q4`)).map((i) => i.id);
  if (missing.length > 0) problems.push(`indicatori senza valore al ${plan.year}-Q4: ${missing.join(', ')}`);

  const status = computeStatus(plan, latest);
  const pct = (n: number | null) => (n === null ? '—' : `${n}%`);
  const num = (n: number | null) => (n === null ? '—' : n.toFixed(4));

  console.log(`${plan.ente.name} (${status.ente}) — Piano ${status.year}`);
  console.log(`${plan.strategic_objectives.length} obiettivi strategici, ${plan.operational_objectives.length} operativi, `
    + `${plan.indicators.length} indicatori, ${plan.people.length} persone, ${plan.areas.length} aree, ${file.values.length} rilevazioni`);
  console.log('');
  console.log(`overall: score ${num(status.overall.score)}  percent ${pct(status.overall.percent)}  band ${status.overall.band}`);
  const s = status.summary;
  console.log(`summary: total ${s.total}  green ${s.green.count} (${pct(s.green.percent)})  yellow ${s.yellow.count} (${pct(s.yellow.percent)})  `
    + `red ${s.red.count} (${pct(s.red.percent)})  unscored ${s.unscored.count}`);
  console.log('');
  console.log('obiettivi strategici:');
  for (const objective of status.strategic) {
    console.log(`  ${objective.id}  ${num(objective.score).padStart(9)}  ${pct(objective.percent).padStart(5)}  ${String(objective.band).padEnd(6)}  ${objective.title}`);
  }
  console.log('');
  console.log('obiettivi individuali:');
  for (const individual of status.individuals) {
    console.log(`  ${individual.person.padEnd(11)} ${num(individual.score).padStart(9)}  ${pct(individual.percent).padStart(5)}  ${individual.band}  ${individual.name}`);
  }

  const got = { percent: status.overall.percent, green: [s.green.count, s.green.percent], yellow: [s.yellow.count, s.yellow.percent], red: [s.red.count, s.red.percent], unscored: s.unscored.count };
  if (JSON.stringify(got) !== JSON.stringify(EXPECTED)) {
    problems.push(`risultato ${JSON.stringify(got)} diverso da quello pubblicato ${JSON.stringify(EXPECTED)}`);
  }
  if (problems.length > 0) {
    console.error('');
    for (const problem of problems) console.error(`ERRORE: ${problem}`);
    return 1;
  }
  console.log('');
  console.log('OK: il risultato coincide con la Relazione sulla Performance 2012 (94%; 15/2/1 = 83%/11%/6%).');
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  if (error instanceof PerfError) {
    console.error(error.toText());
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}

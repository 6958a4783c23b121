import { validatePlan, type Plan } from '@perf/model';
import type { SqlDriver } from '../packages/store/src/driver.ts';

/** A plan of realistic size for one ente: 18 strategic, 36 operational objectives, 180 indicators. */
export function syntheticPlan(ente: string, year: number): Plan {
  const strategic = Array.from({ length: 18 }, (_, i) => ({ id: String(i + 1).padStart(2, '0'), title: `Obiettivo strategico ${i + 1}`, perspective: 'P', line: 'L' }));
  const operational = strategic.flatMap((s) => [1, 2].map((n) => ({ id: `${s.id}.${n}`, strategic: s.id, area: 'A', title: `Obiettivo operativo ${s.id}.${n}` })));
  const indicators = operational.flatMap((o, i) => [0, 1, 2, 3, 4].map((k) => ({
    id: i * 5 + k + 1, objective: o.id, name: `Indicatore ${i * 5 + k + 1}`, direction: k === 4 ? 'boolean' : k % 2 === 0 ? 'higher' : 'lower', target: k === 4 ? 1 : 100, owner: 'staff',
  })));
  return validatePlan({
    ente: { code: ente, name: `Ente ${ente}` }, year,
    perspectives: [{ id: 'P', name: 'Prospettiva' }], lines: [{ id: 'L', name: 'Linea' }],
    areas: [{ id: 'A', name: 'Area', head: 'dir' }],
    people: [{ id: 'dir', name: 'Dirigente', role: 'dirigente' }, { id: 'staff', name: 'Staff', role: 'staff' }],
    strategic_objectives: strategic, operational_objectives: operational, indicators,
  });
}

export const ROWS_PER_STATEMENT = 1000;

/** Appends `count` synthetic rilevazioni spread over the enti with raw multi-row INSERTs (seeding only). */
export async function seedRilevazioni(driver: SqlDriver, enti: readonly string[], year: number, indicators: number, count: number, offset: number): Promise<void> {
  for (let start = 0; start < count; start += ROWS_PER_STATEMENT) {
    const n = Math.min(ROWS_PER_STATEMENT, count - start);
    const values: string[] = [];
    const params: unknown[] = [];
    for (let j = 0; j < n; j++) {
      const k = offset + start + j;
      const quarter = (k % 4) + 1;
      params.push(enti[k % enti.length], year, (Math.floor(k / enti.length) % indicators) + 1, `${year}-Q${quarter}`, quarter, k % 120, String(k % 120));
      const p = params.length;
      values.push(`($${p - 6}, $${p - 5}, $${p - 4}, $${p - 3}, $${p - 2}, $${p - 1}, $${p}, 'bench', now(), 'cli')`);
    }
    await driver.query(`INSERT INTO rilevazioni (ente_code, year, indicator_id, period, period_rank, value, raw_value, reported_by, reported_at, channel) VALUES ${values.join(', ')}`, params);
  }
}

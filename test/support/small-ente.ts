import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** A second, small ente beside the bundled example: quarterly, one Area, every role. */
export function smallPlan(year = 2012, ente = 'COMUNE-Z') {
  return {
    ente: { code: ente, name: 'Comune di Zeta' },
    year,
    monitoring: 'quarterly',
    perspectives: [{ id: 'ITC', name: 'Imprese, Territorio e Consumatori' }, { id: 'EF', name: 'Economico-Finanziaria' }],
    lines: [{ id: 'L1', name: 'Servizi ai cittadini' }],
    areas: [{ id: 'A1', name: 'Area Servizi', head: 'd.capo' }],
    people: [
      { id: 'd.capo', name: 'Dario Capo', role: 'dirigente' },
      { id: 's.uno', name: 'Silvia Uno', role: 'staff' },
      { id: 'c.ctrl', name: 'Carla Controllo', role: 'controllo' },
      { id: 'o.oiv', name: 'Oscar Valutatore', role: 'oiv' },
    ],
    strategic_objectives: [
      { id: 'S1', title: 'Servizi più rapidi', perspective: 'ITC', line: 'L1', weight: 2 },
      { id: 'S2', title: 'Conti in ordine', perspective: 'EF', line: 'L1' },
    ],
    operational_objectives: [{ id: 'S1.a', strategic: 'S1', area: 'A1', title: 'Pratiche evase' }],
    indicators: [
      { id: 1, objective: 'S1.a', name: 'Pratiche evase', direction: 'higher', target: 100, owner: 's.uno', unit: 'n.' },
      { id: 2, objective: 'S2', name: 'Giorni di pagamento', direction: 'lower', target: 30, owner: 'd.capo', unit: 'giorni', baseline: 45 },
      { id: 3, objective: 'S1.a', name: 'Sportello online', direction: 'boolean', target: 1, owner: 's.uno' },
    ],
    individual_objectives: [{ person: 'd.capo', objectives: [{ ref: 'S1', weight: 60 }, { ref: 'S2', weight: 40 }] }],
  };
}

/** A fresh temporary directory with files written into it. */
export function tempFiles(files: Record<string, string | Buffer> = {}): { dir: string; path: (name: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'perf-files-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return { dir, path: (name) => join(dir, name) };
}

export function smallPlanYaml(year = 2012, ente = 'COMUNE-Z'): string {
  return stringify(smallPlan(year, ente));
}

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePlan, PerfError, type PlanInput } from '../src/index.ts';
import { stringify } from 'yaml';

const minimal: PlanInput = {
  ente: { code: 'T', name: 'Ente' },
  year: 2024,
  perspectives: [{ id: 'P', name: 'Prospettiva' }],
  lines: [{ id: 'L', name: 'Linea' }],
  areas: [{ id: 'A', name: 'Area', head: 'd' }],
  people: [{ id: 'd', name: 'Dirigente', role: 'dirigente' }, { id: 's', name: 'Staff', role: 'staff', slack: 'U1' }],
  strategic_objectives: [{ id: '01', title: 'Uno', perspective: 'P', line: 'L', budget: 1000 }],
  operational_objectives: [{ id: '01.1', strategic: '01', area: 'A', title: 'Op' }],
  indicators: [{ id: 12, objective: '01.1', name: 'Ind', direction: 'higher', target: 10, owner: 's' }],
  individual_objectives: [{ person: 'd', objectives: [{ ref: '01', weight: 100 }] }],
};

function errorOf(document: unknown): PerfError {
  try {
    parsePlan(stringify(document), 'prova.yaml');
  } catch (error) {
    if (error instanceof PerfError) return error;
    throw error;
  }
  throw new Error('the plan was accepted');
}

describe('parsePlan', () => {
  it('accepts a valid plan and fills the defaults', () => {
    const plan = parsePlan(stringify(minimal));
    expect(plan.monitoring).toBe('quarterly');
    expect(plan.indicators[0]?.weight).toBe(1);
    expect(plan.strategic_objectives[0]?.services).toEqual([]);
  });

  it('reads the bundled example of the CCIAA di Massa Carrara', () => {
    const plan = parsePlan(readFileSync(new URL('../../../examples/cciaa-ms-2012/piano-2012.yaml', import.meta.url), 'utf8'));
    expect(plan.ente.code).toBe('CCIAA-MS');
    expect(plan.strategic_objectives).toHaveLength(18);
    expect(plan.lines).toHaveLength(7);
    expect(plan.perspectives).toHaveLength(4);
  });

  it('rejects unknown keys, naming their path', () => {
    const error = errorOf({ ...minimal, indicators: [{ ...minimal.indicators?.[0], traget: 5 }] });
    expect(error.code).toBe('PLAN_INVALID');
    expect(error.details).toContain('indicators[0].traget: chiave non prevista (controlla l\'ortografia)');
  });

  it('lists every bad field by path, in Italian', () => {
    const error = errorOf({
      ...minimal,
      indicators: [{ ...minimal.indicators?.[0], target: 'dieci', direction: 'up' }],
      people: [{ id: 'd', name: 'Dirigente', role: 'capo' }],
    });
    expect(error.details).toEqual(expect.arrayContaining([
      'indicators[0].target: atteso un numero, trovato il testo "dieci"',
      expect.stringMatching(/^indicators\[0\]\.direction: valore non ammesso il testo "up": ammessi "higher", "lower", "boolean"$/),
      expect.stringMatching(/^people\[0\]\.role: valore non ammesso/),
    ]));
    expect(error.message).toMatch(/non è valido \(3 errori\); nulla è stato importato/);
  });

  it('rejects dangling references and duplicate ids', () => {
    const error = errorOf({
      ...minimal,
      strategic_objectives: [...(minimal.strategic_objectives ?? []), { id: '01', title: 'Doppio', perspective: 'X', line: 'L' }],
      indicators: [{ ...minimal.indicators?.[0], owner: 'nessuno', objective: '09' }],
      individual_objectives: [{ person: 'ignoto', objectives: [{ ref: '77' }] }],
    });
    expect(error.details).toEqual(expect.arrayContaining([
      'strategic_objectives[1].id: id "01" ripetuto (ogni id deve essere unico)',
      'strategic_objectives[1].perspective: prospettiva "X" inesistente (noti: P)',
      expect.stringContaining('indicators[0].objective: obiettivo "09" inesistente'),
      expect.stringContaining('indicators[0].owner: persona "nessuno" inesistente'),
      expect.stringContaining('individual_objectives[0].person: persona "ignoto" inesistente'),
      expect.stringContaining('individual_objectives[0].objectives[0].ref: obiettivo "77" inesistente'),
    ]));
  });

  it('requires areas to be headed by a dirigente', () => {
    const error = errorOf({ ...minimal, areas: [{ id: 'A', name: 'Area', head: 's' }] });
    expect(error.details).toContain('areas[0].head: "s" ha ruolo staff, ma il responsabile di un\'Area deve essere un dirigente');
  });

  it('reports YAML syntax errors with line and column', () => {
    const error = (() => { try { parsePlan('ente: { code: T\nyear: [', 'rotto.yaml'); } catch (e) { return e as PerfError; } throw new Error('accepted'); })();
    expect(error.code).toBe('PLAN_INVALID');
    expect(error.toText()).toMatch(/rotto\.yaml.*non è YAML valido \(riga \d+, colonna \d+\)/);
  });

  it('rejects min and max out of order, on a yes/no indicator, or leaving out the target or the baseline', () => {
    const plan = (indicator: object) => ({ ...minimal, indicators: [{ ...minimal.indicators?.[0], unit: '%', ...indicator }] });
    expect(parsePlan(stringify(plan({ min: 0, max: 100, baseline: 0 }))).indicators[0]).toMatchObject({ min: 0, max: 100 });
    expect(errorOf(plan({ min: 100, max: 0 })).details).toEqual(['indicators[0].min: 100 è maggiore di max (0)']);
    expect(errorOf(plan({ min: 0, max: 5, baseline: -1 })).details).toEqual([
      "indicators[0].target: 10 è fuori dall'intervallo min–max dell'indicatore (0…5)",
      "indicators[0].baseline: -1 è fuori dall'intervallo min–max dell'indicatore (0…5)",
    ]);
    expect(errorOf(plan({ direction: 'boolean', target: 1, max: 1 })).details).toEqual(['indicators[0]: un indicatore boolean vale 0 o 1, non ha min né max']);
  });

  it('rejects negative weights and non-integer indicator ids', () => {
    const error = errorOf({ ...minimal, indicators: [{ ...minimal.indicators?.[0], id: 1.5, weight: -1 }] });
    expect(error.details.some((d) => d.startsWith('indicators[0].id:'))).toBe(true);
    expect(error.details.some((d) => d.startsWith('indicators[0].weight:'))).toBe(true);
  });
});

describe('provenance of plan entries (fonte, ricostruito, provenienza)', () => {
  const withProvenance: PlanInput = {
    ...minimal,
    mandate: 'Mandato',
    vision: 'Vision',
    provenienza: { mandate: { ricostruito: true }, vision: { fonte: 'Piano 2024, p. 3' } },
    strategic_objectives: [{ id: '01', title: 'Uno', perspective: 'P', line: 'L', fonte: 'Relazione 2024, § 2.2' }],
    operational_objectives: [{ id: '01.1', strategic: '01', area: 'A', title: 'Op', ricostruito: true }],
    indicators: [{ id: 12, objective: '01.1', name: 'Ind', direction: 'higher', target: 10, owner: 's', fonte: 'Relazione 2024, § 1.3', ricostruito: true }],
    individual_objectives: [{ person: 'd', objectives: [{ ref: '01', weight: 100 }], ricostruito: true }],
  };

  it('accepts fonte and ricostruito on objectives, indicators and individual objectives, and provenienza for the texts', () => {
    const plan = parsePlan(stringify(withProvenance));
    expect(plan.strategic_objectives[0]?.fonte).toBe('Relazione 2024, § 2.2');
    expect(plan.operational_objectives[0]?.ricostruito).toBe(true);
    expect(plan.indicators[0]).toMatchObject({ fonte: 'Relazione 2024, § 1.3', ricostruito: true });
    expect(plan.individual_objectives[0]?.ricostruito).toBe(true);
    expect(plan.provenienza).toEqual({ mandate: { ricostruito: true }, vision: { fonte: 'Piano 2024, p. 3' } });
    // A plan without them reads as before: nothing is added.
    expect(parsePlan(stringify(minimal))).not.toHaveProperty('provenienza');
    expect(parsePlan(stringify(minimal)).indicators[0]).not.toHaveProperty('ricostruito');
  });

  it('refuses a bad provenance with Italian messages that name the field', () => {
    const bad = {
      ...withProvenance,
      strategic_objectives: [{ id: '01', title: 'Uno', perspective: 'P', line: 'L', ricostruito: 'sì' }],
      indicators: [{ id: 12, objective: '01.1', name: 'Ind', direction: 'higher', target: 10, owner: 's', fonte: '  ' }],
      provenienza: { mision: { ricostruito: true }, vision: { ricostruita: true } },
    };
    const details = errorOf(bad).details ?? [];
    expect(details).toContain('strategic_objectives[0].ricostruito: atteso un valore sì/no, trovato il testo "sì"');
    expect(details).toContain('indicators[0].fonte: la fonte non può essere vuota: togli la chiave o scrivi il documento di origine');
    expect(details).toContain("provenienza.mision: chiave non prevista (controlla l'ortografia)");
    expect(details).toContain("provenienza.vision.ricostruita: chiave non prevista (controlla l'ortografia)");
  });

  it('refuses the provenance of a text the plan does not have', () => {
    const details = errorOf({ ...minimal, provenienza: { mission: { ricostruito: true } } }).details ?? [];
    expect(details).toEqual(['provenienza.mission: il Piano non ha il testo mission a cui riferire la provenienza']);
  });

  it('marks in the bundled example what its comments call reconstructed, with a fonte where the seed prints the entry', () => {
    const plan = parsePlan(readFileSync(new URL('../../../examples/cciaa-ms-2012/piano-2012.yaml', import.meta.url), 'utf8'));
    expect(plan.provenienza).toEqual({ mandate: { ricostruito: true }, mission: { ricostruito: true }, vision: { ricostruito: true } });
    expect(plan.strategic_objectives.filter((o) => o.ricostruito === true).map((o) => o.id)).toEqual(['13']);
    expect(plan.strategic_objectives.filter((o) => o.id !== '13').every((o) => o.fonte === 'Relazione sulla Performance 2012, § 2.2')).toBe(true);
    expect(plan.operational_objectives.every((o) => o.ricostruito === true)).toBe(true);
    expect(plan.indicators.every((i) => i.ricostruito === true)).toBe(true);
    expect(plan.individual_objectives.every((i) => i.ricostruito === true)).toBe(true);
    // Printed text never cites the seed's line numbers.
    const fonti = [...plan.strategic_objectives, ...plan.indicators].flatMap((e) => (e.fonte === undefined ? [] : [e.fonte]));
    expect(fonti.length).toBeGreaterThan(60);
    expect(fonti.filter((f) => /\bL\d/.test(f))).toEqual([]);
  });
});

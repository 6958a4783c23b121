import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { computeFinance, parseBilancio, type FinanceReport } from '@perf/finance-indices';
import { contextWarnings, parseContesto } from '@perf/context';
import { computeGender, parseGenere, staffTotalsByYear, type GenderReport } from '@perf/gender';
import { comparePeriods, parseIndicatorValue, parsePlan, parseValuesFile, periodEnd, readPeriod, type Plan, type PlanInput } from '@perf/model';
import { computeStatus, type LatestValue, type StatusReport } from '@perf/scoring';
import type { RelazioneData, RilevazioneRow } from '../src/index.ts';

export const EXAMPLE_DIR = fileURLToPath(new URL('../../../examples/cciaa-ms-2012/', import.meta.url));
const example = (name: string) => `${EXAMPLE_DIR}${name}`;

export interface ReportedValue {
  indicator: number;
  period: string;
  raw: string;
  by: string;
  note?: string;
  channel?: string;
  /** Hours after the end of the period (negative: before it closes). */
  delayHours?: number;
  /** A value accepted after its period was closed: the controllo's reason and id. */
  override?: { reason: string; by: string };
  /** A value its source does not print (`ricostruito: true` in a values file). */
  reconstructed?: boolean;
}

/** Turns reported values into stored rilevazioni (a later one for the same period supersedes the earlier) and the latest values. */
export function rilevazioni(plan: Plan, values: readonly ReportedValue[]): { history: RilevazioneRow[]; latest: Map<number, LatestValue> } {
  const history: RilevazioneRow[] = values.map((v, i) => {
    const indicator = plan.indicators.find((x) => x.id === v.indicator);
    const value = parseIndicatorValue(v.raw, indicator ?? { direction: 'higher' });
    const reportedAt = new Date(periodEnd(readPeriod(v.period)).getTime() + ((v.delayHours ?? -120) + i) * 3600_000);
    return {
      indicator: v.indicator, period: v.period, value, rawValue: v.raw, note: v.note ?? null, reportedBy: v.by, reportedAt, channel: v.channel ?? 'cli', superseded: false,
      overrideReason: v.override?.reason ?? null, overrideBy: v.override?.by ?? null, reconstructed: v.reconstructed === true,
    };
  });
  history.forEach((row, i) => {
    row.superseded = history.some((other, j) => j > i && other.indicator === row.indicator && other.period === row.period);
  });
  const latest = new Map<number, LatestValue>();
  for (const row of history) {
    if (row.superseded) continue;
    const current = latest.get(row.indicator);
    if (!current || comparePeriods(readPeriod(row.period), readPeriod(current.period)) > 0) latest.set(row.indicator, { value: row.value, period: row.period });
  }
  return { history, latest };
}

export const exampleAvailable = (): boolean => existsSync(example('piano-2012.yaml')) && existsSync(example('valori-2012.yaml'));

/** The bundled example (the seed's ente, 2012) with its values, bilanci and gender data, as the command core would pass it. */
export function loadExample(): RelazioneData {
  const plan = parsePlan(readFileSync(example('piano-2012.yaml'), 'utf8'), 'piano-2012.yaml');
  const file = parseValuesFile(readFileSync(example('valori-2012.yaml'), 'utf8'), 'valori-2012.yaml');
  const owner = (id: number) => plan.indicators.find((i) => i.id === id)?.owner ?? 'f.serra';
  const values: ReportedValue[] = file.values.map((v, i) => ({
    indicator: v.indicator, period: v.period, raw: v.value, by: v.by ?? owner(v.indicator),
    ...(v.note === undefined ? {} : { note: v.note }),
    ...(v.ricostruito === true ? { reconstructed: true } : {}),
    channel: ['cli', 'slack', 'discord'][i % 3] ?? 'cli',
  }));
  const { history, latest } = rilevazioni(plan, values);
  const finance: FinanceReport[] = ['bilancio-2011.yaml', 'bilancio-2012.yaml']
    .filter((f) => existsSync(example(f)))
    .map((f) => computeFinance(parseBilancio(readFileSync(example(f), 'utf8'), f)));
  const gender = existsSync(example('genere-2012.yaml')) ? computeGender(parseGenere(readFileSync(example('genere-2012.yaml'), 'utf8'), 'genere-2012.yaml')) : undefined;
  return { plan, status: computeStatus(plan, latest), history, finance, gender, contesto: exampleContesto(gender), generatedAt: new Date('2013-04-15T10:30:00Z') };
}

/** The example's context document with its warnings, as the core's relazioneSource gives it (checked against the gender data's count per category). */
export function exampleContesto(gender: GenderReport | undefined): RelazioneData['contesto'] {
  if (!existsSync(example('contesto-2012.yaml'))) return undefined;
  const data = parseContesto(readFileSync(example('contesto-2012.yaml'), 'utf8'), 'contesto-2012.yaml');
  return { data, warnings: contextWarnings(data, staffTotalsByYear(gender)) };
}

/** A small hand-made plan: 3 strategic objectives (one without any value), 2 Areas, 6 indicators. */
export const SMALL_PLAN: PlanInput = {
  ente: { code: 'CCIAA-TS', name: 'Camera di Commercio di Prova' },
  year: 2013,
  monitoring: 'four-monthly',
  mandate: 'Tutela del mercato e promozione delle attività economiche del territorio.',
  mission: 'Servizi semplici e trasparenti per imprese e consumatori.',
  vision: 'Una Camera vicina alle imprese, perché la ripresa passi dal territorio.',
  perspectives: [
    { id: 'ITC', name: 'Imprese, Territorio e Consumatori' },
    { id: 'EF', name: 'Economico-Finanziaria' },
  ],
  lines: [{ id: 'L1', name: 'VALORIZZAZIONE DEL TERRITORIO' }, { id: 'L2', name: 'REGOLAZIONE DEL MERCATO' }],
  areas: [
    { id: 'AAC', name: 'Area Amministrativa e Contabile', head: 'p.rossi' },
    { id: 'AGP', name: 'Area Promozione e Regolazione del Mercato', head: 'e.bianchi' },
  ],
  people: [
    { id: 'p.rossi', name: 'Paola Rossi', role: 'dirigente' },
    { id: 'e.bianchi', name: 'Elena Bianchi', role: 'dirigente' },
    { id: 'm.verdi', name: 'Marco Verdi', role: 'staff' },
    { id: 'f.serra', name: 'Francesca Serra', role: 'controllo' },
  ],
  strategic_objectives: [
    { id: '01', title: 'Promuovere gli strumenti di giustizia alternativa', perspective: 'ITC', line: 'L2', budget: 44982, services: ['Servizio regolazione del mercato'], impact: 'Più conciliazioni concluse con accordo.' },
    { id: '02', title: 'Valorizzazione del territorio e dell’economia locale', perspective: 'ITC', line: 'L1', budget: 230035.5 },
    { id: '03', title: 'Migliorare la riscossione delle entrate', perspective: 'EF', line: 'L1' },
  ],
  operational_objectives: [
    { id: '01.1', strategic: '01', area: 'AGP', title: 'Formazione dei mediatori' },
    { id: '02.1', strategic: '02', area: 'AGP', title: 'Contributi alle imprese per fiere' },
    { id: '03.1', strategic: '03', area: 'AAC', title: 'Solleciti alle imprese inadempienti' },
  ],
  indicators: [
    { id: 1, objective: '01.1', name: 'Ore di formazione per mediatori', unit: 'ore', direction: 'higher', target: 18, owner: 'm.verdi' },
    { id: 2, objective: '01', name: 'Conciliazioni con accordo', unit: '%', direction: 'higher', target: 50, owner: 'm.verdi' },
    { id: 3, objective: '02.1', name: 'Contributi erogati alle imprese', unit: '€', direction: 'higher', target: 100000, owner: 'e.bianchi' },
    { id: 4, objective: '02.1', name: 'Tempo medio di liquidazione', unit: 'giorni', direction: 'lower', target: 30, owner: 'e.bianchi' },
    { id: 5, objective: '03.1', name: 'Comunicazioni di ravvedimento inviate', unit: 'n.', direction: 'higher', target: 8000, owner: 'p.rossi' },
    { id: 6, objective: '03.1', name: 'Attività di riscossione coattiva avviata', direction: 'boolean', target: 1, owner: 'p.rossi' },
  ],
  individual_objectives: [
    { person: 'e.bianchi', objectives: [{ ref: '01.1', weight: 50 }, { ref: '02.1', weight: 50 }] },
    { person: 'p.rossi', objectives: [{ ref: '03', weight: 100 }] },
  ],
};

export const SMALL_VALUES: readonly ReportedValue[] = [
  { indicator: 1, period: '2013-4M1', raw: '10', by: 'm.verdi' },
  { indicator: 1, period: '2013-4M3', raw: '16', by: 'm.verdi', note: 'primo valore, poi corretto' },
  { indicator: 1, period: '2013-4M3', raw: '18', by: 'm.verdi', channel: 'slack', delayHours: 30, note: 'corso completato' },
  { indicator: 2, period: '2013-4M3', raw: '45%', by: 'm.verdi', channel: 'discord' },
  { indicator: 3, period: '2013-4M2', raw: '60.000', by: 'e.bianchi' },
  { indicator: 3, period: '2013-4M3', raw: '1.832.061,60', by: 'e.bianchi' },
  { indicator: 4, period: '2013-4M3', raw: '36', by: 'e.bianchi' },
];

/** The small plan with its values: objective 03 has no value at all (non rilevato); no finance, no gender. */
export function smallData(overrides: Partial<RelazioneData> = {}): RelazioneData {
  const plan = parsePlan(JSON.stringify(SMALL_PLAN), 'piccolo');
  const { history, latest } = rilevazioni(plan, SMALL_VALUES);
  return { plan, status: computeStatus(plan, latest), history, finance: [], gender: undefined, generatedAt: new Date('2014-03-20T09:15:00Z'), ...overrides };
}

/** A value of the small plan accepted after its period was closed, with the controllo's reason. */
export const SMALL_LATE_VALUE: ReportedValue = {
  indicator: 5, period: '2013-4M2', raw: '6.000', by: 'p.rossi', delayHours: 400,
  override: { reason: 'comunicazioni trasmesse dal Registro Imprese dopo la chiusura', by: 'f.serra' },
};

/**
 * The small plan's previous year (2012), as core passes it: objective 02 did not exist yet, 01 scored
 * 76% (red) and 03 100%; overall 88%.
 */
export function smallPreviousYear(): StatusReport {
  const plan = parsePlan(JSON.stringify({
    ...SMALL_PLAN,
    year: 2012,
    strategic_objectives: SMALL_PLAN.strategic_objectives.filter((o) => o.id !== '02'),
    operational_objectives: (SMALL_PLAN.operational_objectives ?? []).filter((o) => o.strategic !== '02'),
    indicators: (SMALL_PLAN.indicators ?? []).filter((i) => i.objective !== '02.1'),
    individual_objectives: [{ person: 'p.rossi', objectives: [{ ref: '03', weight: 100 }] }],
  } satisfies PlanInput), 'piccolo-2012');
  const { latest } = rilevazioni(plan, [
    { indicator: 1, period: '2012-4M3', raw: '13', by: 'm.verdi' },
    { indicator: 2, period: '2012-4M3', raw: '40%', by: 'm.verdi' },
    { indicator: 5, period: '2012-4M3', raw: '8.000', by: 'p.rossi' },
    { indicator: 6, period: '2012-4M3', raw: 'sì', by: 'p.rossi' },
  ]);
  return computeStatus(plan, latest);
}

/** The small plan with the previous year's status and a value accepted after the close of its period. */
export function smallDataWithPreviousYear(): RelazioneData {
  const plan = parsePlan(JSON.stringify(SMALL_PLAN), 'piccolo');
  const { history, latest } = rilevazioni(plan, [...SMALL_VALUES, SMALL_LATE_VALUE]);
  return smallData({ status: computeStatus(plan, latest), history, previous: smallPreviousYear() });
}

/**
 * A large generated plan: `areas` Areas, each with one strategic and one operational objective and
 * `indicators` indicators with three rilevazioni each (one superseded), to exercise page breaks,
 * repeated table headers and a table of contents longer than one page.
 */
export function largeData(areas: number, indicators: number): RelazioneData {
  const people = [
    { id: 'ctrl', name: 'Controllo di Gestione', role: 'controllo' as const },
    ...Array.from({ length: areas }, (_, a) => ({ id: `dir${a}`, name: `Dirigente ${a + 1}`, role: 'dirigente' as const })),
  ];
  const input: PlanInput = {
    ente: { code: 'ENTE-XL', name: 'Ente di prova con molte Aree' },
    year: 2014,
    perspectives: [{ id: 'P', name: 'Processi Interni' }],
    lines: [{ id: 'L', name: 'Linea unica' }],
    people,
    areas: Array.from({ length: areas }, (_, a) => ({ id: `A${a}`, name: `Area numero ${a + 1} dei servizi di prova`, head: `dir${a}` })),
    strategic_objectives: Array.from({ length: areas }, (_, a) => ({ id: `S${a}`, title: `Obiettivo strategico di prova ${a + 1}`, perspective: 'P', line: 'L', budget: 1000 * (a + 1) })),
    operational_objectives: Array.from({ length: areas }, (_, a) => ({ id: `O${a}`, strategic: `S${a}`, area: `A${a}`, title: `Obiettivo operativo ${a + 1}` })),
    indicators: Array.from({ length: areas * indicators }, (_, i) => ({
      id: i + 1, objective: `O${Math.floor(i / indicators)}`, name: `Indicatore generato numero ${i + 1}`, unit: '%', direction: 'higher' as const, target: 90, owner: 'ctrl',
    })),
  };
  const plan = parsePlan(JSON.stringify(input), 'grande');
  const values: ReportedValue[] = plan.indicators.flatMap((indicator) => [
    { indicator: indicator.id, period: '2014-Q2', raw: '50', by: 'ctrl' },
    { indicator: indicator.id, period: '2014-Q4', raw: '70', by: 'ctrl', note: 'valore provvisorio' },
    { indicator: indicator.id, period: '2014-Q4', raw: String(60 + (indicator.id % 40)), by: 'ctrl', channel: 'slack' },
  ]);
  const { history, latest } = rilevazioni(plan, values);
  return { plan, status: computeStatus(plan, latest), history, finance: [], gender: undefined, generatedAt: new Date('2015-02-01T08:00:00Z') };
}

import { formatNumber } from '@perf/model';
import {
  ONERI_FIELDS,
  PROVENTI_FIELDS,
  type Benchmark,
  type Bilancio,
  type IndexKey,
  type OneriField,
  type ProventiField,
} from './schema.ts';

export type IndexDisplay = 'ratio' | 'percent' | 'number';

export interface IndexDefinition {
  readonly key: IndexKey;
  /** The Italian name of §9. */
  readonly label: string;
  /** How the seed shows it: ratio 1,62 · percent 77% · number 33,20. */
  readonly display: IndexDisplay;
  /** Decimals the seed prints for this index. */
  readonly decimals: number;
  /** The formula in words, as the Relazione prints it. */
  readonly formula: string;
}

export const INDEX_DEFINITIONS: readonly IndexDefinition[] = [
  { key: 'struttura', label: 'Indice di struttura', display: 'ratio', decimals: 2, formula: '(Patrimonio netto + Passivo fisso) / Immobilizzazioni' },
  { key: 'tesoreria', label: 'Indice di tesoreria', display: 'ratio', decimals: 2, formula: 'Attivo circolante / Passivo circolante' },
  { key: 'strutturaFinanziariaBreve', label: 'Indice di struttura finanziaria a breve', display: 'ratio', decimals: 2, formula: '(Attivo circolante − Passivo a breve) / Passivo a breve' },
  { key: 'soliditaFinanziaria', label: 'Solidità finanziaria', display: 'percent', decimals: 0, formula: 'Patrimonio netto / Passivo totale' },
  { key: 'rigidita', label: 'Indice di rigidità', display: 'percent', decimals: 0, formula: '(Oneri correnti − Interventi economici) / Proventi correnti' },
  { key: 'equilibrioEconomico', label: 'Equilibrio economico riproporzionato', display: 'number', decimals: 2, formula: '100 × Costi del personale / Proventi correnti + 1000 × Dipendenti / Imprese attive' },
  { key: 'risorseUmane', label: 'Indice "risorse umane"', display: 'percent', decimals: 0, formula: 'Costi del personale / Oneri correnti' },
  { key: 'attrazioneRisorseEsterne', label: 'Capacità di attrazione risorse esterne', display: 'percent', decimals: 0, formula: '(Contributi per progetti promozionali + Proventi promozionali) / Interventi economici' },
  { key: 'riscossioneDirittoAnnuale', label: 'Riscossione del diritto annuale', display: 'percent', decimals: 0, formula: 'Riscossioni spontanee del diritto annuale / Diritto annuale dovuto' },
];

export const PROVENTI_LABELS: Readonly<Record<ProventiField, string>> = {
  diritto_annuale: 'Diritto annuale',
  diritti_segreteria: 'Diritti di segreteria e oblazioni',
  gestione_beni_servizi: 'Proventi da gestione di beni e servizi',
  contributi: 'Contributi',
  altri_proventi: 'Altre entrate',
  variazione_rimanenze: 'Variazione rimanenze',
};

export const ONERI_LABELS: Readonly<Record<OneriField, string>> = {
  personale: 'Personale',
  interventi_economici: 'Iniziative di promozione economica',
  funzionamento: 'Funzionamento',
  quote_associative: 'Quote associative',
  automazione_servizi: 'Automazione dei servizi',
  ammortamenti_accantonamenti: 'Ammortamenti e accantonamenti',
};

export type IndexValues = Record<IndexKey, number | null>;

/** The JSON of `finance --json` (§9), plus `totals` and, when the file has one, `benchmark`. */
export interface FinanceReport {
  year: number;
  /** Unrounded fractions (0.77, not 77); `null` where a denominator is zero. */
  indices: IndexValues;
  /** Shares of the proventi correnti (PC). */
  proventi: Record<ProventiField, number | null>;
  /** Shares of the oneri correnti (OC). */
  oneri: Record<OneriField, number | null>;
  warnings: string[];
  totals: { proventiCorrenti: number; oneriCorrenti: number };
  benchmark?: Benchmark;
}

export function indexDefinition(key: IndexKey): IndexDefinition {
  const definition = INDEX_DEFINITIONS.find((d) => d.key === key);
  if (!definition) throw new Error(`indice sconosciuto: ${key}`);
  return definition;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const PC_NAME = 'il totale dei proventi correnti (somma di proventi_correnti)';
const OC_NAME = 'il totale degli oneri correnti (somma di oneri_correnti)';

/** A denominator with the words that name it in a warning. */
interface Denominator {
  readonly value: number;
  readonly name: string;
}

function notComputable(subject: string, bad: readonly Denominator[]): string {
  const describe = (d: Denominator) => `${d.name} ${d.value < 0 ? `è negativo (${formatNumber(d.value)})` : 'è pari a zero'}`;
  return `${subject} non calcolabile: ${bad.map(describe).join('; ')}.`;
}

/** Computes the indices and compositions of §9 for one year. Never throws on zero denominators. */
export function computeFinance(b: Bilancio): FinanceReport {
  const warnings: string[] = [];
  const sp = b.stato_patrimoniale;
  const pc = sum(PROVENTI_FIELDS.map((f) => b.proventi_correnti[f]));
  const oc = sum(ONERI_FIELDS.map((f) => b.oneri_correnti[f]));
  const interventi = b.oneri_correnti.interventi_economici;
  const personale = b.oneri_correnti.personale;

  const PC: Denominator = { value: pc, name: PC_NAME };
  const OC: Denominator = { value: oc, name: OC_NAME };
  const field = (value: number, path: string): Denominator => ({ value, name: `il campo ${path}` });

  const compute = (key: IndexKey, denominators: readonly Denominator[], value: () => number): number | null => {
    // Only PC can be negative (variazione_rimanenze); a ratio on a non-positive total means nothing.
    const bad = denominators.filter((d) => d.value <= 0);
    if (bad.length > 0) {
      warnings.push(notComputable(`${indexDefinition(key).label} (${key})`, bad));
      return null;
    }
    return value();
  };

  const indices: IndexValues = {
    struttura: compute('struttura', [field(sp.immobilizzazioni, 'stato_patrimoniale.immobilizzazioni')], () => (sp.patrimonio_netto + sp.passivo_fisso) / sp.immobilizzazioni),
    tesoreria: compute('tesoreria', [field(sp.passivo_circolante, 'stato_patrimoniale.passivo_circolante')], () => sp.attivo_circolante / sp.passivo_circolante),
    strutturaFinanziariaBreve: compute('strutturaFinanziariaBreve', [field(sp.passivo_circolante, 'stato_patrimoniale.passivo_circolante')], () => (sp.attivo_circolante - sp.passivo_circolante) / sp.passivo_circolante),
    soliditaFinanziaria: compute('soliditaFinanziaria', [field(sp.passivo_totale, 'stato_patrimoniale.passivo_totale')], () => sp.patrimonio_netto / sp.passivo_totale),
    rigidita: compute('rigidita', [PC], () => (oc - interventi) / pc),
    equilibrioEconomico: compute('equilibrioEconomico', [PC, field(b.imprese_attive, 'imprese_attive')], () => (100 * personale) / pc + (1000 * b.dipendenti) / b.imprese_attive),
    risorseUmane: compute('risorseUmane', [OC], () => personale / oc),
    attrazioneRisorseEsterne: compute('attrazioneRisorseEsterne', [field(interventi, 'oneri_correnti.interventi_economici')], () => (b.promozione.contributi_progetti_promozionali + b.promozione.proventi_promozionali) / interventi),
    riscossioneDirittoAnnuale: compute('riscossioneDirittoAnnuale', [field(b.diritto_annuale.dovuto, 'diritto_annuale.dovuto')], () => b.diritto_annuale.riscosso_spontaneo / b.diritto_annuale.dovuto),
  };

  const shares = <F extends string>(fields: readonly F[], values: Record<F, number>, total: Denominator, what: string): Record<F, number | null> => {
    const ok = total.value > 0;
    if (!ok) warnings.push(notComputable(`Composizione ${what}`, [total]));
    return Object.fromEntries(fields.map((f) => [f, ok ? values[f] / total.value : null])) as Record<F, number | null>;
  };
  const proventi = shares(PROVENTI_FIELDS, b.proventi_correnti, PC, 'dei proventi');
  const oneri = shares(ONERI_FIELDS, b.oneri_correnti, OC, 'degli oneri');

  const fonti = sp.patrimonio_netto + sp.passivo_fisso + sp.passivo_circolante;
  // Half a cent of slack: sums of amounts with cents carry binary noise.
  if (fonti - sp.passivo_totale > 0.005) {
    warnings.push(`Stato patrimoniale incoerente: patrimonio_netto + passivo_fisso + passivo_circolante (${formatNumber(fonti)}) supera passivo_totale (${formatNumber(sp.passivo_totale)}), che comprende già il patrimonio netto.`);
  }
  if (b.diritto_annuale.riscosso_spontaneo > b.diritto_annuale.dovuto) {
    warnings.push(`Diritto annuale: le riscossioni spontanee (${formatNumber(b.diritto_annuale.riscosso_spontaneo)}) superano il dovuto (${formatNumber(b.diritto_annuale.dovuto)}); controlla i due importi.`);
  }

  const report: FinanceReport = { year: b.year, indices, proventi, oneri, warnings, totals: { proventiCorrenti: pc, oneriCorrenti: oc } };
  if (b.benchmark) report.benchmark = b.benchmark;
  return report;
}


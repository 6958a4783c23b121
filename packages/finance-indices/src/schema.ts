import * as z from 'zod';
import { EnteSchema, PerfError, countErrors, parseYamlWith, validateDocument, type InvalidDocument } from '@perf/model';

/** The nine index keys of §9, in the order the Relazione shows them. */
export const INDEX_KEYS = [
  'struttura',
  'tesoreria',
  'strutturaFinanziariaBreve',
  'soliditaFinanziaria',
  'rigidita',
  'equilibrioEconomico',
  'risorseUmane',
  'attrazioneRisorseEsterne',
  'riscossioneDirittoAnnuale',
] as const;
export type IndexKey = (typeof INDEX_KEYS)[number];

export const PROVENTI_FIELDS = [
  'diritto_annuale',
  'diritti_segreteria',
  'gestione_beni_servizi',
  'contributi',
  'altri_proventi',
  'variazione_rimanenze',
] as const;
export type ProventiField = (typeof PROVENTI_FIELDS)[number];

export const ONERI_FIELDS = [
  'personale',
  'interventi_economici',
  'funzionamento',
  'quote_associative',
  'automazione_servizi',
  'ammortamenti_accantonamenti',
] as const;
export type OneriField = (typeof ONERI_FIELDS)[number];

const amount = z.number().nonnegative({ error: 'atteso un importo in euro non negativo (≥ 0)' });
/** Only the change in inventories can be negative (rimanenze finali below the initial ones). */
const signedAmount = z.number();
const count = z.number().int().nonnegative({ error: 'atteso un numero intero non negativo (≥ 0)' });
const indexValue = z.number().optional();

export const StatoPatrimonialeSchema = z.strictObject({
  immobilizzazioni: amount,
  patrimonio_netto: amount,
  passivo_fisso: amount,
  attivo_circolante: amount,
  passivo_circolante: amount,
  passivo_totale: amount,
});

export const ProventiCorrentiSchema = z.strictObject({
  diritto_annuale: amount,
  diritti_segreteria: amount,
  gestione_beni_servizi: amount,
  contributi: amount,
  altri_proventi: amount,
  variazione_rimanenze: signedAmount,
});

export const OneriCorrentiSchema = z.strictObject({
  personale: amount,
  interventi_economici: amount,
  funzionamento: amount,
  quote_associative: amount,
  automazione_servizi: amount,
  ammortamenti_accantonamenti: amount,
});

export const BenchmarkSchema = z.strictObject({
  label: z.string().trim().min(1),
  indices: z.strictObject({
    struttura: indexValue,
    tesoreria: indexValue,
    strutturaFinanziariaBreve: indexValue,
    soliditaFinanziaria: indexValue,
    rigidita: indexValue,
    equilibrioEconomico: indexValue,
    risorseUmane: indexValue,
    attrazioneRisorseEsterne: indexValue,
    riscossioneDirittoAnnuale: indexValue,
  }),
});

export const BilancioSchema = z.strictObject({
  ente: EnteSchema.optional(),
  year: z.number().int().min(2000).max(2100),
  stato_patrimoniale: StatoPatrimonialeSchema,
  proventi_correnti: ProventiCorrentiSchema,
  oneri_correnti: OneriCorrentiSchema,
  promozione: z.strictObject({ contributi_progetti_promozionali: amount, proventi_promozionali: amount }),
  diritto_annuale: z.strictObject({ dovuto: amount, riscosso_spontaneo: amount }),
  dipendenti: count,
  imprese_attive: count,
  benchmark: BenchmarkSchema.optional(),
});

export type Bilancio = z.infer<typeof BilancioSchema>;
export type BilancioInput = z.input<typeof BilancioSchema>;
export type Benchmark = z.infer<typeof BenchmarkSchema>;

const BILANCIO_FORM = [
  'Forma attesa (importi in euro, numeri senza simbolo €; variazione_rimanenze può essere negativa):',
  'year: 2012',
  'stato_patrimoniale: { immobilizzazioni, patrimonio_netto, passivo_fisso, attivo_circolante, passivo_circolante, passivo_totale }',
  'proventi_correnti: { diritto_annuale, diritti_segreteria, gestione_beni_servizi, contributi, altri_proventi, variazione_rimanenze }',
  'oneri_correnti: { personale, interventi_economici, funzionamento, quote_associative, automazione_servizi, ammortamenti_accantonamenti }',
  'promozione: { contributi_progetti_promozionali, proventi_promozionali }',
  'diritto_annuale: { dovuto, riscosso_spontaneo }',
  'dipendenti: 44',
  'imprese_attive: 22605',
  `facoltativi: ente: { code, name } · benchmark: { label: "Media Toscana 2011", indices: { ${INDEX_KEYS.join(', ')} } }`,
].join('\n');

function invalid(source: string): InvalidDocument {
  return (details) => new PerfError('BILANCIO_INVALID', `Il file di bilancio "${source}" non è valido (${countErrors(details)}).`, { details, hint: BILANCIO_FORM });
}

/** Validates an already parsed document (e.g. JSON) as a bilancio; throws PerfError('BILANCIO_INVALID'). */
export function validateBilancio(document: unknown, source = 'bilancio'): Bilancio {
  return validateDocument(BilancioSchema, document, invalid(source));
}

/** Parses the YAML text of one year's bilancio (§9); every problem, syntax included, becomes one detail line. */
export function parseBilancio(yamlText: string, source: string): Bilancio {
  return parseYamlWith(yamlText, source, (document) => validateBilancio(document, source), invalid(source));
}

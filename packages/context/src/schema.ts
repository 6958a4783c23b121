import * as z from 'zod';
import { PerfError, countErrors, parseYamlWith, validateDocument, type InvalidDocument } from '@perf/model';

/**
 * The yearly `contesto` document: the parts of the Relazione that describe the ente and its context
 * rather than the plan's results (chapter 1.1, 1.2 and parts of chapter 3). Every section is optional:
 * the Relazione says in one line that the ente has no data for a missing one.
 */

const label = z.string().trim().min(1);
const year = z.number().int().min(1900).max(2100);
const count = z.number().int({ error: 'atteso un numero intero' }).nonnegative({ error: 'atteso un numero intero non negativo (≥ 0)' });
const amount = z.number().nonnegative({ error: 'atteso un importo in euro non negativo (≥ 0)' });
/** A rate in percent as printed (-2,4 is written -2.4): may be negative. */
const percent = z.number({ error: 'atteso un numero (percentuale, es. -2.4)' });

/**
 * Where a figure comes from, and whether the example placed it by inference (a table whose cells the
 * source's text splits): a reconstructed row or section is marked † in the Relazione.
 */
const provenance = { fonte: label.optional(), ricostruito: z.literal(true).optional() };

/** YAML turns `2012:` into the key "2012"; zod reports a bad key on the record, not on the key. */
function byYear<Value extends z.ZodType>(value: Value) {
  return z.record(z.string().regex(/^\d{4}$/), value, {
    error: (issue) => (issue.code === 'invalid_key' ? 'chiave non valida: atteso un anno di quattro cifre (es. 2012)' : undefined),
  });
}

/** A table of the document: its own title, where it comes from, at least one row of the given shape (each with its provenance). */
function rowsTable<Shape extends z.core.$ZodLooseShape>(row: Shape) {
  return { intestazione: label.optional(), ...provenance, righe: z.array(z.strictObject({ ...row, ...provenance })).min(1) };
}

/** A staff table by class (age, seniority, contract) and year, with the total row as printed. */
const StaffTableSchema = z.strictObject({ ...rowsTable({ classe: label, anni: byYear(count) }), totale: byYear(count).optional() });

const MacroSchema = z.strictObject({
  ...provenance,
  variabili: z.array(z.strictObject({
    ambito: z.enum(['nazionale', 'locale', 'settoriale'], { error: 'atteso nazionale, locale o settoriale' }),
    variabile: label,
    valore: percent,
    nota: label.optional(),
    ...provenance,
  })).min(1),
  /** The qualitative reading of the economy, one point a line. */
  osservazioni: z.array(label).optional(),
});

const PerspectiveItemsSchema = z.strictObject({
  prospettiva: label,
  ...provenance,
  /** The laws and rules of the year that bear on this perspective («INPUT NORMATIVO»). */
  normativa: z.array(label).optional(),
  /** «Elementi di rilievo per l'ente»: what the ente did about them. */
  elementi: z.array(z.strictObject({ tema: label.optional(), testo: label, ...provenance })).optional(),
});

const FundsSchema = z.strictObject(rowsTable({ voce: label, stanziato: amount.optional(), impiegato: amount.optional(), nota: label.optional() }));

const ShareSchema = z.strictObject(rowsTable({
  anno: year,
  risorse: amount,
  totale: amount,
  /** The incidence as the source prints it (percent), checked against risorse / totale. */
  incidenza_stampata: percent.optional(),
}));

/** A printed total as a number, or as printed when it is not a readable amount («€ 195.00,00»). */
const printedAmount = z.union([amount, label]);
const FUND_COLUMNS = ['costi_riconosciuti', 'costi_rendicontati', 'finanziamento_accordato'] as const;
export type FundColumn = (typeof FUND_COLUMNS)[number];

const PerequativoSchema = z.strictObject({
  intestazione: label.optional(),
  ...provenance,
  gruppi: z.array(z.strictObject({
    titolo: label,
    nota: label.optional(),
    ...provenance,
    /** An empty cell of the source («_», «-») is a left-out amount. */
    progetti: z.array(z.strictObject({
      progetto: label,
      costi_riconosciuti: amount.optional(),
      costi_rendicontati: amount.optional(),
      finanziamento_accordato: amount.optional(),
      ...provenance,
    })).min(1),
    totale: z.strictObject({ costi_riconosciuti: printedAmount.optional(), costi_rendicontati: printedAmount.optional(), finanziamento_accordato: printedAmount.optional() }).optional(),
  })).min(1),
});

const ServicesSchema = z.strictObject(rowsTable({
  processo: label,
  output: label,
  /** Euro rather than a count (the cost of the interventions). */
  unita: z.enum(['numero', 'euro']).default('numero'),
  /** null: not measured that year («-» in the source). */
  anni: byYear(z.number().nonnegative({ error: 'atteso un numero non negativo (≥ 0), oppure null' }).nullable()),
}));

const UsersSchema = z.strictObject({
  ...rowsTable({
    tipologia: label,
    utenti: count,
    /** The services this kind of user uses; left out when the source does not say which. */
    servizi: z.array(label).optional(),
    /** How many services it uses, when the source ticks them but which is not readable. */
    numero_servizi: count.optional(),
  }),
  /** The services (columns of the source's table). */
  servizi: z.array(label).min(1),
});

const ValueAddedSchema = z.strictObject({
  definizione: label.optional(),
  ...provenance,
  categorie: z.array(z.strictObject({ stakeholder: label, descrizione: label.optional(), importo: amount.optional(), ...provenance })).min(1),
});

export const ContestoSchema = z.strictObject({
  ente: z.strictObject({ code: label, name: label.optional() }).optional(),
  year,
  contesto_esterno: z.strictObject({
    input_macroeconomico: MacroSchema.optional(),
    prospettive: z.array(PerspectiveItemsSchema).min(1).optional(),
    risorse_promozione: FundsSchema.optional(),
    internazionalizzazione: ShareSchema.optional(),
  }).optional(),
  personale_per_eta: StaffTableSchema.optional(),
  personale_per_anzianita: StaffTableSchema.optional(),
  personale_per_contratto: StaffTableSchema.optional(),
  /** What the ente says of its staff beside the tables (consistency, ages, benessere organizzativo, CUG). */
  personale_osservazioni: z.array(label).min(1).optional(),
  strutture_territoriali: z.strictObject({
    ...provenance,
    sedi: z.array(z.strictObject({ sede: label, descrizione: label, ...provenance })).min(1),
    note: z.array(label).optional(),
  }).optional(),
  azienda_speciale: z.strictObject({ nome: label, ...provenance, attivita: z.array(label).min(1) }).optional(),
  partner_territoriali: z.array(z.strictObject({ iniziativa: label, periodo: label, partner: label, ...provenance })).min(1).optional(),
  fondo_perequativo: PerequativoSchema.optional(),
  portafoglio_servizi: ServicesSchema.optional(),
  utenti: UsersSchema.optional(),
  valore_aggiunto: ValueAddedSchema.optional(),
  fotovoltaico: z.strictObject({
    ...provenance,
    energia_consumata: amount,
    energia_prodotta_venduta: amount,
    /** The coverage as printed (percent), checked against prodotta / consumata. */
    copertura_stampata: percent.optional(),
  }).optional(),
  razionalizzazione_risorse_umane: z.strictObject({
    ...provenance,
    variazione_organico: z.number().int({ error: 'atteso un numero intero di unità (es. -1)' }),
    risparmio: amount,
    nota: label.optional(),
  }).optional(),
});

export type Contesto = z.infer<typeof ContestoSchema>;
export type ContestoInput = z.input<typeof ContestoSchema>;
export type StaffTable = NonNullable<Contesto['personale_per_eta']>;
export type FundGroup = NonNullable<Contesto['fondo_perequativo']>['gruppi'][number];
export { FUND_COLUMNS };

const CONTESTO_FORM = [
  'Forma attesa (tutte le sezioni sono facoltative tranne year):',
  'ente: { code: CCIAA-MS }',
  'year: 2012',
  'contesto_esterno: { input_macroeconomico: { variabili: [ { ambito: nazionale, variabile: PIL, valore: -2.4 } ] }, prospettive: [ { prospettiva, normativa: [..], elementi: [ { tema, testo } ] } ], risorse_promozione, internazionalizzazione }',
  'personale_per_eta | personale_per_anzianita | personale_per_contratto: { intestazione, righe: [ { classe: 30-39, anni: { 2011: 10, 2012: 9 } } ], totale: { 2012: 42 } }',
  'fondo_perequativo: { gruppi: [ { titolo, progetti: [ { progetto, costi_riconosciuti: 62000, costi_rendicontati, finanziamento_accordato } ], totale } ] }',
  'portafoglio_servizi, utenti, partner_territoriali, strutture_territoriali, azienda_speciale, valore_aggiunto, fotovoltaico, razionalizzazione_risorse_umane',
  'Su righe e sezioni: fonte: "…" e ricostruito: true (dato collocato per deduzione).',
].join('\n');

function invalid(source: string): InvalidDocument {
  return (details) => new PerfError('CONTESTO_INVALID', `Il file del contesto "${source}" non è valido (${countErrors(details)}).`, { details, hint: CONTESTO_FORM });
}

/** Checks the schema cannot express: a staff table's rows cover the same years, without repeated classes. */
function structuralProblems(data: Contesto): string[] {
  const problems: string[] = [];
  for (const key of ['personale_per_eta', 'personale_per_anzianita', 'personale_per_contratto'] as const) {
    const staff = data[key];
    if (!staff) continue;
    const years = Object.keys(staff.righe[0]?.anni ?? {}).sort();
    const seen = new Set<string>();
    staff.righe.forEach((row, i) => {
      const own = Object.keys(row.anni).sort();
      if (own.join() !== years.join()) problems.push(`${key}.righe[${i}].anni: anni diversi dalla prima riga (${own.join(', ') || 'nessuno'} invece di ${years.join(', ') || 'nessuno'})`);
      if (seen.has(row.classe.toLowerCase())) problems.push(`${key}.righe[${i}]: classe "${row.classe}" ripetuta`);
      seen.add(row.classe.toLowerCase());
    });
    for (const y of Object.keys(staff.totale ?? {})) if (!years.includes(y)) problems.push(`${key}.totale.${y}: anno assente dalle righe`);
  }
  data.utenti?.righe.forEach((row, i) => {
    for (const service of row.servizi ?? []) {
      if (!data.utenti?.servizi.includes(service)) problems.push(`utenti.righe[${i}].servizi: "${service}" non è tra i servizi elencati in utenti.servizi`);
    }
  });
  return problems;
}

/** Validates an already parsed document as the context data; throws PerfError('CONTESTO_INVALID'). */
export function validateContesto(document: unknown, source = 'contesto'): Contesto {
  return validateDocument(ContestoSchema, document, invalid(source), structuralProblems);
}

/** Parses the YAML text of the context data; every problem, syntax included, becomes one detail line. */
export function parseContesto(yamlText: string, source: string): Contesto {
  return parseYamlWith(yamlText, source, (document) => validateContesto(document, source), invalid(source));
}

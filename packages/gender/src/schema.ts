import * as z from 'zod';
import { EnteSchema, PerfError, countErrors, parseYamlWith, validateDocument, type InvalidDocument } from '@perf/model';
import { normalizeLabel } from './labels.ts';

export const BUDGET_CLASSES = ['diretto', 'sensibile', 'neutro'] as const;
export type BudgetClass = (typeof BUDGET_CLASSES)[number];

const label = z.string().trim().min(1);
const year = z.number().int().min(1900).max(2100);
const count = z.number().int().nonnegative({ error: 'atteso un numero intero non negativo (≥ 0)' });
const amount = z.number().nonnegative({ error: 'atteso un importo in euro non negativo (≥ 0)' });
/** YAML turns `2012:` into the object key "2012"; zod reports a bad key on the record, not on the key. */
function byYear<Value extends z.ZodType>(value: Value) {
  return z.record(z.string().regex(/^\d{4}$/), value, {
    error: (issue) => (issue.code === 'invalid_key' ? 'chiave non valida: atteso un anno di quattro cifre (es. 2012)' : undefined),
  });
}

export const GenderCountSchema = z.strictObject({ donne: count, uomini: count });
const genderByYear = byYear(GenderCountSchema);
const countByYear = byYear(count);

function genderTable<Row extends z.ZodType>(row: Row) {
  return z.strictObject({
    intestazione: label.optional(),
    righe: z.array(row).min(1),
    /** The total row as printed in the source, checked against the sum of the rows. */
    totale: genderByYear.optional(),
  });
}

export const StaffByCategorySchema = genderTable(z.strictObject({ categoria: label, anni: genderByYear }));
export const StaffByEducationSchema = genderTable(z.strictObject({ titolo_di_studio: label, anni: genderByYear }));

export const StaffTotalsSchema = z.strictObject({
  intestazione: label.optional(),
  righe: z.array(z.strictObject({ categoria: label, anni: countByYear })).min(1),
  totale: countByYear.optional(),
});

export const WomenEnterprisesSchema = z.strictObject({
  anno: year,
  territorio: label,
  intestazione: label.optional(),
  settori: z.array(z.strictObject({
    sezione: z.string().trim().regex(/^[A-UX]$/, { error: 'attesa una sezione ATECO: una lettera da A a U, oppure X (non classificate)' }),
    descrizione: label,
    registrate: count,
  })).min(1),
  totale: count.optional(),
});

export const ProvincesSchema = z.strictObject({
  anno: year,
  regione: label.default('Toscana'),
  intestazione: label.optional(),
  province: z.array(z.strictObject({ provincia: label, imprese_femminili: count, imprese_registrate: count })).min(1),
});

export const GenderBudgetSchema = z.strictObject({
  anno: year,
  intestazione: label.optional(),
  voci: z.array(z.strictObject({
    voce: label,
    classe: z.enum(BUDGET_CLASSES),
    /** Left out when the source does not print it: the item is listed but not summed. */
    importo: amount.optional(),
    partner: label.optional(),
    nota: z.string().optional(),
  })).min(1),
});

export const GenereSchema = z.strictObject({
  ente: EnteSchema.optional(),
  year,
  personale_per_categoria: StaffByCategorySchema.optional(),
  personale_totale_per_categoria: StaffTotalsSchema.optional(),
  personale_per_titolo_di_studio: StaffByEducationSchema.optional(),
  imprese_femminili: WomenEnterprisesSchema.optional(),
  imprese_femminili_per_provincia: ProvincesSchema.optional(),
  bilancio_di_genere: GenderBudgetSchema.optional(),
});

export type Genere = z.infer<typeof GenereSchema>;
export type GenereInput = z.input<typeof GenereSchema>;

const GENERE_FORM = [
  'Forma attesa (tutte le sezioni sono facoltative tranne year):',
  'year: 2012',
  'personale_per_categoria: { intestazione, righe: [ { categoria: D, anni: { 2011: { donne: 7, uomini: 5 }, 2012: { donne: 6, uomini: 4 } } } ], totale: { 2012: { donne: 26, uomini: 17 } } }',
  'personale_totale_per_categoria: { intestazione, righe: [ { categoria: D, anni: { 2011: 12, 2012: 11 } } ], totale: { 2012: 44 } }',
  'personale_per_titolo_di_studio: { intestazione, righe: [ { titolo_di_studio: Laurea, anni: { 2012: { donne: 12, uomini: 5 } } } ], totale }',
  'imprese_femminili: { anno: 2012, territorio: Massa-Carrara, settori: [ { sezione: A, descrizione: "Agricoltura, silvicoltura pesca", registrate: 486 } ], totale: 5558 }',
  'imprese_femminili_per_provincia: { anno: 2012, regione: Toscana, province: [ { provincia: LUCCA, imprese_femminili: 0, imprese_registrate: 0 } ] }',
  'bilancio_di_genere: { anno: 2012, voci: [ { voce: "Premio Donna e Imprenditoria", classe: diretto | sensibile | neutro, importo: 2500, partner, nota } ] }',
].join('\n');

function invalid(source: string): InvalidDocument {
  return (details) => new PerfError('GENERE_INVALID', `Il file della dimensione di genere "${source}" non è valido (${countErrors(details)}).`, { details, hint: GENERE_FORM });
}


/** Checks the schema cannot express: same years in every row, no repeated rows. */
function structuralProblems(data: Genere): string[] {
  const problems: string[] = [];
  const unique = (labels: readonly string[], path: string, what: string) => {
    const seen = new Set<string>();
    labels.forEach((l, i) => {
      if (seen.has(normalizeLabel(l))) problems.push(`${path}[${i}]: ${what} "${l}" ripetuta`);
      seen.add(normalizeLabel(l));
    });
  };
  const sameYears = (rows: readonly { anni: Record<string, unknown> }[], path: string, totale: Record<string, unknown> | undefined) => {
    const first = rows[0];
    if (!first) return;
    const years = Object.keys(first.anni).sort();
    if (years.length === 0) problems.push(`${path}.righe[0].anni: nessun anno indicato`);
    rows.forEach((r, i) => {
      const own = Object.keys(r.anni);
      for (const y of years) if (!own.includes(y)) problems.push(`${path}.righe[${i}].anni: manca l'anno ${y} (presente nella prima riga)`);
      for (const y of own) if (!years.includes(y)) problems.push(`${path}.righe[${i}].anni.${y}: anno assente nella prima riga`);
    });
    for (const y of Object.keys(totale ?? {})) if (!years.includes(y)) problems.push(`${path}.totale.${y}: anno assente dalle righe`);
  };
  const byCategory = data.personale_per_categoria;
  if (byCategory) {
    sameYears(byCategory.righe, 'personale_per_categoria', byCategory.totale);
    unique(byCategory.righe.map((r) => r.categoria), 'personale_per_categoria.righe', 'categoria');
  }
  const totals = data.personale_totale_per_categoria;
  if (totals) {
    sameYears(totals.righe, 'personale_totale_per_categoria', totals.totale);
    unique(totals.righe.map((r) => r.categoria), 'personale_totale_per_categoria.righe', 'categoria');
  }
  const byEducation = data.personale_per_titolo_di_studio;
  if (byEducation) {
    sameYears(byEducation.righe, 'personale_per_titolo_di_studio', byEducation.totale);
    unique(byEducation.righe.map((r) => r.titolo_di_studio), 'personale_per_titolo_di_studio.righe', 'voce');
  }
  if (data.imprese_femminili) unique(data.imprese_femminili.settori.map((s) => s.sezione), 'imprese_femminili.settori', 'sezione');
  const provinces = data.imprese_femminili_per_provincia;
  if (provinces) {
    unique(provinces.province.map((p) => p.provincia), 'imprese_femminili_per_provincia.province', 'provincia');
    provinces.province.forEach((p, i) => {
      if (p.imprese_femminili > p.imprese_registrate) {
        problems.push(`imprese_femminili_per_provincia.province[${i}]: le imprese femminili (${p.imprese_femminili}) superano le imprese registrate (${p.imprese_registrate})`);
      }
    });
  }
  return problems;
}

/** Validates an already parsed document as the gender data; throws PerfError('GENERE_INVALID'). */
export function validateGenere(document: unknown, source = 'genere'): Genere {
  return validateDocument(GenereSchema, document, invalid(source), structuralProblems);
}

/** Parses the YAML text of the gender data (§10); every problem, syntax included, becomes one detail line. */
export function parseGenere(yamlText: string, source: string): Genere {
  return parseYamlWith(yamlText, source, (document) => validateGenere(document, source), invalid(source));
}

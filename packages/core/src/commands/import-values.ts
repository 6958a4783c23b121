import { PerfError, periodRank, type Plan } from '@perf/model';
import type { BulkRilevazione, Store, WriteMeta } from '@perf/store';
import { resolveActor, resolvePlan, type Actor, type CommandContext, type Identity } from '../context.ts';
import { checkReport, findIndicator, planForReport, type ReportGround } from './report.ts';

/** One value to import, from a YAML entry or a spreadsheet row; `where` names it in messages. */
export interface ValueRow {
  readonly where: string;
  /** Identifies the row within its file (`r12` for row 12, `3` for the fourth YAML entry), for its request key. */
  readonly key: string;
  readonly indicator: number;
  readonly value: string;
  readonly period: string | undefined;
  readonly note: string | undefined;
  readonly by: string | undefined;
  /** Provenance (YAML files only): the value's source document, and whether it is reconstructed. */
  readonly source?: string | undefined;
  readonly reconstructed?: boolean | undefined;
}

/** A row of a file, or a row that could not even be read (naming its place and why). */
export type ValueItem = ValueRow | { readonly problem: string };

/** A file of values, read row by row while it is imported. */
export interface ValuesSource {
  /** The file's name, for messages and the audit log. */
  readonly name: string;
  /** Identifies the file's content: a re-import of the same file stores nothing twice. */
  readonly digest: string;
  readonly ente: string;
  readonly items: Iterable<ValueItem>;
}

export interface ValuesImportOptions {
  /** Store the good rows and report the bad ones, instead of storing nothing. */
  readonly skipInvalid?: boolean;
  /** `--motivo`: the reason for values of closed periods (accepted only from the controllo). */
  readonly reason?: string | undefined;
  /** Told how far a long import has got (e.g. on stderr). */
  readonly progress?: ((step: string) => void) | undefined;
}

/**
 * Rows stored by one COPY: large enough that the per-batch queries cost little, small enough that a
 * batch's rows die young. With 20,000 they outlived two or three scavenges of V8's young generation,
 * and garbage collection took 40% of the client's CPU on PostgreSQL (2.1 s for 300,000 rows).
 */
export const APPEND_BATCH = 5_000;
const PROGRESS_EVERY = 100_000;
/**
 * Rows read between two turns of the event loop: each turn lets the batch being stored take its next
 * query, so with fewer rows between turns the server waits less for its next step (about 1.5 ms here).
 */
const YIELD_EVERY = 100;

const requestKeyPrefix = (digest: string) => `values:${digest}:`;

/**
 * The request key of a file's row. Digits are padded so that a file's keys grow in the order of its
 * rows (the unique index then takes them at its right end); keys stored before the padding
 * (`values:<digest>:r12`) read back to the same key.
 */
export function valueRequestKey(digest: string, rowKey: string): string {
  let start = rowKey.length;
  while (start > 0 && rowKey.charCodeAt(start - 1) >= 48 && rowKey.charCodeAt(start - 1) <= 57) start--;
  const digits = rowKey.slice(start);
  const number = digits.length === 0 ? '' : digits.length <= 15 ? String(Number(digits)) : digits.replace(/^0+(?=\d)/, '');
  return `${requestKeyPrefix(digest)}${rowKey.slice(0, start)}${number.padStart(digits.length === 0 ? 0 : 9, '0')}`;
}

/**
 * Who reports a row: the controllo imports on behalf of the row's person (default: the indicator's
 * owner); anyone else imports only as themselves.
 */
function rowIdentity(row: ValueRow, importer: Actor, identity: Identity): Identity | ((plan: Plan) => Identity) {
  if (importer.role !== 'controllo' || identity.kind !== 'operator') {
    if (row.by !== undefined && row.by !== importer.id) {
      throw new PerfError('PERMISSION_DENIED', `${importer.name} non può importare valori a nome di ${row.by}: solo il controllo di gestione importa valori per conto di altri.`, { hint: 'Lascia vuota la colonna persona, oppure fai importare il file al controllo di gestione.' });
    }
    return identity;
  }
  return (plan) => ({ ...identity, personId: row.by ?? findIndicator(plan, row.indicator)?.owner ?? identity.personId });
}

/**
 * The ground of a file's checks, loaded once inside the import's transaction: the ente's period locks
 * and the request keys of this file already stored.
 */
async function loadGround(store: Store, ente: string, digest: string, now: Date): Promise<ReportGround> {
  const prefix = requestKeyPrefix(digest);
  const stored = (await store.requestKeysWithPrefix(prefix)).map((key) => valueRequestKey(digest, key.slice(prefix.length)));
  return { delivered: new Set(stored), locks: await store.periodLocks({ ente }), now };
}

/**
 * The plan of each period written in a file (`planForReport`), found once per distinct text: a file
 * names a handful of periods, in a million rows. A refusal is kept and given to every row that asks.
 */
function planFinder(context: CommandContext): (periodText: string | undefined) => Promise<Plan> | Plan {
  const plans = new Map<number | undefined, Promise<Plan>>();
  const byText = new Map<string | undefined, Plan | PerfError>();
  const resolve = (year?: number) => {
    let plan = plans.get(year);
    if (plan === undefined) {
      plan = resolvePlan(context, year);
      plans.set(year, plan);
    }
    return plan;
  };
  return (periodText) => {
    const known = byText.get(periodText);
    if (known instanceof PerfError) throw known;
    if (known !== undefined) return known;
    return planForReport(periodText, resolve).then((plan) => {
      byText.set(periodText, plan);
      return plan;
    }, (error: unknown) => {
      if (error instanceof PerfError) byText.set(periodText, error);
      throw error;
    });
  };
}

const count = (n: number) => n.toLocaleString('it-IT');

/** What each year of an import received, for its audit row. */
type YearImport = { count: number; firstId: number; lastId: number; late: number };

/**
 * Appends checked rows in large batches: one batch is stored while the next is read and checked (a
 * PostgreSQL server works meanwhile; PGlite computes on this thread, so there it only keeps the
 * order). At most two batches in memory; `imported` counts what each year received.
 */
class BatchWriter {
  readonly imported = new Map<number, YearImport>();
  private batch: BulkRilevazione[] = [];
  private storing: Promise<void> = Promise.resolve();

  constructor(private readonly tx: Store, private readonly meta: WriteMeta) {}

  async add(row: BulkRilevazione): Promise<void> {
    this.batch.push(row);
    if (this.batch.length >= APPEND_BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    await this.storing;
    const rows = this.batch;
    this.batch = [];
    this.storing = this.tx.appendRilevazioni(rows, this.meta).then((ids) => rows.forEach((row, i) => this.count(row, ids[i] ?? 0)));
    // Its failure is met by the next `await storing`; until then it is not unhandled.
    this.storing.catch(() => {});
  }

  /** Waits for the batch being stored (after a failure too, before the rollback: `settle`). */
  done(): Promise<void> { return this.storing; }
  settle(): Promise<void> { return this.storing.catch(() => {}); }

  private count(row: BulkRilevazione, id: number): void {
    let year = this.imported.get(row.year);
    if (year === undefined) this.imported.set(row.year, year = { count: 0, firstId: id, lastId: id, late: 0 });
    year.count++;
    year.firstId = Math.min(year.firstId, id);
    year.lastId = Math.max(year.lastId, id);
    if (row.override) year.late++;
  }
}

/** The tally of an import: rows read, to store, already stored (a re-import), late with a reason; the refusals. */
interface Tally { read: number; added: number; duplicates: number; late: number; readonly problems: string[] }

/**
 * Stores a file of values in one transaction. Each row passes the checks of a report (`checkReport`)
 * against data loaded once, as its `persona` (default: the indicator's owner) when the controllo
 * imports, otherwise as the importer; the rows go to the store in large batches, and the audit log
 * gets one row for the import. Any bad row stores nothing, unless `skipInvalid`. Request keys make a
 * re-import of the same file store nothing twice.
 */
export async function importValues(source: ValuesSource, context: CommandContext, options: ValuesImportOptions = {}): Promise<string> {
  const enteContext: CommandContext = { ...context, ente: source.ente };
  const current = await resolvePlan(enteContext);
  const ente = current.ente.code;
  const importer = resolveActor(current, context.identity);
  const meta = { actor: importer.id, channel: context.channel, at: context.clock() };
  const years = (await context.store.listPlans()).filter((p) => p.ente === ente).map((p) => p.year);
  const tally: Tally = { read: 0, added: 0, duplicates: 0, late: 0, problems: [] };
  await context.store.transaction(async (tx) => {
    await tx.holdYearsForAppend(ente, years);
    const ground = await loadGround(tx, ente, source.digest, meta.at);
    const planOf = planFinder({ ...enteContext, store: tx, clock: () => meta.at });
    const writer = new BatchWriter(tx, meta);
    /** One row checked as a report; undefined when it stores nothing (a refusal, a row already stored). */
    const checkRow = async (item: ValueRow): Promise<BulkRilevazione | undefined> => {
      const requestKey = valueRequestKey(source.digest, item.key);
      const found = planOf(item.period);
      const plan = found instanceof Promise ? await found : found;
      const checked = checkReport({ indicator: item.indicator, rawValue: item.value, period: item.period, note: item.note, reason: options.reason }, plan,
        { identity: rowIdentity(item, importer, context.identity), overrideIdentity: context.identity, requestKey }, ground);
      if (checked.delivered) {
        tally.duplicates++;
        return undefined;
      }
      tally.added++;
      if (checked.override) tally.late++;
      return {
        ente, year: plan.year, indicator: checked.indicator.id, period: checked.periodText, periodRank: periodRank(checked.period),
        value: checked.value, rawValue: item.value, note: item.note, requestKey, override: checked.override, reportedBy: checked.actor.id,
        source: item.source, reconstructed: item.reconstructed,
      };
    };
    try {
      for (const item of source.items) {
        if (tally.read > 0 && tally.read % PROGRESS_EVERY === 0) options.progress?.(`${count(tally.read)} righe lette, ${count(tally.added)} da registrare`);
        // Now and then let the batch being stored take its next step (its queries run one after another).
        if (tally.read > 0 && tally.read % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
        tally.read++;
        if ('problem' in item) {
          tally.problems.push(item.problem);
          continue;
        }
        try {
          const row = await checkRow(item);
          // Once a row is refused nothing will be stored (unless skipInvalid): the rest is only checked.
          if (row !== undefined && (tally.problems.length === 0 || options.skipInvalid)) await writer.add(row);
        } catch (error) {
          if (!(error instanceof PerfError)) throw error;
          tally.problems.push(`${item.where} (indicatore ${item.indicator}): ${error.message}`);
        }
      }
    } catch (error) {
      // A file that cannot be read further: let the batch being stored finish before the rollback.
      await writer.settle();
      throw error;
    }
    await writer.done();
    if (tally.problems.length > 0 && !options.skipInvalid) throw invalidValues(source.name, tally.problems);
    await writer.flush();
    await writer.done();
    for (const [year, record] of [...writer.imported].sort(([a], [b]) => a - b)) {
      await tx.auditValuesImport(ente, year, { source: source.name, digest: source.digest, ...record }, meta);
    }
  });
  if (tally.read >= PROGRESS_EVERY) options.progress?.(`${count(tally.read)} righe lette, ${count(tally.added)} registrate`);
  return importSummary(source, tally);
}

function invalidValues(name: string, problems: readonly string[]): PerfError {
  return new PerfError('VALUES_INVALID', `Il file dei valori "${name}" contiene ${problems.length} ${problems.length === 1 ? 'valore non valido' : 'valori non validi'}; nulla è stato registrato.`, {
    details: [...problems], hint: 'Correggi le righe indicate e reimporta il file, oppure usa --skip-invalid per registrare le righe valide e scartare le altre.',
  });
}

function importSummary(source: ValuesSource, { added, late, duplicates, problems }: Tally): string {
  const lines = [`Valori ${source.ente} da ${source.name}: ${added === 1 ? '1 registrato' : `${added} registrati`}${late > 0 ? ` (${late} fuori termine, con motivo)` : ''}${duplicates > 0 ? `, ${duplicates === 1 ? '1 già presente' : `${duplicates} già presenti`} (file già importato)` : ''}.`];
  if (problems.length > 0) lines.push(`Righe scartate (${problems.length}):`, ...problems.map((p) => `  - ${p}`));
  return lines.join('\n');
}

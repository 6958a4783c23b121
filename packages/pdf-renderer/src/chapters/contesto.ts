import type { Contesto } from '@perf/context';
import { CONTEXT_RECONSTRUCTED_LEGEND, RECONSTRUCTED_MARK, type Context } from '../context.ts';
import { formatEuro, formatFractionPercent, formatNumber } from '../italian.ts';
import { table, type Row } from '../table.ts';
import { COLORS, SIZES } from '../theme.ts';

/**
 * The parts of the Relazione fed by the `contesto` document. Each part is a level-3 heading; a part
 * the ente has no data for says so in one line under its heading, never an empty heading.
 */
export interface ContextParts {
  readonly ctx: Context;
  readonly data: Contesto | undefined;
  /** Whether a † was printed since the last legend. */
  marked: boolean;
}

export function contextParts(ctx: Context): ContextParts {
  return { ctx, data: ctx.data.contesto?.data, marked: false };
}

/** The text, with † when the row or section is a reconstruction of the example. */
export function mark(parts: ContextParts, text: string, ...items: readonly ({ ricostruito?: true | undefined } | undefined)[]): string {
  if (!items.some((item) => item?.ricostruito === true)) return text;
  parts.marked = true;
  return `${text} ${RECONSTRUCTED_MARK}`;
}

/** The legend of †, once after the tables that used it. */
export function legendIfMarked(parts: ContextParts): void {
  if (!parts.marked) return;
  parts.ctx.report.paragraph(CONTEXT_RECONSTRUCTED_LEGEND, { size: SIZES.small, color: COLORS.muted });
  parts.marked = false;
}

/**
 * A part under its heading: drawn from its data, or one line saying the ente has none (naming the
 * document to import when the whole context is missing).
 */
export function part<T>(parts: ContextParts, heading: string, section: T | undefined, what: string, draw: (section: T) => void): void {
  const { report, year } = parts.ctx;
  report.heading(3, heading, { toc: false });
  if (section !== undefined) {
    draw(section);
    return;
  }
  report.paragraph(parts.data === undefined
    ? `Dati non disponibili per ${what}: il file di contesto ${year} non è stato importato (pnpm perf context import <contesto-${year}.yaml>).`
    : `L’ente non ha fornito dati per ${what} nel file di contesto ${year}.`, { color: COLORS.muted });
}

export const count = (value: number): string => formatNumber(value, 0);
/** A rate with at least one decimal, as the source prints them (-2,4%; -7,0%; 13,2%); YAML reads -7.0 as -7. */
const rate = (value: number): string => `${formatNumber(value, 2, 1)}%`;
/** A printed percentage as it stands (4%; 4,37%). */
const printedRate = (value: number): string => `${formatNumber(value, 2, 0)}%`;

const AMBITO = { nazionale: 'Nazionale', locale: 'Locale', settoriale: 'Settoriale' } as const;

/** 1.1: the macroeconomic input, the rules and the ente's key facts per BSC perspective, the funds. */
export function renderContextEsterno(ctx: Context): void {
  const parts = contextParts(ctx);
  const { report } = ctx;
  const outside = parts.data?.contesto_esterno;
  part(parts, 'L’input macroeconomico', outside?.input_macroeconomico, 'l’input macroeconomico', (macro) => {
    table(report, [
      { header: 'Ambito', width: 1.3 },
      { header: 'Variabile', width: 4 },
      { header: 'Valore', width: 1.1, align: 'right' },
      { header: 'Nota', width: 3 },
    ], macro.variabili.map((v) => ({ cells: [AMBITO[v.ambito], mark(parts, v.variabile, v, macro), rate(v.valore), v.nota ?? ''] })),
    { caption: `Variabili macroeconomiche ${ctx.year}${macro.fonte ? ` (fonte: ${macro.fonte})` : ''}` });
    if (macro.osservazioni?.length) report.bullets(macro.osservazioni);
  });
  part(parts, 'L’input normativo e gli elementi di rilievo per prospettiva', outside?.prospettive, 'l’input normativo e gli elementi di rilievo', (perspectives) => {
    report.paragraph(`Per ciascuna prospettiva della Balanced Scorecard, le norme che hanno inciso sull’attività del ${ctx.year} e gli elementi di rilievo per l’ente.`, { keepWithNext: true });
    for (const p of perspectives) {
      const rows: Row[] = [
        ...(p.normativa ?? []).map((n) => ({ cells: ['Input normativo', n] })),
        ...(p.elementi ?? []).map((e) => ({ cells: [{ text: e.tema ?? 'Elemento di rilievo', bold: true }, mark(parts, e.testo, e)] })),
      ];
      if (rows.length === 0) continue;
      table(report, [{ header: 'Tema', width: 2.2 }, { header: 'Norma o elemento di rilievo', width: 7.8 }], rows, { caption: mark(parts, `Prospettiva «${p.prospettiva}»`, p) });
    }
  });
  part(parts, 'Le risorse per la promozione di rilievo', outside?.risorse_promozione, 'le risorse per la promozione', (funds) => {
    table(report, [
      { header: 'Voce', width: 4.4 },
      { header: 'Stanziato', width: 1.6, align: 'right' },
      { header: 'Impiegato', width: 1.6, align: 'right' },
      { header: '% impiegata', width: 1.2, align: 'right' },
      { header: 'Nota', width: 2 },
    ], funds.righe.map((r) => ({
      cells: [mark(parts, r.voce, r, funds), r.stanziato === undefined ? '—' : formatEuro(r.stanziato), r.impiegato === undefined ? '—' : formatEuro(r.impiegato),
        r.stanziato && r.impiegato !== undefined ? formatFractionPercent(r.impiegato / r.stanziato, 1) : '—', r.nota ?? ''],
    })), { caption: funds.intestazione ?? `Risorse per la promozione ${ctx.year}` });
  });
  part(parts, 'Le risorse per l’internazionalizzazione', outside?.internazionalizzazione, 'le risorse per l’internazionalizzazione', (share) => {
    table(report, [
      { header: 'Anno', width: 0.8 },
      { header: 'Risorse per l’internazionalizzazione', width: 2.4, align: 'right' },
      { header: 'Totale degli interventi', width: 2.2, align: 'right' },
      { header: 'Incidenza calcolata', width: 1.5, align: 'right' },
      { header: 'Incidenza stampata', width: 1.5, align: 'right' },
    ], share.righe.map((r) => ({
      cells: [mark(parts, String(r.anno), r, share), formatEuro(r.risorse), formatEuro(r.totale), r.totale > 0 ? formatFractionPercent(r.risorse / r.totale) : 'n.d.',
        r.incidenza_stampata === undefined ? '—' : printedRate(r.incidenza_stampata)],
    })), { caption: share.intestazione ?? 'Risorse per l’internazionalizzazione' });
  });
  legendIfMarked(parts);
}

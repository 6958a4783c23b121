import { channelName, type Indicator } from '@perf/model';
import { lateValues, RECONSTRUCTED_SUFFIX, type Context } from '../context.ts';
import { NOT_SCORED, articledDate, formatDateShort, formatDateTime, indicatorTarget, indicatorValue, plural, rhythmName } from '../italian.ts';
import { table, type Row } from '../table.ts';
import { COLORS, SIZES } from '../theme.ts';
import type { RilevazioneRow } from '../types.ts';
import { renderSignatures } from './presentazione.ts';

export const CHAPTER_6 = '6. Allegati Tecnici';


/** Chapter 6: the documents of the cycle and every indicator with its whole history of rilevazioni; the document's signatures close it. */
export function renderAllegati(ctx: Context): void {
  const { report } = ctx;
  report.heading(1, CHAPTER_6);
  renderDocumenti(ctx);
  renderDettaglio(ctx);
  renderFuoriTermine(ctx);
  renderSignatures(ctx);
}


/** The monitoring periods the controllo closed, with the day each was closed (recorded, not rendered). */
function closedPeriodsRow(ctx: Context): string[][] {
  const closed = ctx.data.events?.periodsClosed ?? [];
  if (closed.length === 0) return [];
  return [[
    'Chiusura dei periodi di monitoraggio',
    closed.map((c) => `${c.period}: ${formatDateShort(c.closedAt)}`).join('; '),
    `${plural(closed.length, 'periodo chiuso', 'periodi chiusi')} dal controllo di gestione: da allora i valori si registrano solo con un motivo (allegato 6.3)`,
  ]];
}

/** Places in a document in the order of their numbers: § 1.1, § 2.2, cap. 3. */
const byNumber = (a: string, b: string): number => a.replace(/^\D+/, '').localeCompare(b.replace(/^\D+/, ''), 'it', { numeric: true });

/** «Relazione sulla Performance 2012 (§ 1.3, § 2.2)»: the plan's sources, each document once with the places cited in it. */
function sourcesText(fonti: readonly string[]): string {
  const places = new Map<string, Set<string>>();
  for (const fonte of fonti) {
    const comma = fonte.indexOf(', ');
    const document = comma < 0 ? fonte : fonte.slice(0, comma);
    const set = places.get(document) ?? new Set<string>();
    if (comma >= 0) set.add(fonte.slice(comma + 2));
    places.set(document, set);
  }
  return [...places].map(([document, set]) => (set.size === 0 ? document : `${document} (${[...set].sort(byNumber).join(', ')})`)).join('; ');
}

/** Where the plan's entries come from and which are reconstructed, when the plan says so (`fonte`, `ricostruito`). */
function provenanceRow(ctx: Context): string[][] {
  const { plan } = ctx;
  const entries = [...plan.strategic_objectives, ...plan.operational_objectives, ...plan.indicators, ...plan.individual_objectives];
  const fonti = entries.flatMap((e) => (e.fonte === undefined ? [] : [e.fonte]));
  const count = (list: readonly { ricostruito?: boolean | undefined }[]) => list.filter((e) => e.ricostruito === true).length;
  const texts = (['mandate', 'mission', 'vision'] as const).filter((key) => ctx.textMark(key) !== '');
  const reconstructed = [
    [count(plan.strategic_objectives), 'obiettivo strategico', 'obiettivi strategici'],
    [count(plan.operational_objectives), 'obiettivo operativo', 'obiettivi operativi'],
    [count(plan.indicators), 'indicatore (target, peso, unità e responsabile)', 'indicatori (target, pesi, unità e responsabili)'],
    [count(plan.individual_objectives), 'scheda di obiettivi individuali', 'schede di obiettivi individuali'],
  ].flatMap(([n, one, many]) => (n === 0 ? [] : [plural(n as number, one as string, many as string)]));
  if (texts.length > 0) reconstructed.push(`${texts.length === 3 ? 'i testi di mandato, mission e vision' : `il testo di ${texts.map((t) => TEXT_NAMES[t]).join(' e ')}`}`);
  if (fonti.length === 0 && reconstructed.length === 0) return [];
  return [[
    `Fonti del Piano della Performance ${plan.year}`,
    fonti.length > 0 ? sourcesText(fonti) : '—',
    `${fonti.length > 0 ? `${plural(fonti.length, 'voce', 'voci')} del Piano con la fonte indicata` : 'Nessuna voce del Piano indica la fonte'}` +
      `${reconstructed.length > 0 ? `; ricostruiti (segnati con †), non stampati nella fonte: ${reconstructed.join(', ')}` : ''}`,
  ]];
}

const TEXT_NAMES = { mandate: 'mandato', mission: 'mission', vision: 'vision' } as const;

function renderDocumenti(ctx: Context): void {
  const { report, plan, data } = ctx;
  report.heading(2, '6.1 I documenti del Ciclo di Gestione della Performance');
  const times = data.history.map((r) => r.reportedAt.getTime());
  const late = lateValues(ctx.data).length;
  const rows: string[][] = [
    [
      `Piano della Performance ${plan.year}`,
      data.events?.planRecordedAt === undefined ? `${plan.ente.code} ${plan.year}` : `${plan.ente.code} ${plan.year}, registrato il ${formatDateShort(data.events.planRecordedAt)}`,
      `${plural(plan.strategic_objectives.length, 'obiettivo strategico', 'obiettivi strategici')}, ${plural(plan.operational_objectives.length, 'obiettivo operativo', 'obiettivi operativi')}, ${plural(plan.indicators.length, 'indicatore', 'indicatori')}; monitoraggio ${rhythmName(plan.monitoring).adjective}`,
    ],
    ...provenanceRow(ctx),
    [
      `Rilevazioni degli indicatori ${plan.year}`,
      times.length > 0 ? `${articledDate('dal', new Date(Math.min(...times)), formatDateShort)} ${articledDate('al', new Date(Math.max(...times)), formatDateShort)}` : '—',
      `${plural(data.history.length, 'rilevazione', 'rilevazioni')} (allegato 6.2)${late > 0 ? `, di cui ${plural(late, 'registrata', 'registrate')} dopo la chiusura del periodo (allegato 6.3)` : ''}`,
    ],
    ...data.finance.map((f) => [`Bilancio d’esercizio ${f.year}`, String(f.year), `Indici economico-finanziari e composizione di proventi e oneri (capitolo 3)${f.benchmark ? `; benchmark: ${f.benchmark.label}` : ''}`]),
    data.gender
      ? [`Dati per la dimensione di genere ${data.gender.year}`, String(data.gender.year), 'Tabelle del personale, imprenditoria femminile e bilancio di genere (capitolo 4)']
      : [`Dati per la dimensione di genere ${plan.year}`, '—', 'Non disponibili'],
    ...closedPeriodsRow(ctx),
    data.adoption === undefined
      ? [`Relazione sulla Performance ${plan.year}`, `bozza del ${formatDateTime(data.generatedAt)}`, 'Presente documento, non ancora adottato dalla Giunta']
      : [`Relazione sulla Performance ${plan.year}`, `delibera ${data.adoption.delibera}, registrata il ${formatDateShort(data.adoption.adoptedAt)}`, 'Presente documento, adottato dalla Giunta'],
  ];
  table(report, [
    { header: 'DOCUMENTO', width: 3 },
    { header: 'RIFERIMENTO / DATA', width: 2.4 },
    { header: 'CONTENUTO', width: 5 },
  ], rows.map((cells) => ({ cells: [{ text: cells[0] ?? '', bold: true }, cells[1] ?? '', cells[2] ?? ''] })));
}

/** The value in the indicator's unit, or as it was typed when the indicator is no longer in the Plan. */
const valueText = (indicator: Indicator | undefined, row: RilevazioneRow): string =>
  `${indicator ? indicatorValue(indicator, row.value) : row.rawValue}${row.reconstructed === true ? RECONSTRUCTED_SUFFIX : ''}`;

/** "fuori termine — motivo: … (Francesca Serra)" for a value accepted after its period was closed. */
function overrideText(ctx: Context, row: RilevazioneRow): string | null {
  if (row.overrideReason === null) return null;
  return `fuori termine — motivo: ${row.overrideReason}${row.overrideBy === null ? '' : ` (${ctx.personName(row.overrideBy)})`}`;
}

function historyRow(ctx: Context, indicator: Indicator | undefined, row: RilevazioneRow): Row {
  const value = valueText(indicator, row);
  const color = row.superseded ? COLORS.superseded : COLORS.text;
  return {
    cells: [
      { text: row.period, color },
      { text: value, color, strike: row.superseded },
      { text: ctx.personName(row.reportedBy), color },
      { text: formatDateTime(row.reportedAt), color },
      { text: channelName(row.channel), color },
      { text: row.superseded ? 'sostituito' : 'valido', color, bold: !row.superseded },
      { text: [row.note, overrideText(ctx, row)].filter((t) => t !== null).join('\n'), color },
    ],
  };
}

function renderDettaglio(ctx: Context): void {
  const { report, plan, data } = ctx;
  report.heading(2, '6.2 La Performance Organizzativa ed Individuale in dettaglio');
  report.paragraph(
    'Per ogni indicatore del Piano sono riportate tutte le rilevazioni dell’anno, comprese quelle sostituite da una rilevazione successiva per lo stesso periodo ' +
      '(indicate come «sostituito» e barrate): periodo, valore, autore, data e ora di inserimento, canale e nota. Il valore dell’ultimo periodo rilevato è quello ' +
      'che vale per l’anno. I valori registrati dopo la chiusura del periodo riportano «fuori termine» e il motivo indicato dal controllo di gestione (allegato 6.3).',
    { size: SIZES.small + 0.5 },
  );
  if (ctx.reconstructedLegend !== null) report.note(ctx.reconstructedLegend);
  const rows: Row[] = [];
  const known = new Set(plan.indicators.map((i) => i.id));
  for (const indicator of plan.indicators) {
    const status = ctx.indicatorStatus(indicator.id);
    const history = ctx.historyOf(indicator.id);
    rows.push({
      cells: [
        {
          text: `Indicatore ${indicator.id} – ${indicator.name}`,
          bold: true,
          color: COLORS.primary,
          sub: `Obiettivo ${indicator.objective} · Responsabile: ${ctx.personName(indicator.owner)} · Target: ${indicatorTarget(indicator)}${ctx.mark(indicator)}${status?.value !== null && status?.value !== undefined ? ` · Valore dell’anno: ${indicatorValue(indicator, status.value)}` : ''}`,
        },
        { grade: status ?? { percent: null, band: null }, bold: true },
      ],
      span: true,
      fill: COLORS.groupFill,
      keepWithNext: true,
    });
    if (history.length === 0) rows.push({ cells: [{ text: `Nessuna rilevazione registrata: indicatore ${NOT_SCORED}.`, color: COLORS.muted }], span: true });
    for (const row of history) rows.push(historyRow(ctx, indicator, row));
  }
  const orphans = [...new Set(data.history.filter((r) => !known.has(r.indicator)).map((r) => r.indicator))];
  for (const id of orphans) {
    rows.push({ cells: [{ text: `Indicatore ${id} (non più presente nel Piano: le rilevazioni non concorrono al calcolo)`, bold: true, color: COLORS.muted }], span: true, fill: COLORS.groupFill, keepWithNext: true });
    for (const row of ctx.historyOf(id)) rows.push(historyRow(ctx, undefined, row));
  }
  table(report, [
    { header: 'Periodo', width: 1.1 },
    { header: 'Valore', width: 1.5, align: 'right' },
    { header: 'Inserito da', width: 1.6 },
    { header: 'Data e ora', width: 1.8 },
    { header: 'Canale', width: 0.9 },
    { header: 'Stato', width: 1.1 },
    { header: 'Nota', width: 3.3 },
  ], rows, { size: SIZES.table - 1, zebra: false });
}

function renderFuoriTermine(ctx: Context): void {
  const { report } = ctx;
  report.heading(2, '6.3 Valori registrati dopo la chiusura del periodo');
  const late = lateValues(ctx.data);
  if (late.length === 0) {
    report.paragraph(`Nel ${ctx.year} nessun valore è stato registrato dopo la chiusura del relativo periodo di rilevazione.`);
    return;
  }
  report.paragraph(
    'Chiuso un periodo di rilevazione, un valore può esservi ancora registrato solo con l’autorizzazione del controllo di gestione, che ne indica il motivo. ' +
      `Nel ${ctx.year} ${late.length === 1 ? 'è stato registrato un solo valore' : `sono stati registrati ${late.length} valori`} fuori termine:`,
    { keepWithNext: true },
  );
  table(report, [
    { header: 'Indicatore', width: 2.8 },
    { header: 'Periodo', width: 1.3 },
    { header: 'Valore', width: 1.4, align: 'right' },
    { header: 'Autorizzato da', width: 1.9 },
    { header: 'Data e ora', width: 1.6 },
    { header: 'Motivo', width: 3.4 },
  ], late.map((row) => {
    const indicator = ctx.indicator(row.indicator);
    const color = row.superseded ? COLORS.superseded : COLORS.text;
    return {
      cells: [
        { text: `Ind. ${row.indicator}${indicator ? ` – ${indicator.name}` : ''}`, color },
        { text: row.period, color },
        { text: valueText(indicator, row), color, strike: row.superseded },
        { text: row.overrideBy === null ? '—' : ctx.personName(row.overrideBy), color, ...(row.reportedBy !== row.overrideBy ? { sub: `inserito da ${ctx.personName(row.reportedBy)}` } : {}) },
        { text: formatDateTime(row.reportedAt), color },
        { text: row.overrideReason ?? '', color },
      ],
    };
  }), { size: SIZES.table - 0.5 });
}

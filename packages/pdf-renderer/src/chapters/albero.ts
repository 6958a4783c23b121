import type { Indicator, OperationalObjective } from '@perf/model';
import { barChart } from '../charts.ts';
import { RECONSTRUCTED_SUFFIX, type Context } from '../context.ts';
import { NOT_SCORED, formatEuro, formatPercent, gradeText, indicatorTarget, indicatorValue, periodLabel, plainNumber, plural } from '../italian.ts';
import { table, totalRow, type Cell, type Column, type Row } from '../table.ts';
import { BAND_COLORS, COLORS, SIZES } from '../theme.ts';

export const CHAPTER_2 = '2. L’Albero della Performance';

/** Chapter 2: vision and lines, strategic objectives, cascading per Area, individual objectives. */
export function renderAlbero(ctx: Context): void {
  const { report } = ctx;
  report.heading(1, CHAPTER_2);
  report.paragraph(
    `${ctx.enteName} ha delineato il proprio albero della performance secondo uno schema logico in grado di rappresentare, anche graficamente, i legami tra:`,
    { keepWithNext: true },
  );
  const definitions: [string, string][] = [
    ['Mandato Istituzionale', 'perimetro nel quale l’amministrazione può e deve operare sulla base delle sue attribuzioni/competenze istituzionali'],
    ['Mission', 'ragione d’essere e ambito in cui l’Ente opera in termini di politiche e di azioni perseguite'],
    ['Vision', 'definizione dello scenario a medio e lungo termine da realizzare, attraverso obiettivi strategici, obiettivi operativi ed azioni'],
    ['Linee di indirizzo', 'linee di azione in cui vengono idealmente scomposti e specificati il mandato istituzionale, la missione e la visione'],
    ['Obiettivi Strategici', 'descrizione di un traguardo che l’organizzazione si prefigge di raggiungere per eseguire con successo le proprie linee di indirizzo'],
    ['Obiettivi Operativi', 'dettaglio delle azioni necessarie all’implementazione dei programmi strategici, assegnate alle Aree e misurate da indicatori'],
    ['Performance Individuale', 'grado di raggiungimento degli obiettivi individuali, legati agli obiettivi strategici e operativi della performance organizzativa'],
  ];
  for (const [label, text] of definitions) report.labelled(label, text, { gap: 3 });
  report.spacer(4);
  renderVision(ctx);
  renderStrategici(ctx);
  renderCascading(ctx);
  renderIndividuali(ctx);
}

function renderVision(ctx: Context): void {
  const { report, plan } = ctx;
  report.heading(2, '2.1 La Vision e le linee di indirizzo');
  if (plan.vision) report.labelled('Vision', `${plan.vision}${ctx.textMark('vision')}`, { align: 'justify' });
  else report.note(`Il Piano della Performance ${ctx.year} non riporta il testo della Vision (campo vision del Piano).`);
  if (plan.lines.length === 0) {
    report.paragraph('Il Piano non definisce linee di indirizzo.');
    return;
  }
  report.paragraph(
    `Sulla base dei risultati emersi dall’analisi del contesto, l’Ente ha definito il proprio disegno strategico. Di seguito le ${plan.lines.length} Linee di ` +
      'Indirizzo, con gli obiettivi strategici che le declinano e il loro grado medio di raggiungimento.',
  );
  table(report, [
    { header: 'N.', width: 0.5 },
    { header: 'Linea di indirizzo', width: 5 },
    { header: 'Obiettivi strategici', width: 2.6 },
    { header: 'Grado medio', width: 1.4, align: 'right' },
  ], plan.lines.map((line, i) => {
    const objectives = plan.strategic_objectives.filter((o) => o.line === line.id);
    return {
      cells: [
        String(i + 1),
        { text: line.name, bold: true, ...(line.description ? { sub: line.description } : {}) },
        objectives.length > 0 ? objectives.map((o) => o.id).join(', ') : '—',
        { grade: ctx.meanGrade(objectives.map((o) => ({ id: o.id, weight: o.weight }))) },
      ],
    };
  }));
}

function renderStrategici(ctx: Context): void {
  const { report, plan, previous } = ctx;
  report.heading(2, '2.2 Gli obiettivi strategici');
  report.paragraph(
    'Per ciascun obiettivo strategico sono riportati la prospettiva della Balanced Scorecard e la linea di indirizzo di riferimento, le risorse distribuite, ' +
      'l’impatto prodotto, i servizi coinvolti e il grado di raggiungimento, calcolato come media ponderata dei suoi indicatori e dei suoi obiettivi operativi.',
  );
  const previousCell = (id: string): Cell => {
    const grade = ctx.previousGrade(id);
    return grade === undefined ? { text: '—', color: COLORS.muted } : { grade };
  };
  const gradeColumns: Column[] = previous === undefined
    ? [{ header: 'Grado', width: 1.25, align: 'right' }]
    : [{ header: `Grado ${ctx.year}`, width: 1.3, align: 'right' }, { header: `Grado ${previous.year}`, width: 1.3, align: 'right' }];
  table(report, [
    { header: 'Obiettivo strategico', width: 3.1 },
    { header: 'Risorse distribuite', width: 1.85, align: 'right' },
    { header: 'Impatto', width: previous === undefined ? 4.1 : 3.5 },
    { header: 'Servizi coinvolti', width: 1.8 },
    ...gradeColumns,
  ], plan.strategic_objectives.map((o) => ({
    cells: [
      { text: `${o.id}. ${o.title}${ctx.mark(o)}`, bold: true, sub: `${ctx.perspectiveName(o.perspective)} · Linea: ${ctx.lineName(o.line)}${o.weight !== 1 ? ` · peso ${plainNumber(o.weight)}` : ''}` },
      o.budget !== undefined && o.budget > 0 ? formatEuro(o.budget) : '—',
      o.impact ?? '—',
      o.services.length > 0 ? o.services.join('\n') : '—',
      { grade: ctx.grade(o.id) },
      ...(previous === undefined ? [] : [previousCell(o.id)]),
    ],
  })), {
    size: SIZES.table - 0.5,
    ...(previous === undefined ? {} : { caption: `Grado di raggiungimento ${ctx.year} a confronto con il ${previous.year}, per codice dell’obiettivo («—»: obiettivo assente nel Piano della Performance ${previous.year})` }),
  });
}

const INDICATOR_COLUMNS: readonly Column[] = [
  { header: 'Obiettivo / Indicatore', width: 5.1 },
  // Wide enough for «≥ € 750.000,00 †» (a reconstructed target) whole; a wider target shrinks its type rather than break.
  { header: 'Target', width: 2, align: 'right' },
  { header: 'Valore', width: 1.7, align: 'right' },
  { header: 'Periodo', width: 1.8 },
  { header: 'Grado', width: 1.35, align: 'right' },
];

function indicatorRow(ctx: Context, indicator: Indicator, indent: number): Row {
  const status = ctx.indicatorStatus(indicator.id);
  const value = status?.value ?? null;
  return {
    cells: [
      { text: `Ind. ${indicator.id} – ${indicator.name}`, indent, sub: `Responsabile: ${ctx.personName(indicator.owner)}${indicator.weight !== 1 ? ` · peso ${plainNumber(indicator.weight)}` : ''}` },
      `${indicatorTarget(indicator)}${ctx.mark(indicator)}`,
      value === null ? { text: '—', color: COLORS.muted } : `${indicatorValue(indicator, value)}${ctx.standsReconstructed(indicator.id) ? RECONSTRUCTED_SUFFIX : ''}`,
      status?.period ? periodLabel(status.period, true) : { text: NOT_SCORED, color: COLORS.muted },
      { grade: status ?? { percent: null, band: null } },
    ],
  };
}

function operationalRows(ctx: Context, objective: OperationalObjective): Row[] {
  const indicators = ctx.plan.indicators.filter((i) => i.objective === objective.id);
  const rows: Row[] = [{
    cells: [
      { text: `${objective.id} – ${objective.title}${ctx.mark(objective)}`, bold: true, ...(objective.weight === 0 ? { sub: 'peso 0: obiettivo escluso dal calcolo del grado dell’obiettivo strategico' } : {}) },
      { grade: ctx.grade(objective.id), bold: true },
    ],
    span: true,
    fill: COLORS.zebra,
    keepWithNext: indicators.length > 0,
  }];
  for (const indicator of indicators) rows.push(indicatorRow(ctx, indicator, 10));
  if (indicators.length === 0) rows.push({ cells: [{ text: 'Nessun indicatore associato', indent: 10, color: COLORS.muted }, '', '', '', ''] });
  return rows;
}

function renderCascading(ctx: Context): void {
  const { report, plan } = ctx;
  report.heading(2, '2.3 Il Cascading: dagli obiettivi strategici agli obiettivi e piani operativi');
  if (ctx.reconstructedLegend !== null) report.note(ctx.reconstructedLegend);
  report.paragraph(
    'Gli obiettivi strategici sono declinati in obiettivi operativi assegnati alle Aree organizzative. Per ogni Area sono riportati gli obiettivi operativi, ' +
      'raggruppati per obiettivo strategico, e i relativi indicatori con target, ultimo valore rilevato nell’anno e grado di raggiungimento. ' +
      `Gli indicatori senza rilevazioni sono indicati come «${NOT_SCORED}» e non concorrono al calcolo.`,
  );
  for (const area of plan.areas) {
    report.heading(3, area.name);
    const objectives = plan.operational_objectives.filter((o) => o.area === area.id);
    const caption = `Responsabile: ${ctx.personName(area.head)} · ${plural(objectives.length, 'obiettivo operativo', 'obiettivi operativi')} · grado medio ${gradeText(ctx.meanGrade(objectives.map((o) => ({ id: o.id, weight: o.weight }))))}`;
    if (objectives.length === 0) {
      report.paragraph(`${caption}. Nessun obiettivo operativo assegnato all’Area nel Piano.`, { color: COLORS.muted });
      continue;
    }
    const rows: Row[] = [];
    const strategicIds = [...new Set(objectives.map((o) => o.strategic))];
    for (const strategicId of strategicIds) {
      rows.push({
        cells: [{ text: `Obiettivo strategico ${strategicId} – ${ctx.objectiveTitle(strategicId)}${ctx.mark(plan.strategic_objectives.find((o) => o.id === strategicId))}`, bold: true, color: COLORS.primary }, { grade: ctx.grade(strategicId), bold: true }],
        span: true, fill: COLORS.groupFill, keepWithNext: true,
      });
      for (const objective of objectives.filter((o) => o.strategic === strategicId)) rows.push(...operationalRows(ctx, objective));
    }
    table(report, INDICATOR_COLUMNS, rows, { zebra: false, caption });
  }
  const strategicIndicators = plan.indicators.filter((i) => plan.strategic_objectives.some((o) => o.id === i.objective));
  if (strategicIndicators.length > 0) {
    report.heading(3, 'Indicatori riferiti direttamente agli obiettivi strategici');
    const rows: Row[] = [];
    for (const objective of plan.strategic_objectives) {
      const own = strategicIndicators.filter((i) => i.objective === objective.id);
      if (own.length === 0) continue;
      rows.push({
        cells: [{ text: `Obiettivo strategico ${objective.id} – ${objective.title}${ctx.mark(objective)}`, bold: true, color: COLORS.primary }, { grade: ctx.grade(objective.id), bold: true }],
        span: true, fill: COLORS.groupFill, keepWithNext: true,
      });
      for (const indicator of own) rows.push(indicatorRow(ctx, indicator, 10));
    }
    table(report, INDICATOR_COLUMNS, rows, { zebra: false });
  }
}

function renderIndividuali(ctx: Context): void {
  const { report, plan, status } = ctx;
  report.heading(2, '2.4 Gli obiettivi individuali');
  if (plan.individual_objectives.length === 0) {
    report.note(`Il Piano della Performance ${ctx.year} non assegna obiettivi individuali.`);
    return;
  }
  report.paragraph(
    'Gli obiettivi individuali dei dirigenti sono riferimenti ponderati agli obiettivi strategici e operativi dell’Ente: il grado di raggiungimento individuale è ' +
      'la media ponderata dei gradi degli obiettivi assegnati che hanno un valore, garantendo il legame con la performance organizzativa.',
  );
  const areasHeaded = (person: string) => plan.areas.filter((a) => a.head === person).map((a) => a.name);
  for (const individual of plan.individual_objectives) {
    const person = ctx.person(individual.person);
    const grade = status.individuals.find((i) => i.person === individual.person) ?? { percent: null, band: null };
    const areas = areasHeaded(individual.person);
    report.heading(3, `${person?.role === 'dirigente' ? 'Dirigente: ' : ''}${ctx.personName(individual.person)}`);
    const totalWeight = individual.objectives.reduce((sum, o) => sum + o.weight, 0);
    const rows: Row[] = individual.objectives.map((ref) => {
      const isStrategic = plan.strategic_objectives.some((o) => o.id === ref.ref);
      return {
        cells: [
          { text: `${ref.ref} – ${ctx.objectiveTitle(ref.ref)}`, sub: isStrategic ? 'obiettivo strategico' : 'obiettivo operativo' },
          totalWeight > 0 ? `${plainNumber((ref.weight / totalWeight) * 100, 1)}%` : '—',
          { grade: ctx.grade(ref.ref) },
        ],
      };
    });
    rows.push(totalRow(['Grado di raggiungimento individuale', '100%', { grade, bold: true }]));
    // The assignment as a whole (which objectives, which weights) is what an individual entry reconstructs: said once, in the caption.
    const captions = [areas.length > 0 ? `${areas.length === 1 ? 'Area' : 'Aree'}: ${areas.join('; ')}` : '', ctx.mark(individual) === '' ? '' : `obiettivi e pesi ricostruiti${ctx.mark(individual)}`].filter((c) => c !== '');
    table(report, [
      { header: 'Obiettivo assegnato', width: 6 },
      { header: 'Peso', width: 1, align: 'right' },
      { header: 'Grado', width: 1.4, align: 'right' },
    ], rows, captions.length > 0 ? { caption: captions.join(' · ') } : {});
  }
  barChart(report, {
    title: 'Grado di raggiungimento degli obiettivi individuali',
    categories: status.individuals.map((i) => i.name),
    series: [{ name: 'Grado', color: COLORS.accent, values: status.individuals.map((i) => i.percent), labels: status.individuals.map((i) => gradeText(i)) }],
    barColor: (c) => {
      const band = status.individuals[c]?.band;
      return band ? BAND_COLORS[band] : undefined;
    },
    tickFormat: (v) => formatPercent(v),
    labelShare: 0.3,
  });
}

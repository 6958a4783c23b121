import type { Band, StatusReport } from '@perf/scoring';
import { CHART_LABEL_CHARS, bandDistributionChart, strategicGradesChart } from '../chart-specs.ts';
import { barChart, legend, pieChart, tileMap } from '../charts.ts';
import { commentsUnder, type Context, type ObjectiveComment } from '../context.ts';
import { BAND_LABELS, BAND_ROWS, NOT_SCORED, bandText, formatEuro, formatFractionPercent, formatPercent, gradeText, plural, shortEnte, truncate } from '../italian.ts';
import { table, totalRow, type Cell, type Column, type Row } from '../table.ts';
import { BAND_COLORS, COLORS, SIZES } from '../theme.ts';
import { renderContextEsterno } from './contesto.ts';
import { renderStaffTables } from './genere.ts';
import { renderStaffClasses, renderStruttura } from './struttura.ts';

export const CHAPTER_1 = '1. Sintesi delle informazioni di interesse per gli Stakeholder';

const tileText = (band: Band | null): string => (band === 'yellow' || band === null ? COLORS.text : '#ffffff');

/** Chapter 1: context, the administration (staff, Areas, budget) and the plan's results in brief. */
export function renderSintesi(ctx: Context): void {
  const { report } = ctx;
  report.heading(1, CHAPTER_1);
  report.paragraph(
    'La presente sezione illustra, in maniera sintetica, le informazioni di supporto ad una analisi consapevole dei risultati della performance che verranno ' +
      'rappresentati più nel dettaglio nei paragrafi che seguono. I destinatari di tali informazioni sono prevalentemente gli Stakeholder esterni, ed in particolare ' +
      'imprese e consumatori, in quanto beneficiari finali dell’azione dell’ente sul territorio.',
  );
  report.paragraph(
    'Per facilitare la lettura del documento, sono qui proposte informazioni di sintesi circa il contesto esterno nel quale si è svolta l’attività dell’ente, i dati ' +
      'qualitativi e quantitativi che caratterizzano l’amministrazione, i risultati finali raggiunti e le principali criticità che si sono manifestate nel corso del ' +
      `${ctx.year}. Essendo la Relazione un documento consuntivo rispetto al Piano della Performance, si rimanda a quest’ultimo per una analisi approfondita e preventiva.`,
  );
  renderContesto(ctx);
  renderAmministrazione(ctx);
  renderPianoInSintesi(ctx);
}

function renderContesto(ctx: Context): void {
  const { report, plan } = ctx;
  report.heading(2, '1.1 Il contesto esterno');
  report.paragraph(
    `${plan.ente.name}, al fine di individuare le azioni più coerenti per soddisfare le aspettative dei propri Stakeholder, riconosce come elemento propedeutico ` +
      'all’efficacia strategica delle proprie azioni l’analisi del contesto economico-sociale di riferimento, che descrive le variabili dello scenario nel quale si è ' +
      'sviluppata l’azione amministrativa e in base alle quali gli obiettivi strategici previsti si sono potuti concretizzare.',
  );
  report.paragraph(
    'Avendo l’Ente adottato la metodologia Balanced Scorecard (BSC) come principale strumento per la misurazione e valutazione della performance organizzativa, ' +
      `il contesto viene letto secondo le ${plan.perspectives.length} prospettive della BSC, le stesse con cui sono esposti i risultati nei capitoli successivi.`,
  );
  report.heading(3, 'Il mandato istituzionale e la mission', { toc: false });
  if (plan.mandate) report.labelled('Mandato istituzionale', `${plan.mandate}${ctx.textMark('mandate')}`, { align: 'justify' });
  if (plan.mission) report.labelled('Mission', `${plan.mission}${ctx.textMark('mission')}`, { align: 'justify' });
  if (!plan.mandate && !plan.mission) {
    report.note(`Il Piano della Performance ${ctx.year} non riporta il testo del mandato istituzionale né della mission: aggiungerli ai campi mandate e mission del file del Piano.`);
  }
  report.heading(3, 'Le prospettive di analisi e gli obiettivi strategici', { toc: false });
  const rows: Row[] = plan.perspectives.map((perspective) => {
    const objectives = plan.strategic_objectives.filter((o) => o.perspective === perspective.id);
    const budget = objectives.reduce((sum, o) => sum + (o.budget ?? 0), 0);
    return {
      cells: [
        { text: perspective.name, bold: true, ...(perspective.description ? { sub: perspective.description } : {}) },
        String(objectives.length),
        budget > 0 ? formatEuro(budget) : '—',
        { grade: ctx.meanGrade(objectives.map((o) => ({ id: o.id, weight: o.weight }))) },
      ],
    };
  });
  table(report, [
    { header: 'Prospettiva BSC', width: 6 },
    { header: 'Obiettivi strategici', width: 1.4, align: 'right' },
    { header: 'Risorse distribuite', width: 1.8, align: 'right' },
    { header: 'Grado medio', width: 1.5, align: 'right' },
  ], rows);
  renderContextEsterno(ctx);
}

function renderAmministrazione(ctx: Context): void {
  const { report, plan } = ctx;
  report.heading(2, `1.2 ${shortEnte(ctx.enteName)}: l’amministrazione`);
  report.paragraph(
    'Analogamente a quanto rappresentato nel Piano della Performance, viene proposto un quadro sintetico degli elementi qualitativi e quantitativi che caratterizzano ' +
      'l’Ente e che assumono rilievo per l’interpretazione dei risultati di performance, organizzativa ed individuale, raggiunti al termine del periodo amministrativo.',
  );

  report.heading(3, 'Le risorse umane', { toc: false });
  renderStaffTables(ctx);
  renderStaffClasses(ctx);

  report.heading(3, 'L’organizzazione: Aree e responsabili', { toc: false });
  if (plan.areas.length === 0) {
    report.note('Il Piano non definisce Aree organizzative.');
  } else {
    table(report, [
      { header: 'Area', width: 6 },
      { header: 'Responsabile', width: 2.2 },
      { header: 'Obiettivi operativi', width: 1.3, align: 'right' },
      { header: 'Indicatori', width: 1.3, align: 'right' },
      { header: 'Grado medio', width: 1.4, align: 'right' },
    ], plan.areas.map((area) => {
      const objectives = plan.operational_objectives.filter((o) => o.area === area.id);
      const ids = new Set(objectives.map((o) => o.id));
      return {
        cells: [
          { text: area.name, bold: true },
          ctx.personName(area.head),
          String(objectives.length),
          String(plan.indicators.filter((i) => ids.has(i.objective)).length),
          { grade: ctx.meanGrade(objectives.map((o) => ({ id: o.id, weight: o.weight }))) },
        ],
      };
    }));
  }

  renderBudget(ctx);
  // The seed's order: the budget, then the offices, the Azienda Speciale, partners, funds, services and users.
  renderStruttura(ctx);
}

function renderBudget(ctx: Context): void {
  const { report, plan } = ctx;
  report.heading(3, 'L’utilizzo del Budget per Obiettivi strategici', { toc: false });
  const total = plan.strategic_objectives.reduce((sum, o) => sum + (o.budget ?? 0), 0);
  if (total <= 0) {
    report.note(`Il Piano della Performance ${ctx.year} non assegna risorse (budget) agli obiettivi strategici.`);
    return;
  }
  report.paragraph(
    `Le risorse distribuite sugli obiettivi strategici ammontano complessivamente a ${formatEuro(total)}. Il corretto utilizzo del budget costituisce una chiave ` +
      'interpretativa dell’uso delle risorse, distinte non tanto per competenza di area quanto soprattutto per destinazione degli interventi.',
  );
  const rows: Row[] = plan.strategic_objectives.map((o) => ({
    cells: [
      o.id,
      o.title,
      o.budget && o.budget > 0 ? formatEuro(o.budget) : '—',
      o.budget && o.budget > 0 ? formatFractionPercent(o.budget / total) : '—',
      { grade: ctx.grade(o.id) },
    ],
  }));
  rows.push(totalRow(['', 'Totale', formatEuro(total), formatFractionPercent(1), '']));
  table(report, [
    { header: 'N.', width: 0.6 },
    { header: 'Obiettivo strategico', width: 6 },
    { header: 'Risorse distribuite', width: 1.9, align: 'right' },
    { header: '% sul totale', width: 1.3, align: 'right' },
    { header: 'Grado', width: 1.4, align: 'right' },
  ], rows, { caption: 'Risorse distribuite per obiettivo strategico' });
  report.paragraph('(—) Risorse a preventivo pari a 0 o non indicate nel Piano.', { size: SIZES.small, color: COLORS.muted });

  const funded = plan.strategic_objectives.filter((o) => (o.budget ?? 0) > 0);
  barChart(report, {
    title: 'L’utilizzo del Budget per Obiettivo strategico',
    categories: funded.map((o) => `${o.id}. ${truncate(o.title, CHART_LABEL_CHARS)}`),
    series: [{ name: 'Risorse distribuite', color: COLORS.accent, values: funded.map((o) => o.budget ?? 0), labels: funded.map((o) => formatEuro(o.budget ?? 0)) }],
    tickFormat: (v) => formatEuro(Math.round(v)).replace(/,00$/, ''),
    barHeight: 10,
  });
}

function renderPianoInSintesi(ctx: Context): void {
  const { report, plan, status, previous } = ctx;
  report.heading(2, '1.3 Il Piano della Performance in sintesi');
  report.paragraph(
    `Per l’annualità ${ctx.year} i risultati di performance sono stati misurati e valutati seguendo il medesimo approccio metodologico che ha supportato la stesura degli ` +
      'obiettivi strategici, garantendo trasparenza e intelligibilità nel rapporto con gli interlocutori dell’Ente. Mediante la metodologia Balanced Scorecard la ' +
      'performance organizzativa ed individuale è rappresentata secondo le prospettive di analisi seguenti:',
    { keepWithNext: true },
  );
  for (const perspective of plan.perspectives) {
    if (perspective.description) report.labelled(perspective.name, perspective.description, { align: 'justify' });
    else report.bullets([perspective.name]);
  }
  report.paragraph(
    'Il sistema di reporting evidenzia con dei colori il livello di realizzazione di ogni obiettivo rispetto al target prefissato, secondo le fasce seguenti; gli ' +
      `obiettivi senza alcuna rilevazione sono indicati come «${NOT_SCORED}» e non concorrono ai conteggi.`,
  );
  bandLegend(ctx);

  report.keyFigure('Livello di performance complessivo di Ente', status.overall,
    status.overall.band === null ? 'Nessun obiettivo strategico ha ancora un grado di raggiungimento.' : `Media ponderata dei gradi di raggiungimento degli obiettivi strategici – ${bandText(status.overall.band)}`);

  report.heading(3, 'I risultati raggiunti', { toc: false });
  // With the previous year, each year has its own N° and % columns.
  const years = previous === undefined ? [status] : [status, previous];
  const suffix = (y: StatusReport): string => (previous === undefined ? '' : ` ${y.year}`);
  const perYear = (cells: (y: StatusReport) => Cell[]): Cell[] => years.flatMap(cells);
  const rows: Row[] = BAND_ROWS.map(({ band, label }) => ({
    cells: [
      { text: label, bold: true, color: COLORS.text },
      ...perYear(({ summary: s }) => [String(s[band].count), s[band].percent === null ? '-' : formatPercent(s[band].percent ?? 0)]),
    ],
  }));
  rows.push(totalRow(['Totale', ...perYear(({ summary: s }) => [String(s.total), '-'])]));
  if (years.some((y) => y.summary.unscored.count > 0)) {
    rows.push({ cells: ['Obiettivi non rilevati (senza valori)', ...perYear(({ summary: s }) => [String(s.unscored.count), '-'])], color: COLORS.muted });
  }
  if (previous !== undefined) rows.push(totalRow(['Livello di performance complessivo di Ente', ...perYear(({ overall }) => ['', { grade: overall }])]));
  table(report, [
    { header: `Obiettivi Strategici (${plan.ente.code})`, width: 6 },
    ...years.flatMap((y): Column[] => [{ header: `N°${suffix(y)}`, width: 1, align: 'right' }, { header: `%${suffix(y)}`, width: 1, align: 'right' }]),
  ], rows, { caption: `Obiettivi strategici per fascia di raggiungimento del target${previous === undefined ? '' : `: ${ctx.year} a confronto con ${previous.year}`}`, zebra: false });

  pieChart(report, bandDistributionChart(status));

  tileMap(report, {
    title: `Mappa strategica: livello sintetico di realizzazione della strategia complessiva di ente (${ctx.year})`,
    rows: plan.perspectives.map((perspective) => ({
      label: perspective.name,
      tiles: plan.strategic_objectives.filter((o) => o.perspective === perspective.id).map((o) => {
        const grade = ctx.grade(o.id);
        return { title: o.id, subtitle: grade.percent === null ? 'n.r.' : formatPercent(grade.percent), color: grade.band === null ? COLORS.zebra : BAND_COLORS[grade.band], textColor: tileText(grade.band) };
      }),
    })),
    legend: [
      ...BAND_ROWS.map(({ band, range }) => ({ name: `${range} ${BAND_LABELS[band]}`, color: BAND_COLORS[band] })),
      { name: `n.r. = ${NOT_SCORED}`, color: COLORS.unscored },
    ],
  });

  barChart(report, strategicGradesChart(status));

  renderCriticita(ctx);
  renderAudit(ctx);
}

/**
 * The seed's «L’Audit dei processi» (1.3): the audit measures the output of each process. Its
 * results are the services portfolio of 1.2 when the context gives it; otherwise the part says so.
 */
function renderAudit(ctx: Context): void {
  const { report } = ctx;
  report.heading(3, 'L’Audit dei processi', { toc: false });
  report.paragraph(ctx.data.contesto?.data?.portafoglio_servizi
    ? 'Gli output dei processi rilevati con l’audit dei processi, a confronto con gli anni precedenti, sono riportati nel portafoglio dei servizi resi (paragrafo 1.2).'
    : `L’audit dei processi del ${ctx.year} non è disponibile: i dati di contesto non riportano il portafoglio dei servizi resi.`);
}

function bandLegend(ctx: Context): void {
  const { report } = ctx;
  report.ensureSpace(32);
  const items = BAND_ROWS.slice().reverse().map(({ band, range }) => ({
    name: `${range} = ${band === 'green' ? 'raggiungimento' : band === 'yellow' ? 'parziale raggiungimento' : 'non raggiungimento'} dell’obiettivo`,
    color: BAND_COLORS[band],
  }));
  report.y += legend(report, items, report.y) + 8;
}

function renderCriticita(ctx: Context): void {
  const { report, plan, previous } = ctx;
  report.heading(3, 'Le criticità e le opportunità', { toc: false });
  const critical = plan.strategic_objectives.filter((o) => ctx.grade(o.id).band !== 'green');
  if (critical.length === 0) {
    report.paragraph('Tutti gli obiettivi strategici hanno raggiunto il target (fascia 90-100%): non si rilevano criticità a livello strategico.');
    return;
  }
  report.paragraph(
    'Sono di seguito riportati gli obiettivi strategici che non hanno pienamente raggiunto il target o che sono privi di rilevazioni, con gli indicatori che ne ' +
      'determinano il risultato: essi costituiscono la base per le azioni correttive del ciclo successivo.',
    { keepWithNext: true },
  );
  const operationalOf = (id: string) => new Set(plan.operational_objectives.filter((o) => o.strategic === id).map((o) => o.id));
  // The gap is measured from the target band's threshold (90%, «raggiungimento dell'obiettivo»).
  const gapText = (percent: number | null) => (percent === null ? NOT_SCORED : `${plural(90 - percent, 'punto', 'punti')} sotto il 90%`);
  // With the previous year's plan in the database, its grade of the same objective beside the gap.
  const gapAndBefore = (id: string) => {
    const gap = gapText(ctx.grade(id).percent);
    if (previous === undefined) return gap;
    const grade = ctx.previousGrade(id);
    return `${gap}\n${previous.year}: ${grade === undefined ? 'obiettivo non presente' : gradeText(grade)}`;
  };
  // The seed's table has an «opportunità» column: shown with the cause when a comment names one.
  const opportunities = critical.some((o) => commentsUnder(ctx, o.id).some((c) => c.opportunita));
  const causeText = (c: ObjectiveComment) => (c.opportunita ? `${c.causa}\nOpportunità: ${c.opportunita}` : c.causa);
  table(report, [
    { header: 'Obiettivo strategico', width: 2.6 },
    { header: 'Grado', width: 1.15, align: 'right' },
    { header: previous === undefined ? 'Scostamento dal 90%' : `Scostamento e grado ${previous.year}`, width: 1.6 },
    { header: 'Indicatori sotto target o non rilevati', width: 2.8 },
    { header: opportunities ? 'Causa e opportunità' : 'Causa dello scostamento', width: opportunities ? 3.4 : 2.6 },
    { header: 'Azione correttiva', width: 2.6 },
  ], critical.map((o) => {
    const scope = operationalOf(o.id);
    scope.add(o.id);
    const said = commentsUnder(ctx, o.id);
    const prefix = (c: { objective: string }) => (said.length > 1 || c.objective !== o.id ? `${c.objective}: ` : '');
    const weak = plan.indicators
      .filter((i) => scope.has(i.objective))
      .map((i) => ({ i, grade: ctx.indicatorStatus(i.id) }))
      .filter(({ grade }) => grade === undefined || grade.percent === null || grade.percent < 90)
      .map(({ i, grade }) => `${i.id}. ${i.name} (${grade ? gradeText(grade) : NOT_SCORED})`);
    return {
      cells: [{ text: `${o.id}. ${o.title} (${ctx.perspectiveName(o.perspective)})`, bold: true }, { grade: ctx.grade(o.id) }, gapAndBefore(o.id), weak.length > 0 ? weak.join('\n') : '—',
        said.length > 0 ? said.map((c) => `${prefix(c)}${causeText(c)}`).join('\n') : 'non indicata', said.length > 0 ? said.map((c) => `${prefix(c)}${c.azione}`).join('\n') : 'non indicata'],
    };
  }), { caption: `Obiettivi strategici con criticità (${plural(critical.length, 'obiettivo', 'obiettivi')})` });
}

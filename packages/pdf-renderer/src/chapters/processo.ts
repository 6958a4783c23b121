import { CHANNELS, channelInProse, formatPeriod, periodsOfYear } from '@perf/model';
import { flowDiagram } from '../charts.ts';
import { lateValues, sortPeriods, type Context } from '../context.ts';
import { articledDate, formatDateShort, formatFractionPercent, periodLabel, plural, rhythmName } from '../italian.ts';
import { table, totalRow, type Row } from '../table.ts';
import { COLORS, SIZES } from '../theme.ts';
import type { RilevazioneRow } from '../types.ts';

export const CHAPTER_5 = '5. Il processo di redazione della Relazione sulla Performance';


interface ProcessFacts {
  readonly rows: readonly RilevazioneRow[];
  readonly first: Date | undefined;
  readonly last: Date | undefined;
  readonly superseded: number;
  readonly late: number;
  readonly channels: ReadonlyMap<string, number>;
  readonly covered: number;
}

function facts(ctx: Context): ProcessFacts {
  const rows = ctx.data.history;
  const times = rows.map((r) => r.reportedAt.getTime());
  const channels = new Map<string, number>();
  for (const r of rows) channels.set(r.channel, (channels.get(r.channel) ?? 0) + 1);
  return {
    rows,
    first: times.length > 0 ? new Date(Math.min(...times)) : undefined,
    last: times.length > 0 ? new Date(Math.max(...times)) : undefined,
    superseded: rows.filter((r) => r.superseded).length,
    late: lateValues(ctx.data).length,
    channels,
    covered: ctx.status.indicators.filter((i) => i.value !== null).length,
  };
}

const names = (ctx: Context, role: string): string => {
  const list = ctx.plan.people.filter((p) => p.role === role).map((p) => p.name);
  return list.length > 0 ? ` (${list.join(', ')})` : '';
};

/** Chapter 5: phases, subjects, times and responsibilities, with the dates taken from the rilevazioni. */
export function renderProcesso(ctx: Context): void {
  const { report, plan } = ctx;
  const rhythm = rhythmName(plan.monitoring);
  const f = facts(ctx);
  report.heading(1, CHAPTER_5);
  report.heading(2, '5.1 Fasi, soggetti, tempi e responsabilità del processo di redazione');
  report.paragraph(
    'La Relazione sulla Performance è l’esito di un processo che parte dal Piano della Performance, passa per la misurazione e valutazione della performance ' +
      'organizzativa e individuale nel corso dell’anno e si conclude con la redazione, l’approvazione, la validazione e la pubblicazione del documento.',
  );
  flowDiagram(report, {
    title: 'Il processo di redazione della Relazione',
    steps: ['Piano della Performance', 'Misurazione e valutazione performance organizzativa', 'Misurazione e valutazione performance individuale', 'Redazione della Relazione', 'Relazione sulla Performance'],
    highlight: 4,
  });

  const span = f.first && f.last ? `${rhythm.period} (rilevazioni ${articledDate('dal', f.first, formatDateShort)} ${articledDate('al', f.last, formatDateShort)})` : `${rhythm.period} (nessuna rilevazione registrata)`;
  const controllo = `Controllo di gestione${names(ctx, 'controllo')}`;
  // The channels the year's values actually came through, in the registry's words.
  const recorded = new Set(ctx.data.history.map((r) => r.channel));
  const used = [...Object.keys(CHANNELS).filter((c) => recorded.has(c)), ...[...recorded].filter((c) => !Object.hasOwn(CHANNELS, c))].map(channelInProse);
  const gathering = used.length === 0 ? 'Rilevazione dei dati' : `Rilevazione dei dati (${used.join(', ')})`;
  const duringYear: string[][] = [
    ['Misurazione intermedia dei risultati di performance organizzativa', 'Responsabili degli indicatori, Dirigenti, Controllo di gestione', gathering, span],
    ['Reporting intermedio della performance organizzativa', controllo, 'Cruscotto di ente/Report: evidenziazione del grado di raggiungimento degli obiettivi; riepilogo al termine di ogni periodo', rhythm.period],
    ['Valutazione sui risultati intermedi', `Controllo di gestione, Dirigenti, OIV${names(ctx, 'oiv')}`, 'Colloqui per valutare le cause di eventuali scostamenti rispetto ai risultati attesi', rhythm.period],
    ['Misurazione intermedia dei risultati di performance individuale', 'Dirigenti, Controllo di gestione', 'Rilevazione dei dati; solleciti ai responsabili prima della chiusura del periodo', rhythm.period],
    ['Reporting intermedio della performance individuale', controllo, 'Cruscotto di area e schede obiettivi: evidenziazione del grado di raggiungimento degli obiettivi', rhythm.period],
    ['Aggiornamento del Piano della Performance', 'S.G., Giunta, Dirigenti, Controllo di gestione', 'Variazione del Piano in funzione delle azioni correttive scaturenti dal monitoraggio', 'In itinere'],
    ['Bilancio preconsuntivo', 'Contabilità', `Rilevazione delle risultanze gestionali al 31/12/${plan.year} (in attesa dell’approvazione del Conto Consuntivo entro il 30/06/${plan.year + 1})`, `Dicembre ${plan.year}`],
  ];
  const columns = [
    { header: 'COSA', width: 3 },
    { header: 'CHI', width: 2.6 },
    { header: 'COME', width: 3.6 },
    { header: 'QUANDO', width: 2.2 },
  ];
  table(report, columns.map((c) => (c.header === 'QUANDO' ? { ...c, header: `QUANDO (ANNO ${plan.year})` } : c)), duringYear.map((cells) => ({ cells: [{ text: cells[0] ?? '', bold: true }, ...cells.slice(1)] })), { caption: 'Le fasi nel corso dell’anno' });

  const afterYear: string[][] = [
    ['Definizione della struttura del documento', 'S.G., Controllo di gestione', 'Analisi delle norme (d.lgs. 150/2009) e delle delibere CIVIT di riferimento', `Prima della redazione`],
    ['Sistematizzazione delle informazioni derivanti dalle fasi precedenti', controllo, 'Analisi dei documenti e dei dati della pianificazione, del monitoraggio e della valutazione', f.last ? `Dati aggiornati ${articledDate('al', f.last, formatDateShort)}` : 'Nessuna rilevazione registrata'],
    ['Redazione della Relazione sulla Performance', controllo, 'Produzione del documento dal sistema di controllo di gestione, a partire dal Piano, dalle rilevazioni, dai bilanci e dai dati di genere', `Entro il 30 giugno ${plan.year + 1}`],
    ['Approvazione della Relazione sulla Performance', 'Giunta', 'Deliberazione di approvazione', `Entro il 30 giugno ${plan.year + 1}`],
    ['Validazione della Relazione sulla Performance', `OIV${names(ctx, 'oiv')}`, 'Secondo le modalità previste dalla delibera CIVIT n. 6/2012', 'Dopo l’approvazione'],
    ['Pubblicazione della Relazione e del Documento di Validazione', 'Comunicazione, Controllo di gestione, OIV', 'Pubblicazione dei documenti nella sezione «Amministrazione trasparente» del sito istituzionale', 'Dopo la validazione'],
  ];
  table(report, columns.map((c) => (c.header === 'QUANDO' ? { ...c, header: `QUANDO (ANNO ${plan.year + 1})` } : c)), afterYear.map((cells) => ({ cells: [{ text: cells[0] ?? '', bold: true }, ...cells.slice(1)] })), { caption: 'Le fasi di redazione della Relazione' });

  renderMonitoraggio(ctx, f);
  renderPuntiDiForza(ctx, f);
}

function renderMonitoraggio(ctx: Context, f: ProcessFacts): void {
  const { report, plan } = ctx;
  report.heading(3, `Le rilevazioni del ${plan.year} per periodo`, { toc: false });
  const periods = sortPeriods([...periodsOfYear(plan.year, plan.monitoring).map(formatPeriod), ...f.rows.map((r) => r.period)]);
  const rows: Row[] = periods.map((period) => {
    const own = f.rows.filter((r) => r.period === period);
    const times = own.map((r) => r.reportedAt.getTime());
    const channels = [...new Set(own.map((r) => channelInProse(r.channel)))].join(', ');
    return {
      cells: [
        periodLabel(period),
        String(own.length),
        String(new Set(own.filter((r) => !r.superseded).map((r) => r.indicator)).size),
        String(own.filter((r) => r.superseded).length),
        times.length > 0 ? formatDateShort(new Date(Math.min(...times))) : '—',
        times.length > 0 ? formatDateShort(new Date(Math.max(...times))) : '—',
        channels || '—',
      ],
      ...(own.length === 0 ? { color: COLORS.muted } : {}),
    };
  });
  rows.push(totalRow(['Totale', String(f.rows.length), String(f.covered), String(f.superseded), f.first ? formatDateShort(f.first) : '—', f.last ? formatDateShort(f.last) : '—', [...f.channels.keys()].map(channelInProse).join(', ') || '—']));
  table(report, [
    { header: 'Periodo', width: 2 },
    { header: 'Rilevazioni', width: 1.45, align: 'right' },
    { header: 'Indicatori rilevati', width: 1.3, align: 'right' },
    { header: 'Sostituite', width: 1.35, align: 'right' },
    { header: 'Prima', width: 1.3 },
    { header: 'Ultima', width: 1.3 },
    { header: 'Canali', width: 1.75 },
  ], rows, { caption: 'Rilevazioni registrate per periodo (la riga Totale conta gli indicatori con almeno un valore)' });
}

function renderPuntiDiForza(ctx: Context, f: ProcessFacts): void {
  const { report, plan, status } = ctx;
  const total = plan.indicators.length;
  report.heading(2, '5.2 I punti di forza e debolezza del processo');
  report.paragraph(
    'La Relazione sulla Performance costituisce l’elemento di sintesi del ciclo di gestione della performance con riferimento ad un periodo amministrativo e, ' +
      'allo stesso tempo, è l’elemento di analisi per dare il via ad azioni migliorative e correttive future. In tale ottica sono qui elencati, sulla base dei dati ' +
      `registrati, i punti di forza e di debolezza che hanno caratterizzato il ciclo di gestione della performance per l’anno ${plan.year}.`,
  );
  const coverage = total > 0 ? f.covered / total : null;
  const channelText = [...f.channels.entries()].map(([c, n]) => `${channelInProse(c)} ${n}`).join(', ');
  table(report, [
    { header: 'OGGETTO DI RIFERIMENTO', width: 3 },
    { header: 'EVIDENZA NEL ' + plan.year, width: 6 },
  ], [
    ['Copertura degli indicatori', coverage === null ? 'Il Piano non prevede indicatori.' : `${f.covered} indicatori su ${total} con almeno una rilevazione (${formatFractionPercent(coverage, 0)})`],
    ['Rilevazioni registrate', `${plural(f.rows.length, 'rilevazione', 'rilevazioni')}, ${f.superseded === 0 ? 'nessuna sostituita' : `di cui ${plural(f.superseded, 'sostituita', 'sostituite')}`} da una rilevazione successiva per lo stesso periodo`],
    ['Tempestività', f.late === 0 ? 'Nessun valore registrato dopo la chiusura del periodo di riferimento' : `${plural(f.late, 'valore registrato', 'valori registrati')} dopo la chiusura del periodo di riferimento, con il motivo indicato dal controllo di gestione (allegato 6.3)`],
    ['Canali di rilevazione', channelText || 'nessuno'],
    ['Obiettivi strategici', `${status.summary.total} con grado di raggiungimento, ${status.summary.unscored.count} non rilevati`],
    ['Periodo di rilevazione', f.first && f.last ? `${articledDate('dal', f.first)} ${articledDate('al', f.last)}` : 'nessuna rilevazione'],
  ].map(([a, b]) => ({ cells: [{ text: a ?? '', bold: true }, b ?? ''] })), { caption: 'Sintesi del processo di misurazione' });

  const strengths: string[] = [];
  const weaknesses: string[] = [];
  if (coverage !== null && coverage >= 0.9) strengths.push('Copertura pressoché completa degli indicatori del Piano con valori rilevati.');
  if (f.channels.size > 1) strengths.push('Rilevazione multicanale: i responsabili hanno inserito i valori con strumenti diversi, con tracciabilità di autore, data e canale.');
  strengths.push('Storico completo delle rilevazioni: nessun valore è sovrascritto, le correzioni restano documentate negli allegati tecnici.');
  if (status.overall.band === 'green') strengths.push('Livello di performance complessivo di Ente nella fascia di pieno raggiungimento (90-100%).');
  const missing = status.indicators.filter((i) => i.value === null).map((i) => String(i.id));
  if (missing.length > 0) weaknesses.push(`Indicatori senza alcuna rilevazione (non rilevati): ${missing.join(', ')}.`);
  if (f.late > 0) weaknesses.push(`${plural(f.late, 'valore registrato', 'valori registrati')} dopo la chiusura del periodo: occorre rafforzare i solleciti.`);
  if (f.superseded > 0) weaknesses.push(`${plural(f.superseded, 'valore corretto', 'valori corretti')} dopo la prima rilevazione: verificare le fonti dei dati prima dell’inserimento.`);
  const critical = status.strategic.filter((s) => s.band === 'red' || s.band === 'yellow').map((s) => s.id);
  if (critical.length > 0) weaknesses.push(`Obiettivi strategici non pienamente raggiunti: ${critical.join(', ')} (si veda il paragrafo 1.3).`);
  if (weaknesses.length === 0) weaknesses.push('Non si rilevano elementi di debolezza nel processo di misurazione.');
  report.heading(3, 'Punti di forza', { toc: false });
  report.bullets(strengths, { size: SIZES.body - 0.5 });
  report.heading(3, 'Punti di debolezza', { toc: false });
  report.bullets(weaknesses, { size: SIZES.body - 0.5 });
}

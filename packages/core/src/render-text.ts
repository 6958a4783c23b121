import { formatFinanceText } from '@perf/finance-indices';
import { formatGenderText } from '@perf/gender';
import { articledPeriod, formatNumber, formatTextTable, formatValue, plural, readPeriod, type Indicator } from '@perf/model';
import { BAND_LABELS, type Band, type Grade, type IndicatorStatus } from '@perf/scoring';
import type { AuditEntry, PeriodLock, Rilevazione } from '@perf/store';
import type { AuditTrail } from './commands/audit.ts';
import type { MissingReply, PeriodCloseReply, Reply, ReportReply, StatusComparison, StatusReply } from './replies.ts';
import type { PeriodSummary, Reminder } from './cycle.ts';
import type { PersonNotice } from './cycle-notices.ts';
import { renderComment } from './commands/commento.ts';

export const BAND_EMOJI: Record<Band | 'none', string> = { green: '🟢', yellow: '🟡', red: '🔴', none: '⚪' };

/** "🟢 94% raggiunto", or "⚪ non rilevato" for an item with no score. */
export function gradeText(grade: Grade): string {
  if (grade.percent === null || grade.band === null) return `${BAND_EMOJI.none} non rilevato`;
  return `${BAND_EMOJI[grade.band]} ${grade.percent}% ${BAND_LABELS[grade.band]}`;
}

export function unitSuffix(indicator: Pick<Indicator, 'unit' | 'direction'>): string {
  if (indicator.direction === 'boolean') return '';
  if (!indicator.unit) return '';
  return indicator.unit === '%' ? '%' : ` ${indicator.unit}`;
}

/** A reported value as people read it: 23,5 %, sì / no for done / not done. */
export function valueText(indicator: Pick<Indicator, 'unit' | 'direction'>, value: number | null): string {
  if (value === null) return 'non rilevato';
  if (indicator.direction === 'boolean') return value >= 1 ? 'sì' : 'no';
  return `${formatValue(value)}${unitSuffix(indicator)}`;
}

export function targetText(indicator: Indicator): string {
  if (indicator.direction === 'boolean') return 'sì';
  const comparator = indicator.direction === 'higher' ? '≥' : '≤';
  return `${comparator} ${formatValue(indicator.target)}${unitSuffix(indicator)}`;
}

/** A plain-text table with one header row. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return formatTextTable([header], rows);
}

/** "del terzo trimestre 2012", "dell'anno 2012", from a period's code. */
export function ofPeriod(period: string): string {
  return articledPeriod('di', readPeriod(period));
}

/** For a value of an earlier period than the one that stands: which one counts for the year, and its grade. */
export function standingText(reply: ReportReply): string {
  const verb = reply.stored ? 'è registrato' : 'sarà registrato';
  const standing = reply.grade.period === null ? '' : `; per l'anno vale quello ${ofPeriod(reply.grade.period)}`;
  return `Il valore ${ofPeriod(reply.period)} ${verb}${standing}: ${gradeText(reply.grade)}.`;
}

function renderReport(reply: ReportReply): string {
  const { indicator } = reply;
  const lines: string[] = [];
  if (reply.duplicate) lines.push('Questa richiesta era già stata registrata: nulla di nuovo è stato salvato.');
  const verb = reply.stored ? 'Registrato' : 'Anteprima (non ancora registrato)';
  lines.push(`${verb}: indicatore ${indicator.id} «${indicator.name}» = ${valueText(indicator, reply.value)} per il periodo ${reply.period} (${reply.plan.ente} ${reply.plan.year}).`);
  if (reply.override) lines.push(`Valore fuori termine (periodo chiuso), accettato da ${reply.override.by} con motivo: «${reply.override.reason}».`);
  if (reply.reasonIgnored) lines.push('Il periodo è aperto: il motivo non serve e non è stato registrato.');
  if (reply.superseded) lines.push(`Sostituisce il valore ${valueText(indicator, reply.superseded.value)} registrato da ${reply.superseded.reportedBy} il ${formatDateTime(reply.superseded.reportedAt)} (resta nello storico).`);
  if (!reply.standsForYear) lines.push(standingText(reply));
  lines.push(`Grado dell'indicatore: ${gradeText(reply.grade)} (target ${targetText(indicator)}).`);
  lines.push(`Obiettivo ${reply.objective.id} «${reply.objective.title}»: ${gradeText(reply.objective)}. Ente: ${gradeText(reply.overall)}.`);
  return lines.join('\n');
}

function indicatorRows(indicators: readonly IndicatorStatus[], definitions: readonly Indicator[]): string[][] {
  return indicators.map((i) => {
    const definition = definitions.find((d) => d.id === i.id);
    return [String(i.id), i.name, definition ? targetText(definition) : '', definition ? valueText(definition, i.value) : String(i.value ?? ''), i.period ?? '—', gradeText(i)];
  });
}

export function formatDateTime(date: Date): string {
  return new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date);
}

/** "15/11/2012 alle 10:15" (Europe/Rome), for when a link or a session ends. */
export function formatDateAtTime(date: Date): string {
  return formatDateTime(date).replace(', ', ' alle ');
}

export function historyTable(indicator: Pick<Indicator, 'unit' | 'direction'>, history: readonly Rilevazione[]): string {
  if (history.length === 0) return 'Nessuna rilevazione.';
  return textTable(['periodo', 'valore', 'chi', 'quando', 'canale', 'nota', ''],
    history.map((r) => [r.period, valueText(indicator, r.value), r.reportedBy, formatDateTime(r.reportedAt), r.channel, r.note ?? '', [r.superseded ? '(sostituito)' : '', lateValueText(r)].filter(Boolean).join(' ')]));
}

/** "(fuori termine: <motivo>, accettato da <controllo>)" for a late value, "" otherwise. */
export function lateValueText(r: Pick<Rilevazione, 'overrideReason' | 'overrideBy'>): string {
  return r.overrideReason === null ? '' : `(fuori termine: «${r.overrideReason}», accettato da ${r.overrideBy ?? '?'})`;
}

/** A grade in a comparison column: the percent with its band, or "—" where the objective is absent. */
function comparedGrade(grade: Grade | null): string {
  if (grade === null) return '—';
  return gradeText(grade);
}

/** The ente's objectives beside the same objectives (by id) in the compared year. */
export function comparisonText(current: number, comparison: StatusComparison): string {
  const years = [String(current), String(comparison.year)];
  const rows = (list: StatusComparison['strategic']) => list.map((o) => [o.id, o.title, comparedGrade(o.current), comparedGrade(o.other)]);
  return [
    `Confronto con il ${comparison.year}: ente ${comparedGrade(comparison.overall.current)} (${current}) · ${comparedGrade(comparison.overall.other)} (${comparison.year})`,
    '',
    textTable(['id', 'obiettivo strategico', ...years], rows(comparison.strategic)),
    '',
    textTable(['id', 'obiettivo operativo', ...years], rows(comparison.operational)),
  ].join('\n');
}

function renderPeriodClose(reply: PeriodCloseReply): string {
  const { lock } = reply;
  const who = `da ${lock.closedBy} il ${formatDateTime(lock.closedAt)} (${lock.channel})`;
  if (!reply.created) {
    const by = lock.period === reply.period ? '' : ` con l'anno ${lock.period}`;
    return `Il periodo ${reply.period} (${reply.plan.ente}) era già chiuso${by} ${who}: nulla è cambiato.`;
  }
  const lines = [lock.period === String(reply.plan.year)
    ? `Anno ${reply.plan.year} chiuso (${reply.plan.ente}) ${who}: chiusi i periodi ${reply.closes.join(', ')}. I dati della Relazione ${reply.plan.year} restano quelli registrati fino a ora, più i valori fuori termine accettati con motivo.`
    : `Periodo ${reply.period} chiuso (${reply.plan.ente}) ${who}.`];
  if (reply.endsAt) lines.push(`Attenzione: il periodo termina il ${formatDate(new Date(reply.endsAt.getTime() - 1))}; è stato chiuso in anticipo.`);
  lines.push('Da ora un valore per questo periodo lo registra solo il controllo di gestione, con motivo="...".');
  return lines.join('\n');
}

function renderStatus(reply: StatusReply): string {
  const title = `${reply.plan.enteName} — Piano della Performance ${reply.plan.year}`;
  switch (reply.scope) {
    case 'ente': {
      const { report } = reply;
      const s = report.summary;
      const share = (p: number | null) => (p === null ? '—' : `${p}%`);
      return [
        title,
        `Performance complessiva dell'ente: ${gradeText(report.overall)}${report.overall.score === null ? '' : ` (${formatNumber(report.overall.score, 2)})`}`,
        '',
        textTable(['obiettivi strategici', 'n.', '%'], [
          [`${BAND_EMOJI.green} raggiunti (90–100%)`, String(s.green.count), share(s.green.percent)],
          [`${BAND_EMOJI.yellow} parzialmente raggiunti (80–89%)`, String(s.yellow.count), share(s.yellow.percent)],
          [`${BAND_EMOJI.red} non raggiunti (0–79%)`, String(s.red.count), share(s.red.percent)],
          ['totale valutati', String(s.total), ''],
          ...(s.unscored.count > 0 ? [[`${BAND_EMOJI.none} non rilevati`, String(s.unscored.count), '']] : []),
        ]),
        '',
        textTable(['id', 'obiettivo strategico', 'grado'], report.strategic.map((o) => [o.id, o.title, gradeText(o)])),
        '',
        `Indicatori rilevati: ${report.indicators.filter((i) => i.value !== null).length} di ${report.indicators.length}.`,
        ...(reply.compare ? ['', comparisonText(reply.plan.year, reply.compare)] : []),
      ].join('\n');
    }
    case 'me':
      return [
        `${title} — indicatori di ${reply.person}`,
        reply.indicators.length === 0 ? 'Nessun indicatore a tuo carico.' : textTable(['id', 'indicatore', 'target', 'valore', 'periodo', 'grado'], indicatorRows(reply.indicators, reply.definitions)),
        ...(reply.objectives.length > 0 ? ['', textTable(['id', 'obiettivo', 'grado'], reply.objectives.map((o) => [o.id, o.title, gradeText(o)]))] : []),
      ].join('\n');
    case 'objective':
      return [
        `${title}`,
        `Obiettivo ${reply.objective.id} «${reply.objective.title}»: ${gradeText(reply.objective)}`,
        ...(reply.operational.length > 0 ? ['', textTable(['id', 'obiettivo operativo', 'grado'], reply.operational.map((o) => [o.id, o.title, gradeText(o)]))] : []),
        ...(reply.indicators.length > 0 ? ['', textTable(['id', 'indicatore', 'target', 'valore', 'periodo', 'grado'], indicatorRows(reply.indicators, reply.definitions))] : []),
      ].join('\n');
    case 'indicator':
      return [
        `${title}`,
        `Indicatore ${reply.indicator.id} «${reply.indicator.name}» (obiettivo ${reply.definition.objective}, responsabile ${reply.definition.owner})`,
        `Target ${targetText(reply.definition)} · valore ${valueText(reply.definition, reply.indicator.value)}${reply.indicator.period ? ` (${reply.indicator.period})` : ''} · ${gradeText(reply.indicator)}`,
        '',
        historyTable(reply.definition, reply.history),
      ].join('\n');
  }
}

const MISSING_SCOPE = { person: 'i tuoi indicatori', area: 'la tua Area', ente: "l'ente" } as const;

function renderMissing(reply: MissingReply): string {
  const head = `Indicatori senza valore per il ${reply.periodName} (${reply.period}) — ${MISSING_SCOPE[reply.scope]}, ${reply.plan.ente} ${reply.plan.year}`;
  if (reply.total === 0) return `${head}: nessuno, tutti rilevati. 🟢`;
  const lines = reply.people.map((p) => `${p.name} (${p.person}), ${p.indicators.length === 1 ? '1 indicatore' : `${p.indicators.length} indicatori`}:\n${p.indicators.map((i) => `  • ${i.id} — ${i.name}`).join('\n')}`);
  return [`${head}: ${reply.total === 1 ? '1 indicatore' : `${reply.total} indicatori`}.`, ...lines].join('\n');
}

/** The Italian text of any reply: the CLI prints it, the terminal chat and Discord fall back to it. */
export function renderText(reply: Reply): string {
  switch (reply.kind) {
    case 'report': return renderReport(reply);
    case 'status': return renderStatus(reply);
    case 'help':
      return ['Comandi di perf:', ...reply.commands.map((c) => `• ${c.usage}\n    ${c.description}\n    es.: ${c.examples.join('  ·  ')}`)].join('\n');
    case 'relazione':
      return `${reply.sintesi === true ? 'La Relazione in sintesi' : 'Relazione sulla Performance'} ${reply.plan.year} di ${reply.plan.enteName}: ${plural(reply.pages, 'pagina', 'pagine')} (${reply.filename}), ${reply.adopted === undefined
        ? 'BOZZA: non ancora adottata dalla Giunta.'
        : `versione adottata con delibera ${reply.adopted.delibera}${reply.adopted.sha256 === undefined ? '' : ` (SHA-256 ${reply.adopted.sha256})`}.`}`;
    case 'comment': return renderComment(reply);
    case 'relazione-adopted':
      return `Relazione sulla Performance ${reply.plan.year} di ${reply.plan.enteName} adottata con delibera ${reply.delibera}, registrata il ${formatDateAtTime(reply.adoptedAt)} da ${reply.adoptedBy}: ${reply.pages} pagine, congelate.\nSHA-256 del PDF adottato: ${reply.sha256}`;
    case 'relazione-validated':
      return `Relazione sulla Performance ${reply.plan.year} di ${reply.plan.enteName} (delibera ${reply.delibera}) validata dall’OIV con ${reply.documento}, registrata il ${formatDateAtTime(reply.validatedAt)} da ${reply.validatedBy}.`;
    case 'period-close': return renderPeriodClose(reply);
    case 'history':
      return `Indicatore ${reply.id}${reply.indicator ? ` «${reply.indicator.name}»` : ' (non più nel Piano)'} — ${reply.plan.ente} ${reply.plan.year}\n${historyTable(reply.indicator ?? { direction: 'higher' }, reply.rilevazioni)}`;
    case 'period-list': return `Periodi chiusi — ${reply.plan.enteName} (${reply.plan.ente})\n${periodLocksTable(reply.locks)}`;
    case 'audit': return renderAuditText(reply.trail);
    case 'export': return `Stato ${reply.exported.plan.ente} ${reply.exported.plan.year} esportato: ${reply.exported.sheets.map((s) => `${s.name} (${s.rows.length} righe)`).join(', ')}.`;
    case 'rollover': return reply.prepared.yaml;
    case 'import': return reply.lines.join('\n');
    case 'finance': return formatFinanceText(reply.reports);
    case 'gender': return formatGenderText(reply.report);
    case 'missing': return renderMissing(reply);
    case 'dashboard':
      return `Il tuo link personale al cruscotto di ${reply.plan.enteName}:\n${reply.url}\nVale 15 minuti (scade il ${formatDateAtTime(reply.expiresAt)}) e una sola volta: non inoltrarlo. Dopo l’accesso la sessione dura 8 ore.`;
  }
}

/** The Italian text of a period's summary, for channels that take plain text or markdown. */
export function renderSummaryText(summary: PeriodSummary): string {
  const { status } = summary;
  const s = status.summary;
  const lines = [
    `Riepilogo del ${summary.periodName} — ${summary.enteName}`,
    `Performance complessiva: ${gradeText(status.overall)}${summary.previousOverall?.percent != null ? ` (periodo precedente: ${summary.previousOverall.percent}%)` : ''}`,
    `Obiettivi strategici: ${BAND_EMOJI.green} ${s.green.count} · ${BAND_EMOJI.yellow} ${s.yellow.count} · ${BAND_EMOJI.red} ${s.red.count}${s.unscored.count > 0 ? ` · ${BAND_EMOJI.none} ${s.unscored.count} non rilevati` : ''}`,
  ];
  if (summary.changes.length > 0) {
    lines.push('Cambiamenti rispetto al periodo precedente:', ...summary.changes.map((c) => `• ${c.id} ${c.title}: ${gradeText(c.from)} → ${gradeText(c.to)}`));
  } else {
    lines.push('Nessun obiettivo ha cambiato fascia rispetto al periodo precedente.');
  }
  lines.push(summary.missing.length === 0
    ? 'Tutti gli indicatori sono stati rilevati nel periodo.'
    : `Indicatori senza valore nel periodo (${summary.missing.length}): ${summary.missing.map((m) => `${m.id} (${m.owner})`).join(', ')}`);
  return lines.join('\n');
}

/** The text of a cycle notice: what the person is asked to do, ending with the command that does it. */
export function renderNoticeText(notice: PersonNotice): string {
  const { subject, year } = notice;
  switch (subject.kind) {
    case 'gaps': {
      const count = subject.objectives.length;
      return [
        `Buongiorno ${notice.person.name}, il ${subject.periodName} (${subject.period}) è chiuso: ${count === 1 ? "un obiettivo dell'Area" : `${count} obiettivi dell'Area`} ${subject.area} ${count === 1 ? 'è' : 'sono'} sotto il 90%.`,
        ...subject.objectives.map((o) => `• ${o.id} «${o.title}»: ${gradeText(o)}`),
        'Indica la causa dello scostamento e l’azione correttiva, che la Relazione riporta:',
        `commento ${subject.objectives[0]?.id ?? ''} causa="…" azione="…"`,
      ].join('\n');
    }
    case 'adoption':
      return `${subject.late ? 'È scaduto' : 'Scade'} il ${formatDate(subject.deadline)} il termine per l’adozione della Relazione sulla Performance ${year} da parte della Giunta (art. 10 d.lgs. 150/2009)${subject.late ? ' e la Relazione non risulta adottata' : ''}.\n`
        + `La bozza: relazione ${year} · l’adozione, con la delibera: adotta ${year} delibera="n. … del …"`;
    case 'publication':
      return `La Relazione sulla Performance ${year} è adottata (delibera ${subject.delibera}): pubblicala in «Amministrazione trasparente» (Performance → Relazione sulla Performance) con «La Relazione in sintesi».\n`
        + `I PDF adottati: relazione ${year} · relazione ${year} sintesi`;
    case 'validation':
      return `La Relazione sulla Performance ${year} è adottata (delibera ${subject.delibera}) e attende la validazione dell’OIV (art. 14, c. 4, lett. c, d.lgs. 150/2009).\n`
        + `Per registrarla: valida ${year} documento="…"`;
  }
}

/** The Italian text of a reminder (sollecito) to one owner. */
export function renderReminderText(reminder: Reminder): string {
  return [
    `Buongiorno ${reminder.person.name}, il ${reminder.periodName} si chiude il ${formatDate(new Date(reminder.closesAt.getTime() - 1))}.`,
    `Mancano ancora i valori di ${reminder.indicators.length === 1 ? 'questo indicatore' : 'questi indicatori'}:`,
    ...reminder.indicators.map((i) => `• ${i.id} — ${i.name} (target ${targetText(i)})`),
    'Rispondi qui con «<indicatore>: <valore>», ad esempio «' + `${reminder.indicators[0]?.id ?? 12}: 23,5` + '», oppure usa /perf report.',
  ].join('\n');
}

export function formatDate(date: Date): string {
  return new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

/** The closed periods: which, who closed them, when, through which channel. */
export function periodLocksTable(locks: readonly PeriodLock[]): string {
  if (locks.length === 0) return 'Nessun periodo chiuso.';
  return textTable(['ente', 'periodo', 'chiuso da', 'quando', 'canale'],
    locks.map((l) => [l.ente, l.period === String(l.year) ? `${l.period} (anno intero)` : l.period, l.closedBy, formatDateTime(l.closedAt), l.channel]));
}

const AUDIT_ACTIONS: Record<string, string> = {
  'plan.import': 'Piano importato',
  'plan.reimport': 'Piano aggiornato',
  'period.close': 'periodo chiuso',
  'bilancio.import': 'bilancio importato',
  'genere.import': 'dati di genere importati',
  'values.import': 'valori importati',
};

function auditEventText(entry: AuditEntry): string {
  const label = AUDIT_ACTIONS[entry.action] ?? entry.action;
  const d = entry.details;
  const detail = entry.action === 'period.close' ? String(d.period ?? '')
    : entry.action === 'values.import' ? `${String(d.source ?? '')}, ${formatNumber(Number(d.count ?? 0), 0)} rilevazioni${Number(d.late ?? 0) > 0 ? `, di cui ${formatNumber(Number(d.late), 0)} fuori termine` : ''}`
    : typeof d.source === 'string' ? d.source : '';
  return detail === '' ? label : `${label}: ${detail}`;
}

/** The OIV's view: every rilevazione with who, when, channel, what it replaced and late values' reasons; then the events. */
export function renderAuditText(trail: AuditTrail): string {
  const value = (indicator: number, v: number) => valueText(trail.definitions.find((d) => d.id === indicator) ?? { direction: 'higher' }, v);
  const title = `Registro ${trail.plan.enteName} (${trail.plan.ente}) — ${trail.plan.year}${trail.indicator === undefined ? '' : `, indicatore ${trail.indicator}`}`;
  const rilevazioni = trail.rilevazioni.length === 0 ? 'Nessuna rilevazione.' : textTable(
    ['ind.', 'periodo', 'valore', 'sostituisce', 'chi', 'quando', 'canale', 'nota', ''],
    trail.rilevazioni.map((r) => [
      String(r.indicator), r.period, value(r.indicator, r.value),
      r.replaces ? `${value(r.indicator, r.replaces.value)} (${r.replaces.reportedBy}, ${formatDateTime(r.replaces.reportedAt)})` : '',
      r.reportedBy, formatDateTime(r.reportedAt), r.channel, r.note ?? '', [r.superseded ? '(sostituito)' : '', lateValueText(r)].filter(Boolean).join(' '),
    ]));
  const events = trail.events.length === 0 ? 'Nessun evento.' : textTable(['quando', 'chi', 'canale', 'evento'],
    trail.events.map((e) => [formatDateTime(e.at), e.actor, e.channel, auditEventText(e)]));
  const late = trail.rilevazioni.filter((r) => r.overrideReason !== null).length;
  return [
    title, '',
    `Rilevazioni (${trail.rilevazioni.length}, di cui ${trail.rilevazioni.filter((r) => r.superseded).length} sostituite e ${late} fuori termine):`, rilevazioni, '',
    'Periodi chiusi:', periodLocksTable(trail.locks), '',
    'Eventi (Piano, chiusure, importazioni, documenti):', events,
  ].join('\n');
}

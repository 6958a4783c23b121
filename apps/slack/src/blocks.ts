import type { types } from '@slack/bolt';
import {
  BAND_EMOJI, encodeConfirmation, gradeText, historyTable, renderReminderText, renderSummaryText, renderText, targetText, valueText,
  type ConversationChoice, type HelpReply, type PeriodSummary, type Reminder, type Reply, type ReportInput, type ReportReply, type StatusComparison, type StatusReply,
} from '@perf/core';
import { formatNumber, type Indicator } from '@perf/model';
import { ACTION } from './actions.ts';

export type Block = types.KnownBlock;

/** A message as the app sends it: Block Kit for Slack, `text` for notifications and fallbacks. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: Block[];
}

type StatusReport = PeriodSummary['status'];
type Grade = ReportReply['overall'];
type IndicatorStatus = StatusReport['indicators'][number];

const SECTION_LIMIT = 2900;
const HEADER_LIMIT = 150;

/** Slack's mrkdwn treats &, < and > as markup: user-visible data must escape them. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

export function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_LIMIT) } };
}

export function header(text: string): types.HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, HEADER_LIMIT), emoji: true } };
}

export function contextBlock(text: string): types.ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, SECTION_LIMIT) }] };
}

const DIVIDER: types.DividerBlock = { type: 'divider' };

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): types.Button {
  return { type: 'button', text: { type: 'plain_text', text, emoji: true }, action_id: actionId, value, ...(style ? { style } : {}) };
}

/** Lines packed into as few sections as Slack's text limit allows. */
export function sections(lines: readonly string[]): types.SectionBlock[] {
  const blocks: types.SectionBlock[] = [];
  let current = '';
  for (const line of lines) {
    if (current !== '' && current.length + line.length + 1 > SECTION_LIMIT) {
      blocks.push(section(current));
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') blocks.push(section(current));
  return blocks;
}

/** "🟢 98% raggiunto — *01* Tutela del mercato": the band emoji leads every line. */
function gradeLine(grade: Grade, id: string | number, title: string): string {
  return `${gradeText(grade)} — *${id}* ${escapeText(title)}`;
}

function indicatorLine(indicator: IndicatorStatus, definition: Indicator | undefined): string {
  const value = definition ? valueText(definition, indicator.value) : String(indicator.value ?? 'non rilevato');
  const target = definition ? ` · target ${escapeText(targetText(definition))}` : '';
  return `${gradeLine(indicator, indicator.id, indicator.name)}\n      valore ${escapeText(value)}${indicator.period ? ` (${indicator.period})` : ''}${target}`;
}

function indicatorLines(indicators: readonly IndicatorStatus[], definitions: readonly Indicator[]): string[] {
  return indicators.map((i) => indicatorLine(i, definitions.find((d) => d.id === i.id)));
}

function bandFields(summary: StatusReport['summary']): types.SectionBlock {
  const share = (percent: number | null) => (percent === null ? '' : ` (${percent}%)`);
  const fields = [
    `${BAND_EMOJI.green} *Raggiunti* (90–100%)\n${summary.green.count}${share(summary.green.percent)}`,
    `${BAND_EMOJI.yellow} *Parzialmente raggiunti* (80–89%)\n${summary.yellow.count}${share(summary.yellow.percent)}`,
    `${BAND_EMOJI.red} *Non raggiunti* (0–79%)\n${summary.red.count}${share(summary.red.percent)}`,
    `*Obiettivi valutati*\n${summary.total}${summary.unscored.count > 0 ? ` (${BAND_EMOJI.none} ${summary.unscored.count} non rilevati)` : ''}`,
  ];
  return { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) };
}

function overallLine(overall: Grade): string {
  return `*Performance complessiva dell'ente:* ${gradeText(overall)}${overall.score === null ? '' : ` (${formatNumber(overall.score, 2)})`}`;
}

/** `status confronta=<anno>`: each strategic objective's grade beside the same objective in the other year. */
function comparisonBlocks(year: number, comparison: StatusComparison): Block[] {
  const grade = (g: Grade | null) => (g === null ? '—' : gradeText(g));
  return [
    DIVIDER,
    section(`*Confronto con il ${comparison.year}:* ente ${grade(comparison.overall.current)} (${year}) · ${grade(comparison.overall.other)} (${comparison.year})`),
    ...sections(comparison.strategic.map((o) => `*${o.id}* ${escapeText(o.title)}: ${grade(o.current)} (${year}) · ${grade(o.other)} (${comparison.year})`)),
  ];
}

function reportMessage(reply: ReportReply): SlackMessage {
  const text = renderText(reply);
  const icon = reply.duplicate ? 'ℹ️' : reply.stored ? '✅' : '👀';
  const [first = '', ...rest] = text.split('\n');
  return { text, blocks: [section([`${icon} *${escapeText(first)}*`, ...rest.map(escapeText)].join('\n'))] };
}

function statusMessage(reply: StatusReply): SlackMessage {
  const text = renderText(reply);
  const title = `${reply.plan.enteName} — Piano della Performance ${reply.plan.year}`;
  switch (reply.scope) {
    case 'ente': {
      const { report } = reply;
      const scored = report.indicators.filter((i) => i.value !== null).length;
      return {
        text,
        blocks: [
          header(title),
          section(overallLine(report.overall)),
          bandFields(report.summary),
          DIVIDER,
          section('*Obiettivi strategici*'),
          ...sections(report.strategic.map((o) => gradeLine(o, o.id, o.title))),
          contextBlock(escapeText(`Indicatori rilevati: ${scored} di ${report.indicators.length} · dettaglio: \`/perf status <obiettivo>\` oppure \`/perf status #<indicatore>\``)),
          ...(reply.compare ? comparisonBlocks(reply.plan.year, reply.compare) : []),
        ],
      };
    }
    case 'me': {
      const missing = reply.indicators.filter((i) => i.value === null).length;
      return {
        text,
        blocks: [
          header(`Indicatori di ${reply.person} — Piano ${reply.plan.year}`),
          ...(reply.indicators.length === 0
            ? [section('Nessun indicatore a tuo carico.')]
            : [
              contextBlock(missing === 0 ? "Tutti i tuoi indicatori hanno almeno un valore nell'anno." : `${BAND_EMOJI.none} ${missing === 1 ? '1 indicatore ancora senza valore' : `${missing} indicatori ancora senza valore`} nell'anno: sono in cima all'elenco.`),
              ...sections(indicatorLines(reply.indicators, reply.definitions)),
            ]),
          ...(reply.objectives.length > 0 ? [DIVIDER, section('*Obiettivi a cui contribuisci*'), ...sections(reply.objectives.map((o) => gradeLine(o, o.id, o.title)))] : []),
        ],
      };
    }
    case 'objective':
      return {
        text,
        blocks: [
          header(`Obiettivo ${reply.objective.id} — ${reply.objective.title}`),
          section(`*Grado di raggiungimento:* ${gradeText(reply.objective)}\n${escapeText(title)}`),
          ...(reply.operational.length > 0 ? [section('*Obiettivi operativi*'), ...sections(reply.operational.map((o) => gradeLine(o, o.id, o.title)))] : []),
          ...(reply.indicators.length > 0 ? [section('*Indicatori*'), ...sections(indicatorLines(reply.indicators, reply.definitions))] : []),
        ],
      };
    case 'indicator': {
      const { indicator, definition } = reply;
      return {
        text,
        blocks: [
          header(`Indicatore ${indicator.id} — ${indicator.name}`),
          section([
            `*Grado di raggiungimento:* ${gradeText(indicator)}`,
            `Valore ${escapeText(valueText(definition, indicator.value))}${indicator.period ? ` (${indicator.period})` : ''} · target ${escapeText(targetText(definition))}`,
            `Obiettivo ${definition.objective} · responsabile ${definition.owner}`,
          ].join('\n')),
          section('*Rilevazioni*'),
          section(`\`\`\`${escapeText(historyTable(definition, reply.history.slice(-20)))}\`\`\``),
        ],
      };
    }
  }
}

function helpMessage(reply: HelpReply): SlackMessage {
  const slash = (line: string) => `\`/perf ${escapeText(line)}\``;
  return {
    text: renderText(reply),
    blocks: [
      header('Comandi di perf'),
      ...reply.commands.map((c) => section(`*/perf ${escapeText(c.usage)}*\n${escapeText(c.description)}\nEsempi: ${c.examples.map(slash).join(' · ')}`)),
      contextBlock([
        '`/perf report` senza parametri apre il modulo di rilevazione.',
        'In un messaggio diretto all\'app (o menzionandola in un canale) scrivi gli stessi comandi senza /perf, ad esempio «status me».',
        'Per rispondere a un sollecito scrivi «&lt;indicatore&gt;: &lt;valore&gt;», ad esempio «12: 23,5», e premi *Conferma*.',
      ].join('\n')),
    ],
  };
}

/** Any reply of the command core, as Slack shows it. */
export function replyMessage(reply: Reply): SlackMessage {
  switch (reply.kind) {
    case 'report': return reportMessage(reply);
    case 'status': return statusMessage(reply);
    case 'help': return helpMessage(reply);
    case 'relazione': {
      const text = renderText(reply);
      return { text, blocks: [section(`📄 ${escapeText(text)}`)] };
    }
    default: {
      // Replies with no Block Kit form of their own (e.g. closing a period) read as the core's text.
      const text = renderText(reply);
      return { text, blocks: sections(escapeText(text).split('\n')) };
    }
  }
}

/** The echo of an answer, with the grade it would give, waiting for Conferma or Annulla. */
/** The preview of a value to confirm: the core's Italian summary (what it replaces, the grade) when there is one. */
export function confirmMessage(input: ReportInput, preview: ReportReply, summary?: string): SlackMessage {
  const fixed = { ...input, period: input.period ?? preview.period };
  const { blocks: [echo] } = reportMessage(preview);
  const shown = summary === undefined ? echo : section(escapeText(summary));
  return {
    text: renderText(preview),
    blocks: [
      ...(shown ? [shown] : []),
      contextBlock('Premi *Conferma* (o rispondi «sì») per registrare il valore, *Annulla* (o «no») per scartarlo.'),
      { type: 'actions', elements: [button('Conferma', ACTION.confirm, encodeConfirmation(fixed), 'primary'), button('Annulla', ACTION.cancel, 'annulla')] },
    ],
  };
}

/** A plain Italian notice. */
export function notice(text: string): SlackMessage {
  return { text, blocks: [section(escapeText(text))] };
}

/** A message of the conversation: its text, and a button for each option of a numbered choice. */
export function conversationMessage(text: string, choices: readonly ConversationChoice[] = []): SlackMessage {
  if (choices.length === 0) return notice(text);
  // Slack shows at most 25 elements in one actions block.
  const buttons = choices.slice(0, 25).map((choice, i) => button(choice.label, `${ACTION.choose}_${i}`, choice.answer));
  return { text, blocks: [section(escapeText(text)), { type: 'actions', elements: buttons }] };
}

export function cancelledMessage(): SlackMessage {
  return notice('✖️ Annullato: nulla è stato registrato.');
}

export function checkInButtonMessage(text: string, indicator?: number): SlackMessage {
  return {
    text,
    blocks: [section(escapeText(text)), { type: 'actions', elements: [button('Apri il modulo di rilevazione', ACTION.openCheckIn, indicator === undefined ? '' : String(indicator), 'primary')] }],
  };
}

/** The channel's summary after a period closes (§8). */
export function summaryMessage(summary: PeriodSummary): SlackMessage {
  const overall = summary.status.overall;
  const previous = summary.previousOverall?.percent;
  const byOwner = new Map<string, number[]>();
  for (const m of summary.missing) byOwner.set(m.owner, [...(byOwner.get(m.owner) ?? []), m.id]);
  return {
    text: renderSummaryText(summary),
    blocks: [
      header(`Riepilogo del ${summary.periodName}`),
      section(`*${escapeText(summary.enteName)}*\n*Performance complessiva:* ${gradeText(overall)}${previous === null || previous === undefined ? '' : ` (periodo precedente: ${previous}%)`}`),
      bandFields(summary.status.summary),
      DIVIDER,
      ...(summary.changes.length > 0
        ? [section('*Cambiamenti rispetto al periodo precedente*'), ...sections(summary.changes.map((c) => `• *${c.id}* ${escapeText(c.title)}: ${gradeText(c.from)} → ${gradeText(c.to)}`))]
        : [section('Nessun obiettivo strategico ha cambiato fascia rispetto al periodo precedente.')]),
      ...(summary.missing.length === 0
        ? [section(`Tutti gli indicatori sono stati rilevati nel ${summary.periodName}.`)]
        : [section(`*Indicatori senza valore nel periodo (${summary.missing.length})*`), ...sections([...byOwner].map(([owner, ids]) => `• ${escapeText(owner)}: ${ids.join(', ')}`))]),
    ],
  };
}

/** A sollecito to one owner: the missing indicators, the check-in button, the invitation to answer here. */
export function reminderMessage(reminder: Reminder): SlackMessage {
  const text = renderReminderText(reminder);
  return checkInButtonMessage(text, reminder.indicators[0]?.id);
}

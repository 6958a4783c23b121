import {
  formatDateTime, gradeText, standingText, renderSummaryText, renderText, targetText, valueText,
  type HelpReply, type PeriodSummary, type RelazioneReply, type Reply, type ReportReply, type StatusComparison, type StatusReply,
} from '@perf/core';
import { formatNumber, PerfError } from '@perf/model';
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { SLASH_USAGE } from './command-definition.ts';

type Grade = ReportReply['overall'];
type Band = NonNullable<Grade['band']>;

/** Embed colours by band; grey for what has no score. */
export const BAND_COLOUR: Readonly<Record<Band | 'none', number>> = { green: 0x2ecc71, yellow: 0xf1c40f, red: 0xe74c3c, none: 0x95a5a6 };
export const ERROR_COLOUR = 0xe67e22;

const LIMIT = { title: 256, description: 4096, fieldValue: 1024, footer: 2048 } as const;

export function colourOf(grade: Pick<Grade, 'band'> | undefined): number {
  return BAND_COLOUR[grade?.band ?? 'none'];
}

/** Shortens text to Discord's limits, saying so when something was left out. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = '\n…';
  const cut = text.slice(0, max - marker.length);
  const lastBreak = cut.lastIndexOf('\n');
  return (lastBreak > max / 2 ? cut.slice(0, lastBreak) : cut) + marker;
}

function field(name: string, value: string, inline = false): APIEmbedField {
  return { name: clip(name, LIMIT.title), value: clip(value === '' ? '—' : value, LIMIT.fieldValue), inline };
}

function embed(title: string, colour: number, description: string, fields: APIEmbedField[] = [], footer?: string): APIEmbed {
  return {
    title: clip(title, LIMIT.title), color: colour, description: clip(description, LIMIT.description),
    ...(fields.length > 0 ? { fields: fields.slice(0, 25) } : {}),
    ...(footer === undefined ? {} : { footer: { text: clip(footer, LIMIT.footer) } }),
  };
}

/** The worst band among scored items (what needs attention first); grey when none is scored. */
function worstBand(grades: readonly Pick<Grade, 'band'>[]): Pick<Grade, 'band'> {
  for (const band of ['red', 'yellow', 'green'] as const) if (grades.some((g) => g.band === band)) return { band };
  return { band: null };
}

function planFooter(plan: { ente: string; enteName: string; year: number }): string {
  return `${plan.enteName} (${plan.ente}) — Piano della Performance ${plan.year}`;
}

function reportEmbed(reply: ReportReply): APIEmbed {
  const { indicator } = reply;
  const title = reply.duplicate
    ? `Già registrato: indicatore ${indicator.id}`
    : reply.stored ? `Registrato: indicatore ${indicator.id}` : `Anteprima: indicatore ${indicator.id}`;
  const lines = [`«${indicator.name}»`, `Valore **${valueText(indicator, reply.value)}** per il periodo **${reply.period}**.`];
  if (reply.duplicate) lines.push('Questa richiesta era già stata registrata: nulla di nuovo è stato salvato.');
  if (!reply.stored) lines.push('Non ancora registrato: premi «Conferma» per salvarlo.');
  if (reply.note) lines.push(`Nota: ${reply.note}`);
  if (reply.override) lines.push(`Valore fuori termine (periodo chiuso), accettato da ${reply.override.by} con motivo: «${reply.override.reason}».`);
  if (reply.reasonIgnored) lines.push('Il periodo è aperto: il motivo non serve e non è stato registrato.');
  if (reply.superseded) {
    lines.push(`Sostituisce il valore ${valueText(indicator, reply.superseded.value)} registrato da ${reply.superseded.reportedBy} il ${formatDateTime(reply.superseded.reportedAt)} (resta nello storico).`);
  }
  if (!reply.standsForYear) lines.push(standingText(reply));
  return embed(title, colourOf(reply.grade), lines.join('\n'), [
    field("Grado dell'indicatore", `${gradeText(reply.grade)}\ntarget ${targetText(indicator)}`, true),
    field(`Obiettivo ${reply.objective.id}`, `${reply.objective.title}\n${gradeText(reply.objective)}`, true),
    field('Ente', gradeText(reply.overall), true),
  ], planFooter(reply.plan));
}

function indicatorLine(item: { id: number; name: string; value: number | null; period: string | null } & Grade, definition: Parameters<typeof targetText>[0] | undefined): string {
  const value = definition ? valueText(definition, item.value) : String(item.value ?? 'non rilevato');
  const target = definition ? ` · target ${targetText(definition)}` : '';
  return `**${item.id}** ${item.name}\n  ${value}${item.period ? ` (${item.period})` : ''}${target} · ${gradeText(item)}`;
}

function objectiveLine(objective: { id: string; title: string } & Grade): string {
  return `**${objective.id}** ${objective.title} — ${gradeText(objective)}`;
}

function statusEmbed(reply: StatusReply): APIEmbed {
  const footer = planFooter(reply.plan);
  switch (reply.scope) {
    case 'ente': {
      const { report } = reply;
      const s = report.summary;
      const share = (p: number | null) => (p === null ? '' : ` (${p}%)`);
      const overall = `Performance complessiva dell'ente: **${gradeText(report.overall)}**${report.overall.score === null ? '' : ` (${formatNumber(report.overall.score, 2)})`}`;
      return embed(`Stato del Piano della Performance ${reply.plan.year}`, colourOf(report.overall),
        [overall, '', '**Obiettivi strategici**', ...report.strategic.map(objectiveLine)].join('\n'), [
          field('Raggiunti (90–100%)', `${s.green.count}${share(s.green.percent)}`, true),
          field('Parzialmente (80–89%)', `${s.yellow.count}${share(s.yellow.percent)}`, true),
          field('Non raggiunti (0–79%)', `${s.red.count}${share(s.red.percent)}`, true),
          ...(s.unscored.count > 0 ? [field('Non rilevati', String(s.unscored.count), true)] : []),
          field('Indicatori rilevati', `${report.indicators.filter((i) => i.value !== null).length} di ${report.indicators.length}`, true),
          ...(reply.compare === undefined ? [] : comparisonFields(reply.plan.year, reply.compare)),
        ], footer);
    }
    case 'me':
      return embed(`Indicatori di ${reply.person}`, colourOf(worstBand(reply.indicators)),
        reply.indicators.length === 0 ? 'Nessun indicatore a tuo carico.' : reply.indicators.map((i) => indicatorLine(i, reply.definitions.find((d) => d.id === i.id))).join('\n'),
        reply.objectives.length === 0 ? [] : [field('Obiettivi a cui contribuisci', reply.objectives.map(objectiveLine).join('\n'))], footer);
    case 'objective':
      return embed(`Obiettivo ${reply.objective.id} — ${reply.objective.title}`, colourOf(reply.objective),
        `Grado di raggiungimento: **${gradeText(reply.objective)}**`, [
          ...(reply.operational.length > 0 ? [field('Obiettivi operativi', reply.operational.map(objectiveLine).join('\n'))] : []),
          ...(reply.indicators.length > 0 ? [field('Indicatori', reply.indicators.map((i) => indicatorLine(i, reply.definitions.find((d) => d.id === i.id))).join('\n'))] : []),
        ], footer);
    case 'indicator': {
      const { indicator, definition } = reply;
      const history = reply.history.map((r) => `${r.superseded ? '~~' : ''}${r.period}: ${valueText(definition, r.value)} — ${r.reportedBy}, ${formatDateTime(r.reportedAt)}, ${r.channel}${r.superseded ? '~~ (sostituito)' : ''}${r.note ? `\n  _${r.note}_` : ''}`);
      return embed(`Indicatore ${indicator.id} — ${indicator.name}`, colourOf(indicator),
        [`Valore **${valueText(definition, indicator.value)}**${indicator.period ? ` (${indicator.period})` : ''} · target ${targetText(definition)}`, `Grado: **${gradeText(indicator)}**`].join('\n'), [
          field('Obiettivo', definition.objective, true),
          field('Responsabile', definition.owner, true),
          field('Storico delle rilevazioni', history.length === 0 ? 'Nessuna rilevazione.' : history.slice(-12).join('\n')),
        ], footer);
    }
  }
}

/** The ente's objectives beside the same objectives in the compared year. */
function comparisonFields(year: number, comparison: StatusComparison): APIEmbedField[] {
  const grade = (g: Grade | null) => (g === null ? '—' : gradeText(g));
  const line = (o: StatusComparison['strategic'][number]) => `**${o.id}** ${grade(o.current)} · ${grade(o.other)}`;
  return [
    field(`Confronto ${year} · ${comparison.year}`, `Ente: ${grade(comparison.overall.current)} · ${grade(comparison.overall.other)}`),
    field('Obiettivi strategici', comparison.strategic.map(line).join('\n')),
  ];
}

function helpEmbed(reply: HelpReply): APIEmbed {
  return embed('Comandi di perf', BAND_COLOUR.none,
    'Gli stessi comandi valgono dalla riga di comando e su Slack; qui si usano come comandi slash.',
    reply.commands.map((c) => {
      const name = c.usage.split(' ')[0] ?? c.usage;
      const slash = SLASH_USAGE[name];
      const where = slash === undefined ? ' (scrivilo in un messaggio diretto al bot)' : '';
      return field(slash ?? c.usage, `${c.description}\nGrammatica${where}: \`${c.usage}\` — es. ${c.examples.map((e) => `\`${e}\``).join(', ')}`);
    }));
}

function relazioneEmbed(reply: RelazioneReply): APIEmbed {
  return embed(`Relazione sulla Performance ${reply.plan.year}`, BAND_COLOUR.none, renderText(reply), [], planFooter(reply.plan));
}

/** The embed that answers a command. */
export function replyEmbed(reply: Reply): APIEmbed {
  switch (reply.kind) {
    case 'report': return reportEmbed(reply);
    case 'status': return statusEmbed(reply);
    case 'help': return helpEmbed(reply);
    case 'relazione': return relazioneEmbed(reply);
    case 'period-close':
      return embed(reply.created ? `Chiuso: ${reply.period}` : `Già chiuso: ${reply.period}`, BAND_COLOUR.none, renderText(reply), [], planFooter(reply.plan));
    // A reply kind added to the core later: its Italian text, until it gets a layout here.
    default: return embed('perf', BAND_COLOUR.none, renderText(reply));
  }
}

/** A period's summary for the summary channel, coloured by the ente's overall band. */
export function summaryEmbed(summary: PeriodSummary): APIEmbed {
  const [title = '', ...rest] = renderSummaryText(summary).split('\n');
  return embed(title, colourOf(summary.status.overall), rest.join('\n'), [], `${summary.enteName} (${summary.ente}) — ${summary.period}`);
}

/** What a person reads when a request is refused: the Italian message and the right form. */
export function errorEmbed(error: unknown): APIEmbed {
  if (error instanceof PerfError) return embed('Richiesta non eseguita', ERROR_COLOUR, error.toText());
  return embed('Errore interno', ERROR_COLOUR, "Si è verificato un errore imprevisto. Controlla con /perf status prima di riprovare; se si ripete, avvisa il controllo di gestione.");
}

/** Discord's upload limit for bots (10 MiB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** A whole answer: the embed, and the PDF attached when the reply is the Relazione. */
export function replyMessage(reply: Reply): { embeds: APIEmbed[]; files?: { attachment: Buffer; name: string }[] } {
  if (reply.kind !== 'relazione') return { embeds: [replyEmbed(reply)] };
  if (reply.pdf.byteLength > MAX_ATTACHMENT_BYTES) {
    throw new PerfError('ATTACHMENT_TOO_LARGE', `La Relazione (${formatNumber(reply.pdf.byteLength / 1024 / 1024, 1)} MB) supera il limite di Discord per gli allegati (10 MB).`, {
      hint: `Producila dalla riga di comando: pnpm perf relazione --year ${reply.plan.year} --out relazione.pdf`,
    });
  }
  return { embeds: [replyEmbed(reply)], files: [{ attachment: Buffer.from(reply.pdf), name: reply.filename }] };
}

import { encodeConfirmation, gradeText, renderText, type ReportInput, type ReportReply, type StatusReply } from '@perf/core';
import type { Band, Grade } from '@perf/scoring';

/** An Adaptive Card (schema 1.5, as Teams renders it). */
export type AdaptiveCard = Record<string, unknown> & { readonly type: 'AdaptiveCard' };

/** The verbs of the app's `Action.Execute` buttons. */
export const VERB = { confirm: 'perf.confirm', cancel: 'perf.cancel', status: 'perf.status' } as const;

/** Adaptive Card colours per band: green Good, yellow Warning, red Attention; no score Default. */
const BAND_COLOR: Record<Band, string> = { green: 'Good', yellow: 'Warning', red: 'Attention' };

function card(body: unknown[], actions: unknown[] = []): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, ...(actions.length > 0 ? { actions } : {}) };
}

const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: value, wrap: true, ...extra });

/** A grade as a coloured line: the colour and the word of its band (e.g. «🟢 94% raggiunto»). */
function gradeLine(label: string, grade: Grade): unknown {
  return text(`${label}: ${gradeText(grade)}`, grade.band ? { color: BAND_COLOR[grade.band] } : {});
}

/** The confirmation of a value understood from free text: stored only when the person presses Conferma. */
export function confirmCard(input: ReportInput, preview: ReportReply, summary?: string): AdaptiveCard {
  return card([
    text('Confermi questo valore?', { weight: 'Bolder', size: 'Medium' }),
    // The core's Italian summary of a value read from free text: what was understood, what it replaces, the grade.
    text(summary ?? renderText(preview).replace(/^.*?\n/, '')),
    gradeLine(`Indicatore ${preview.indicator.id}`, preview.grade),
  ], [
    { type: 'Action.Execute', title: 'Conferma', verb: VERB.confirm, style: 'positive', data: { answer: encodeConfirmation(input) } },
    { type: 'Action.Execute', title: 'Annulla', verb: VERB.cancel, data: {} },
  ]);
}

/** What the confirmation card becomes once the person has chosen. */
export function answeredCard(message: string): AdaptiveCard {
  return card([text(message)]);
}

/** `status` as a card: the overall grade and each objective in its band's colour, with a drill-down button each. */
export function statusCard(reply: StatusReply): AdaptiveCard {
  const title = `${reply.plan.enteName} — Piano ${reply.plan.year}`;
  if (reply.scope !== 'ente') return card([text(title, { weight: 'Bolder' }), text(renderText(reply), { fontType: 'Monospace' })]);
  const { report } = reply;
  return card([
    text(`Stato del Piano della Performance — ${title}`, { weight: 'Bolder', size: 'Medium' }),
    gradeLine('Ente', report.overall),
    text('Obiettivi strategici', { weight: 'Bolder', spacing: 'Medium' }),
    ...report.strategic.map((o) => gradeLine(`${o.id} ${o.title}`, o)),
  ], report.strategic.slice(0, 6).map((o) => ({ type: 'Action.Execute', title: `Dettaglio ${o.id}`, verb: VERB.status, data: { target: o.id } })));
}

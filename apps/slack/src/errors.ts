import type { Logger } from '@slack/bolt';
import { PerfError } from '@perf/model';
import { contextBlock, escapeText, section, type SlackMessage } from './blocks.ts';

const GENERIC = 'Si è verificato un errore interno: nulla è stato registrato. Riprova tra poco; se il problema continua, avvisa il controllo di gestione.';

/** Slack's own refusals that a person can fix, as PerfErrors with an Italian explanation. */
function slackRefusal(error: unknown): PerfError | undefined {
  const code = (error as { code?: unknown; data?: { error?: unknown } } | undefined);
  if (code?.code !== 'slack_webapi_platform_error') return undefined;
  switch (code.data?.error) {
    case 'not_in_channel':
    case 'channel_not_found':
      return new PerfError('SLACK_CHANNEL', "Non posso scrivere in questo canale: l'app non ne fa parte.", { hint: "Invita l'app nel canale (/invite @perf) oppure scrivimi in un messaggio diretto." });
    case 'expired_trigger_id':
      return new PerfError('SLACK_TRIGGER', 'Il modulo non si è aperto in tempo.', { hint: 'Riprova: /perf report' });
    default:
      return undefined;
  }
}

/**
 * The one place where errors become what a person reads: a PerfError shows its Italian message
 * and the right form; anything else a generic Italian message, with the details in the log.
 */
export function errorMessage(error: unknown, logger: Logger): SlackMessage {
  const known = error instanceof PerfError ? error : slackRefusal(error);
  if (known === undefined) {
    logger.error(`perf: errore inatteso: ${(error as Error | undefined)?.stack ?? String(error)}`);
    return { text: `⚠️ ${GENERIC}`, blocks: [section(`⚠️ ${GENERIC}`)] };
  }
  const body = [`⚠️ *${escapeText(known.message)}*`, ...known.details.map((d) => `• ${escapeText(d)}`)].join('\n');
  return {
    text: `⚠️ ${known.toText()}`,
    blocks: [section(body), ...(known.hint ? [contextBlock(escapeText(known.hint))] : [])],
  };
}

/** The text a modal field shows for an error (Slack shows it under the field). */
export function errorFieldText(error: unknown, logger: Logger): string {
  if (error instanceof PerfError) return [error.message, error.hint].filter(Boolean).join(' ');
  return errorMessage(error, logger).text.replace(/^⚠️ /, '');
}

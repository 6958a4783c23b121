import { MessageFactory, type TurnContext } from '@microsoft/agents-hosting';
import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import { authorizeRelazione, parseRelazioneArgs, produceRelazione, renderText, tokenize } from '@perf/core';
import { PerfError } from '@perf/model';
import * as z from 'zod';
import { errorText } from './errors.ts';
import { commandContext, isPersonal, type TeamsRuntime } from './runtime.ts';

const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';

/** What Teams sends back when the person accepts or declines the upload (invoke `fileConsent/invoke`). */
const ConsentSchema = z.object({
  type: z.literal('fileUpload'),
  action: z.enum(['accept', 'decline']),
  context: z.object({ args: z.array(z.string().max(100)).max(10) }),
  uploadInfo: z.object({ uploadUrl: z.url(), contentUrl: z.url(), name: z.string(), uniqueId: z.string(), fileType: z.string() }).optional(),
});

/**
 * `relazione` in a personal chat: a file-consent card (Teams' way for a bot to put a file in the
 * person's OneDrive); the PDF is rendered and uploaded once they accept. In a channel a bot cannot
 * upload files without Graph permissions on the team's SharePoint: the app asks for the personal chat.
 */
export async function offerRelazione(runtime: TeamsRuntime, context: TurnContext, text: string): Promise<void> {
  const args = tokenize(text.replace(/^\/?(perf\s+)?/i, '')).slice(1);
  const input = parseRelazioneArgs(args);
  const plan = await authorizeRelazione(input, commandContext(runtime, context));
  if (!isPersonal(context)) {
    await context.sendActivity(MessageFactory.text(`La Relazione sulla Performance ${plan.year} arriva come file nella chat personale: scrivimi «relazione${args.length > 0 ? ` ${args.join(' ')}` : ''}» in privato.`));
    return;
  }
  await context.sendActivity(MessageFactory.attachment({
    contentType: FILE_CONSENT,
    name: `Relazione-Performance-${plan.ente.code}-${plan.year}.pdf`,
    content: { description: `Relazione sulla Performance ${plan.year} — ${plan.ente.name}`, sizeInBytes: 0, acceptContext: { args }, declineContext: { args } },
  }));
}

async function acknowledge(context: TurnContext): Promise<void> {
  await context.sendActivity(Activity.fromObject({ type: ActivityTypes.InvokeResponse, value: { status: 200 } }));
}

/** The person's answer to the file-consent card: on accept, render, upload to the given URL and show the file. */
export async function handleFileConsent(runtime: TeamsRuntime, context: TurnContext): Promise<void> {
  await acknowledge(context);
  try {
    const consent = ConsentSchema.safeParse(context.activity.value);
    if (!consent.success) throw new PerfError('CONSENT_INVALID', 'Risposta di Teams alla richiesta di caricamento non valida: nessun file caricato.', { hint: 'Scrivi di nuovo «relazione».' });
    const { action, uploadInfo } = consent.data;
    if (action === 'decline' || uploadInfo === undefined) {
      await context.sendActivity(MessageFactory.text('Va bene: la Relazione non è stata caricata.'));
      return;
    }
    const reply = await produceRelazione(parseRelazioneArgs(consent.data.context.args), commandContext(runtime, context));
    const size = reply.pdf.byteLength;
    const response = await fetch(uploadInfo.uploadUrl, {
      method: 'PUT', body: Buffer.from(reply.pdf),
      headers: { 'content-length': String(size), 'content-range': `bytes 0-${size - 1}/${size}` },
    });
    if (!response.ok) throw new PerfError('UPLOAD_FAILED', `OneDrive ha rifiutato il caricamento della Relazione (HTTP ${response.status}).`, { hint: 'Riprova tra poco scrivendo «relazione».' });
    await context.sendActivity(MessageFactory.attachment({
      contentType: FILE_INFO, name: uploadInfo.name, contentUrl: uploadInfo.contentUrl,
      content: { uniqueId: uploadInfo.uniqueId, fileType: uploadInfo.fileType },
    }));
    await context.sendActivity(MessageFactory.text(`📄 ${renderText(reply)}`));
  } catch (error) {
    await context.sendActivity(MessageFactory.text(errorText(error, runtime.log)));
  }
}

import { authorizeRelazione, produceRelazione, renderText, type RelazioneInput, type RelazioneReply } from '@perf/core';
import type { Plan } from '@perf/model';
import { commandContext, type SlackRuntime } from './runtime.ts';

/**
 * The quick part of `relazione`: which plan, and whether this person may have it. It runs before
 * the rendering, so that a refusal is answered at once.
 */
export function checkRelazione(runtime: SlackRuntime, userId: string, input: RelazioneInput): Promise<Plan> {
  return authorizeRelazione(input, commandContext(runtime, userId));
}

/** Uploads a PDF with Slack's files upload v2 (getUploadURLExternal → upload → completeUploadExternal). */
export async function uploadRelazione(runtime: SlackRuntime, channelId: string, reply: RelazioneReply, requestedBy: string): Promise<void> {
  await runtime.client.filesUploadV2({
    channel_id: channelId,
    file: Buffer.from(reply.pdf),
    filename: reply.filename,
    title: `Relazione sulla Performance ${reply.plan.year} — ${reply.plan.enteName}`,
    initial_comment: `📄 ${renderText(reply)} Richiesta da <@${requestedBy}>.`,
  });
}

/** Renders the Relazione (seconds) and uploads it to the channel it was asked in. */
export async function deliverRelazione(runtime: SlackRuntime, userId: string, channelId: string, input: RelazioneInput): Promise<void> {
  const reply = await produceRelazione(input, commandContext(runtime, userId));
  await uploadRelazione(runtime, channelId, reply, userId);
}

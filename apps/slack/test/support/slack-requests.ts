import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'perf-test-signing-secret';

/** Slack's request signature: `v0=` + HMAC-SHA256 of `v0:{timestamp}:{raw body}`. */
export function signature(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export interface SendOptions {
  /** Seconds since the epoch; now by default. */
  readonly timestamp?: number;
  /** The secret to sign with; `null` sends no signature headers at all. */
  readonly secret?: string | null;
  /** An explicit (e.g. forged) signature header. */
  readonly signature?: string;
  /** Sets `X-Slack-Retry-Num` (and a retry reason), as Slack does when it delivers again. */
  readonly retryNum?: number;
}

export interface SlackResponse {
  readonly status: number;
  readonly text: string;
  json<T = Record<string, unknown>>(): T;
}

/** POSTs a body to the app exactly as Slack does, signed with the signing secret. */
export async function postToSlackApp(url: string, rawBody: string, contentType: string, options: SendOptions = {}): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': contentType };
  if (options.secret !== null) {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = options.signature ?? signature(options.secret ?? SIGNING_SECRET, timestamp, rawBody);
  }
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const response = await fetch(url, { method: 'POST', headers, body: rawBody, signal: AbortSignal.timeout(15_000) });
  const text = await response.text();
  return { status: response.status, text, json: <T>() => JSON.parse(text) as T };
}

let sequence = 0;
export const nextId = (prefix: string): string => `${prefix}${Date.now().toString(36)}${(++sequence).toString(36)}`.toUpperCase();

/** A slash command's form body. */
export function slashCommandBody(fields: { text: string; userId: string; responseUrl: string; triggerId?: string; channelId?: string }): string {
  return new URLSearchParams({
    token: 'legacy-verification-token', team_id: 'T0PERF', team_domain: 'perf-test', channel_id: fields.channelId ?? 'C0GENERALE', channel_name: 'generale',
    user_id: fields.userId, user_name: fields.userId.toLowerCase(), command: '/perf', text: fields.text, api_app_id: 'A0PERF',
    response_url: fields.responseUrl, trigger_id: fields.triggerId ?? nextId('TR'),
  }).toString();
}

/** An interactivity body: `payload=` + the JSON payload. */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** An Events API envelope around one event. */
export function eventEnvelope(event: Record<string, unknown>, eventId: string = nextId('EV')): string {
  return JSON.stringify({
    token: 'legacy-verification-token', team_id: 'T0PERF', api_app_id: 'A0PERF', type: 'event_callback', event_id: eventId,
    event_time: Math.floor(Date.now() / 1000), authorizations: [{ team_id: 'T0PERF', user_id: 'U0BOTPERF', is_bot: true, is_enterprise_install: false }],
    event,
  });
}

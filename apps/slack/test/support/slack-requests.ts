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

/** A slash command's fields, as Slack sends them (a form over HTTP, JSON over Socket Mode). */
export function slashCommandFields(fields: { text: string; userId: string; responseUrl: string; triggerId?: string; channelId?: string }): Record<string, string> {
  return {
    token: 'legacy-verification-token', team_id: 'T0PERF', team_domain: 'perf-test', channel_id: fields.channelId ?? 'C0GENERALE', channel_name: 'generale',
    user_id: fields.userId, user_name: fields.userId.toLowerCase(), command: '/perf', text: fields.text, api_app_id: 'A0PERF',
    response_url: fields.responseUrl, trigger_id: fields.triggerId ?? nextId('TR'),
  };
}

/** A slash command's form body. */
export function slashCommandBody(fields: Parameters<typeof slashCommandFields>[0]): string {
  return new URLSearchParams(slashCommandFields(fields)).toString();
}

/** An interactivity body: `payload=` + the JSON payload. */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** An Events API envelope around one event (the body of an HTTP event, the payload of a Socket Mode one). */
export function eventEnvelopeFields(event: Record<string, unknown>, eventId: string = nextId('EV')): Record<string, unknown> {
  return {
    token: 'legacy-verification-token', team_id: 'T0PERF', api_app_id: 'A0PERF', type: 'event_callback', event_id: eventId,
    event_time: Math.floor(Date.now() / 1000), authorizations: [{ team_id: 'T0PERF', user_id: 'U0BOTPERF', is_bot: true, is_enterprise_install: false }],
    event,
  };
}

/** An Events API envelope around one event, as JSON. */
export function eventEnvelope(event: Record<string, unknown>, eventId: string = nextId('EV')): string {
  return JSON.stringify(eventEnvelopeFields(event, eventId));
}

/** A `block_actions` payload: one button pressed on a message the app posted. */
export function buttonPayload(userId: string, action: { actionId: string; value: string }, message: { channelId: string; ts: string }, responseUrl: string): Record<string, unknown> {
  return {
    type: 'block_actions', token: 'legacy-verification-token', api_app_id: 'A0PERF', trigger_id: nextId('TR'),
    user: { id: userId, username: userId.toLowerCase(), team_id: 'T0PERF' }, team: { id: 'T0PERF', domain: 'perf-test' },
    container: { type: 'message', message_ts: message.ts, channel_id: message.channelId, is_ephemeral: false },
    channel: { id: message.channelId, name: 'directmessage' }, message: { type: 'message', ts: message.ts, text: '' },
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: action.actionId, block_id: 'b', value: action.value, action_ts: `${Date.now() / 1000}`, text: { type: 'plain_text', text: 'x' } }],
  };
}

/** What a person typed and chose in the check-in modal. */
export interface CheckInValues {
  readonly indicator?: string;
  readonly value?: string;
  readonly period?: string;
  readonly note?: string;
}

/** A `view_submission` payload of the check-in modal with these values. */
export function checkInSubmission(userId: string, viewId: string, values: CheckInValues): Record<string, unknown> {
  const select = (value: string | undefined) => ({ type: 'static_select', selected_option: value === undefined ? null : { text: { type: 'plain_text', text: value }, value } });
  const text = (value: string | undefined) => ({ type: 'plain_text_input', value: value ?? null });
  return {
    type: 'view_submission', token: 'legacy-verification-token', api_app_id: 'A0PERF', trigger_id: nextId('TR'),
    team: { id: 'T0PERF', domain: 'perf-test' }, user: { id: userId, username: userId.toLowerCase(), team_id: 'T0PERF' },
    view: {
      id: viewId, team_id: 'T0PERF', type: 'modal', callback_id: 'perf_checkin', private_metadata: '', hash: 'h', app_id: 'A0PERF', bot_id: 'B0BOTPERF',
      title: { type: 'plain_text', text: 'Rilevazione' }, blocks: [], close: null, submit: null, root_view_id: viewId, previous_view_id: null,
      clear_on_close: false, notify_on_close: false,
      state: { values: {
        perf_indicator: { input: select(values.indicator) }, perf_value: { input: text(values.value) },
        perf_period: { input: select(values.period) }, perf_note: { input: text(values.note) },
      } },
    },
    response_urls: [],
  };
}

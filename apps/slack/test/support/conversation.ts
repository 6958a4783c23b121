import type { SlackCall } from './fake-slack.ts';

/** The DM channel the tests use for a user. */
export const dmChannel = (userId: string): string => `D${userId.slice(1)}`;

let ts = 0;

/** A `message` event in the user's conversation with the app. */
export function directMessage(userId: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const stamp = `1348600000.${String(++ts).padStart(6, '0')}`;
  return { type: 'message', channel: dmChannel(userId), user: userId, text, ts: stamp, event_ts: stamp, channel_type: 'im', client_msg_id: `m${ts}`, ...extra };
}

interface ButtonElement {
  type: string;
  action_id?: string;
  value?: string;
}

/** A button of a message the app posted, by action id. */
export function buttonOf(call: SlackCall, actionId: string): { value: string } {
  const blocks = (call.body.blocks ?? []) as { type: string; elements?: ButtonElement[] }[];
  const button = blocks.flatMap((b) => (b.type === 'actions' ? b.elements ?? [] : [])).find((e) => e.action_id === actionId);
  if (!button) throw new Error(`Nessun pulsante ${actionId} nel messaggio: ${JSON.stringify(call.body.blocks)}`);
  return { value: button.value ?? '' };
}

/** The ts Slack gave to a message the app posted. */
export function postedTs(call: SlackCall): string {
  return String((call.response as { ts?: string } | undefined)?.ts);
}

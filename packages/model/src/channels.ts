/**
 * Every channel through which people reach perf, in one registry: the store's audit column, the
 * plan's per-person chat ids, the core's identity lookup and the Relazione's annex all read it.
 * Adding a channel starts with one entry here (see the README, «Adding a channel»).
 */
export const CHANNELS = {
  cli: { name: 'CLI', inProse: 'riga di comando', chat: false },
  slack: { name: 'Slack', inProse: 'Slack', chat: true },
  discord: { name: 'Discord', inProse: 'Discord', chat: true },
  teams: { name: 'Teams', inProse: 'Microsoft Teams', chat: true },
  web: { name: 'Cruscotto web', inProse: 'cruscotto web', chat: false },
} as const satisfies Record<string, { readonly name: string; readonly inProse: string; readonly chat: boolean }>;

export type Channel = keyof typeof CHANNELS;

/** The chat apps: channels whose users map to people through an id field of the same name in the plan. */
export type ChatApp = { [K in Channel]: (typeof CHANNELS)[K]['chat'] extends true ? K : never }[Channel];

export const CHAT_APPS = (Object.keys(CHANNELS) as Channel[]).filter((channel): channel is ChatApp => CHANNELS[channel].chat);

function entry(channel: string): (typeof CHANNELS)[Channel] | undefined {
  return Object.hasOwn(CHANNELS, channel) ? CHANNELS[channel as Channel] : undefined;
}

/** The channel's name for tables ("Slack", "CLI"); a value recorded by a later version prints as is. */
export function channelName(channel: string): string {
  return entry(channel)?.name ?? channel;
}

/** The channel as said in a sentence ("dalla riga di comando" reads better than "dalla CLI"). */
export function channelInProse(channel: string): string {
  return entry(channel)?.inProse ?? channel;
}

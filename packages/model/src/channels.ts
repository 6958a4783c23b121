import * as z from 'zod';

const chatId = z.string().trim().min(1);

/**
 * Every channel through which people reach perf, in one registry: the store's audit column, the
 * plan's per-person chat ids, the core's identity lookup and the Relazione's annex all read it.
 * A chat app declares `personId`, the schema of a person's id in that app: the plan's people get
 * an optional field of the channel's name with it. Adding a channel starts with one entry here
 * (see the README, «Adding a channel»).
 */
export const CHANNELS = {
  cli: { name: 'CLI', inProse: 'riga di comando', personId: undefined },
  slack: { name: 'Slack', inProse: 'Slack', personId: chatId.optional() },
  /** Discord ids are snowflakes: YAML may read a short one as a number. */
  discord: { name: 'Discord', inProse: 'Discord', personId: z.union([chatId, z.number().int()]).transform((v) => String(v)).optional() },
  /** Microsoft Entra object id (Teams' `from.aadObjectId`). */
  teams: {
    name: 'Teams', inProse: 'Microsoft Teams',
    personId: z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "serve l'object id Entra della persona (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)")
      .transform((v) => v.toLowerCase()).optional(),
  },
  web: { name: 'Cruscotto web', inProse: 'cruscotto web', personId: undefined },
} as const satisfies Record<string, { readonly name: string; readonly inProse: string; readonly personId: z.ZodType | undefined }>;

export type Channel = keyof typeof CHANNELS;

/** The chat apps: channels whose users map to people through an id field of the same name in the plan. */
export type ChatApp = { [K in Channel]: (typeof CHANNELS)[K]['personId'] extends z.ZodType ? K : never }[Channel];

export const CHAT_APPS = (Object.keys(CHANNELS) as Channel[]).filter((channel): channel is ChatApp => CHANNELS[channel].personId !== undefined);

/** The plan's per-person id fields, one per chat app, as the registry declares them. */
export const CHAT_ID_FIELDS = Object.fromEntries(CHAT_APPS.map((app) => [app, CHANNELS[app].personId])) as { readonly [K in ChatApp]: (typeof CHANNELS)[K]['personId'] };

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

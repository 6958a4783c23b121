import * as z from 'zod';
import type { ConversationState } from './types.ts';

const period = z.string().regex(/^\d{4}(-(Q[1-4]|4M[1-3]))?$/).optional();
const StateSchema = z.object({
  pending: z.object({ indicator: z.number().int().positive(), rawValue: z.string().min(1).max(200), period, correction: z.boolean() }).optional(),
  choice: z.object({ options: z.array(z.number().int().positive()).min(1).max(10), rawValue: z.string().min(1).max(200).optional(), period }).optional(),
  awaitingValue: z.object({ indicator: z.number().int().positive(), period }).optional(),
  last: z.object({ indicator: z.number().int().positive(), period: z.string().regex(/^\d{4}(-(Q[1-4]|4M[1-3]))?$/) }).optional(),
});

/** The state read back from the database, checked; anything malformed is forgotten rather than trusted. */
export function parseState(stored: unknown): ConversationState {
  const parsed = StateSchema.safeParse(stored);
  return parsed.success ? (parsed.data as ConversationState) : {};
}

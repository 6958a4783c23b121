export * from './types.ts';
export { understand } from './understand.ts';
export { isCancellation, isConfirmation } from './intents.ts';
export { rhythmHint } from './periods.ts';
export { GRAMMAR_KEYS } from './typos.ts';
export { advance, current, STATE_TTL_MS } from './state.ts';
export { parseState } from './state-schema.ts';

export * from './rules.ts';
export * from './status.ts';

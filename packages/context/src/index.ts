export * from './schema.ts';
export * from './checks.ts';

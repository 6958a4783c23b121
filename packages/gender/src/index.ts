export * from './schema.ts';
export * from './compute.ts';
export * from './checks.ts';
export * from './format.ts';
export * from './labels.ts';

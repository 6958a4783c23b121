export * from './errors.ts';
export * from './zod-issues.ts';
export * from './plan.ts';
export * from './periods.ts';
export * from './values.ts';
export * from './format.ts';
export * from './values-file.ts';

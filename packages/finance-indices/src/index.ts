export * from './schema.ts';
export * from './indices.ts';
export * from './compare.ts';
export * from './format.ts';

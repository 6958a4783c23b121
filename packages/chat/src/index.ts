export * from './cycle-scheduler.ts';
export * from './env.ts';
export * from './in-flight.ts';
export * from './process.ts';

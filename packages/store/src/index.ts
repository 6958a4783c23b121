export * from './driver.ts';
export * from './store.ts';
export * from './open.ts';
export { MIGRATIONS } from './migrations.ts';
export * from './web-auth.ts';
export * from './conversation-state.ts';
export * from './teams-conversations.ts';
export * from './relazione-records.ts';

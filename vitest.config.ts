import { defineConfig } from 'vitest/config';

/** One config for the whole monorepo: a project per package and app, plus the end-to-end tests. */
export default defineConfig({
  test: {
    globalSetup: ['./test/support/cli-bundle-setup.ts', './test/support/postgres-global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'model', include: ['packages/model/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'scoring', include: ['packages/scoring/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'finance-indices', include: ['packages/finance-indices/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'gender', include: ['packages/gender/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'context', include: ['packages/context/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'store', include: ['packages/store/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'core', include: ['packages/core/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'pdf-renderer', include: ['packages/pdf-renderer/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'chat', include: ['packages/chat/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'cli', include: ['apps/cli/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'slack', include: ['apps/slack/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'teams', include: ['apps/teams/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'discord', include: ['apps/discord/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'web', include: ['apps/web/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'conversation', include: ['packages/conversation/test/**/*.test.ts', 'test/conversation/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'], exclude: ['**/node_modules/**', 'test/conversation/**'] } },
    ],
  },
});

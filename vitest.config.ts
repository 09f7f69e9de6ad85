import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `@zelfredzaam/source`
// export condition, so tests never need a build first. Vitest hands these conditions to Node as
// --conditions too, so they must stay minimal: with `import` among them, `require('pg')` would
// load pg-pool's ES module build and fail.
const conditions = ['@zelfredzaam/source', 'node'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@zelfredzaam/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});

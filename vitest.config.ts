import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `@zelfredzaam/source`
// export condition, so tests never need a build first.
const conditions = ['@zelfredzaam/source', 'node', 'import', 'module', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@zelfredzaam/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});

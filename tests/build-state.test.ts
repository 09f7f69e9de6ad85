// `pnpm zelfredzaam` rebuilds when a package's sources are newer than its build: every package
// under packages/ counts, not a list that can fall behind (packages/replay once did).
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stalePackages } from '../scripts/build-state.mjs';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A workspace with packages `names`, each with one source at `sourceAt` and a build at `builtAt` (seconds; undefined: never built). */
const workspace = (packages: Record<string, { sourceAt: number; builtAt?: number }>): string => {
  const root = mkdtempSync(join(tmpdir(), 'zelfredzaam-build-state-'));
  roots.push(root);
  for (const [name, { sourceAt, builtAt }] of Object.entries(packages)) {
    const dir = join(root, 'packages', name);
    mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'tsconfig.json'), '{}');
    const source = join(dir, 'src', 'deep', 'a.ts');
    writeFileSync(source, 'export {};\n');
    utimesSync(source, sourceAt, sourceAt);
    // A test file newer than the build does not make it stale.
    const test = join(dir, 'src', 'a.test.ts');
    writeFileSync(test, '');
    utimesSync(test, sourceAt + 1000, sourceAt + 1000);
    if (builtAt !== undefined) {
      mkdirSync(join(dir, 'dist'));
      writeFileSync(join(dir, 'dist', '.tsbuildinfo'), '{}');
      utimesSync(join(dir, 'dist', '.tsbuildinfo'), builtAt, builtAt);
    }
  }
  return root;
};

describe('stalePackages', () => {
  it('names every package whose build is missing or older than a source, whatever its name', () => {
    const root = workspace({
      domain: { sourceAt: 1_000, builtAt: 2_000 },
      replay: { sourceAt: 3_000, builtAt: 2_000 },
      nieuw: { sourceAt: 1_000 },
    });
    expect(stalePackages(root).sort()).toEqual(['nieuw', 'replay']);
  });

  it('is empty when every build is newer than its sources (test files do not count)', () => {
    const root = workspace({
      domain: { sourceAt: 1_000, builtAt: 2_000 },
      replay: { sourceAt: 1_500, builtAt: 2_000 },
    });
    expect(stalePackages(root)).toEqual([]);
  });

  it('in this workspace, names none but its own packages', () => {
    const here = stalePackages(join(import.meta.dirname, '..'));
    expect(Array.isArray(here)).toBe(true);
    expect(here.every((name) => ['domain', 'projections', 'adapters', 'replay', 'cli'].includes(name))).toBe(true);
  });
});

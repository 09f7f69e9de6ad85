#!/usr/bin/env node
// `pnpm zelfredzaam …` in the workspace: runs the built command (packages/cli/dist/main.js),
// building the packages first (`tsc -b`, its output on stderr) when a source file is newer than
// the last build, so a fresh clone and an edited source both just work and stdout carries only
// the command's own output (`pnpm -s zelfredzaam report --format json > r.json`).
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packages = ['domain', 'projections', 'adapters', 'cli'];

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
};

const newestSource = (dir) => {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, mtime(path) ?? 0);
  }
  return newest;
};

const stale = packages.some((name) => {
  const dir = join(root, 'packages', name);
  const built = mtime(join(dir, 'dist', '.tsbuildinfo'));
  if (built === undefined) return true;
  // tsc -b's own test: a source newer than the project's build info.
  return newestSource(join(dir, 'src')) > built;
});

if (stale) {
  process.stderr.write('zelfredzaam: de pakketten worden gebouwd (tsc -b)…\n');
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', join(root, 'packages/cli')], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
}

await import(pathToFileURL(join(root, 'packages/cli/dist/main.js')).href);

#!/usr/bin/env node
// `pnpm zelfredzaam …` in the workspace: runs the built command (packages/cli/dist/main.js),
// building the packages first (`tsc -b`, its output on stderr) when a source file is newer than
// the last build, so a fresh clone and an edited source both just work and stdout carries only
// the command's own output (`pnpm -s zelfredzaam report --format json > r.json`).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stalePackages } from './build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stale = stalePackages(root).length > 0;

if (stale) {
  process.stderr.write('zelfredzaam: de pakketten worden gebouwd (tsc -b)…\n');
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', join(root, 'packages/cli')], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
}

await import(pathToFileURL(join(root, 'packages/cli/dist/main.js')).href);

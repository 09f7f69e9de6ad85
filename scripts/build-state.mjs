// Whether the workspace's build (dist/) is older than its sources: `pnpm zelfredzaam` builds first
// when it is. Every package under packages/ with a tsconfig.json is looked at (a fixed list once
// left packages/replay out, so an edit there ran the old build).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
};

/** The newest modification time of a non-test .ts file under `dir` (0 when none). */
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

/** The names of the packages whose build is missing or older than a source file of theirs. */
export const stalePackages = (root) => {
  const packages = join(root, 'packages');
  return readdirSync(packages, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packages, entry.name, 'tsconfig.json')))
    .map((entry) => entry.name)
    .filter((name) => {
      const dir = join(packages, name);
      const built = mtime(join(dir, 'dist', '.tsbuildinfo'));
      // tsc -b's own test: a source newer than the project's build info.
      return built === undefined || (existsSync(join(dir, 'src')) && newestSource(join(dir, 'src')) > built);
    });
};

// The tool's version (package.json), for `bron.versie` of a report (MEETREGELS §5) and for
// `zelfredzaam --version`. A module of its own, without imports of the domain, so `--version`
// loads nothing else (main.ts).
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The version of @zelfredzaam/cli, or "onbekend" when its package.json cannot be read. */
export const toolVersie = (): string => {
  if (cached !== undefined) return cached;
  cached = 'onbekend';
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') {
      cached = pkg.version;
    }
  } catch {
    // The version is only informative.
  }
  return cached;
};

/** The same, as `zelfredzaam --version` prints it. */
export const version = toolVersie;

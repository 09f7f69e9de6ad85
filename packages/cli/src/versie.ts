// The tool's version (package.json), for `bron.versie` of a report (MEETREGELS §5).
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

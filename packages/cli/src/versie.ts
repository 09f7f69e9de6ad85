// The command's version, from its package.json. A module of its own, without imports of the
// domain, so `zelfredzaam --version` loads nothing else (main.ts).
import { readFileSync } from 'node:fs';

export const version = (): string => {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string')
      return pkg.version;
  } catch {
    // Fall through: the version is only informative.
  }
  return 'onbekend';
};

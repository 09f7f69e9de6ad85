// `--store`: which event store, checked on the command line and opened through the adapters.
import { isAbsolute, resolve } from 'node:path';
import { type EventStore, openStore as openAdapterStore } from '@zelfredzaam/adapters';
import { CliError, echo, UsageError } from './errors.js';

export const DEFAULT_STORE = 'pglite:./.zelfredzaam';

export type StoreSpec =
  | { readonly kind: 'memory' }
  /** PGlite on a directory, or in memory when `path` is undefined (`pglite:`). */
  | { readonly kind: 'pglite'; readonly path: string | undefined }
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'esdb'; readonly url: string };

/** Checks a `--store` value; a relative pglite path is taken from `cwd`. */
export const parseStore = (text: string, cwd: string): StoreSpec => {
  if (text === 'memory:' || text === 'memory') return { kind: 'memory' };
  if (text.startsWith('pglite:')) {
    const path = text.slice('pglite:'.length);
    if (path === '') return { kind: 'pglite', path: undefined };
    return { kind: 'pglite', path: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  if (/^postgres(ql)?:\/\/./.test(text)) return { kind: 'postgres', url: text };
  if (/^esdb(\+discover)?:\/\/./.test(text)) return { kind: 'esdb', url: text };
  throw new UsageError(
    `--store: verwacht pglite:MAP, postgres://…, esdb://… of memory:, ontvangen ${echo(text.replace(/\/\/[^@/]*@/, '//…@'))}`,
  );
};

/** How a store is named in messages: never with a password. */
export const describeStore = (spec: StoreSpec): string => {
  switch (spec.kind) {
    case 'memory':
      return 'memory:';
    case 'pglite':
      return `pglite:${spec.path ?? ''}`;
    case 'postgres':
    case 'esdb':
      return spec.url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  }
};

/** The adapters' text for a spec (a pglite path made absolute here, against our cwd). */
const adapterSpec = (spec: StoreSpec): string => {
  switch (spec.kind) {
    case 'memory':
      return 'memory:';
    case 'pglite':
      return `pglite:${spec.path ?? ''}`;
    case 'postgres':
    case 'esdb':
      return spec.url;
  }
};

/** Opens the store through the adapters; a failure is a CliError naming the store (exit 3). */
export const openStore = async (spec: StoreSpec): Promise<EventStore> => {
  try {
    return await openAdapterStore(adapterSpec(spec));
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new CliError(`store ${describeStore(spec)} kan niet worden geopend: ${reason}`);
  }
};

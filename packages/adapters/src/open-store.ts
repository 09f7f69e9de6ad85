// Opening a store from one text (the CLI's `--store`): which adapter, where, and its options.
//   memory:                      in-memory (gone when the process ends)
//   pglite:PATH                  PGlite on a directory (created when missing); the default
//   pglite:                      PGlite in memory
//   postgres://… postgresql://…  a PostgreSQL server; `?schema=NAME` picks the schema
//   esdb://… esdb+discover://…   EventStoreDB (the esdb/ adapter, loaded only when asked for)
import { resolve } from 'node:path';
import { openMemoryStore } from './memory-store.js';
import type { EventStore } from './port.js';

/** The CLI's store when none is given: PGlite in `.zelfredzaam` under the working directory. */
export const DEFAULT_STORE = 'pglite:./.zelfredzaam';

export interface OpenStoreOptions {
  /** PostgreSQL/PGlite schema (default `zelfredzaam`; a `?schema=` in a postgres URL wins). */
  readonly schema?: string;
  /** The clock for recordedAt when a fact has none (milliseconds since the epoch). */
  readonly now?: () => number;
  /** How often a waiting subscription reads again without a notification (SQL stores). */
  readonly pollIntervalMs?: number;
  /** PostgreSQL: the connect time limit in ms (default 10,000; `connect_timeout` in the URL wins). */
  readonly connectTimeoutMs?: number;
  /** PostgreSQL: the statement time limit in ms (default 60,000; `statement_timeout` in the URL wins). */
  readonly statementTimeoutMs?: number;
}

const sqlOptions = (options: OpenStoreOptions) => ({
  ...(options.schema === undefined ? {} : { schema: options.schema }),
  ...(options.now === undefined ? {} : { now: options.now }),
  ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
});

const isMissing = (error: unknown, client: string): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'MODULE_NOT_FOUND') &&
  error instanceof Error &&
  error.message.includes(client);

/**
 * Loads an adapter module on demand; its store client is an optional peer dependency of this
 * package, so a missing one is said plainly, with what to install.
 */
const load = async <T>(importer: () => Promise<T>, client: string): Promise<T> => {
  try {
    return await importer();
  } catch (error) {
    if (isMissing(error, client)) {
      throw new Error(
        `de opslag heeft het pakket ${client} nodig; installeer het naast @zelfredzaam/adapters (npm install ${client})`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
};

const schemeOf = (spec: string): string => {
  const colon = spec.indexOf(':');
  return colon < 0 ? '' : spec.slice(0, colon).toLowerCase();
};

/** Opens the store a spec names (see the top of this file). */
export const openStore = async (spec: string = DEFAULT_STORE, options: OpenStoreOptions = {}): Promise<EventStore> => {
  const scheme = schemeOf(spec);
  switch (scheme) {
    case 'memory':
      return openMemoryStore(options.now === undefined ? {} : { now: options.now });
    case 'pglite': {
      const path = spec.slice('pglite:'.length);
      const { openPgliteStore } = await load(() => import('./sql/pglite-store.js'), '@electric-sql/pglite');
      return openPgliteStore(path === '' ? undefined : resolve(path), sqlOptions(options));
    }
    case 'postgres':
    case 'postgresql': {
      const { openPostgresStore } = await load(() => import('./sql/postgres-store.js'), 'pg');
      return load(
        () =>
          openPostgresStore(spec, {
            ...sqlOptions(options),
            ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
            ...(options.statementTimeoutMs === undefined ? {} : { statementTimeoutMs: options.statementTimeoutMs }),
          }),
        'pg',
      );
    }
    case 'esdb':
    case 'esdb+discover': {
      // The gRPC client is only needed by those who use EventStoreDB.
      const { openEventStoreDb } = await load(() => import('./esdb/index.js'), '@eventstore/db-client');
      return load(
        () => openEventStoreDb(spec, options.now === undefined ? {} : { now: options.now }),
        '@eventstore/db-client',
      );
    }
    default:
      throw new RangeError(
        `onbekende opslag ${JSON.stringify(scheme === '' ? spec : `${scheme}:…`)}: verwacht memory:, pglite:PAD, postgres://…, postgresql://… of esdb://…`,
      );
  }
};

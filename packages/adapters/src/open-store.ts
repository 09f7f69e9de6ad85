// Opening a store from one text (the CLI's `--store`): which adapter, where, and its options.
//   memory:                      in-memory (gone when the process ends)
//   pglite:PATH                  PGlite on a directory (created when missing); the default
//   pglite:                      PGlite in memory
//   postgres://… postgresql://…  a PostgreSQL server; `?schema=NAME` picks the schema
//   esdb://… esdb+discover://…   EventStoreDB (the esdb/ adapter, loaded only when asked for)
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { openMemoryStore } from './memory-store.js';
import type { EventStore } from './port.js';
import { openPgDriver } from './sql/pg-driver.js';
import { openPgliteDriver } from './sql/pglite-driver.js';
import { openSqlStore } from './sql/sql-store.js';

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

const sqlOptions = (options: OpenStoreOptions, schema = options.schema) => ({
  ...(schema === undefined ? {} : { schema }),
  ...(options.now === undefined ? {} : { now: options.now }),
  ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
});

/** A time limit given in whole or decimal seconds as a URL parameter, in milliseconds; taken out of the URL. */
const secondsParameter = (url: URL, name: string): number | undefined => {
  const text = url.searchParams.get(name);
  if (text === null) return undefined;
  url.searchParams.delete(name);
  if (!/^\d{1,7}(\.\d{1,3})?$/.test(text)) {
    throw new RangeError(
      `PostgreSQL-adres: ${name} verwacht een aantal seconden (0: geen grens), ontvangen ${JSON.stringify(text.slice(0, 20))}`,
    );
  }
  return Math.round(Number(text) * 1000);
};

/**
 * A PostgreSQL store. The URL's parameters `schema`, `connect_timeout` and `statement_timeout`
 * (seconds; defaults 10 and 60, 0 for no limit) are taken out before it reaches `pg`.
 */
export const openPostgresStore = async (url: string, options: OpenStoreOptions = {}): Promise<EventStore> => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL may hold a password: it is not repeated.
    throw new RangeError('PostgreSQL-adres onleesbaar: verwacht postgres://gebruiker@host:poort/database');
  }
  const schema = parsed.searchParams.get('schema') ?? options.schema;
  parsed.searchParams.delete('schema');
  // Time limits in seconds, as libpq's connect_timeout (issue 17, point 8); taken out here.
  const connectTimeoutMs = secondsParameter(parsed, 'connect_timeout') ?? options.connectTimeoutMs;
  const statementTimeoutMs = secondsParameter(parsed, 'statement_timeout') ?? options.statementTimeoutMs;
  const driver = await openPgDriver(parsed.toString(), {
    ...(connectTimeoutMs === undefined ? {} : { connectTimeoutMs }),
    ...(statementTimeoutMs === undefined ? {} : { statementTimeoutMs }),
  });
  try {
    return await openSqlStore(driver, sqlOptions(options, schema ?? undefined));
  } catch (error) {
    await driver.close().catch(() => {});
    throw error;
  }
};

/** A PGlite store on `dataDir` (created when missing), or in memory when undefined. */
export const openPgliteStore = async (
  dataDir: string | undefined,
  options: OpenStoreOptions = {},
): Promise<EventStore> => {
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const driver = await openPgliteDriver(dataDir);
  try {
    return await openSqlStore(driver, sqlOptions(options));
  } catch (error) {
    await driver.close().catch(() => {});
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
      return openPgliteStore(path === '' ? undefined : resolve(path), options);
    }
    case 'postgres':
    case 'postgresql':
      return openPostgresStore(spec, options);
    case 'esdb':
    case 'esdb+discover': {
      // Loaded on demand: the gRPC client is only needed by those who use EventStoreDB.
      const { openEventStoreDb } = await import('./esdb/index.js');
      return openEventStoreDb(spec, options.now === undefined ? {} : { now: options.now });
    }
    default:
      throw new RangeError(
        `onbekende opslag ${JSON.stringify(scheme === '' ? spec : `${scheme}:…`)}: verwacht memory:, pglite:PAD, postgres://…, postgresql://… of esdb://…`,
      );
  }
};

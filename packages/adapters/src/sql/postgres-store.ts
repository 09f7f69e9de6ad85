// A PostgreSQL store from a URL (`postgres://user@host:port/db?schema=NAME`) or over the caller's
// own `pg.Pool`.
import type { EventStore } from '../port.js';
import { openPgDriver, type PgPool, pgDriverOf } from './pg-driver.js';
import { openSqlStore, type SqlStoreOptions } from './sql-store.js';

export interface PostgresStoreOptions extends SqlStoreOptions {
  /** The connect time limit in ms (default 10,000; `connect_timeout` in the URL wins). */
  readonly connectTimeoutMs?: number;
  /** The statement time limit in ms (default 60,000; `statement_timeout` in the URL wins). */
  readonly statementTimeoutMs?: number;
}

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
export const openPostgresStore = async (url: string, options: PostgresStoreOptions = {}): Promise<EventStore> => {
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
  const { connectTimeoutMs: _c, statementTimeoutMs: _s, ...sql } = options;
  try {
    return await openSqlStore(driver, { ...sql, ...(schema === undefined || schema === null ? {} : { schema }) });
  } catch (error) {
    await driver.close().catch(() => {});
    throw error;
  }
};

/** A PostgreSQL store over the caller's `pg.Pool`; closing the store leaves the pool open. */
export const postgresStoreOf = (pool: PgPool, options: SqlStoreOptions = {}): Promise<EventStore> =>
  openSqlStore(pgDriverOf(pool), options);

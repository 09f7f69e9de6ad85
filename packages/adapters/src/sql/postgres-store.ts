// A PostgreSQL store from a URL (`postgres://user@host:port/db?schema=NAME`) or over the caller's
// own `pg.Pool`.
import type { EventStore } from '../port.js';
import { openPgDriver, type PgPool, pgDriverOf } from './pg-driver.js';
import { openSqlStore, type SqlStoreOptions } from './sql-store.js';

/** A PostgreSQL store; the URL's `schema` parameter is taken out before it reaches `pg`. */
export const openPostgresStore = async (url: string, options: SqlStoreOptions = {}): Promise<EventStore> => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL may hold a password: it is not repeated.
    throw new RangeError('PostgreSQL-adres onleesbaar: verwacht postgres://gebruiker@host:poort/database');
  }
  const schema = parsed.searchParams.get('schema') ?? options.schema;
  parsed.searchParams.delete('schema');
  const driver = await openPgDriver(parsed.toString());
  try {
    return await openSqlStore(driver, { ...options, ...(schema === undefined || schema === null ? {} : { schema }) });
  } catch (error) {
    await driver.close().catch(() => {});
    throw error;
  }
};

/** A PostgreSQL store over the caller's `pg.Pool`; closing the store leaves the pool open. */
export const postgresStoreOf = (pool: PgPool, options: SqlStoreOptions = {}): Promise<EventStore> =>
  openSqlStore(pgDriverOf(pool), options);

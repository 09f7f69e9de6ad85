// `@zelfredzaam/adapters/postgres`: the store on a PostgreSQL server. Needs `pg` (an optional
// peer dependency of this package): `openPostgresStore(url)` loads it; `postgresStoreOf(pool)`
// and `pgDriverOf(pool)` use the caller's own `pg.Pool`.
export type { Row, SqlDriver, SqlSession } from './sql/driver.js';
export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  openPgDriver,
  type PgDriverOptions,
  type PgPool,
  type PgPoolClient,
  PostgresTimeoutError,
  pgDriverOf,
} from './sql/pg-driver.js';
export { openPostgresStore, type PostgresStoreOptions, postgresStoreOf } from './sql/postgres-store.js';
export { DEFAULT_SCHEMA, SCHEMA_VERSION } from './sql/schema.js';
export { openSqlStore, type SqlStoreOptions } from './sql/sql-store.js';

// `@zelfredzaam/adapters/pglite`: the store on PGlite, PostgreSQL in WebAssembly inside this
// process (a directory, or memory). Needs `@electric-sql/pglite` (an optional peer dependency).
export type { Row, SqlDriver, SqlSession } from './sql/driver.js';
export { openPgliteDriver, type PgliteInstance, pgliteDriverOf } from './sql/pglite-driver.js';
export { openPgliteStore } from './sql/pglite-store.js';
export { DEFAULT_SCHEMA, SCHEMA_VERSION } from './sql/schema.js';
export { openSqlStore, type SqlStoreOptions } from './sql/sql-store.js';

// The EventStore contract against a real PostgreSQL server (ZELFREDZAAM_PG_URL; each store in a
// fresh schema), plus what only SQL shows: the versioned schema, corrupt rows, injection-proof values.
import { openPgDriver, openPostgresStore } from '../packages/adapters/src/postgres.js';
import { dropSchemas, freshSchema, postgresUrl } from './support/postgres.js';
import { runSqlStoreTests } from './support/sql-store-tests.js';
import { runStoreContract } from './support/store-contract.js';

const url = postgresUrl();
const schemas: string[] = [];

const open = (schema = freshSchema(), options: { readonly pollIntervalMs?: number } = {}) => {
  schemas.push(schema);
  return openPostgresStore(url, { schema, pollIntervalMs: options.pollIntervalMs ?? 200 });
};

runStoreContract('postgres', () => open(), { cleanup: () => dropSchemas(url, schemas) });
runSqlStoreTests('postgres', open, () => openPgDriver(url, { poolSize: 2 }));

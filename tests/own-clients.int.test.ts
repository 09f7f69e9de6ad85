// Issue 14, point 2: a service hands in its own database clients. The same contract suite as
// the stores opened by URL, against a caller's `pg.Pool` (pgDriverOf / postgresStoreOf) on the
// PostgreSQL server, and against the loopback EventStoreDB test server through a caller's
// client of `@eventstore/db-client` through `eventStoreDbStore(client)` (KurrentDB's client:
// esdb-kurrent.int.test.ts).
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { eventStoreDbStore } from '../packages/adapters/src/eventstoredb.js';
import { recordFacts } from '../packages/adapters/src/index.js';
import { openSqlStore, pgDriverOf, postgresStoreOf } from '../packages/adapters/src/postgres.js';
import { type EsdbTestServer, startEsdbTestServer } from './support/esdb-test-server.js';
import { dropSchemas, freshSchema, postgresUrl } from './support/postgres.js';
import { runStoreContract } from './support/store-contract.js';

const url = postgresUrl();
const schemas: string[] = [];
let pool: pg.Pool | undefined;
const ownPool = (): pg.Pool => {
  pool ??= new pg.Pool({ connectionString: url, max: 4 });
  return pool;
};

runStoreContract(
  'postgres over the caller’s pg.Pool',
  () => {
    const schema = freshSchema('pool');
    schemas.push(schema);
    return postgresStoreOf(ownPool(), { schema, pollIntervalMs: 200 });
  },
  {
    cleanup: async () => {
      await dropSchemas(url, schemas);
      await pool?.end();
    },
  },
);

describe('pgDriverOf(pool)', () => {
  it('leaves the caller’s pool open when the store closes', async () => {
    const mine = new pg.Pool({ connectionString: url, max: 2 });
    const schema = freshSchema('pool');
    try {
      const store = await openSqlStore(pgDriverOf(mine), { schema });
      const result = await recordFacts(store, [
        { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01', regeling: 'Participatiewet' },
      ]);
      expect(result.appended).toBe(1);
      await store.close();
      const { rows } = await mine.query(`SELECT count(*)::int AS n FROM "${schema}".events`);
      expect(rows[0]?.n).toBe(1);
    } finally {
      await mine.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await mine.end();
    }
  });
});

// The caller's @eventstore/db-client client (tests/esdb-kurrent.int.test.ts: KurrentDB's client,
// in a process of its own: both clients register the same generated protobuf classes globally).
let server: Promise<EsdbTestServer> | undefined;
const made: EventStoreDBClient[] = [];
runStoreContract(
  'esdb through the caller’s @eventstore/db-client client (test server)',
  async () => {
    server ??= startEsdbTestServer();
    const client = EventStoreDBClient.connectionString((await server).connectionString);
    made.push(client);
    return eventStoreDbStore(client, { namespace: `o${randomUUID().slice(0, 8)}.` });
  },
  {
    eventIdInOtherStream: 'not-detected',
    cleanup: async () => {
      for (const client of made) await client.dispose();
      await (await server)?.stop();
    },
  },
);

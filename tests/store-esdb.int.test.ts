// The EventStore contract (issue 4, point 4) against the EventStoreDB adapter: against a real
// server when EVENTSTOREDB_URL is set, otherwise against the loopback test server, once with
// Append and once with BatchAppend (what EventStoreDB ≥ 21.10 uses). Every store the suite opens
// gets a namespace of its own, so it starts empty on a shared server.
import { randomUUID } from 'node:crypto';
import { openEventStoreDb } from '../packages/adapters/src/esdb/index.js';
import { type EsdbTestServer, startEsdbTestServer } from './support/esdb-test-server.js';
import { runStoreContract } from './support/store-contract.js';

const realServer = process.env.EVENTSTOREDB_URL;
const namespace = (): string => `c${randomUUID().slice(0, 8)}.`;

if (realServer !== undefined) {
  // The URL may hold credentials: it is not printed.
  runStoreContract('esdb (EVENTSTOREDB_URL)', () => openEventStoreDb(realServer, { namespace: namespace() }), {
    eventIdInOtherStream: 'not-detected',
  });
} else {
  for (const batchAppend of [false, true]) {
    let server: Promise<EsdbTestServer> | undefined;
    runStoreContract(
      `esdb (test server, ${batchAppend ? 'BatchAppend' : 'Append'})`,
      async () => {
        server ??= startEsdbTestServer({ batchAppend });
        return openEventStoreDb((await server).connectionString, { namespace: namespace() });
      },
      {
        eventIdInOtherStream: 'not-detected',
        cleanup: async () => {
          await (await server)?.stop();
        },
      },
    );
  }
}

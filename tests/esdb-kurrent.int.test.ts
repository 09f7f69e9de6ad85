// Issue 14, point 2: the EventStoreDB adapter through the renamed client,
// `@kurrent/kurrentdb-client` (1.3.1), handed in by the caller (`eventStoreDbStore(client)`), passes
// the same contract suite against the loopback test server. A file of its own: this client and
// `@eventstore/db-client` register the same generated protobuf classes in one global namespace,
// so the test server (built on the latter's definitions) runs in a child process here.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { eventStoreDbStore } from '../packages/adapters/src/eventstoredb.js';
import { runStoreContract } from './support/store-contract.js';

let child: ChildProcess | undefined;
let connection: Promise<string> | undefined;
const made: KurrentDBClient[] = [];

/** Starts the test server in a child process once; its connection string. */
const serverUrl = (): Promise<string> => {
  connection ??= new Promise((resolve, reject) => {
    const started = spawn(process.execPath, ['--import', 'tsx', 'tests/support/esdb-server-child.ts'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    child = started;
    started.on('error', reject);
    started.on('exit', (code) => reject(new Error(`testserver stopte met code ${code}`)));
    if (started.stdout === null) throw new Error('geen stdout');
    createInterface({ input: started.stdout }).once('line', resolve);
  });
  return connection;
};

runStoreContract(
  'esdb through the caller’s @kurrent/kurrentdb-client client (test server)',
  async () => {
    // KurrentDB's client takes kurrentdb:// (esdb:// is the older spelling of the same string).
    const client = KurrentDBClient.connectionString((await serverUrl()).replace(/^esdb:/, 'kurrentdb:'));
    made.push(client);
    // Its types are its own; at run time the adapter uses only what both clients share (EsdbClient).
    return eventStoreDbStore(client as never, { namespace: `k${randomUUID().slice(0, 8)}.` });
  },
  {
    eventIdInOtherStream: 'not-detected',
    cleanup: async () => {
      for (const client of made) await client.dispose();
      child?.stdin?.end();
    },
  },
);

// The loopback EventStoreDB test server in a process of its own (for a client that must not
// share a process with the server's generated protobuf classes, such as KurrentDB's client):
// prints its connection string as one line on stdout and stops when stdin closes.
//   node --import tsx tests/support/esdb-server-child.ts
import { startEsdbTestServer } from './esdb-test-server.js';

const server = await startEsdbTestServer();
process.stdout.write(`${server.connectionString}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void server.stop().then(() => process.exit(0));
});

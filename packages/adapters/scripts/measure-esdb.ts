// Read throughput of the EventStoreDB adapter against the loopback test server (issue 4): seeds
// N events (default 100,000: households of 10 facts) through the adapter, then times readAll
// through the adapter (gRPC, JSON, decodeRecorded) and, for comparison, the bare client's readAll
// of $all. A measurement, not a test. The test server runs in a child process, so that (as with a
// real server) its protobuf work does not share the measured process's CPU; `--in-process` keeps
// it in this process instead.
//
//   npx tsx --conditions=@zelfredzaam/source packages/adapters/scripts/measure-esdb.ts [events] [--in-process]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { decode, type Identified } from '@zelfredzaam/domain';
import { startEsdbTestServer } from '../../../tests/support/esdb-test-server.js';
import { openEventStoreDb } from '../src/esdb/index.js';
import type { StreamWrite } from '../src/port.js';

const args = process.argv.slice(2);
const total = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const PER_HOUSEHOLD = 10;
const ROUNDS = 3;

const fact = (raw: Record<string, unknown>): Identified => {
  const decoded = decode({ ...raw, eventId: randomUUID() });
  if (decoded._tag === 'Left' || decoded.right.eventId === undefined) throw new Error('invalid fact');
  return { ...decoded.right, eventId: decoded.right.eventId };
};

const household = (i: number): StreamWrite => {
  const huishouden = `h-${String(i).padStart(6, '0')}`;
  const events = [fact({ type: 'UitkeringGestart', huishouden, datum: '2014-01-01' })];
  for (let m = 2; m < PER_HOUSEHOLD; m++) {
    const maand = `2014-${String(m).padStart(2, '0')}`;
    events.push(fact({ type: 'InkomstenOntvangen', huishouden, maand, bron: 'loondienst', bedragCent: 40_000 + m }));
  }
  events.push(fact({ type: 'InLoondienstGetreden', huishouden, datum: '2014-11-01', uitkering: 'beeindigd' }));
  return { stream: `huishouden-${huishouden}`, expectedRevision: 'no_stream', events };
};

const rate = (count: number, ms: number): string => `${Math.round((count / ms) * 1000).toLocaleString('en')} events/s`;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** The server as a child process of this script (`--serve`): it prints its connection string. */
const startServerProcess = async (): Promise<{ connectionString: string; stop(): Promise<void> }> => {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1] ?? '', '--serve'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const [connectionString] = (await once(lines, 'line')) as [string];
  return {
    connectionString,
    stop: async () => {
      child.stdin.end();
      await once(child, 'exit');
    },
  };
};

if (args.includes('--serve')) {
  const server = await startEsdbTestServer();
  console.log(server.connectionString);
  process.stdin.resume();
  await once(process.stdin, 'end');
  await server.stop();
  process.exit(0);
}

const server = args.includes('--in-process') ? await startEsdbTestServer() : await startServerProcess();
console.log(`test server ${args.includes('--in-process') ? 'in this process' : 'in a child process'}`);
const store = await openEventStoreDb(server.connectionString);
try {
  const households = Math.ceil(total / PER_HOUSEHOLD);
  let t = performance.now();
  for (let from = 0; from < households; from += 500) {
    const writes = Array.from({ length: Math.min(500, households - from) }, (_, k) => household(from + k));
    const outcomes = await store.append(writes);
    if (outcomes.some((o) => o.status !== 'ok')) throw new Error('seeding conflicted');
  }
  const appendMs = performance.now() - t;
  const seeded = households * PER_HOUSEHOLD;
  console.log(`seeded ${seeded.toLocaleString('en')} events through the adapter: ${rate(seeded, appendMs)}`);

  for (const batchSize of [1000, 10_000]) {
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      t = performance.now();
      let count = 0;
      for await (const batch of store.readAll({ batchSize })) count += batch.length;
      times.push(performance.now() - t);
      if (count !== seeded) throw new Error(`read ${count}, expected ${seeded}`);
    }
    console.log(
      `adapter readAll, batchSize ${batchSize}: median ${rate(seeded, median(times))} (${times.map((ms) => Math.round(ms)).join(', ')} ms)`,
    );
  }

  const client = EventStoreDBClient.connectionString(server.connectionString);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    t = performance.now();
    let count = 0;
    for await (const _ of client.readAll({ fromPosition: START, direction: FORWARDS })) count += 1;
    times.push(performance.now() - t);
    if (count < seeded) throw new Error(`client read ${count}`);
  }
  console.log(`bare client readAll of $all, one call: median ${rate(seeded, median(times))}`);
  await client.dispose();
} finally {
  await store.close();
  await server.stop();
}

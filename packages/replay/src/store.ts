// Replaying a PostgreSQL store into the projections' state on every core (issue 6): readAll
// decodes every row with the domain codec, and on one thread decoding and folding, not the
// database, bound the replay (bench/README). So the positions are cut into ranges, one worker
// thread reads and folds each through the store's own readAll, and the states are merged here in
// position order: a household's facts of a later range come after those of an earlier one, as in
// recorded order, so the result equals a replay on one thread (tests/replay-postgres.int.test.ts).
// PostgreSQL only: a PGlite directory belongs to one thread of one process.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { openPgDriver } from '@zelfredzaam/adapters/postgres';
import { emptyState, mergeTransferable, type ProjectionState } from '@zelfredzaam/projections';
import { stopAllOnFailure } from './parts.js';
import type { RangeMessage, RangeRequest } from './protocol.js';
import { startWorker } from './spawn.js';

export interface PostgresReplayOptions {
  /** Worker threads (default: the cores available, at most 8). */
  readonly workers?: number;
  /** Rows per page of readAll (default 10,000). */
  readonly batchSize?: number;
}

export interface PostgresReplayResult {
  readonly state: ProjectionState;
  readonly facts: number;
  /** Stored facts skipped because they no longer decode (issue 17, point 7): they count in no figure. */
  readonly unreadable: number;
  readonly workers: number;
}

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

const runRange = (request: RangeRequest, running: Set<Worker>) =>
  new Promise<Extract<RangeMessage, { kind: 'done' }>>((resolve, reject) => {
    const worker = startWorker('store-worker', request);
    running.add(worker);
    let settled = false;
    worker.on('message', (message: RangeMessage) => {
      settled = true;
      void worker.terminate();
      if (message.kind === 'done') resolve(message);
      else reject(new Error(`herafspelen uit PostgreSQL: ${message.message}`));
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      running.delete(worker);
      if (!settled) reject(new Error(`herafspelen uit PostgreSQL: werkthread stopte onverwacht (code ${code})`));
    });
  });

/**
 * Replays every event of the PostgreSQL store at `url` (postgres://…, `?schema=` as for
 * openStore) into a new state, on `workers` threads.
 */
export const replayPostgres = async (
  url: string,
  options: PostgresReplayOptions = {},
): Promise<PostgresReplayResult> => {
  const workers = Math.max(1, Math.floor(options.workers ?? Math.min(8, availableParallelism())));
  const batchSize = options.batchSize ?? 10_000;
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? 'zelfredzaam';
  if (!SCHEMA.test(schema)) throw new RangeError(`schemanaam ${JSON.stringify(schema)} ongeldig`);
  parsed.searchParams.delete('schema');
  // The store's own parameters (time limits in seconds) are not `pg`'s: the workers' openStore reads them.
  parsed.searchParams.delete('connect_timeout');
  parsed.searchParams.delete('statement_timeout');
  const driver = await openPgDriver(parsed.toString());
  let first: number;
  let last: number;
  try {
    const [row] = await driver.query(`SELECT min(position)::text, max(position)::text FROM "${schema}".events`);
    first = Number(row?.[0] ?? Number.NaN);
    last = Number(row?.[1] ?? Number.NaN);
  } finally {
    await driver.close();
  }
  const state = emptyState();
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last))
    return { state, facts: 0, unreadable: 0, workers: 0 };
  // Ranges (bounds[k], bounds[k+1]] of about equal numbers of positions.
  const span = last - first + 1;
  const bounds = Array.from({ length: workers + 1 }, (_, k) => first - 1 + Math.floor((span * k) / workers));
  const running = new Set<Worker>();
  const parts = await stopAllOnFailure(
    running,
    Promise.all(
      Array.from({ length: workers }, (_, k) =>
        runRange({ spec: url, after: String(bounds[k]), upTo: bounds[k + 1] as number, batchSize }, running),
      ),
    ),
  );
  let facts = 0;
  let unreadable = 0;
  // In position order: that keeps each household's facts in recorded order.
  for (const part of parts) {
    mergeTransferable(state, part.state);
    facts += part.facts;
    unreadable += part.unreadable;
  }
  return { state, facts, unreadable, workers };
};

// One measurement in a process of its own, so that its peak RSS is its own (run.ts starts one per
// measurement and run). Prints one JSON object on stdout; progress goes to stderr.
//   child.ts parse FILE              read in 1 MB pieces and JSON.parse every line (the baseline)
//   child.ts replay FILE YEARS       parallel replay on 2 threads + the jaarrapport of every year,
//                                    then one query, one under a kennisdatum, and live updates
//   child.ts fold FILE               fold only, over facts decoded beforehand (in batches)
//   child.ts import SPEC FILE        import through the decider into a store (pglite:DIR, postgres://…)
//   child.ts store-replay SPEC       readAll + fold from that store
//   child.ts store-select SPEC       the same rows by a plain keyset SELECT + JSON.parse
//   child.ts store-replay-parallel SPEC   PostgreSQL: readAll + fold by position ranges on 2 threads
//   child.ts query-quarter FILE YEAR  one jaarrapport over two fifths of the households (≈ 400,000 at 10M)
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { importNdjsonFile, openStore, type SqlDriver } from '../packages/adapters/src/index.js';
import { openPgliteDriver } from '../packages/adapters/src/pglite.js';
import { openPgDriver } from '../packages/adapters/src/postgres.js';
import { replayNdjsonFile, replayPart, replayPostgres } from '../packages/cli/src/replay/index.js';
import { decodeRecorded, type Recorded } from '../packages/domain/src/index.js';
import {
  apply,
  emptyState,
  jaarrapport,
  LiveRapport,
  mergeTransferable,
  type Parameters,
  type ProjectionState,
  resolveParameters,
  toTransferable,
} from '../packages/projections/src/index.js';

const CHUNK = 1 << 20;
const LF = 0x0a;

const rssMiB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const log = (line: string): void => {
  process.stderr.write(`  [${process.argv[2]}] ${line}\n`);
};
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Every line of the file as text, read in 1 MB pieces (what the baseline and the fold read). */
const forEachLine = (path: string, visit: (text: string) => void): number => {
  const buf = Buffer.allocUnsafe(2 * CHUNK);
  const fd = openSync(path, 'r');
  let lines = 0;
  try {
    let carry = 0;
    for (;;) {
      const read = readSync(fd, buf, carry, CHUNK, null);
      const end = carry + read;
      let start = 0;
      for (let lf = buf.indexOf(LF, start); lf >= 0 && lf < end; lf = buf.indexOf(LF, start)) {
        visit(buf.toString('utf8', start, lf));
        lines++;
        start = lf + 1;
      }
      if (read === 0) {
        if (end > start) {
          visit(buf.toString('utf8', start, end));
          lines++;
        }
        return lines;
      }
      buf.copy(buf, 0, start, end);
      carry = end - start;
    }
  } finally {
    closeSync(fd);
  }
};

const parameters = (jaar: number, kennisdatum?: string): Parameters => {
  const resolved = resolveParameters(
    kennisdatum === undefined ? { jaar } : { jaar, kennisdatum },
    // A fixed "today" far ahead: the peildatum is then always (Y+1)-12-31, and runs repeat.
    '2100-12-31',
  );
  if (resolved._tag === 'Left') throw new Error(resolved.left.bericht);
  return resolved.right;
};

const measureParse = (path: string) => {
  const t0 = performance.now();
  let objects = 0;
  const lines = forEachLine(path, (text) => {
    if (JSON.parse(text) !== null) objects++;
  });
  const ms = performance.now() - t0;
  return { events: objects, lines, ms, rssMiB: rssMiB() };
};

/** A late income report for an existing household: what a live dashboard receives. */
const lateIncome = (state: ProjectionState, pick: number, jaar: number): Recorded => {
  // The state also holds employers (MEETREGELS §7.1 alliances) under a key with a `/`, which no
  // household pseudonym has: skip those.
  let k = pick;
  while ((state.ids[k % state.ids.length] ?? '').includes('/')) k++;
  const huishouden = state.ids[k % state.ids.length] ?? 'h-1';
  const decoded = decodeRecorded({
    type: 'InkomstenOntvangen',
    huishouden,
    maand: `${jaar}-03`,
    bron: 'loondienst',
    bedragCent: 45_000 + (pick % 1000),
    eventId: randomUUID(),
    recordedAt: '2099-01-01T00:00:00.000Z',
  });
  if (decoded._tag === 'Left') throw new Error('the live update fact does not decode');
  return decoded.right;
};

const measureReplay = async (path: string) => {
  const t0 = performance.now();
  const result = await replayNdjsonFile(path, { workers: 2 });
  const replayedMs = performance.now() - t0;
  const { vanJaar, totJaar } = result;
  if (vanJaar === undefined || totJaar === undefined) throw new Error('no facts replayed');
  if (result.refused > 0) throw new Error(`${result.refused} lines refused: ${result.fouten[0]?.bericht}`);
  let checksum = 0;
  for (let jaar = vanJaar; jaar <= totJaar; jaar++) {
    checksum += jaarrapport(result.state, parameters(jaar)).bijstandsbestand.inJaar;
  }
  const ms = performance.now() - t0;
  const replayRss = rssMiB();
  // Where the memory is, for the RSS target: the JS heap (the household table, ids) and the
  // typed arrays (facts, derived records).
  const memory = process.memoryUsage();
  log(`replayed ${result.facts} facts in ${(ms / 1000).toFixed(2)} s`);

  // One query over the replayed state, and one under a kennisdatum (each the median of 5).
  const jaar = totJaar - 2;
  const queryMs: number[] = [];
  const kennisMs: number[] = [];
  for (let k = 0; k < 5; k++) {
    let q0 = performance.now();
    jaarrapport(result.state, parameters(jaar));
    queryMs.push(performance.now() - q0);
    q0 = performance.now();
    jaarrapport(result.state, parameters(jaar, `${jaar + 1}-06-30`));
    kennisMs.push(performance.now() - q0);
  }
  // A live update: one new fact applied and the report refreshed (median of 200).
  const live = new LiveRapport(result.state, parameters(jaar));
  const liveMs: number[] = [];
  for (let k = 0; k < 200; k++) {
    const feit = lateIncome(result.state, k * 7919, jaar);
    const l0 = performance.now();
    live.apply(feit);
    live.rapport();
    liveMs.push(performance.now() - l0);
  }
  return {
    events: result.facts,
    lines: result.lines,
    households: result.state.households,
    years: [vanJaar, totJaar],
    checksum,
    replayOnlyMs: replayedMs,
    heapUsedMiB: Math.round(memory.heapUsed / 2 ** 20),
    arrayBuffersMiB: Math.round(memory.arrayBuffers / 2 ** 20),
    ms,
    rssMiB: replayRss,
    queryMs: median(queryMs),
    kennisdatumMs: median(kennisMs),
    liveMs: median(liveMs),
    liveMaxMs: Math.max(...liveMs),
    queryRssMiB: rssMiB(),
  };
};

/**
 * One `jaarrapport` over about 400,000 households (the national scale): the households
 * of two fifths of the hash partition of the file (parts 0 and 1 of 5, merged), all their facts.
 * (The 10M demo holds about 980,000 distinct households over its years.)
 */
const measureQueryNational = (path: string, jaar: number) => {
  const state = replayPart(path, 0, 5).state;
  mergeTransferable(state, toTransferable(replayPart(path, 1, 5).state));
  jaarrapport(state, parameters(jaar));
  const queryMs: number[] = [];
  for (let k = 0; k < 5; k++) {
    const q0 = performance.now();
    jaarrapport(state, parameters(jaar));
    queryMs.push(performance.now() - q0);
  }
  return { events: state.households, households: state.households, ms: median(queryMs), rssMiB: rssMiB() };
};

/** The parallel replay from PostgreSQL: position ranges over 2 threads (store.ts). */
const measurePostgresParallel = async (spec: string) => {
  const t0 = performance.now();
  const result = await replayPostgres(spec, { workers: 2 });
  const ms = performance.now() - t0;
  return { events: result.facts, ms, households: result.state.households, rssMiB: rssMiB() };
};

/** Facts decoded in batches (so 10 million need not be held at once); only the fold is timed. */
const measureFold = (path: string) => {
  const BATCH = 250_000;
  const state = emptyState();
  let batch: Recorded[] = [];
  let foldMs = 0;
  let events = 0;
  const fold = (): void => {
    const t0 = performance.now();
    for (let i = 0; i < batch.length; i++) apply(state, batch[i] as Recorded);
    foldMs += performance.now() - t0;
    events += batch.length;
    batch = [];
  };
  forEachLine(path, (text) => {
    const decoded = decodeRecorded(JSON.parse(text));
    if (decoded._tag === 'Left') throw new Error('invalid line in the benchmark file');
    batch.push(decoded.right);
    if (batch.length === BATCH) fold();
  });
  fold();
  return { events, ms: foldMs, households: state.households, rssMiB: rssMiB() };
};

const measureImport = async (spec: string, path: string) => {
  const store = await openStore(spec);
  try {
    const t0 = performance.now();
    const result = await importNdjsonFile(store, path, {
      onProgress: (c) => {
        if (c.lines % 100_000 < 5_000) log(`${c.lines} lines`);
      },
    });
    const ms = performance.now() - t0;
    if (result.refused > 0) throw new Error(`${result.refused} refused: ${result.refusals[0]?.bericht}`);
    return { events: result.accepted + result.alreadyStored, ms, rssMiB: rssMiB() };
  } finally {
    await store.close();
  }
};

const PAGE = 10_000;

const measureStoreReplay = async (spec: string) => {
  const store = await openStore(spec);
  try {
    const state = emptyState();
    const t0 = performance.now();
    let events = 0;
    for await (const batch of store.readAll({ batchSize: PAGE })) {
      for (let i = 0; i < batch.length; i++) apply(state, (batch[i] as (typeof batch)[number]).event);
      events += batch.length;
    }
    const ms = performance.now() - t0;
    return { events, ms, households: state.households, rssMiB: rssMiB() };
  } finally {
    await store.close();
  }
};

/** A driver on the store a spec names, and the schema its tables are in. */
const driverOf = async (spec: string): Promise<{ driver: SqlDriver; schema: string }> => {
  if (spec.startsWith('pglite:'))
    return { driver: await openPgliteDriver(spec.slice('pglite:'.length)), schema: 'zelfredzaam' };
  const url = new URL(spec);
  const schema = url.searchParams.get('schema') ?? 'zelfredzaam';
  url.searchParams.delete('schema');
  return { driver: await openPgDriver(url.toString()), schema };
};

/** The rows readAll reads, by the same keyset pages (the next one fetched while one is parsed). */
const measureStoreSelect = async (spec: string) => {
  const { driver, schema } = await driverOf(spec);
  try {
    const sql = `SELECT e.position::text, e.stream, e.revision, e.event::text FROM "${schema}".events e
      WHERE e.position > $1::bigint ORDER BY e.position LIMIT ${PAGE}`;
    const t0 = performance.now();
    let events = 0;
    let next: Promise<readonly (readonly unknown[])[]> | undefined = driver.query(sql, ['0']);
    while (next !== undefined) {
      const rows: readonly (readonly unknown[])[] = await next;
      const last = rows[rows.length - 1];
      if (last === undefined) break;
      next = rows.length < PAGE ? undefined : driver.query(sql, [last[0]]);
      for (const row of rows) if (typeof row[3] === 'string' && JSON.parse(row[3]) !== null) events++;
    }
    const ms = performance.now() - t0;
    return { events, ms, rssMiB: rssMiB() };
  } finally {
    await driver.close();
  }
};

const main = async (): Promise<unknown> => {
  const [kind, a = '', b = ''] = process.argv.slice(2);
  switch (kind) {
    case 'parse':
      return measureParse(a);
    case 'replay':
      return measureReplay(a);
    case 'fold':
      return measureFold(a);
    case 'import':
      return measureImport(a, b);
    case 'store-replay':
      return measureStoreReplay(a);
    case 'store-select':
      return measureStoreSelect(a);
    case 'store-replay-parallel':
      return measurePostgresParallel(a);
    case 'query-quarter':
      return measureQueryNational(a, Number(b));
    default:
      throw new Error(`unknown measurement ${kind}`);
  }
};

process.stdout.write(`${JSON.stringify(await main())}\n`);

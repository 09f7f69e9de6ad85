// Measures import through the decider and replay, per store (issue 6 targets; not a test):
//   npx tsx --conditions=@zelfredzaam/source packages/adapters/scripts/measure-import.ts [events] [runs]
// PostgreSQL is measured when ZELFREDZAAM_PG_URL is set (each run in a fresh schema, dropped after).
// Prints one line per measurement: the median of the runs.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHistoryFile } from '../../../tests/support/history.js';
import { type EventStore, importNdjsonFile, openMemoryStore, openSqlStore, type SqlDriver } from '../src/index.js';
import { openPgliteDriver } from '../src/pglite.js';
import { openPgDriver } from '../src/postgres.js';

const events = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 3);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const rate = (count: number, ms: number): number => Math.round((count / ms) * 1000);

/** A driver whose close is left to us, so several stores can share it. */
const shared = (driver: SqlDriver): SqlDriver => ({
  kind: driver.kind,
  query: (text, params) => driver.query(text, params),
  transaction: (work) => driver.transaction(work),
  listen: (channel, onNotify) => driver.listen(channel, onNotify),
  close: async () => {},
});

interface Measured {
  importRate: number;
  readAllRate: number;
  selectRate: number | undefined;
}

const measure = async (
  file: string,
  open: (schema: string) => Promise<EventStore>,
  plainSelect: ((schema: string) => Promise<number>) | undefined,
): Promise<Measured> => {
  const schema = `m_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const store = await open(schema);
  try {
    let t0 = performance.now();
    const result = await importNdjsonFile(store, file);
    const importMs = performance.now() - t0;
    if (result.accepted + result.alreadyStored !== events || result.refused !== 0) {
      throw new Error(`import onvolledig: ${JSON.stringify({ ...result, refusals: result.refusals.slice(0, 3) })}`);
    }
    t0 = performance.now();
    let read = 0;
    for await (const batch of store.readAll({ batchSize: 10_000 })) read += batch.length;
    const readMs = performance.now() - t0;
    let selectRate: number | undefined;
    if (plainSelect !== undefined) {
      t0 = performance.now();
      const rows = await plainSelect(schema);
      selectRate = rate(rows, performance.now() - t0);
    }
    return { importRate: rate(events, importMs), readAllRate: rate(read, readMs), selectRate };
  } finally {
    await store.close();
  }
};

const report = async (
  name: string,
  file: string,
  open: (schema: string) => Promise<EventStore>,
  plainSelect?: (schema: string) => Promise<number>,
): Promise<void> => {
  const results: Measured[] = [];
  for (let i = 0; i < runs; i++) results.push(await measure(file, open, plainSelect));
  const importRate = median(results.map((r) => r.importRate));
  const readAllRate = median(results.map((r) => r.readAllRate));
  const selectRates = results.flatMap((r) => (r.selectRate === undefined ? [] : [r.selectRate]));
  const selectRate = selectRates.length === 0 ? undefined : median(selectRates);
  const vsSelect =
    selectRate === undefined
      ? ''
      : `, plain SELECT ${selectRate}/s (readAll = ${Math.round((100 * readAllRate) / selectRate)} %)`;
  console.log(
    `${name}: import through the decider ${importRate} events/s; readAll (decoded) ${readAllRate}/s${vsSelect}`,
  );
};

/** The same rows in one plain SELECT, parsed as JSON (what a reader without the port would do). */
const selectAll =
  (driver: SqlDriver) =>
  async (schema: string): Promise<number> => {
    const rows = await driver.query(
      `SELECT position::text, stream, revision, event::text FROM "${schema}".events ORDER BY position`,
    );
    let n = 0;
    for (const row of rows) if (typeof row[3] === 'string' && JSON.parse(row[3]) !== null) n++;
    return n;
  };

const main = async (): Promise<void> => {
  const dir = await mkdtemp(join(tmpdir(), 'zelfredzaam-measure-'));
  try {
    const file = join(dir, 'history.ndjson');
    await writeHistoryFile(file, events, 20_240_101, { bareEvery: 10 });
    console.log(`${events} events, ${(await stat(file)).size} bytes, median of ${runs} runs, Node ${process.version}`);
    await report('memory', file, async () => openMemoryStore());

    const pglite = await openPgliteDriver(undefined);
    await report('pglite (in memory)', file, (schema) => openSqlStore(shared(pglite), { schema }), selectAll(pglite));
    await pglite.close();

    const url = process.env.ZELFREDZAAM_PG_URL;
    if (url === undefined) {
      console.log('postgres: not measured (ZELFREDZAAM_PG_URL not set)');
    } else {
      const pg = await openPgDriver(url);
      const schemas: string[] = [];
      await report(
        'postgres',
        file,
        (schema) => {
          schemas.push(schema);
          return openSqlStore(shared(pg), { schema });
        },
        selectAll(pg),
      );
      for (const schema of schemas) await pg.query(`DROP SCHEMA "${schema}" CASCADE`);
      await pg.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

await main();

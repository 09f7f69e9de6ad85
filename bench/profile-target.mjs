// What bench/profile.ts runs under `node --cpu-prof`: one measurement against the built packages
// (dist/), whose functions keep their names and lines in a profile (code run through tsx shows
// up as anonymous functions on line 1). Plain JavaScript, so it needs no loader.
//   node --cpu-prof bench/profile-target.mjs replay|decide|decide-bron|decide-here|fold|parse FILE
//   node --cpu-prof bench/profile-target.mjs store-replay|store-replay-parallel|store-select|import SPEC [FILE]
import { closeSync, openSync, readSync } from 'node:fs';
import { importNdjsonFile, openStore } from '../packages/adapters/dist/index.js';
import { openPgDriver } from '../packages/adapters/dist/postgres.js';
import { decodeRecorded } from '../packages/domain/dist/index.js';
import { apply, BronHash, emptyState, jaarrapport, resolveParameters } from '../packages/projections/dist/index.js';
import {
  decideNdjsonFile,
  decideNdjsonFileHere,
  replayNdjsonFile,
  replayPostgres,
} from '../packages/replay/dist/index.js';

const [kind, a, b] = process.argv.slice(2);

const forEachLine = (path, visit) => {
  const buf = Buffer.allocUnsafe(2 << 20);
  const fd = openSync(path, 'r');
  let carry = 0;
  for (;;) {
    const read = readSync(fd, buf, carry, 1 << 20, null);
    const end = carry + read;
    let start = 0;
    for (let lf = buf.indexOf(10, start); lf >= 0 && lf < end; lf = buf.indexOf(10, start)) {
      visit(buf.toString('utf8', start, lf));
      start = lf + 1;
    }
    if (read === 0) break;
    buf.copy(buf, 0, start, end);
    carry = end - start;
  }
  closeSync(fd);
};

const t0 = performance.now();
let events = 0;
if (kind === 'parse') {
  forEachLine(a, (text) => {
    if (JSON.parse(text) !== null) events++;
  });
} else if (kind === 'replay') {
  const result = await replayNdjsonFile(a, { workers: 2 });
  for (let jaar = result.vanJaar; jaar <= result.totJaar; jaar++) {
    const parameters = resolveParameters({ jaar }, '2100-12-31');
    if (parameters._tag === 'Right') jaarrapport(result.state, parameters.right);
  }
  events = result.facts;
} else if (kind === 'decide' || kind === 'decide-bron' || kind === 'decide-here') {
  // report --from: the file decided through the decider (2 threads, or this one) and folded;
  // decide-bron also hashes the accepted facts for MEETREGELS §5 bron.sha256, as the command does.
  const now = new Date().toISOString();
  const hash = kind === 'decide-bron' ? { hash: new BronHash([null]) } : {};
  const result =
    kind === 'decide-here' ? decideNdjsonFileHere(a, { now }) : await decideNdjsonFile(a, { workers: 2, now, ...hash });
  events = result.accepted;
} else if (kind === 'fold') {
  const state = emptyState();
  forEachLine(a, (text) => {
    const decoded = decodeRecorded(JSON.parse(text));
    if (decoded._tag === 'Right') apply(state, decoded.right);
    events++;
  });
} else if (kind === 'store-replay') {
  const store = await openStore(a);
  const state = emptyState();
  for await (const batch of store.readAll({ batchSize: 10_000 })) {
    for (const stored of batch) apply(state, stored.event);
    events += batch.length;
  }
  await store.close();
} else if (kind === 'store-replay-parallel') {
  events = (await replayPostgres(a, { workers: 2 })).facts;
} else if (kind === 'store-select') {
  const url = new URL(a);
  const schema = url.searchParams.get('schema') ?? 'zelfredzaam';
  url.searchParams.delete('schema');
  const driver = await openPgDriver(url.toString());
  const sql = `SELECT e.position::text, e.stream, e.revision, e.event::text FROM "${schema}".events e WHERE e.position > $1::bigint ORDER BY e.position LIMIT 10000`;
  let rows = await driver.query(sql, ['0']);
  while (rows.length > 0) {
    const next = rows.length < 10_000 ? undefined : driver.query(sql, [rows[rows.length - 1][0]]);
    for (const row of rows) if (JSON.parse(row[3]) !== null) events++;
    rows = next === undefined ? [] : await next;
  }
  await driver.close();
} else if (kind === 'import') {
  const store = await openStore(a);
  events = (await importNdjsonFile(store, b)).accepted;
  await store.close();
} else {
  throw new Error(`unknown target ${kind}`);
}
const ms = performance.now() - t0;
process.stderr.write(`${kind}: ${events} events in ${Math.round(ms)} ms (${Math.round(events / (ms / 1000))}/s)\n`);

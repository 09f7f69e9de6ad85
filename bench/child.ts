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
//   child.ts decide FILE VAN TOT [bron]  `report --from`: the file decided through the decider on 2 threads
//                                    and folded, + the jaarrapport of every year VAN–TOT (issue 16); with
//                                    `bron` also MEETREGELS §5 bron.sha256, as the command computes it
//   child.ts command FILE VAN TOT    the command itself, as users run it: `node packages/cli/dist/main.js
//                                    report --from FILE --jaren VAN-TOT --format json` (built first
//                                    when stale), its wall time from start to exit (issue 16)
//   child.ts sql URL FILE YEAR       the SQL baseline: load the file into a jsonb table (COPY), then the
//                                    core figures of YEAR by SQL (sql-baseline.ts), checked against the library's
//   child.ts household N             N facts of one household decided (Tijdlijn) and folded (issue 17.4)
//   child.ts verklaring FILE YEAR     MEETREGELS §8: every member of every cell of one year, from the
//                                    replayed state (a fold that keeps eventIds), each entry made and dropped
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { importNdjsonFile, openStore, type SqlDriver } from '../packages/adapters/src/index.js';
import { openPgliteDriver } from '../packages/adapters/src/pglite.js';
import { openPgDriver } from '../packages/adapters/src/postgres.js';
import {
  decodeRecorded,
  formatInstant,
  type Identified,
  isoDateOf,
  isoMonthOf,
  type Recorded,
  type RecordedAt,
  Tijdlijn,
} from '../packages/domain/src/index.js';
import {
  apply,
  BronHash,
  emptyState,
  jaarrapport,
  jaarrapporten,
  LiveRapport,
  mergeTransferable,
  type Parameters,
  type ProjectionState,
  resolveParameters,
  toTransferable,
  verklaring,
} from '../packages/projections/src/index.js';
import { decideNdjsonFile, replayNdjsonFile, replayPart, replayPostgres } from '../packages/replay/src/index.js';

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
  const jaren = Array.from({ length: totJaar - vanJaar + 1 }, (_, k) => parameters(vanJaar + k));
  for (const r of jaarrapporten(result.state, jaren)) checksum += r.bijstandsbestand.inJaar;
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

/** MEETREGELS §8: explaining every cell of one year from the replayed state (issue 13: ≤ 2 s at 1M). */
const measureVerklaring = (path: string, jaar: number) => {
  const state = emptyState({ eventIds: true });
  let events = 0;
  forEachLine(path, (text) => {
    const decoded = decodeRecorded(JSON.parse(text));
    if (decoded._tag === 'Left') throw new Error('invalid line in the benchmark file');
    apply(state, decoded.right);
    events++;
  });
  const p = parameters(jaar);
  // The report itself is measured elsewhere: settle first, so this times the explanation.
  jaarrapport(state, p);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const v = verklaring(state, p);
  const heapNaVerzamelenMiB = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
  let leden = 0;
  let largest = 0;
  let tekens = 0;
  for (const cel of v.cellen) {
    let n = 0;
    for (const lid of v.leden(cel)) {
      n++;
      tekens += lid.toelichting.length + lid.feiten.length;
    }
    leden += n;
    largest = Math.max(largest, n);
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // For comparison (not timed): the largest cell held as a list of objects instead of streamed.
  const groot = v.cellen.reduce((a, c) => (v.aantal(c) > v.aantal(a) ? c : a), v.cellen[0] ?? '');
  const heapVoor = process.memoryUsage().heapUsed;
  const alsLijst = [...v.leden(groot)];
  const grootsteCelAlsObjectenMiB = Math.round((process.memoryUsage().heapUsed - heapVoor) / 2 ** 20);
  if (alsLijst.length !== v.aantal(groot)) throw new Error('largest cell: count differs');
  const cpuMs = (cpu.user + cpu.system) / 1000;
  log(
    `${leden} members in ${v.cellen.length} cells (largest ${largest}) in ${(ms / 1000).toFixed(2)} s (CPU ${(cpuMs / 1000).toFixed(2)} s)`,
  );
  return {
    events,
    ms,
    cpuMs,
    cellen: v.cellen.length,
    leden,
    largest,
    tekens,
    heapNaVerzamelenMiB,
    grootsteCelAlsObjectenMiB,
    rssMiB: rssMiB(),
  };
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

/** `report --from FILE --jaren VAN-TOT`: decided on 2 threads and folded, then every year's report. */
const measureDecide = async (path: string, van: number, tot: number, bron: boolean) => {
  const t0 = performance.now();
  const hash = bron ? new BronHash([null]) : undefined;
  const result = await decideNdjsonFile(path, {
    workers: 2,
    now: formatInstant(Date.now()) as RecordedAt,
    ...(hash === undefined ? {} : { hash }),
  });
  const decidedMs = performance.now() - t0;
  if (result.refused > 0) throw new Error(`${result.refused} lines refused: ${result.refusals[0]?.bericht}`);
  // The years in one pass, as the command makes them (jaarrapporten).
  const jaren = Array.from({ length: tot - van + 1 }, (_, k) => parameters(van + k));
  let checksum = 0;
  for (const r of jaarrapporten(result.state, jaren)) checksum += r.bijstandsbestand.inJaar;
  const ms = performance.now() - t0;
  log(`decided ${result.accepted} facts in ${(ms / 1000).toFixed(2)} s`);
  return {
    events: result.accepted,
    ms,
    decidedMs,
    checksum,
    ...(hash === undefined ? {} : { bron: hash.sha256(null) }),
    workers: result.workers,
    userCpuMs: process.cpuUsage().user / 1000,
    rssMiB: rssMiB(),
  };
};

/**
 * `zelfredzaam report --from FILE --jaren VAN-TOT --format json` as users run it: the built
 * command in a process of its own (Node's start, the CLI's modules, the worker threads, the
 * decider, every year's report with §5 bron.sha256, the JSON written), timed from spawn to exit.
 */
const measureCommand = async (path: string, van: number, tot: number) => {
  const root = join(import.meta.dirname, '..');
  const { stalePackages } = await import('../scripts/build-state.mjs');
  if (stalePackages(root).length > 0) {
    log('building (tsc -b) …');
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', join(root, 'packages/cli')], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const command = [
    join(root, 'packages/cli/dist/main.js'),
    'report',
    '--from',
    path,
    '--jaren',
    `${van}-${tot}`,
    '--format',
    'json',
  ];
  // GNU time, when the machine has it, gives the command's own peak RSS (this process's is not it).
  const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const t0 = performance.now();
  const run = spawnSync(
    time ?? process.execPath,
    time === undefined ? command : ['-f', `${RSS_MARK}%M`, process.execPath, ...command],
    { cwd: root, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const ms = performance.now() - t0;
  const stderr = run.stderr.toString('utf8');
  const mark = stderr.lastIndexOf(RSS_MARK);
  process.stderr.write(mark < 0 ? stderr : stderr.slice(0, mark));
  if (run.status !== 0) throw new Error(`the command exited with ${run.status}`);
  const rapporten = JSON.parse(run.stdout.toString('utf8')) as { bron: { feiten: number } }[];
  const events = rapporten[0]?.bron.feiten ?? 0;
  log(`the command: ${events} facts, ${rapporten.length} years in ${(ms / 1000).toFixed(2)} s`);
  const kib = mark < 0 ? Number.NaN : Number.parseInt(stderr.slice(mark + RSS_MARK.length), 10);
  return { events, ms, years: rapporten.length, rssMiB: Math.round(kib / 1024) };
};

/** Where GNU time's report of the command's peak RSS (KiB) starts on its stderr. */
const RSS_MARK = 'zelfredzaam-bench-maxrss ';

/**
 * The SQL baseline (issue 16): the file loaded into a jsonb table of the same PostgreSQL, then the
 * core figures of one year by SQL, checked against the library's for that year.
 */
const measureSql = async (url: string, path: string, jaar: number) => {
  const { loadJsonb, coreFigures } = await import('./sql-baseline.js');
  const driver = await openPgDriver(url);
  const schema = `sql_baseline_${process.pid}`;
  try {
    await driver.query("SET work_mem = '256MB'");
    await driver.query('SET enable_nestloop = off');
    const t0 = performance.now();
    const rows = await loadJsonb(driver, schema, path);
    const loadMs = performance.now() - t0;
    const q0 = performance.now();
    const figures = await coreFigures(driver, schema, jaar);
    const ms = performance.now() - q0;
    // The library's figures of the same year, from a replay of the same file.
    const replayed = await replayNdjsonFile(path, { workers: 2 });
    const report = jaarrapport(replayed.state, parameters(jaar));
    const library = {
      volledigeUitstroom: report.volledigeUitstroom,
      duurzaamheid: report.duurzaamheid,
      gedeeltelijkeUitstroom: report.gedeeltelijkeUitstroom,
      gemiddeldInkomen: report.gemiddeldInkomen,
    };
    const same = JSON.stringify(library) === JSON.stringify(figures);
    if (!same)
      log(`SQL baseline differs from the library:\n  sql ${JSON.stringify(figures)}\n  lib ${JSON.stringify(library)}`);
    return { events: rows, ms, loadMs, same, jaar, figures, rssMiB: rssMiB() };
  } finally {
    await driver.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await driver.close();
  }
};

/**
 * Issue 17, point 4: one household of N facts (a source that maps many people to one id) decided
 * fact by fact on its timeline and folded. Spells of a few days, income reports, a late
 * registration every tenth fact.
 */
const measureHousehold = (n: number) => {
  const facts: Identified[] = [];
  const H = 'h-een-huishouden';
  let day = Date.UTC(1990, 0, 1) / 86_400_000;
  for (let i = 0; facts.length < n; i++) {
    const phase = i % 4;
    const datum = isoDateOf(day + (phase === 3 ? 2 : phase === 1 ? 1 : 0));
    const month = 1990 * 12 + Math.floor((day - Date.UTC(1990, 0, 1) / 86_400_000) / 31);
    const base = { huishouden: H, eventId: `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000` };
    facts.push(
      (phase === 0
        ? { type: 'UitkeringGestart', ...base, datum }
        : phase === 1
          ? { type: 'InLoondienstGetreden', ...base, datum, uitkering: 'loopt-door' }
          : phase === 2
            ? {
                type: 'InkomstenOntvangen',
                ...base,
                maand: isoMonthOf(i % 10 === 2 ? month - 6 : month),
                bron: 'loondienst',
                bedragCent: 100,
              }
            : { type: 'UitkeringBeeindigd', ...base, datum, reden: 'overig' }) as Identified,
    );
    if (phase === 3) day += 3;
  }
  const recordedAt = formatInstant(Date.UTC(2020, 0, 1)) as RecordedAt;
  const t0 = performance.now();
  const tijdlijn = new Tijdlijn();
  const state = emptyState();
  let accepted = 0;
  for (const feit of facts) {
    if (tijdlijn.beslis(feit) === 'nieuw') {
      apply(state, { ...feit, recordedAt } as Recorded);
      accepted++;
    }
  }
  const ms = performance.now() - t0;
  return { events: n, accepted, ms, rssMiB: rssMiB() };
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
    case 'decide':
      return measureDecide(a, Number(b), Number(process.argv[5]), process.argv[6] === 'bron');
    case 'command':
      return measureCommand(a, Number(b), Number(process.argv[5]));
    case 'sql':
      return measureSql(a, b, Number(process.argv[5]));
    case 'household':
      return measureHousehold(Number(a));
    case 'verklaring':
      return measureVerklaring(a, Number(b));
    default:
      throw new Error(`unknown measurement ${kind}`);
  }
};

process.stdout.write(`${JSON.stringify(await main())}\n`);

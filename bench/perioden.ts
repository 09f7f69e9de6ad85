// Issue 15 bench line: import-perioden of 1,000,000 period rows with 2,000,000 income rows into
// PostgreSQL (a throwaway server from scripts/pg-throwaway.sh unless ZELFREDZAAM_PG_URL is set),
// through the decider, with the heap sampled every 100 ms. Then a second import of the same
// files (the re-import: nothing to add) is measured too.
//
//   pnpm bench:perioden                    # 1M periods + 2M income rows
//   pnpm bench:perioden --periods 100000   # smaller
//   pnpm bench:perioden --profiel /tmp/p   # also a CPU profile of each measure (import.cpuprofile, …)
//   pnpm bench:perioden --alleen import    # only the first import (no re-import)
//
// Prints one JSON line per measure on stdout (progress on stderr) and appends it to
// bench/data/perioden-results.json (gitignored, beside the generated files).
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importPerioden } from '../packages/adapters/src/index.js';
import { openPgDriver, openPostgresStore } from '../packages/adapters/src/postgres.js';
import { isoDateOf, isoMonthOf, monthIndexOfDay } from '../packages/domain/src/index.js';

const ROOT = join(import.meta.dirname, '..');
const DATA = join(import.meta.dirname, 'data');
const log = (s: string): void => void process.stderr.write(`${s}\n`);

const { values } = parseArgs({
  options: {
    periods: { type: 'string' },
    'per-ronde': { type: 'string' },
    profiel: { type: 'string' },
    alleen: { type: 'string' },
  },
});
const PERIODS = Number(values.periods ?? 1_000_000);
const INCOME = PERIODS * 2;
/** Households per round: the library's default unless given. */
const PER_RONDE = values['per-ronde'] === undefined ? undefined : Number(values['per-ronde']);

/** A small PRNG: the files are the same on every machine. */
const prng = (seed: number) => {
  let a = seed >>> 0;
  return (n: number): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
};

const REDENEN = ['UO01', 'UO02', 'UO03', 'BE01', 'BE02', 'BE03'];

/**
 * Households of 1–4 periods (2.5 on average) from 2010 on, the last one open now and then;
 * income rows (some split in two rows of one month) in months with bijstand, in month order
 * (as case systems sort income), periods in household order.
 */
const writeFiles = async (periodsPath: string, incomePath: string): Promise<void> => {
  const r = prng(15);
  const p = createWriteStream(periodsPath);
  const income: string[][] = [];
  p.write('huishouden;begindatum;einddatum;reden;regeling;opmerking\n');
  let periods = 0;
  let incomeRows = 0;
  const start = 14_610; // 2010-01-01
  for (let h = 0; periods < PERIODS; h++) {
    const id = `h-${String(h).padStart(7, '0')}`;
    let day = start + r(1500);
    const n = 1 + r(4);
    for (let k = 0; k < n && periods < PERIODS; k++) {
      const open = k === n - 1 && r(4) === 0;
      const end = open ? undefined : day + 30 + r(700);
      const reden = REDENEN[r(REDENEN.length)] as string;
      const line = `${id};${isoDateOf(day)};${end === undefined ? '' : isoDateOf(end)};${end === undefined ? '' : reden};Participatiewet;\n`;
      if (!p.write(line)) await new Promise<void>((resolve) => p.once('drain', () => resolve()));
      periods++;
      // Two income rows per period on average, in its months.
      const last = end === undefined ? day + 365 : end - 1;
      const months = monthIndexOfDay(last) - monthIndexOfDay(day) + 1;
      for (let i = 0; i < 2 && incomeRows < INCOME; i++) {
        const month = monthIndexOfDay(day) + r(months);
        const bucket = month - 480 * 12;
        income[bucket] ??= [];
        (income[bucket] as string[]).push(`${id},${isoMonthOf(month)},loondienst,${100 + r(900)},${r(100)}`);
        incomeRows++;
      }
      if (end === undefined) break;
      day = end + r(200);
    }
  }
  await new Promise<void>((resolve) => p.end(() => resolve()));
  const i = createWriteStream(incomePath);
  i.write('huishouden,maand,bron,bedrag\n');
  for (const rows of income) {
    for (const row of rows ?? [])
      if (!i.write(`${row}\n`)) await new Promise<void>((resolve) => i.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => i.end(() => resolve()));
  log(`bench: wrote ${periods} period rows and ${incomeRows} income rows`);
};

interface Postgres {
  readonly url: string;
  /** The throwaway cluster's directory (its server's CPU time is measured), if we started it. */
  readonly dir: string | undefined;
  readonly stop: () => void;
}

const statFields = async (pid: string): Promise<string[] | undefined> => {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // From field 3 (state) on: field N of proc(5) is at index N − 3.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
};

/**
 * CPU seconds used so far by the throwaway server: the postmaster and its live children (backends,
 * walwriter, checkpointer, …) and the children that have exited (the postmaster's cutime and
 * cstime). Undefined when the server is not ours.
 */
const serverCpuSeconds = async (dir: string | undefined): Promise<number | undefined> => {
  if (dir === undefined) return undefined;
  try {
    const postmaster = (await readFile(join(dir, 'data', 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '';
    const own = await statFields(postmaster);
    if (own === undefined) return undefined;
    let ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(own[i] ?? 0), 0);
    for (const pid of await readdir('/proc')) {
      if (!/^\d+$/.test(pid) || pid === postmaster) continue;
      const fields = await statFields(pid);
      if (fields?.[1] === postmaster) ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    }
    return ticks / 100;
  } catch {
    return undefined;
  }
};

const startPostgres = (): Postgres => {
  const given = process.env.ZELFREDZAAM_PG_URL;
  if (given !== undefined && given !== '') return { url: given, dir: undefined, stop: () => {} };
  const script =
    'source scripts/pg-throwaway.sh && pg_throwaway_start && echo "$ZELFREDZAAM_PG_URL|$PG_THROWAWAY_DIR|$PG_THROWAWAY_BIN"';
  const [url = '', dir = '', bin = ''] =
    execFileSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()?.split('|') ?? [];
  return {
    url,
    dir,
    stop: () =>
      execFileSync(
        'bash',
        [
          '-c',
          'source scripts/pg-throwaway.sh && PG_THROWAWAY_DIR="$1" PG_THROWAWAY_BIN="$2" pg_throwaway_stop',
          '_',
          dir,
          bin,
        ],
        { cwd: ROOT, stdio: 'inherit' },
      ),
  };
};

const measure = async (pg: Postgres, url: string, periodsPath: string, incomePath: string, label: string) => {
  const serverBefore = await serverCpuSeconds(pg.dir);
  const store = await openPostgresStore(url);
  const samples: number[] = [];
  // With --expose-gc (set by `pnpm bench:perioden`), the live heap after a full collection every 5 s.
  const live: number[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  let maxExternal = 0;
  let tick = 0;
  const timer = setInterval(() => {
    if (gc !== undefined && ++tick % 50 === 0) {
      gc();
      live.push(process.memoryUsage().heapUsed);
    }
    const m = process.memoryUsage();
    samples.push(m.heapUsed);
    maxExternal = Math.max(maxExternal, m.external + m.arrayBuffers);
  }, 100);
  const profiler = values.profiel === undefined ? undefined : new Session();
  if (profiler !== undefined) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
    // Every allocation sampled, also what the collector has freed: where the garbage comes from.
    await profiler.post('HeapProfiler.startSampling', {
      samplingInterval: 64 * 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  const started = performance.now();
  const cpu = process.cpuUsage();
  let refusals = 0;
  // When both files are read (the reconciling rounds start): wall and Node CPU seconds so far.
  let read: { readonly seconds: number; readonly cpuSeconds: number } | undefined;
  let outcome: Record<string, unknown>;
  try {
    const result = await importPerioden(store, {
      bron: 'bench',
      peilmoment: '2015-01-31',
      redenen: {
        naam: 'bench',
        codes: new Map([
          ['UO01', 'loondienst'],
          ['UO02', 'onderneming'],
          ['UO03', 'opleiding'],
          ['BE01', 'verhuizing'],
          ['BE02', 'andere-uitkering'],
          ['BE03', 'overig'],
        ]),
      },
      perioden: { naam: 'perioden.csv', stream: createReadStream(periodsPath, { highWaterMark: 1 << 20 }) },
      inkomsten: { naam: 'inkomsten.csv', stream: createReadStream(incomePath, { highWaterMark: 1 << 20 }) },
      ...(PER_RONDE === undefined ? {} : { huishoudensPerRonde: PER_RONDE }),
      onVoortgang: (rijen) => {
        if (read === undefined && rijen >= PERIODS + INCOME) {
          const used = process.cpuUsage(cpu);
          read = { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
        }
      },
      onWeigering: (w) => {
        if (refusals++ < 5) log(w.bericht);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const sorted = [...samples].sort((a, b) => a - b);
    const mb = (n: number) => Math.round(n / 1e6);
    outcome = {
      measure: label,
      periodRows: PERIODS,
      incomeRows: INCOME,
      seconds: Math.round(seconds * 10) / 10,
      nodeCpuSeconds: Math.round((process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e5) / 10,
      rowsPerSecond: Math.round(result.rijen / seconds),
      readSeconds: read === undefined ? undefined : Math.round(read.seconds * 10) / 10,
      readNodeCpuSeconds: read === undefined ? undefined : Math.round(read.cpuSeconds * 10) / 10,
      factsAppended: result.feitenToegevoegd,
      householdsReconciled: result.huishoudensVerzoend,
      householdsSkipped: result.huishoudensOvergeslagen,
      heapMB: {
        p10: mb(sorted[Math.floor(sorted.length / 10)] ?? 0),
        p50: mb(sorted[Math.floor(sorted.length / 2)] ?? 0),
        p90: mb(sorted[Math.floor((sorted.length * 9) / 10)] ?? 0),
        max: mb(sorted[sorted.length - 1] ?? 0),
      },
      liveHeapAfterGcMB: live.map(mb),
      externalMaxMB: mb(maxExternal),
      compactRowsMB: mb(result.rijBytes),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1000),
    };
  } finally {
    clearInterval(timer);
    await store.close();
    if (profiler !== undefined && values.profiel !== undefined) {
      const { profile } = await profiler.post('Profiler.stop');
      await mkdir(values.profiel, { recursive: true });
      await writeFile(join(values.profiel, `${label}.cpuprofile`), JSON.stringify(profile));
      const heap = await profiler.post('HeapProfiler.stopSampling');
      await writeFile(join(values.profiel, `${label}.heapprofile`), JSON.stringify(heap.profile));
      profiler.disconnect();
    }
  }
  // The closed connections' backends are reaped by the postmaster shortly after.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const serverAfter = await serverCpuSeconds(pg.dir);
  const serverCpu =
    serverBefore === undefined || serverAfter === undefined
      ? undefined
      : Math.round((serverAfter - serverBefore) * 10) / 10;
  return { ...outcome, serverCpuSeconds: serverCpu };
};

const main = async (): Promise<void> => {
  await mkdir(DATA, { recursive: true });
  const periodsPath = join(DATA, `perioden-${PERIODS}.csv`);
  const incomePath = join(DATA, `inkomsten-${INCOME}.csv`);
  if (!existsSync(periodsPath) || !existsSync(incomePath)) await writeFiles(periodsPath, incomePath);
  const pg = startPostgres();
  const schema = `perioden_${Date.now()}`;
  const u = new URL(pg.url);
  u.searchParams.set('schema', schema);
  const results = [];
  try {
    for (const label of values.alleen === 'import' ? ['import'] : ['import', 're-import']) {
      log(`bench: ${label}…`);
      const line = {
        ...(await measure(pg, u.toString(), periodsPath, incomePath, label)),
        date: new Date().toISOString(),
        cpus: cpus().length,
        load: loadavg()[0],
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
      results.push(line);
    }
  } finally {
    const driver = await openPgDriver(pg.url);
    await driver.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await driver.close();
    pg.stop();
  }
  const file = join(DATA, 'perioden-results.json');
  const previous: unknown[] = existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as unknown[]) : [];
  await writeFile(file, `${JSON.stringify([...previous, ...results], null, 2)}\n`);
};

await main();

// `pnpm bench` (issue 6): national-scale replay, measured side by side. Generates the demo
// histories (data.ts), then runs every measurement of child.ts in a fresh process per run —
// the runs interleaved, so load from elsewhere spreads over all of them — and reports the median
// of each. Writes bench/results.json and prints a markdown table; progress goes to stderr.
//   pnpm bench [--full] [--tiers 100k,1M,10M] [--runs N] [--stores 100k,1M] [--no-stores]
// --full adds the 10M tier. The stores (PGlite, PostgreSQL) are measured up to 1M by default:
// importing 10M facts through the decider takes several minutes per store and run.
// PostgreSQL: ZELFREDZAAM_PG_URL, else a throwaway server (scripts/pg-throwaway.sh) for the run.
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, freemem, loadavg, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DATA_DIR, type DataFile, ensureData, ensureForeignData, TIERS, type Tier } from './data.js';
import { type Measure, type Result, renderTables, type TierResult } from './table.js';
import { evaluateTargets } from './targets.js';

const ROOT = join(import.meta.dirname, '..');
const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

const { values: flags } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    tiers: { type: 'string' },
    runs: { type: 'string', default: '3' },
    stores: { type: 'string' },
    'no-stores': { type: 'boolean', default: false },
  },
});

const runs = Number(flags.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs ${flags.runs}: expected a whole number ≥ 1`);
const tierNames = (flags.tiers ?? (flags.full ? '100k,1M,10M' : '100k,1M')).split(',');
const tiers: Tier[] = tierNames.map((name) => {
  const tier = TIERS.find((t) => t.name.toLowerCase() === name.trim().toLowerCase());
  if (tier === undefined)
    throw new Error(`--tiers: unknown tier ${name} (known: ${TIERS.map((t) => t.name).join(', ')})`);
  return tier;
});
const storeTiers = new Set(
  flags['no-stores'] ? [] : (flags.stores ?? '100k,1M').split(',').map((s) => s.trim().toLowerCase()),
);

/** Runs child.ts in a fresh Node process with this process's loader flags; its JSON result. */
const child = (args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Record<string, unknown>> =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...process.execArgv, join(import.meta.dirname, 'child.ts'), ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (code !== 0) reject(new Error(`child ${args.join(' ')} exited with ${code}`));
      else {
        try {
          resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as Record<string, unknown>);
        } catch (error) {
          reject(error);
        }
      }
    });
  });

interface Postgres {
  readonly url: string;
  readonly stop: () => void;
}

/** The PostgreSQL to measure: ZELFREDZAAM_PG_URL, or a throwaway server started for this run. */
const startPostgres = (): Postgres | undefined => {
  const given = process.env.ZELFREDZAAM_PG_URL;
  if (given !== undefined && given !== '') return { url: given, stop: () => {} };
  try {
    const script =
      'source scripts/pg-throwaway.sh && pg_throwaway_start && echo "$ZELFREDZAAM_PG_URL|$PG_THROWAWAY_DIR|$PG_THROWAWAY_BIN"';
    const [url = '', dir = '', bin = ''] =
      execFileSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()?.split('|') ?? [];
    log(`postgres: throwaway server at ${url}`);
    return {
      url,
      stop: () => {
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
        );
        log('postgres: throwaway server stopped');
      },
    };
  } catch (error) {
    log(`postgres: not measured (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    return undefined;
  }
};

const schemaUrl = (url: string, schema: string): string => {
  const u = new URL(url);
  u.searchParams.set('schema', schema);
  return u.toString();
};

const dropSchema = async (url: string, schema: string): Promise<void> => {
  const { openPgDriver } = await import('../packages/adapters/src/postgres.js');
  const driver = await openPgDriver(url);
  try {
    await driver.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await driver.close();
  }
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const num = (r: Record<string, unknown>, key: string): number => {
  const v = r[key];
  return typeof v === 'number' ? v : Number.NaN;
};

/** The median of each measure over the runs. */
const summarise = (name: Measure, samples: readonly Record<string, unknown>[], time = 'ms'): Result => {
  const events = median(samples.map((s) => num(s, 'events')));
  const ms = median(samples.map((s) => num(s, time)));
  return {
    measure: name,
    events,
    ms,
    rate: Math.round(events / (ms / 1000)),
    rssMiB: median(samples.map((s) => num(s, 'rssMiB'))),
    runs: samples.length,
    samplesMs: samples.map((s) => Math.round(num(s, time) * 1000) / 1000),
    loads: samples.map((s) => num(s, 'load')),
  };
};

const measureTier = async (tier: Tier, data: DataFile, postgres: Postgres | undefined): Promise<TierResult> => {
  const samples = new Map<Measure, Record<string, unknown>[]>();
  // Each sample keeps the 1-minute load average when it was taken: other work on the machine
  // shows up here.
  const add = (name: Measure, sample: Record<string, unknown>): void => {
    const load = Math.round((loadavg()[0] ?? 0) * 100) / 100;
    samples.set(name, [...(samples.get(name) ?? []), { ...sample, load }]);
  };
  const withStores = storeTiers.has(tier.name.toLowerCase());
  // The foreign form of the file: up to 1M (the national tier measures the library's own files).
  const foreign = tier.events <= 1_000_000 ? await ensureForeignData(data, log) : undefined;
  let sqlCheck: { jaar: number; same: boolean; figures: unknown } = { jaar: 0, same: true, figures: undefined };
  for (let run = 1; run <= runs; run++) {
    log(`── ${tier.name}, run ${run}/${runs} (load ${loadavg()[0]?.toFixed(2)})`);
    add('parse', await child(['parse', data.path]));
    const replay = await child(['replay', data.path]);
    add('replay', replay);
    add('fold', await child(['fold', data.path]));
    add('query', { ...replay, ms: replay.queryMs, rssMiB: replay.queryRssMiB, events: replay.households });
    add('kennisdatum', { ...replay, ms: replay.kennisdatumMs, rssMiB: replay.queryRssMiB, events: replay.households });
    add('live', { ...replay, ms: replay.liveMs, rssMiB: replay.queryRssMiB, events: 1 });
    // Issue 16: what users run on files of other programs, beside what they would use instead.
    const years = Array.isArray(replay.years) ? (replay.years as number[]) : [];
    const [van = 2000, tot = 2017] = years;
    if (foreign !== undefined) {
      add('parseForeign', await child(['parse', foreign.path]));
      add('replayForeign', await child(['replay', foreign.path]));
      add('decideForeign', await child(['decide', foreign.path, String(van), String(tot)]));
      add('commandForeign', await child(['command', foreign.path, String(van), String(tot)]));
    }
    add('household', await child(['household', '100000']));
    if (postgres !== undefined && tier.events <= 1_000_000) {
      const sql = await child(['sql', postgres.url, data.path, String(Math.max(van, tot - 3))]);
      add('sqlLoad', { ...sql, ms: sql.loadMs });
      add('sqlYear', sql);
      sqlCheck = { jaar: Number(sql.jaar), same: sqlCheck.same && sql.same === true, figures: sql.figures };
    }
    // Issue 13: every member of every cell of one year (MEETREGELS §8), from the replayed state.
    add(
      'verklaring',
      await child(['verklaring', data.path, String(typeof years[1] === 'number' ? years[1] - 2 : 2015)]),
    );
    if (tier.events >= 10_000_000) {
      const years = Array.isArray(replay.years) ? replay.years : [];
      const jaar = typeof years[1] === 'number' ? years[1] - 2 : 2015;
      add('queryQuarter', await child(['query-quarter', data.path, String(jaar)]));
      // What `report --from` holds at national scale (its time and peak RSS), beside the replay's.
      add('commandNational', await child(['command', data.path, String(van), String(tot)]));
    }
    if (!withStores) continue;
    const dir = join(DATA_DIR, `pglite-${tier.name}-${run}`);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    try {
      const spec = `pglite:${dir}`;
      add('pgliteImport', await child(['import', spec, data.path]));
      add('pgliteReplay', await child(['store-replay', spec]));
      add('pgliteSelect', await child(['store-select', spec]));
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(`${dir}.lock`, { force: true });
    }
    if (postgres !== undefined) {
      const schema = `bench_${tier.name.toLowerCase()}_${run}_${process.pid}`;
      const spec = schemaUrl(postgres.url, schema);
      try {
        add('postgresImport', await child(['import', spec, data.path]));
        add('postgresReplay', await child(['store-replay', spec]));
        add('postgresReplayParallel', await child(['store-replay-parallel', spec]));
        add('postgresSelect', await child(['store-select', spec]));
      } finally {
        await dropSchema(postgres.url, schema);
      }
    }
  }
  const replaySample = samples.get('replay')?.[0] ?? {};
  const results: Result[] = [];
  for (const [name, list] of samples) results.push(summarise(name, list));
  const replays = samples.get('replay') ?? [];
  return {
    tier: tier.name,
    events: data.events,
    bytes: data.bytes,
    households: num(replaySample, 'households'),
    years: replaySample.years,
    // Where the replay's memory is (median over the runs): JS heap, and typed arrays.
    ...(sqlCheck.figures === undefined ? {} : { sql: sqlCheck }),
    replayMemory: {
      heapUsedMiB: median(replays.map((r) => num(r, 'heapUsedMiB'))),
      arrayBuffersMiB: median(replays.map((r) => num(r, 'arrayBuffersMiB'))),
      replayOnlyMs: median(replays.map((r) => num(r, 'replayOnlyMs'))),
    },
    results,
  };
};

const main = async (): Promise<void> => {
  const started = new Date();
  const loadBefore = loadavg();
  log(
    `bench: tiers ${tiers.map((t) => t.name).join(', ')}, ${runs} runs each, stores up to ${[...storeTiers].join(', ') || 'none'}`,
  );
  const files = new Map<string, DataFile>();
  for (const tier of tiers) files.set(tier.name, await ensureData(tier, log));
  const postgres = tiers.some((t) => storeTiers.has(t.name.toLowerCase())) ? startPostgres() : undefined;
  const tierResults: TierResult[] = [];
  try {
    for (const tier of tiers) {
      const data = files.get(tier.name);
      if (data !== undefined) tierResults.push(await measureTier(tier, data, postgres));
    }
  } finally {
    postgres?.stop();
  }
  const cpu = cpus();
  const machine = {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    ramGiB: Math.round(totalmem() / 2 ** 30),
    freeGiBAtStart: Math.round(freemem() / 2 ** 30),
    os: type(),
    node: process.version,
    date: started.toISOString(),
    durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
    loadBefore: loadBefore.map((l) => Math.round(l * 100) / 100),
    loadAfter: loadavg().map((l) => Math.round(l * 100) / 100),
    runs,
  };
  const targets = evaluateTargets(tierResults);
  const results = { machine, tiers: tierResults, targets };
  await writeFile(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(renderTables(results));
  log('bench: wrote bench/results.json');
};

await main();

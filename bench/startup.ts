// Start-up of the built `zelfredzaam` command (issue 14, point 4): `--help` and `--version`
// (targets ≤ 0.4 s) and `report` on a small PGlite store, end to end (target ≤ 2 s). Each
// measure is a fresh `node packages/cli/dist/main.js …` process, as the installed bin runs;
// the figures are the medians of the runs: wall clock (the target) and the process's CPU.
//   pnpm bench:startup [--runs N]
// Builds first (tsc -b). Writes bench/startup-results.json and prints a table.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const MAIN = join(ROOT, 'packages/cli/dist/main.js');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Math.max(1, Number(values.runs));

interface Sample {
  readonly wallMs: number;
  /** User + system CPU of the process (from /usr/bin/time when the machine has it): less hostage to other load than the wall clock. */
  readonly cpuMs: number | undefined;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** One run of `node args` in a fresh process. */
const sample = (nodeArgs: readonly string[], what: string): Sample => {
  const started = performance.now();
  const result =
    TIME === undefined
      ? spawnSync(process.execPath, nodeArgs, { stdio: ['ignore', 'ignore', 'pipe'] })
      : spawnSync(TIME, ['-f', 'cpu %U %S', process.execPath, ...nodeArgs], { stdio: ['ignore', 'ignore', 'pipe'] });
  const wallMs = performance.now() - started;
  const stderr = result.stderr.toString();
  if (result.status !== 0) throw new Error(`${what}: exit ${result.status}: ${stderr.slice(0, 500)}`);
  const cpu = /cpu (\d+\.\d+) (\d+\.\d+)\s*$/.exec(stderr);
  return { wallMs, cpuMs: cpu === null ? undefined : (Number(cpu[1]) + Number(cpu[2])) * 1000 };
};

/** One run of the built command. */
const timed = (args: readonly string[]): Sample => sample([MAIN, ...args], `zelfredzaam ${args.join(' ')}`);

/** Node itself starting and ending, for comparison. */
const bareNode = (): Sample => sample(['-e', '0'], 'node -e 0');

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

process.stderr.write('bouwen (tsc -b)…\n');
execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'packages/cli'], {
  cwd: ROOT,
  stdio: 'inherit',
});

const dir = mkdtempSync(join(tmpdir(), 'zelfredzaam-startup-'));
const store = `pglite:${join(dir, 'store')}`;
const load = loadavg()[0] ?? 0;
try {
  process.stderr.write('een kleine PGlite-store vullen (demo, 300 huishoudens)…\n');
  const setup = spawnSync(process.execPath, [MAIN, 'demo', '--huishoudens', '300', '--store', store], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (setup.status !== 0) throw new Error(`demo: exit ${setup.status}`);
  // Opened once more untimed: the first open after creation may still settle files.
  timed(['report', '--jaar', '2014', '--store', store]);

  const measures: readonly (readonly [string, readonly string[], number])[] = [
    ['zelfredzaam --help', ['--help'], 400],
    ['zelfredzaam --version', ['--version'], 400],
    ['zelfredzaam report --jaar 2014 (small PGlite store)', ['report', '--jaar', '2014', '--store', store], 2000],
    ['node -e 0 (Node itself, for comparison)', [], Number.NaN],
  ];
  const rows = measures.map(([name, args, target]) => {
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) samples.push(args.length === 0 ? bareNode() : timed(args));
    const wall = median(samples.map((x) => x.wallMs));
    const cpuTimes = samples.flatMap((x) => (x.cpuMs === undefined ? [] : [x.cpuMs]));
    const cpu = cpuTimes.length === 0 ? undefined : Math.round(median(cpuTimes));
    return {
      name,
      medianMs: Math.round(wall),
      targetMs: target,
      met: Number.isNaN(target) ? undefined : wall <= target,
      cpuMs: cpu,
      samples,
    };
  });
  const machine = {
    cpu: cpus()[0]?.model ?? '?',
    cores: cpus().length,
    node: process.version,
    loadBefore: load,
    loadAfter: loadavg()[0] ?? 0,
  };
  writeFileSync(
    join(ROOT, 'bench/startup-results.json'),
    `${JSON.stringify({ date: new Date().toISOString(), machine, runs, rows }, null, 2)}\n`,
  );
  process.stdout.write(
    `\nMeasured ${new Date().toISOString().slice(0, 10)} on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; median of ${runs} runs, each a fresh process; load average ${machine.loadBefore.toFixed(2)} before, ${machine.loadAfter.toFixed(2)} after.\n\n`,
  );
  process.stdout.write(
    '| measure | median wall time | median CPU (user + system) | target | met |\n|---|---|---|---|---|\n',
  );
  for (const row of rows) {
    process.stdout.write(
      `| ${row.name} | ${row.medianMs} ms | ${row.cpuMs === undefined ? '—' : `${row.cpuMs} ms`} | ${Number.isNaN(row.targetMs) ? '—' : `≤ ${row.targetMs} ms`} | ${row.met === undefined ? '—' : row.met ? 'yes' : '**no**'} |\n`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

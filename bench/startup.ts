// Start-up of the built `zelfredzaam` command (issue 14, point 4): `--help` and `--version`
// (targets ≤ 0.4 s) and `report` on a small PGlite store, end to end (target ≤ 2 s). Each
// measure is a fresh `node packages/cli/dist/main.js …` process, as the installed bin runs;
// the figure is the median wall-clock time of the runs.
//   pnpm bench:startup [--runs N]
// Builds first (tsc -b). Writes bench/startup-results.json and prints a table.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const MAIN = join(ROOT, 'packages/cli/dist/main.js');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Math.max(1, Number(values.runs));

/** One run of the built command in a fresh process; its wall time in milliseconds. */
const timed = (args: readonly string[]): number => {
  const started = performance.now();
  const result = spawnSync(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const wallMs = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(`zelfredzaam ${args.join(' ')}: exit ${result.status}: ${result.stderr.toString().slice(0, 500)}`);
  }
  return wallMs;
};

/** Node itself starting and ending, for comparison. */
const bareNode = (): number => {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return performance.now() - started;
};

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
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push(args.length === 0 ? bareNode() : timed(args));
    const wall = median(samples);
    return {
      name,
      medianMs: Math.round(wall),
      targetMs: target,
      met: Number.isNaN(target) ? undefined : wall <= target,
      samples: samples.map(Math.round),
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
  process.stdout.write('| measure | median wall time | target | met |\n|---|---|---|---|\n');
  for (const row of rows) {
    process.stdout.write(
      `| ${row.name} | ${row.medianMs} ms | ${Number.isNaN(row.targetMs) ? '—' : `≤ ${row.targetMs} ms`} | ${row.met === undefined ? '—' : row.met ? 'yes' : '**no**'} |\n`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

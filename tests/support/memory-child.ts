// A child process for the memory tests (issue 7, point 3): runs one `zelfredzaam` command
// in-process while sampling memory, and prints one JSON line with the peaks. Run it with
// --expose-gc: each sample first collects garbage, so the heap figure is what is really held.
// A timer only fires between macrotasks, so a phase that runs on promises alone (replaying a
// store in memory) is not sampled: memory-run.ts adds V8's own report of every full collection
// (--trace-gc), and the peak RSS comes from the operating system.
//   node --expose-gc --max-old-space-size=N --conditions=@zelfredzaam/source --import tsx \
//     tests/support/memory-child.ts ARG…
// Output (stdout, last line): {"code":0,"peakHeap":…,"peakArrayBuffers":…,"peakExternal":…,
// "peakRss":…,"samples":…,"stdoutBytes":…,"stderr":"…","heapSeries":[…]} — bytes; `heapSeries` is the
// heap after a collection at each quarter of the samples, to show whether it grows.
import { Writable } from 'node:stream';
import { run } from '../../packages/cli/src/cli.js';

const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) {
  process.stderr.write('memory-child: start node met --expose-gc\n');
  process.exit(2);
}

export interface MemoryReport {
  readonly code: number;
  readonly peakHeap: number;
  readonly peakArrayBuffers: number;
  readonly peakExternal: number;
  readonly peakRss: number;
  /** The process's peak resident set, as the operating system counted it. */
  readonly maxRss: number;
  readonly samples: number;
  readonly stdoutBytes: number;
  readonly stderr: string;
  readonly heapSeries: readonly number[];
}

const series: number[] = [];
let peakHeap = 0;
let peakArrayBuffers = 0;
let peakExternal = 0;
let peakRss = 0;
const sample = (): void => {
  collect();
  const m = process.memoryUsage();
  series.push(m.heapUsed);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakArrayBuffers = Math.max(peakArrayBuffers, m.arrayBuffers);
  peakExternal = Math.max(peakExternal, m.external);
  peakRss = Math.max(peakRss, m.rss);
};

let stdoutBytes = 0;
const stdout = new Writable({
  write(chunk: Buffer, _encoding, done) {
    stdoutBytes += chunk.length;
    done();
  },
});
let stderrText = '';
const stderr = new Writable({
  write(chunk: Buffer, _encoding, done) {
    // Only the start is kept: the report itself must not grow with what it measures.
    if (stderrText.length < 20_000) stderrText += chunk.toString('utf8');
    done();
  },
});

const timer = setInterval(sample, Number(process.env.MEMORY_SAMPLE_MS ?? 500));
sample();
const code = await run(process.argv.slice(2), {
  stdout,
  stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  vandaag: () => '2026-11-22',
  env: process.env,
});
clearInterval(timer);
sample();
const quarters = [0.25, 0.5, 0.75, 1].map(
  (q) => series[Math.min(series.length - 1, Math.floor(q * (series.length - 1)))] ?? 0,
);
const report: MemoryReport = {
  code,
  peakHeap,
  peakArrayBuffers,
  peakExternal,
  peakRss,
  maxRss: process.resourceUsage().maxRSS * 1024,
  samples: series.length,
  stdoutBytes,
  stderr: stderrText,
  heapSeries: quarters,
};
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);

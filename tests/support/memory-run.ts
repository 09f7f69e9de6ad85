// Runs `zelfredzaam ARG…` in a child process under a hard heap limit, sampling its memory
// (memory-child.ts), for the memory tests and scripts/memory-2gb.ts. Test infrastructure.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { MemoryReport } from './memory-child.js';

export const ROOT = resolve(import.meta.dirname, '../..');
const CHILD = join(ROOT, 'tests/support/memory-child.ts');

export interface MemoryRunOptions {
  /** V8's old-space limit in MB: the child dies if it ever needs more (default 192). */
  readonly maxOldSpaceMb?: number;
  /** Milliseconds between samples (default 500). */
  readonly sampleMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

export interface MemoryRun extends MemoryReport {
  /** Wall-clock milliseconds of the whole child. */
  readonly ms: number;
  /** The largest heap V8 reported after a full collection (--trace-gc), in bytes. */
  readonly peakHeapAfterFullGc: number;
  /** The peak heap by either measure: the samples and V8's full collections. */
  readonly peakLiveHeap: number;
}

/** `… Mark-Compact 155.6 (199.1) -> 155.6 (160.1) MB, …`: the heap in use after a full collection. */
const FULL_GC = /Mark-Compact(?: \([a-z ]+\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/;

export const runWithMemory = (args: readonly string[], options: MemoryRunOptions = {}): Promise<MemoryRun> =>
  new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        '--trace-gc',
        `--max-old-space-size=${options.maxOldSpaceMb ?? 192}`,
        '--conditions=@zelfredzaam/source',
        '--import',
        'tsx',
        CHILD,
        ...args,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, ...options.env, MEMORY_SAMPLE_MS: String(options.sampleMs ?? 500) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', fail);
    child.on('close', (code, signal) => {
      const lines = Buffer.concat(out).toString('utf8').trim().split('\n');
      const last = lines[lines.length - 1] ?? '';
      let peakHeapAfterFullGc = 0;
      for (const line of lines) {
        const after = FULL_GC.exec(line)?.[1];
        if (after !== undefined) peakHeapAfterFullGc = Math.max(peakHeapAfterFullGc, Number(after) * 1024 * 1024);
      }
      try {
        const report: MemoryReport = JSON.parse(last);
        done({
          ...report,
          ms: performance.now() - started,
          peakHeapAfterFullGc,
          peakLiveHeap: Math.max(report.peakHeap, peakHeapAfterFullGc),
        });
      } catch {
        fail(
          new Error(
            `het meetproces eindigde zonder meting (code ${code}, signaal ${signal}): ${Buffer.concat(err).toString('utf8').slice(-3000)}`,
          ),
        );
      }
    });
  });

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

// Starting a replay worker thread. Built (dist/), the worker is plain JavaScript. Run from the
// TypeScript sources (tsx, vitest), Node 20 does not hand the parent's TypeScript loader to a
// worker thread (measured: ERR_UNKNOWN_FILE_EXTENSION), so the worker first registers tsx itself,
// with the workspace's source condition, then imports its entry.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PartRequest, RangeRequest } from './protocol.js';

const SOURCE_CONDITION = '--conditions=@zelfredzaam/source';
const fromSources = import.meta.url.endsWith('.ts');

/** Where tsx's registration API is, as a URL a data: module can import. */
const tsxApi = (): string => {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href;
  }
};

/** A worker thread running `worker.ts` (an NDJSON part) or `store-worker.ts` (a range of a store). */
export const startWorker = (name: 'worker' | 'store-worker', request: PartRequest | RangeRequest): Worker => {
  const entry = new URL(`./${name}${fromSources ? '.ts' : '.js'}`, import.meta.url);
  if (!fromSources) return new Worker(entry, { workerData: request });
  const boot = [
    `import { register } from ${JSON.stringify(tsxApi())};`,
    'register();',
    `await import(${JSON.stringify(entry.href)});`,
  ].join('\n');
  const execArgv = process.execArgv.includes(SOURCE_CONDITION)
    ? process.execArgv
    : [...process.execArgv, SOURCE_CONDITION];
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData: request, execArgv });
};

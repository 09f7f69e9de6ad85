// Starting a replay worker thread. Built (dist/), the worker is plain JavaScript. Run from the
// TypeScript sources (tsx, vitest), Node 20 does not hand the parent's TypeScript loader to a
// worker thread (measured: ERR_UNKNOWN_FILE_EXTENSION). A worker that registers tsx itself pays
// for it at every start: its own loader thread resolves and transforms every module of domain
// and projections, about 2 s of CPU per worker, half of it in that thread (measured on a busy
// 2-core machine: 2.0–3.3 s before a 2-worker replay of an empty file ended, 0.6–1.0 s built).
// So the NDJSON worker is bundled once per process into one script by esbuild (0.1–0.4 s) and started from that: the same empty replay then took 0.14–0.4 s.
// The store worker, whose drivers load files beside their modules (PGlite's WebAssembly), and
// any failure to bundle, fall back to a worker that registers tsx.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type MessagePort, Worker } from 'node:worker_threads';
import type { DecideRequest, HashRequest, PartRequest, RangeRequest } from './protocol.js';

const SOURCE_CONDITION = '--conditions=@zelfredzaam/source';
const fromSources = import.meta.url.endsWith('.ts');

type WorkerName = 'worker' | 'store-worker' | 'decide-worker' | 'hash-worker';

/** Where tsx's registration API is, as a URL a data: module can import. */
const tsxApi = (): string => {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href;
  }
};

interface BuildResult {
  readonly outputFiles?: readonly { readonly text: string }[];
}
interface Esbuild {
  readonly buildSync: (options: Record<string, unknown>) => BuildResult;
}

/** The bundled workers of this process (undefined: bundling failed, use tsx). */
const bundles = new Map<WorkerName, string | undefined>();

/**
 * The worker's sources bundled into one CommonJS script, run by `eval` (stack traces then name
 * `[worker eval]`, not a data: URL of the whole bundle); undefined when that fails.
 */
const bundled = (name: WorkerName, entry: URL): string | undefined => {
  if (bundles.has(name)) return bundles.get(name);
  let code: string | undefined;
  try {
    // esbuild is a development dependency of the workspace (the version tsx uses); a built
    // package never gets here.
    const esbuild = createRequire(import.meta.url)('esbuild') as Esbuild;
    const result = esbuild.buildSync({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      conditions: ['@zelfredzaam/source'],
      write: false,
      logLevel: 'silent',
    });
    code = result.outputFiles?.[0]?.text;
  } catch {
    code = undefined;
  }
  bundles.set(name, code);
  return code;
};

/**
 * A worker thread running `worker.ts` (an NDJSON part), `decide-worker.ts` (a part of `report
 * --from`), `hash-worker.ts` (its bron.sha256) or `store-worker.ts` (a range of a store), given
 * `request` with the buffers and ports in `transferList` moved to it.
 */
export const startWorker = (
  name: WorkerName,
  request: PartRequest | RangeRequest | DecideRequest | HashRequest,
  transferList: readonly (ArrayBuffer | MessagePort)[] = [],
): Worker => {
  const entry = new URL(`./${name}${fromSources ? '.ts' : '.js'}`, import.meta.url);
  const transfer = { workerData: request, transferList: [...transferList] };
  if (!fromSources) return new Worker(entry, transfer);
  const bundle = name !== 'store-worker' ? bundled(name, entry) : undefined;
  if (bundle !== undefined) return new Worker(bundle, { eval: true, ...transfer });
  const boot = [
    `import { register } from ${JSON.stringify(tsxApi())};`,
    'register();',
    `await import(${JSON.stringify(entry.href)});`,
  ].join('\n');
  const execArgv = process.execArgv.includes(SOURCE_CONDITION)
    ? process.execArgv
    : [...process.execArgv, SOURCE_CONDITION];
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { ...transfer, execArgv });
};

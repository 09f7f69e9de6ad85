// The benchmark histories: the demo municipality (packages/cli/src/demo) streamed to NDJSON in
// bench/data/ (gitignored), scaled so the 10,000,000-fact tier is national (about 430,000
// households at the start). A file is reused when its recorded parameters and size match.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeDemoNdjson } from '../packages/cli/src/demo/index.js';

export interface Tier {
  /** The tier's name in tables: 100k, 1M, 10M. */
  readonly name: string;
  readonly events: number;
  /** Households on bijstand at the start of the first year. */
  readonly huishoudens: number;
}

export const TIERS: readonly Tier[] = [
  { name: '100k', events: 100_000, huishoudens: 4_300 },
  { name: '1M', events: 1_000_000, huishoudens: 43_000 },
  { name: '10M', events: 10_000_000, huishoudens: 430_000 },
];

const VAN = 2000;
const TOT = 2017;
const SEED = 1;

export const DATA_DIR = join(import.meta.dirname, 'data');

export interface DataFile {
  readonly path: string;
  readonly events: number;
  readonly bytes: number;
  /** Seconds it took to generate, or undefined when an existing file was reused. */
  readonly generatedSeconds: number | undefined;
}

/** The tier's NDJSON file, generated unless an identical one is there. */
export const ensureData = async (tier: Tier, log: (line: string) => void): Promise<DataFile> => {
  await mkdir(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, `demo-${tier.name}.ndjson`);
  const metaPath = `${path}.json`;
  const parameters = { seed: SEED, huishoudens: tier.huishoudens, van: VAN, tot: TOT, maxEvents: tier.events };
  try {
    const meta = JSON.parse(await readFile(metaPath, 'utf8')) as {
      parameters?: unknown;
      events?: number;
      bytes?: number;
    };
    const info = await stat(path);
    if (JSON.stringify(meta.parameters) === JSON.stringify(parameters) && meta.bytes === info.size) {
      log(`data ${tier.name}: reusing ${path}`);
      return { path, events: meta.events ?? tier.events, bytes: info.size, generatedSeconds: undefined };
    }
  } catch {
    // No usable file: generate it.
  }
  log(`data ${tier.name}: generating ${tier.events.toLocaleString('en')} facts …`);
  const t0 = performance.now();
  const result = await writeDemoNdjson(path, parameters);
  const seconds = (performance.now() - t0) / 1000;
  await writeFile(metaPath, `${JSON.stringify({ parameters, events: result.events, bytes: result.bytes }, null, 2)}\n`);
  log(
    `data ${tier.name}: ${result.events.toLocaleString('en')} facts, ${(result.bytes / 2 ** 20).toFixed(0)} MiB in ${seconds.toFixed(1)} s`,
  );
  return { path, events: result.events, bytes: result.bytes, generatedSeconds: seconds };
};

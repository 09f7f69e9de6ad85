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

/**
 * The same history as another program would write it (issue 16's foreign-data tier): every line
 * valid, the same facts, but the fields in another order (envelope first, the fields reversed),
 * instants without milliseconds, every third one with an offset of +01:00 (the same instant),
 * and every fifth written with a space after each colon and comma (`"datum": "2014-01-01", …`).
 */
export const foreignLine = (line: string, n: number): string => {
  const fact = JSON.parse(line) as Record<string, unknown>;
  const recordedAt = String(fact.recordedAt);
  const ms = Date.parse(recordedAt);
  const instant =
    n % 3 === 0 ? `${new Date(ms + 3_600_000).toISOString().slice(0, 19)}+01:00` : `${recordedAt.slice(0, 19)}Z`;
  const { eventId, recordedAt: _, ...fields } = fact;
  const reordered: Record<string, unknown> = { recordedAt: instant, eventId };
  for (const [key, value] of Object.entries(fields).reverse()) reordered[key] = value;
  if (n % 5 !== 1) return JSON.stringify(reordered);
  const pairs = Object.entries(reordered).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  return `{${pairs.join(', ')}}`;
};

/** The version of foreignLine's form: a foreign file of another form is written again. */
const FOREIGN_FORM = 2;

/** The tier's file in the foreign form (written from the canonical one, reused when its size matches). */
export const ensureForeignData = async (data: DataFile, log: (line: string) => void): Promise<DataFile> => {
  const path = data.path.replace(/\.ndjson$/, '.foreign.ndjson');
  const metaPath = `${path}.json`;
  try {
    const meta = JSON.parse(await readFile(metaPath, 'utf8')) as {
      source?: number;
      bytes?: number;
      events?: number;
      form?: number;
    };
    const info = await stat(path);
    if (meta.source === data.bytes && meta.bytes === info.size && meta.form === FOREIGN_FORM) {
      log(`data ${path}: reusing`);
      return { path, events: meta.events ?? data.events, bytes: info.size, generatedSeconds: undefined };
    }
  } catch {
    // Write it.
  }
  log(`data: writing the foreign form of ${data.path} …`);
  const t0 = performance.now();
  const { createReadStream, createWriteStream } = await import('node:fs');
  const { createInterface } = await import('node:readline');
  const out = createWriteStream(path);
  let n = 0;
  for await (const line of createInterface({
    input: createReadStream(data.path),
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    if (line.trim() === '') continue;
    if (!out.write(`${foreignLine(line, n++)}\n`))
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  const info = await stat(path);
  await writeFile(
    metaPath,
    `${JSON.stringify({ source: data.bytes, events: n, bytes: info.size, form: FOREIGN_FORM }, null, 2)}\n`,
  );
  const seconds = (performance.now() - t0) / 1000;
  log(`data: ${n.toLocaleString('en')} foreign lines in ${seconds.toFixed(1)} s`);
  return { path, events: n, bytes: info.size, generatedSeconds: seconds };
};

// Issue 7, point 3: bounded resources. A generated 200 MB NDJSON file streams through
// `zelfredzaam import` into PostgreSQL and through `zelfredzaam report --from`, each in a child
// process under a hard heap limit, sampling the heap after a garbage collection every half
// second; the peak must stay under a bound far below the file's size. A single line of 10 MB is
// refused by its number without being held (default limit 1 MB), also through the CLI with
// --max-regel-bytes. Prints the figures it measured (see the README, "Memory").
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNdjson, type LineRefusal, openMemoryStore } from '../packages/adapters/src/index.js';
import { runInProcess } from './support/cli-world.js';
import { writeDemoOfSize } from './support/demo-file.js';
import { mb, runWithMemory } from './support/memory-run.js';
import { dropSchemas, freshSchema, postgresUrl } from './support/postgres.js';

const url = postgresUrl();

/** V8's garbage collector as a function, in this process (vitest's workers run without --expose-gc). */
const garbageCollector = (): (() => void) => {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc !== 'function') throw new Error('gc() is niet beschikbaar');
  return () => gc();
};
const schemas: string[] = [];
const MB = 1024 * 1024;
/** The file: at least 200 MB. */
const FILE_BYTES = 200 * MB;
/** The bound on the live heap: a fraction of the file (facts as JS objects would need ~1.5 GB). */
const HEAP_BOUND = 96 * MB;

let dir: string;
let file: string;
let events: number;
let fileBytes: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zelfredzaam-memory-'));
  file = join(dir, 'groot.ndjson');
  // Two years of a large city: 200 MB of valid, realistic lines. (Six years of a smaller city
  // is as large but gives each household a longer history, which costs the importer time per
  // fact, not memory; scripts/memory-2gb.ts runs that shape.)
  const written = await writeDemoOfSize(file, FILE_BYTES, { van: 2014, tot: 2015, seed: 7 });
  events = written.events;
  fileBytes = written.bytes;
  expect(written.bytes).toBeGreaterThanOrEqual(FILE_BYTES);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await dropSchemas(url, schemas);
});

describe('a 200 MB file in bounded memory', () => {
  it('zelfredzaam import into PostgreSQL: every line stored, the heap stays under the bound', async () => {
    const schema = freshSchema('geheugen');
    schemas.push(schema);
    const store = new URL(url);
    store.searchParams.set('schema', schema);
    const run = await runWithMemory(['import', file, '--store', store.toString()], { sampleMs: 1000 });
    console.info(
      `import 200 MB (${events} regels) → PostgreSQL: piek heap ${mb(run.peakLiveHeap)} (na volledige GC; per kwart van de metingen ${run.heapSeries.map(mb).join(', ')}), piek ArrayBuffers ${mb(run.peakArrayBuffers)}, piek RSS ${mb(run.maxRss)}, ${(run.ms / 1000).toFixed(0)} s`,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      new RegExp(`^${events.toLocaleString('nl-NL')} regels uit .*: ${events.toLocaleString('nl-NL')} vastgelegd in `),
    );
    expect(run.peakLiveHeap).toBeLessThan(HEAP_BOUND);
  }, 600_000);

  it('zelfredzaam report --from: the facts kept off the heap, the heap stays under the bound', async () => {
    const run = await runWithMemory(['report', '--from', file, '--jaren', '2014-2015', '--format', 'json'], {
      sampleMs: 1000,
    });
    console.info(
      `report --from 200 MB (${events} regels): piek heap ${mb(run.peakLiveHeap)} (na volledige GC; tijdens het inlezen per kwart ${run.heapSeries.map(mb).join(', ')}), ArrayBuffers tijdens het inlezen ${mb(run.peakArrayBuffers)} (${(run.peakArrayBuffers / events).toFixed(0)} bytes per feit), piek RSS ${mb(run.maxRss)}, ${(run.ms / 1000).toFixed(0)} s`,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdoutBytes).toBeGreaterThan(1000);
    expect(run.peakLiveHeap).toBeLessThan(HEAP_BOUND);
    // What does grow, the compact store's facts off the heap, stays near the file's size.
    expect(run.peakArrayBuffers).toBeLessThan(1.5 * fileBytes);
  }, 600_000);
});

describe('a single line over the limit is refused, not held', () => {
  const start = (huishouden: string) => JSON.stringify({ type: 'UitkeringGestart', huishouden, datum: '2014-01-01' });

  it('a 10 MB line: refused by number and size, its neighbours stored, memory flat while reading it', async () => {
    const long = `{"type":"UitkeringGestart","huishouden":"h-2","datum":"2014-01-01","regeling":"${'x'.repeat(10 * MB)}"}`;
    const path = join(dir, 'lange-regel.ndjson');
    await writeFile(path, `${start('h-1')}\n${long}\n${start('h-3')}\n`);
    const collect = garbageCollector();
    /** Imports the file, sampling the Buffers held after a collection as each 256 KB arrives. */
    const importSampled = async (maxLineBytes?: number) => {
      collect();
      const before = process.memoryUsage().arrayBuffers;
      let peak = 0;
      // The bytes of a line the importer collected would be held in Buffers (ArrayBuffers).
      async function* sampled(): AsyncGenerator<Buffer> {
        for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
          collect();
          peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
          if (Buffer.isBuffer(chunk)) yield chunk;
        }
      }
      const refusals: LineRefusal[] = [];
      const result = await importNdjson(openMemoryStore(), sampled(), {
        onRefusal: (r) => refusals.push(r),
        ...(maxLineBytes === undefined ? {} : { maxLineBytes }),
      });
      return { result, refusals, peak };
    };
    const { result, refusals, peak } = await importSampled();
    expect(result).toMatchObject({ lines: 3, accepted: 2, refused: 1 });
    expect(refusals.map((r) => [r.line, r.code, r.bericht])).toEqual([
      [2, 'TE_LANG', `regel 2: ${Buffer.byteLength(long)} bytes, langer dan de grens van 1048576 bytes; niet gelezen`],
    ]);
    // The measurement sees a line that is held: with a limit above it, the 10 MB are there.
    const held = await importSampled(20 * MB);
    expect(held.peak).toBeGreaterThan(8 * MB);
    console.info(
      `regel van 10 MB: Buffers tijdens het lezen hoogstens ${mb(peak)} boven het begin (${mb(held.peak)} als de regel wel wordt gelezen)`,
    );
    // Up to the limit (1 MB) is collected before a line is known to be too long; 10 MB never is.
    expect(peak).toBeLessThan(3 * MB);
  });

  it('through the CLI: --max-regel-bytes sets the limit; a value out of range is a usage error', async () => {
    const path = join(dir, 'regels.ndjson');
    const padded = JSON.stringify({
      type: 'UitkeringGestart',
      huishouden: 'h-2',
      datum: '2014-01-01',
      regeling: 'IOAW',
    }).replace('{', `{${' '.repeat(3000)}`);
    await writeFile(path, `${start('h-1')}\n${padded}\n`);
    const strict = await runInProcess(['import', path, '--store', 'memory:', '--max-regel-bytes', '2048'], {
      cwd: dir,
    });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(
      `regel 2: ${Buffer.byteLength(padded)} bytes, langer dan de grens van 2048 bytes; niet gelezen`,
    );
    const roomy = await runInProcess(['import', path, '--store', 'memory:', '--max-regel-bytes', '4096'], { cwd: dir });
    expect(roomy.code).toBe(0);
    const report = await runInProcess(
      ['report', '--from', path, '--jaar', '2014', '--max-regel-bytes=2048', '--format', 'json'],
      {
        cwd: dir,
      },
    );
    expect(report.code).toBe(1);
    expect(report.stderr).toContain('regel 2: ');
    const wrong = await runInProcess(['import', path, '--max-regel-bytes', '10'], { cwd: dir });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.split('\n')[0]).toBe(
      'zelfredzaam import: --max-regel-bytes: verwacht een geheel getal van 1024 tot en met 268435456, ontvangen "10"',
    );
    const notHere = await runInProcess(['report', '--jaar', '2014', '--max-regel-bytes', '2048'], { cwd: dir });
    expect(notHere.code).toBe(2);
    expect(notHere.stderr).toMatch(
      /^zelfredzaam report: --pseudonimiseer en --max-regel-bytes horen bij --from BESTAND/,
    );
  });
});

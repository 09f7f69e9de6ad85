// Writing the demo municipality as NDJSON (MEETREGELS §6), streaming: lines are gathered in
// chunks of about 1 MB and written with backpressure, so 10 million facts never sit in memory.
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { encode, type Recorded } from '@zelfredzaam/domain';
import { type DemoOptions, demoRegels } from './generator.js';

/**
 * One NDJSON line (without the newline): fields in canonical order, envelope last — the same
 * text as `JSON.stringify(encode(feit))` (tested), written out per type because this is the hot
 * path of the benchmarks' 10-million-fact files. Every string but the free texts (`reden` of a
 * retraction, `soort` of a trajectory, `regeling` of a minima scheme) is a codec value from a
 * safe alphabet (ids, dates, enums), so only those need JSON escaping.
 */
export const ndjsonLine = (feit: Recorded): string => {
  const tail = `"eventId":"${feit.eventId}","recordedAt":"${feit.recordedAt}"}`;
  if ('werkgever' in feit) {
    const head = `{"type":"${feit.type}","werkgever":"${feit.werkgever}",`;
    return feit.type === 'AllianceGesloten'
      ? `${head}"datum":"${feit.datum}",${tail}`
      : `${head}"ingetrokken":"${feit.ingetrokken}","reden":${JSON.stringify(feit.reden)},${tail}`;
  }
  const head = `{"type":"${feit.type}","huishouden":"${feit.huishouden}",`;
  switch (feit.type) {
    case 'UitkeringGestart':
      return feit.regeling === undefined
        ? `${head}"datum":"${feit.datum}",${tail}`
        : `${head}"datum":"${feit.datum}","regeling":"${feit.regeling}",${tail}`;
    case 'InLoondienstGetreden':
    case 'EigenOndernemingGestart':
      return `${head}"datum":"${feit.datum}","uitkering":"${feit.uitkering}",${tail}`;
    case 'OpleidingGestart':
      return `${head}"datum":"${feit.datum}",${tail}`;
    case 'UitkeringBeeindigd':
      return `${head}"datum":"${feit.datum}","reden":"${feit.reden}",${tail}`;
    case 'Teruggevallen':
      return `${head}"datum":"${feit.datum}","op":"${feit.op}",${tail}`;
    case 'InkomstenOntvangen':
      return `${head}"maand":"${feit.maand}","bron":"${feit.bron}","bedragCent":${feit.bedragCent},${tail}`;
    case 'GebeurtenisIngetrokken':
      return `${head}"ingetrokken":"${feit.ingetrokken}","reden":${JSON.stringify(feit.reden)},${tail}`;
    case 'ParticipatieTredeVastgesteld':
      return `${head}"datum":"${feit.datum}","trede":${feit.trede},${tail}`;
    case 'TrajectGestart':
      return `${head}"datum":"${feit.datum}","trajectId":"${feit.trajectId}","soort":${JSON.stringify(feit.soort)},${tail}`;
    case 'TrajectBeeindigd':
    case 'SchuldhulpBeeindigd':
      return `${head}"datum":"${feit.datum}","trajectId":"${feit.trajectId}","resultaat":"${feit.resultaat}",${tail}`;
    case 'Geplaatst':
      return `${head}"datum":"${feit.datum}","soort":"${feit.soort}",${tail}`;
    case 'InBeeldGebracht':
      return `${head}"datum":"${feit.datum}",${tail}`;
    case 'MinimaregelingToegekend':
      return `${head}"datum":"${feit.datum}","regeling":${JSON.stringify(feit.regeling)},${tail}`;
    case 'SchuldhulpGestart':
      return `${head}"datum":"${feit.datum}","trajectId":"${feit.trajectId}",${tail}`;
  }
};

/** The generic form, for comparison in tests. */
export const encodedLine = (feit: Recorded): string => JSON.stringify(encode(feit));

const CHUNK_BYTES = 1 << 20;
/** Longest line we write into a chunk directly; a longer one (never from the demo) goes alone. */
const MAX_INLINE_LINE = 64 * 1024;

export interface WriteNdjsonOptions {
  /** Stop after this many facts (a prefix in recorded order is still a valid history). */
  readonly maxEvents?: number;
  /** Called about every 10,000 facts with the number written so far. */
  readonly onProgress?: (written: number) => void;
}

export interface WriteNdjsonResult {
  readonly events: number;
  readonly bytes: number;
}

const writeChunk = (out: Writable, chunk: Buffer): Promise<void> =>
  new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    out.once('error', onError);
    const done = (): void => {
      out.off('error', onError);
      resolve();
    };
    if (out.write(chunk)) done();
    else out.once('drain', done);
  });

/**
 * Writes lines (without newline) to a stream (left open), honouring backpressure. Lines are
 * encoded straight into 1 MB buffers: building one big string first cost more than the generation.
 */
export const writeLines = async (
  lines: Iterable<string>,
  out: Writable,
  options: WriteNdjsonOptions = {},
): Promise<WriteNdjsonResult> => {
  const max = options.maxEvents ?? Number.POSITIVE_INFINITY;
  let events = 0;
  let bytes = 0;
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  const flush = async (): Promise<void> => {
    if (used === 0) return;
    bytes += used;
    await writeChunk(out, chunk.subarray(0, used));
    chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
  };
  for (const text of lines) {
    if (events >= max) break;
    const line = `${text}\n`;
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (line.length * 3 > MAX_INLINE_LINE) {
      await flush();
      const whole = Buffer.from(line, 'utf8');
      bytes += whole.length;
      await writeChunk(out, whole);
    } else {
      if (used + line.length * 3 > CHUNK_BYTES) await flush();
      used += chunk.write(line, used, 'utf8');
    }
    events++;
    if (events % 10_000 === 0) options.onProgress?.(events);
  }
  await flush();
  options.onProgress?.(events);
  return { events, bytes };
};

function* linesOf(facts: Iterable<Recorded>): Generator<string, void, undefined> {
  for (const feit of facts) yield ndjsonLine(feit);
}

/** Writes facts as NDJSON to a stream (left open), honouring backpressure. */
export const writeNdjson = (
  facts: Iterable<Recorded>,
  out: Writable,
  options: WriteNdjsonOptions = {},
): Promise<WriteNdjsonResult> => writeLines(linesOf(facts), out, options);

/**
 * Generates the demo municipality straight into an NDJSON file (for the benchmarks: 100,000 to
 * 10,000,000 facts; scale with `huishoudens` and the years, cap with `maxEvents`).
 */
export const writeDemoNdjson = async (
  path: string,
  options: DemoOptions & WriteNdjsonOptions = {},
): Promise<WriteNdjsonResult> => {
  const out = createWriteStream(path, { encoding: 'utf8' });
  try {
    const result = await writeLines(demoRegels(options), out, options);
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(() => resolve());
    });
    return result;
  } catch (error) {
    out.destroy();
    throw error;
  }
};

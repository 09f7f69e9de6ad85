// `report --from FILE` on every core (issue 16): the parts of decide.ts on worker threads, their
// states merged here, their refusals in line order. Equal to deciding the file in one part, and
// to importing it into a store and replaying that (decide.test.ts).
import { availableParallelism } from 'node:os';
import type { Derivation, LineRefusal } from '@zelfredzaam/adapters';
import type { RecordedAt } from '@zelfredzaam/domain';
import { type BronHash, emptyState, type ProjectionState } from '@zelfredzaam/projections';
import { type AcceptedLines, type DecidePartResult, decidePart, STREAM_KEY_PART } from './decide.js';
import { runParts } from './parts.js';
import type { DecideMessage } from './protocol.js';
import { assertUnchanged, stampOf } from './unchanged.js';

export interface DecideFileOptions {
  /** Worker threads (default: the cores, at most 8; 1 for a file under 16 MiB); 1 decides in this thread. */
  readonly workers?: number;
  /** The longest line read, in bytes (default 1 MB). */
  readonly maxLineBytes?: number;
  /** recordedAt of a fact without one (the moment of reading, as a store would set it). */
  readonly now: RecordedAt;
  /** Rewrites each parsed line before it is decoded (`--pseudonimiseer`); then one part, in this thread. */
  readonly rewrite?: (parsed: unknown) => unknown;
  /** Called now and then with the bytes read so far (by the slowest part). */
  readonly onProgress?: (bytes: number) => void;
  /** How a missing eventId is derived, as the importer (default `canoniek`). */
  readonly derivation?: Derivation;
  /** MEETREGELS §5 bron.sha256: every accepted fact is hashed into it, in file order. */
  readonly hash?: BronHash;
}

export interface DecideFileResult {
  readonly state: ProjectionState;
  readonly lines: number;
  readonly bytes: number;
  readonly blank: number;
  readonly accepted: number;
  readonly alreadyStored: number;
  readonly refused: number;
  /** Every refusal, in line order, with the importer's message. */
  readonly refusals: readonly LineRefusal[];
  /** Worker threads used (0: decided in this thread). */
  readonly workers: number;
}

const SMALL_FILE = 16 * 1024 * 1024;
const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

type Counts = Omit<DecidePartResult, 'state'>;

/** The importer's chunk: it ends after this many decoded lines, or four times as many lines. */
const IMPORT_CHUNK = 5_000;

/**
 * The accepted facts into the hash in the order `import` records them (MEETREGELS §5: recorded
 * order), so that `report --from FILE` and a report from a store the file was imported into give
 * the same bron.sha256: the importer cuts the file into chunks (5,000 decoded lines, or 20,000
 * lines) and appends a chunk's accepted facts grouped by household, households in the order they
 * first appear among the chunk's lines that reach the decider, each household's in file order.
 */
const hashInRecordedOrder = (hash: BronHash | undefined, parts: readonly Counts[], lines: number): void => {
  if (hash === undefined) return;
  // Every decoded line's stream as a dense number (−1: refused before the decider), −2 for the
  // other lines, by line number. The parts number their streams from 0 (STREAM_KEY_PART).
  const streamOf = new Int32Array(lines + 2).fill(-2);
  let streams = 0;
  for (const part of parts) {
    const k = part.kandidaten;
    if (k === undefined) continue;
    let most = -1;
    for (let i = 0; i < k.lines.length; i++) {
      const key = k.streams[i] as number;
      const local = key < 0 ? -1 : key % STREAM_KEY_PART;
      if (local > most) most = local;
      streamOf[k.lines[i] as number] = local < 0 ? -1 : streams + local;
    }
    streams += most + 1;
  }
  // Where each accepted line's canonical line is: its part's list and its place there.
  const lists: (AcceptedLines | undefined)[] = parts.map((part) => part.regels);
  const listOf = new Int16Array(lines + 2).fill(-1);
  const atOf = new Int32Array(lines + 2);
  lists.forEach((list, k) => {
    if (list === undefined) return;
    for (let at = 0; at < list.count; at++) {
      const line = list.lineNumbers[at] as number;
      listOf[line] = k;
      atOf[line] = at;
    }
  });
  // A stream's rank in the chunk where it was last seen (chunk + 1 beside it: 0 is never).
  const seenIn = new Int32Array(streams);
  const rankOf = new Int32Array(streams);
  // One chunk's accepted lines and their ranks, then ordered by rank (a counting sort: stable, so
  // each household's lines stay in file order), all in typed arrays (the heap bound).
  const chunkLines = new Int32Array(4 * IMPORT_CHUNK);
  const chunkRanks = new Int32Array(4 * IMPORT_CHUNK);
  const ordered = new Int32Array(4 * IMPORT_CHUNK);
  const counts = new Int32Array(IMPORT_CHUNK + 1);
  let chunk = 1;
  let candidates = 0;
  let linesInChunk = 0;
  let ranks = 0;
  let held = 0;
  const flush = (): void => {
    counts.fill(0, 0, ranks + 1);
    for (let i = 0; i < held; i++) {
      const r = (chunkRanks[i] as number) + 1;
      counts[r] = (counts[r] as number) + 1;
    }
    for (let r = 1; r <= ranks; r++) counts[r] = (counts[r] as number) + (counts[r - 1] as number);
    for (let i = 0; i < held; i++) {
      const r = chunkRanks[i] as number;
      const to = counts[r] as number;
      counts[r] = to + 1;
      ordered[to] = chunkLines[i] as number;
    }
    for (let i = 0; i < held; i++) {
      const line = ordered[i] as number;
      const list = lists[listOf[line] as number] as AcceptedLines;
      const at = atOf[line] as number;
      hash.voegToeRegel(
        list.bytes.subarray(list.offsets[at] as number, list.offsets[at + 1] as number),
        list.recordedAt[at] as number,
      );
    }
    held = 0;
  };
  for (let line = 1; line <= lines; line++) {
    const stream = streamOf[line] as number;
    linesInChunk++;
    if (stream !== -2) {
      candidates++;
      if (stream >= 0 && (listOf[line] as number) >= 0) {
        if (seenIn[stream] !== chunk) {
          seenIn[stream] = chunk;
          rankOf[stream] = ranks++;
        }
        chunkLines[held] = line;
        chunkRanks[held] = rankOf[stream] as number;
        held++;
      } else if (stream >= 0 && seenIn[stream] !== chunk) {
        // A refused line's household still takes its place in the chunk's order.
        seenIn[stream] = chunk;
        rankOf[stream] = ranks++;
      }
    }
    if (candidates >= IMPORT_CHUNK || linesInChunk >= 4 * IMPORT_CHUNK) {
      flush();
      chunk++;
      candidates = 0;
      linesInChunk = 0;
      ranks = 0;
    }
  }
  flush();
};

const combine = (state: ProjectionState, parts: readonly Counts[], workers: number): DecideFileResult => {
  const refusals = parts.flatMap((p) => p.refusals).sort((a, b) => a.line - b.line);
  const sum = (key: 'blank' | 'accepted' | 'alreadyStored' | 'refused'): number =>
    parts.reduce((n, p) => n + p[key], 0);
  return {
    state,
    lines: parts[0]?.lines ?? 0,
    bytes: parts[0]?.bytes ?? 0,
    blank: sum('blank'),
    accepted: sum('accepted'),
    alreadyStored: sum('alreadyStored'),
    refused: sum('refused'),
    refusals,
    workers,
  };
};

/** Decides `path` in this thread, in one part: the reference the parallel decision equals. */
export const decideNdjsonFileHere = (path: string, options: DecideFileOptions): DecideFileResult => {
  const before = stampOf(path);
  const { state, ...counts } = decidePart(path, 0, 1, {
    now: options.now,
    derivation: options.derivation ?? 'canoniek',
    regels: options.hash !== undefined,
    regelTijden: options.hash?.metKennisdatum === true,
    maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    ...(options.rewrite === undefined ? {} : { rewrite: options.rewrite }),
    ...(options.onProgress === undefined ? {} : { onBytes: options.onProgress }),
  });
  assertUnchanged(path, before, [counts.bytes]);
  hashInRecordedOrder(options.hash, [counts], counts.lines);
  return combine(state, [counts], 0);
};

/** Whether two parts accepted facts with the same eventId key (then one part decides it all). */
const sharedEventIds = (parts: readonly Counts[]): boolean => {
  // Each part's keys come sorted (decide.ts): a merge of each pair, no sort here.
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const a = (parts[i] as Counts).eventIdKeys;
      const b = (parts[j] as Counts).eventIdKeys;
      let x = 0;
      let y = 0;
      while (x < a.length && y < b.length) {
        const u = a[x] as number;
        const v = b[y] as number;
        if (u === v) return true;
        if (u < v) x++;
        else y++;
      }
    }
  }
  return false;
};

/**
 * Decides an NDJSON file through the decider, as `import` would (every line in file order against
 * its household's facts accepted before it; refusals with their line numbers), and folds the
 * accepted facts into a new state, on `workers` threads.
 */
export const decideNdjsonFile = async (path: string, options: DecideFileOptions): Promise<DecideFileResult> => {
  // Before anything is read (the parts read the file each on its own: unchanged.ts).
  const before = stampOf(path);
  const small = options.workers === undefined && before.size < SMALL_FILE;
  const workers =
    small || options.rewrite !== undefined
      ? 1
      : Math.max(1, Math.floor(options.workers ?? Math.min(8, availableParallelism())));
  if (workers === 1) return decideNdjsonFileHere(path, options);
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const state = emptyState();
  const counts: Counts[] = await runParts<Extract<DecideMessage, { kind: 'done' }>>(
    'decide-worker',
    workers,
    (part) => ({
      path,
      part,
      parts: workers,
      maxLineBytes,
      now: options.now,
      derivation: options.derivation ?? 'canoniek',
      regels: options.hash !== undefined,
      regelTijden: options.hash?.metKennisdatum === true,
    }),
    'beslissen',
    state,
    options.onProgress,
  );
  assertUnchanged(
    path,
    before,
    counts.map((c) => c.bytes),
  );
  // A line the byte scan could not route, or one eventId accepted in two parts: decide in one part.
  if (counts.some((c) => c.misrouted > 0) || sharedEventIds(counts)) return decideNdjsonFileHere(path, options);
  hashInRecordedOrder(options.hash, counts, counts[0]?.lines ?? 0);
  return combine(state, counts, workers);
};

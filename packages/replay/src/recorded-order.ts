// MEETREGELS §5 bron.sha256 of `report --from FILE`: the accepted facts' canonical lines, which the
// parts of decide.ts keep, hashed in the order `import` would record them. Kept apart from
// decide.ts (and free of the domain and projections at run time) so that the thread that hashes
// them while the reports are counted (hash-worker.ts) starts in a few milliseconds.
import type { AcceptedLines } from './decide.js';

/** A stream key: part · 2^24 + the stream's index in the part. */
export const STREAM_KEY_PART = 1 << 24;

/** What a part hands over: every decoded line's stream key (−1: refused before the decider), and the accepted lines. */
export interface RecordedOrderPart {
  readonly kandidaten?: { readonly lines: Int32Array; readonly streams: Int32Array } | undefined;
  readonly regels?: AcceptedLines | undefined;
}

/** Where the lines go: BronHash.voegToeRegel, or the hash thread's own digests. */
export interface LineHasher {
  voegToeRegel(line: Uint8Array, recordedAt: number): void;
}

/** The importer's chunk: it ends after this many decoded lines, or four times as many lines. */
const IMPORT_CHUNK = 5_000;

/**
 * The accepted facts into the hash in the order `import` records them (MEETREGELS §5: recorded
 * order), so that `report --from FILE` and a report from a store the file was imported into give
 * the same bron.sha256: the importer cuts the file into chunks (5,000 decoded lines, or 20,000
 * lines) and appends a chunk's accepted facts grouped by household, households in the order they
 * first appear among the chunk's lines that reach the decider, each household's in file order.
 */
export const hashInRecordedOrder = (hash: LineHasher, parts: readonly RecordedOrderPart[], lines: number): void => {
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

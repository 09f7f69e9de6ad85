// Replaying an NDJSON file into the projections' state on every core (issue 6): the households
// are partitioned by a hash of their pseudonym over worker threads (partition.ts), each parses,
// decodes (every line validated by the domain codec) and folds its own, and their states are
// merged here. The result equals a replay of the file in one part (replay.test.ts); when the file
// is written in a way the partitioning cannot read (see partition.ts), it is replayed in one part.
import { availableParallelism } from 'node:os';
import { emptyState, type ProjectionState } from '@zelfredzaam/projections';
import {
  DEFAULT_MAX_FOUTEN,
  DEFAULT_MAX_LINE_BYTES,
  type PartOptions,
  type PartResult,
  type ReplayFout,
  replayPart,
} from './partition.js';
import { runParts } from './parts.js';
import type { WorkerMessage } from './protocol.js';
import { assertUnchanged, stampOf } from './unchanged.js';

export interface ReplayOptions {
  /**
   * Worker threads (default: the cores available, at most 8, or 1 for a file under 16 MiB, where
   * starting threads costs more than it saves); 1 replays in this thread.
   */
  readonly workers?: number;
  /** The longest line read, in bytes (default 1 MB); a longer one is refused. */
  readonly maxLineBytes?: number;
  /** Refusals kept in the result (default 1,000); the rest are counted. */
  readonly maxFouten?: number;
  /** Called now and then with the bytes read so far (by the slowest worker). */
  readonly onProgress?: (bytes: number) => void;
}

export interface ReplayResult {
  /** The folded state: query it with the projections (jaarrapport, LiveRapport, …). */
  readonly state: ProjectionState;
  readonly lines: number;
  readonly bytes: number;
  readonly blank: number;
  /** Facts folded. */
  readonly facts: number;
  /** Lines refused (not folded): too long, not UTF-8, not JSON, or not a valid recorded fact. */
  readonly refused: number;
  /** The first `maxFouten` refusals, in line order. */
  readonly fouten: readonly ReplayFout[];
  readonly foutenOmitted: number;
  /** The years of the facts' `datum` or `maand`, or undefined when there are none. */
  readonly vanJaar: number | undefined;
  readonly totJaar: number | undefined;
  /** Worker threads used (0: replayed in this thread). */
  readonly workers: number;
}

type PartCounts = Omit<PartResult, 'state'>;

const SMALL_FILE = 16 * 1024 * 1024;

const combine = (
  state: ProjectionState,
  parts: readonly PartCounts[],
  maxFouten: number,
  workers: number,
): ReplayResult => {
  const fouten = parts.flatMap((p) => p.fouten).sort((a, b) => a.line - b.line);
  const refused = parts.reduce((n, p) => n + p.refused, 0);
  const kept = fouten.slice(0, maxFouten);
  const van = parts.flatMap((p) => (p.vanJaar === undefined ? [] : [p.vanJaar]));
  const tot = parts.flatMap((p) => (p.totJaar === undefined ? [] : [p.totJaar]));
  return {
    state,
    lines: parts[0]?.lines ?? 0,
    bytes: parts[0]?.bytes ?? 0,
    blank: parts.reduce((n, p) => n + p.blank, 0),
    facts: parts.reduce((n, p) => n + p.facts, 0),
    refused,
    fouten: kept,
    foutenOmitted: refused - kept.length,
    vanJaar: van.length === 0 ? undefined : Math.min(...van),
    totJaar: tot.length === 0 ? undefined : Math.max(...tot),
    workers,
  };
};

/** Replays `path` in this thread: the reference the parallel replay equals. */
export const replayNdjsonFileHere = (path: string, options: PartOptions = {}): ReplayResult => {
  const before = stampOf(path);
  const { state, ...counts } = replayPart(path, 0, 1, options);
  assertUnchanged(path, before, [counts.bytes]);
  return combine(state, [counts], options.maxFouten ?? DEFAULT_MAX_FOUTEN, 0);
};

/**
 * Replays an NDJSON file of recorded facts (MEETREGELS §6, as `export` writes it: every line with
 * eventId and recordedAt) into a new state, on `workers` threads. A line that is not a valid
 * recorded fact is skipped and reported with its line number; every other line is folded.
 */
export const replayNdjsonFile = async (path: string, options: ReplayOptions = {}): Promise<ReplayResult> => {
  // Before anything is read (the parts read the file each on its own: unchanged.ts).
  const before = stampOf(path);
  const small = options.workers === undefined && before.size < SMALL_FILE;
  const workers = small ? 1 : Math.max(1, Math.floor(options.workers ?? Math.min(8, availableParallelism())));
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const maxFouten = options.maxFouten ?? DEFAULT_MAX_FOUTEN;
  const here = (): ReplayResult =>
    replayNdjsonFileHere(path, {
      maxLineBytes,
      maxFouten,
      ...(options.onProgress === undefined ? {} : { onBytes: options.onProgress }),
    });
  if (workers === 1) return here();
  const state = emptyState();
  // Each part is merged as soon as it arrives. A merge takes the part's buffers over as they are
  // (its fact chunks and derived records become the merged state's, transfer.ts), so no fact is
  // held twice: the 10,000,000-fact replay peaks below 1 GB (issue 6).
  const counts: PartCounts[] = await runParts<Extract<WorkerMessage, { kind: 'done' }>>(
    'worker',
    workers,
    (part) => ({ path, part, parts: workers, maxLineBytes, maxFouten }),
    'herafspelen',
    state,
    options.onProgress,
  );
  assertUnchanged(
    path,
    before,
    counts.map((c) => c.bytes),
  );
  // A line the byte scan could not route: replay the file in one part (correct by construction).
  if (counts.some((c) => c.misrouted > 0)) return here();
  return combine(state, counts, maxFouten, workers);
};

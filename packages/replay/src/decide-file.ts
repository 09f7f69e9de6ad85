// `report --from FILE` on every core (issue 16): the parts of decide.ts on worker threads, their
// states merged here, their refusals in line order. Equal to deciding the file in one part, and
// to importing it into a store and replaying that (decide.test.ts).
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { Derivation, LineRefusal } from '@zelfredzaam/adapters';
import type { RecordedAt } from '@zelfredzaam/domain';
import { type BronHash, emptyState, type ProjectionState } from '@zelfredzaam/projections';
import { type DecidePartResult, decidePart } from './decide.js';
import { runParts } from './parts.js';
import type { DecideMessage, HashMessage, HashRequest } from './protocol.js';
import { hashInRecordedOrder } from './recorded-order.js';
import { startWorker } from './spawn.js';
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

/** How long the thread hashing may go without progress before waiting for it fails. */
const HASH_STALL_MS = 60_000;

/**
 * The parts' accepted lines hashed in recorded order on a thread of their own (hash-worker.ts),
 * while this thread counts the reports (for 1M facts the digest takes some 0.65 s, the reports of
 * every year 0.3 s): `hash` waits for the digests when one is first asked for. The lines move to
 * that thread, not copied.
 */
const hashElsewhere = (hash: BronHash, parts: readonly Counts[], lines: number): void => {
  const signal = new SharedArrayBuffer(8);
  const flags = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const handed = parts.map(({ kandidaten, regels }) => ({ kandidaten, regels }));
  const buffers = new Set<ArrayBuffer>();
  for (const { kandidaten, regels } of handed) {
    const arrays = [kandidaten?.lines, kandidaten?.streams, regels?.bytes, regels?.offsets, regels?.lineNumbers];
    for (const array of [...arrays, regels?.recordedAt])
      if (array !== undefined) buffers.add(array.buffer as ArrayBuffer);
  }
  const request: HashRequest = { parts: handed, lines, afkappunten: hash.afkappunten, signal, port: port2 };
  const worker = startWorker('hash-worker', request, [port2, ...buffers]);
  // The digests may never be asked for (a report that fails first): the thread keeps nothing alive.
  worker.unref();
  // A thread that fails to start says so here, if the event loop turns before a digest is asked
  // for; else the wait below ends on the thread's silence.
  let failure: Error | undefined;
  worker.on('error', (error) => {
    failure = error;
  });
  hash.verwachtElders(() => {
    let progress = Atomics.load(flags, 1);
    let still = 0;
    for (;;) {
      // The thread answers before it raises the flag: raised before looking, the answer is there.
      const raised = Atomics.load(flags, 0) === 1;
      const received = receiveMessageOnPort(port1);
      if (received !== undefined) {
        port1.close();
        const message = received.message as HashMessage;
        if (message.kind === 'error')
          throw new Error(`bron.sha256: het hashen van de feiten mislukte: ${message.message}`);
        return new Map(message.digests);
      }
      if (raised) throw new Error('bron.sha256: de thread die de feiten hasht, gaf geen antwoord');
      if (failure !== undefined)
        throw new Error(`bron.sha256: de thread die de feiten hasht, faalde: ${failure.message}`);
      if (Atomics.wait(flags, 0, 0, 1000) !== 'timed-out') continue;
      const now = Atomics.load(flags, 1);
      still = now === progress ? still + 1000 : 0;
      progress = now;
      if (still >= HASH_STALL_MS) {
        void worker.terminate();
        throw new Error(`bron.sha256: de thread die de feiten hasht, maakte ${HASH_STALL_MS / 1000} s geen voortgang`);
      }
    }
  });
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
  if (options.hash !== undefined) hashInRecordedOrder(options.hash, [counts], counts.lines);
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
  if (options.hash !== undefined) hashElsewhere(options.hash, counts, counts[0]?.lines ?? 0);
  return combine(state, counts, workers);
};

// NDJSON import (MEETREGELS §6, issue 4 point 5): streaming, in chunks of lines, so memory does
// not grow with the file. Every line is decoded with the domain codec and decided through
// recordFacts in its `per-fact` mode (issue 7, point 2): each line in file order, against the
// household's stored history plus the lines accepted before it, so a refused line is reported
// with its number and reason, every valid line is kept, and the outcome never depends on where
// the chunks were cut (chunking only sets how many lines go to the store in one append). The
// histories of the households seen are kept between chunks (bounded, history-cache.ts) and the
// next chunk's others are read while a chunk is decided.
import { createReadStream } from 'node:fs';
import {
  decode,
  describeDecodeError,
  describeReceived,
  type Identified,
  streamNameOf,
  type WeigeringCode,
} from '@zelfredzaam/domain';
import { withEventId } from '../envelope.js';
import { HistoryCache } from '../history-cache.js';
import { type Hooks, inSpan, notify } from '../hooks.js';
import type { EventStore } from '../port.js';
import { recordDecided, type StreamOutcome } from '../record.js';
import { LineIdentities } from './identity.js';
import { readLines, textOf } from './lines.js';

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
const DEFAULT_CHUNK_SIZE = 5_000;
const DEFAULT_MAX_REFUSALS = 1_000;

export type LineRefusalCode = 'TE_LANG' | 'GEEN_UTF8' | 'GEEN_JSON' | 'ONGELDIG' | 'GELIJKTIJDIG' | WeigeringCode;

export interface LineRefusal {
  /** 1-based line number in the file. */
  readonly line: number;
  /** The household pseudonym, when the line named a valid one. */
  readonly huishouden: string | undefined;
  readonly code: LineRefusalCode;
  /** The Dutch message, starting with the line number; never a personal field's value. */
  readonly bericht: string;
}

export interface ImportCounts {
  /** Lines read, blank ones included. */
  readonly lines: number;
  /** Bytes read. */
  readonly bytes: number;
  readonly blank: number;
  /** Facts stored by this import. */
  readonly accepted: number;
  /** Facts whose eventId was already stored with the same content (a re-import). */
  readonly alreadyStored: number;
  readonly refused: number;
}

export interface ImportResult extends ImportCounts {
  /** The first `maxRefusals` refusals, in line order. */
  readonly refusals: readonly LineRefusal[];
  /** Refusals not kept in `refusals` (they did go to onRefusal). */
  readonly refusalsOmitted: number;
}

export interface ImportOptions {
  /** The longest line read, in bytes (default 1 MB); a longer one is refused without being held in memory. */
  readonly maxLineBytes?: number;
  /**
   * Facts decided per round trip to the store (default 5,000). A chunk also ends after four
   * times as many lines, so a file of refused lines stays within bounds too.
   */
  readonly chunkSize?: number;
  /** Refusals kept in the result (default 1,000); the rest are counted. */
  readonly maxRefusals?: number;
  /** Every refusal, in line order, as soon as its chunk is decided. */
  readonly onRefusal?: (refusal: LineRefusal) => void;
  /** Called after each chunk with the counts so far (for a progress bar). */
  readonly onProgress?: (progress: ImportCounts) => void;
  /** Rounds of read, decide and append per household under concurrent writers (default 20). */
  readonly maxAttempts?: number;
  /**
   * Rewrites each line's parsed JSON before it is decoded, e.g. pseudonymising the source's ids
   * (the CLI's `--pseudonimiseer`). A line without eventId then gets one derived from the
   * rewritten line (its JSON text), never from the original, so the id reveals nothing of it.
   */
  readonly rewrite?: (parsed: unknown) => unknown;
  /**
   * Observers: every refusal with its line number (as onRefusal above), each append, each retry,
   * and a `zelfredzaam.import` span around the whole import.
   */
  readonly hooks?: Hooks;
}

interface Candidate {
  readonly line: number;
  readonly feit: Identified;
}

interface Tally {
  lines: number;
  bytes: number;
  blank: number;
  accepted: number;
  alreadyStored: number;
  refused: number;
}

const at = (line: number, message: string): string => `regel ${line}: ${message}`;

const refusalOfOutcome = (line: number, outcome: StreamOutcome): LineRefusal | undefined => {
  if (outcome.status === 'refused') {
    return {
      line,
      huishouden: outcome.huishouden,
      code: outcome.weigering.code,
      bericht: at(line, outcome.weigering.bericht),
    };
  }
  if (outcome.status === 'conflict') {
    return { line, huishouden: outcome.huishouden, code: 'GELIJKTIJDIG', bericht: at(line, outcome.bericht) };
  }
  return undefined;
};

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Why JSON.parse refused a line, without repeating the line (V8's message may quote it). */
const jsonProblem = (error: unknown, length: number): string => {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message)?.[1];
  if (/Unexpected end of JSON input/.test(message) || Number(position) >= length) {
    return 'geen geldige JSON: de regel houdt halverwege op';
  }
  return position === undefined ? 'geen geldige JSON' : `geen geldige JSON bij teken ${Number(position) + 1}`;
};

/** The longest message for a line that did not decode (its fields are capped in decode.ts too). */
const MAX_BERICHT = 2_000;

/** Parses and decodes one line into a fact with its identity, or the reason it is refused. */
const candidateOf = (
  line: number,
  raw: Buffer,
  identities: LineIdentities,
  rewrite: ((parsed: unknown) => unknown) | undefined,
): Candidate | LineRefusal | 'blank' => {
  // A byte-order mark may open the file; it is not part of the line (nor of a derived eventId).
  const bytes = line === 1 && raw.subarray(0, 3).equals(BOM) ? raw.subarray(3) : raw;
  const content = textOf(bytes);
  if (content === undefined) {
    return { line, huishouden: undefined, code: 'GEEN_UTF8', bericht: at(line, 'geen geldige UTF-8-tekst') };
  }
  if (content.trim() === '') return 'blank';
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    return {
      line,
      huishouden: undefined,
      code: 'GEEN_JSON',
      bericht: at(line, `${jsonProblem(error, content.length)} (de regel is niet getoond)`),
    };
  }
  // The id of a rewritten line comes from what was decoded, not from the source bytes.
  let identity = bytes;
  if (rewrite !== undefined) {
    json = rewrite(json);
    identity = Buffer.from(JSON.stringify(json) ?? '', 'utf8');
  }
  const decoded = decode(json);
  if (decoded._tag === 'Left') {
    const bericht = describeDecodeError(decoded.left);
    return {
      line,
      huishouden: decoded.left.huishouden,
      code: 'ONGELDIG',
      bericht: at(line, bericht.length > MAX_BERICHT ? `${bericht.slice(0, MAX_BERICHT)}…` : bericht),
    };
  }
  return { line, feit: withEventId(decoded.right, () => identities.derive(identity)) };
};

/**
 * Decides one chunk line by line in file order (recordFacts' `per-fact` mode: in memory, against
 * the stored histories read once) and appends what was accepted in one append.
 */
const decideChunk = async (
  store: EventStore,
  candidates: readonly Candidate[],
  maxAttempts: number,
  histories: HistoryCache,
  tally: Tally,
  options: ImportOptions,
): Promise<LineRefusal[]> => {
  const refusals: LineRefusal[] = [];
  if (candidates.length === 0) return refusals;
  // The facts were decoded from their lines already; refusals go to the hooks with their line numbers.
  const { onRefusal: _byLine, ...hooks } = options.hooks ?? {};
  const result = await recordDecided(
    store,
    candidates.map((c) => c.feit),
    { chunkSize: candidates.length, maxAttempts, mode: 'per-fact', histories, hooks },
  );
  tally.accepted += result.appended;
  tally.alreadyStored += result.alreadyStored;
  tally.refused += result.refused;
  for (const outcome of result.outcomes) {
    if (outcome.status !== 'refused' && outcome.status !== 'conflict') continue;
    for (const index of outcome.indexes) {
      const candidate = candidates[index];
      const refusal = candidate === undefined ? undefined : refusalOfOutcome(candidate.line, outcome);
      if (refusal !== undefined) refusals.push(refusal);
    }
  }
  return refusals;
};

/**
 * Imports NDJSON from a byte stream (a file, stdin, a response body) into the store. Re-importing
 * the same file adds nothing. Refusals are reported, never thrown; an error of the store itself
 * (connection lost) is thrown, after which a re-run completes the import without duplicates.
 */
export const importNdjson = async (
  store: EventStore,
  input: unknown,
  options: ImportOptions = {},
): Promise<ImportResult> =>
  inSpan(options.hooks, 'zelfredzaam.import', { 'zelfredzaam.store': store.kind }, () =>
    importChecked(store, byteChunks(input), options),
  );

/** The pieces of an import's input: each a string or bytes (else a TypeError naming its place). */
async function* checkedChunks(input: AsyncIterable<unknown> | Iterable<unknown>): AsyncGenerator<Uint8Array | string> {
  let n = 0;
  for await (const chunk of input) {
    n++;
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) yield chunk;
    else
      throw new TypeError(
        `importNdjson: stuk ${n} van de invoer is geen tekst of bytes maar ${describeReceived(chunk, true)}`,
      );
  }
}

/**
 * The input of importNdjson checked: an async or sync iterable of strings or bytes (a file
 * stream, stdin, a response body, an array of lines), or one string or byte array.
 */
const byteChunks = (input: unknown): AsyncIterable<Uint8Array | string> => {
  if (typeof input === 'string' || input instanceof Uint8Array) return checkedChunks([input]);
  if (typeof input === 'object' && input !== null) {
    if (Symbol.asyncIterator in input && typeof input[Symbol.asyncIterator] === 'function')
      return checkedChunks(input as AsyncIterable<unknown>);
    if (Symbol.iterator in input && typeof input[Symbol.iterator] === 'function')
      return checkedChunks(input as Iterable<unknown>);
  }
  throw new TypeError(
    `importNdjson: verwacht een (async) iterable van tekst of bytes, bv. een bestandsstroom; ontvangen ${describeReceived(input, true)}`,
  );
};

const importChecked = async (
  store: EventStore,
  input: AsyncIterable<Uint8Array | string>,
  options: ImportOptions,
): Promise<ImportResult> => {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const maxRefusals = Math.max(0, options.maxRefusals ?? DEFAULT_MAX_REFUSALS);
  const maxAttempts = options.maxAttempts ?? 20;
  const identities = new LineIdentities();
  // The histories of the households seen, kept between chunks (bounded; history-cache.ts).
  const histories = new HistoryCache();
  const tally: Tally = { lines: 0, bytes: 0, blank: 0, accepted: 0, alreadyStored: 0, refused: 0 };
  const kept: LineRefusal[] = [];
  let omitted = 0;

  const report = (refusals: LineRefusal[]): void => {
    refusals.sort((a, b) => a.line - b.line);
    for (const refusal of refusals) {
      options.onRefusal?.(refusal);
      notify(options.hooks?.onRefusal, {
        code: refusal.code,
        huishouden: refusal.huishouden,
        line: refusal.line,
        bericht: refusal.bericht,
      });
      if (kept.length < maxRefusals) kept.push(refusal);
      else omitted++;
    }
  };

  let candidates: Candidate[] = [];
  let early: LineRefusal[] = [];
  let linesInChunk = 0;
  let blankInChunk = 0;
  let lines = 0;
  let bytes = 0;
  // One chunk is decided while the next is read and decoded: the store and this process work
  // at the same time. Chunks are still decided one after the other, in file order.
  let deciding: Promise<void> = Promise.resolve();
  const flush = (): void => {
    const chunk = candidates;
    const refused = early;
    const upTo = { lines, bytes, blank: blankInChunk };
    candidates = [];
    early = [];
    linesInChunk = 0;
    blankInChunk = 0;
    deciding = deciding.then(async () => {
      const decided = await decideChunk(store, chunk, maxAttempts, histories, tally, options);
      tally.refused += refused.length;
      tally.blank += upTo.blank;
      report([...refused, ...decided]);
      tally.lines = upTo.lines;
      tally.bytes = upTo.bytes;
      options.onProgress?.({ ...tally });
    });
    // Marked handled here; the error surfaces at the next await of `deciding`.
    deciding.catch(() => {});
  };

  for await (const line of readLines(input, maxLineBytes)) {
    lines = line.number;
    bytes = line.offset;
    linesInChunk++;
    if (line.kind === 'tooLong') {
      early.push({
        line: line.number,
        huishouden: undefined,
        code: 'TE_LANG',
        bericht: at(line.number, `${line.length} bytes, langer dan de grens van ${maxLineBytes} bytes; niet gelezen`),
      });
    } else {
      const candidate = candidateOf(line.number, line.bytes, identities, options.rewrite);
      if (candidate === 'blank') blankInChunk++;
      else if ('feit' in candidate) candidates.push(candidate);
      else early.push(candidate);
    }
    // Chunks count facts, not lines: a file written by export (no blank or refused lines) is
    // then cut where its own import cut it, and re-imports in the same order.
    if (candidates.length >= chunkSize || linesInChunk >= 4 * chunkSize) {
      // The store reads this chunk's households it does not keep while the chunk before is decided.
      histories.readAhead(
        store,
        candidates.map((c) => streamNameOf(c.feit)),
      );
      // At most one chunk waits while another is decided: memory stays bounded.
      await deciding;
      flush();
    }
  }
  if (linesInChunk > 0 || lines === 0) flush();
  await deciding;
  return { ...tally, refusals: kept, refusalsOmitted: omitted };
};

/** Imports an NDJSON file, read in 1 MB pieces. */
export const importNdjsonFile = (store: EventStore, path: string, options: ImportOptions = {}): Promise<ImportResult> =>
  importNdjson(store, createReadStream(path, { highWaterMark: 1024 * 1024 }), options);

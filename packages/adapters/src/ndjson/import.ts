// NDJSON import (MEETREGELS §6, issue 4 point 5): streaming, in chunks of lines, so memory does
// not grow with the file. Every line is decoded with the domain codec and decided through
// recordFacts; a refused line is reported with its number and reason and every valid line is
// kept — also a valid line of a household whose chunk batch was refused: that household's lines
// are then decided one by one, in order, so only the offending line is refused.
import { createReadStream } from 'node:fs';
import { decode, describeDecodeError, type Identified, type WeigeringCode } from '@zelfredzaam/domain';
import { withEventId } from '../envelope.js';
import type { EventStore } from '../port.js';
import { recordFacts, type StreamOutcome } from '../record.js';
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

/** Parses and decodes one line into a fact with its identity, or the reason it is refused. */
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const candidateOf = (line: number, raw: Buffer, identities: LineIdentities): Candidate | LineRefusal | 'blank' => {
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
  } catch {
    return {
      line,
      huishouden: undefined,
      code: 'GEEN_JSON',
      bericht: at(line, 'geen geldige JSON (de regel is niet getoond)'),
    };
  }
  const decoded = decode(json);
  if (decoded._tag === 'Left') {
    return {
      line,
      huishouden: decoded.left.huishouden,
      code: 'ONGELDIG',
      bericht: at(line, describeDecodeError(decoded.left)),
    };
  }
  return { line, feit: withEventId(decoded.right, () => identities.derive(bytes)) };
};

/** Decides one chunk; households whose batch is refused are decided again line by line. */
const decideChunk = async (
  store: EventStore,
  candidates: readonly Candidate[],
  maxAttempts: number,
  tally: Tally,
): Promise<LineRefusal[]> => {
  const refusals: LineRefusal[] = [];
  if (candidates.length === 0) return refusals;
  const result = await recordFacts(
    store,
    candidates.map((c) => c.feit),
    { chunkSize: candidates.length, maxAttempts },
  );
  tally.accepted += result.appended;
  tally.alreadyStored += result.alreadyStored;
  for (const outcome of result.outcomes) {
    if (outcome.status === 'conflict') {
      for (const index of outcome.indexes) {
        const candidate = candidates[index];
        const refusal = candidate === undefined ? undefined : refusalOfOutcome(candidate.line, outcome);
        if (refusal !== undefined) refusals.push(refusal);
        tally.refused++;
      }
      continue;
    }
    if (outcome.status !== 'refused') continue;
    for (const index of outcome.indexes) {
      const candidate = candidates[index];
      if (candidate === undefined) continue;
      const single = await recordFacts(store, [candidate.feit], { maxAttempts });
      tally.accepted += single.appended;
      tally.alreadyStored += single.alreadyStored;
      tally.refused += single.refused;
      const [only] = single.outcomes;
      const refusal = only === undefined ? undefined : refusalOfOutcome(candidate.line, only);
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
  input: AsyncIterable<Uint8Array | string>,
  options: ImportOptions = {},
): Promise<ImportResult> => {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const maxRefusals = Math.max(0, options.maxRefusals ?? DEFAULT_MAX_REFUSALS);
  const maxAttempts = options.maxAttempts ?? 20;
  const identities = new LineIdentities();
  const tally: Tally = { lines: 0, bytes: 0, blank: 0, accepted: 0, alreadyStored: 0, refused: 0 };
  const kept: LineRefusal[] = [];
  let omitted = 0;

  const report = (refusals: LineRefusal[]): void => {
    refusals.sort((a, b) => a.line - b.line);
    for (const refusal of refusals) {
      options.onRefusal?.(refusal);
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
      const decided = await decideChunk(store, chunk, maxAttempts, tally);
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
      const candidate = candidateOf(line.number, line.bytes, identities);
      if (candidate === 'blank') blankInChunk++;
      else if ('feit' in candidate) candidates.push(candidate);
      else early.push(candidate);
    }
    // Chunks count facts, not lines: a file written by export (no blank or refused lines) is
    // then cut where its own import cut it, and re-imports in the same order.
    if (candidates.length >= chunkSize || linesInChunk >= 4 * chunkSize) {
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

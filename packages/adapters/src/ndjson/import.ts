// NDJSON import (MEETREGELS §6, issue 4 point 5): streaming, in chunks of lines, so memory does
// not grow with the file. Every line is decoded with the domain codec and decided through
// recordFacts in its `per-fact` mode (issue 7, point 2): each line in file order, against the
// household's stored history plus the lines accepted before it, so a refused line is reported
// with its number and reason, every valid line is kept, and the outcome never depends on where
// the chunks were cut (chunking only sets how many lines go to the store in one append). The
// histories of the households seen are kept between chunks (bounded, history-cache.ts) and the
// next chunk's others are read while a chunk is decided.
//
// Issue 17: a store error about one fact's data (PostgreSQL's SQLSTATE classes 22, 23 and 54: a
// text it cannot hold, a constraint) refuses that line with its number, never the rest: the
// chunk is split in halves until the fact is found, and the lines after it go on. A recordedAt
// in the future is refused; one before the store's latest recordedAt only with `historisch`, so
// a figure published with a kennisdatum cannot change silently.
import { createReadStream } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  decode,
  decodeLine,
  describeDecodeError,
  formatInstant,
  type Identified,
  type Incoming,
  streamNameOf,
  type WeigeringCode,
} from '@zelfredzaam/domain';
import { withEventId } from '../envelope.js';
import { HistoryCache } from '../history-cache.js';
import { type Hooks, inSpan, notify } from '../hooks.js';
import { latestRecordedAt } from '../latest-recorded-at.js';
import type { EventStore } from '../port.js';
import { type Pipeline, recordDecided, type StreamOutcome } from '../record.js';
import { canonicalBytes, type Derivation, LineIdentities } from './identity.js';
import { readLineBatches, textOf } from './lines.js';

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
const DEFAULT_CHUNK_SIZE = 5_000;
/** Lines read between two turns of the event loop (a power of two). */
const LINES_PER_TURN = 64;
const DEFAULT_MAX_REFUSALS = 1_000;

export type LineRefusalCode =
  | 'TE_LANG'
  | 'GEEN_UTF8'
  | 'GEEN_JSON'
  | 'ONGELDIG'
  | 'GELIJKTIJDIG'
  /** The store refused to hold the fact (issue 17): the line is skipped, the import goes on. */
  | 'OPSLAG'
  /** recordedAt lies after `now` (issue 17). */
  | 'TOEKOMST'
  /** recordedAt lies before the store's latest, without `historisch` (issue 17). */
  | 'VOOR_LAATSTE'
  | WeigeringCode;

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
   * Observers: every refusal with its line number (as onRefusal), each append, each retry, and a
   * `zelfredzaam.import` span around the whole import.
   */
  readonly hooks?: Hooks;
  /**
   * How a missing eventId is derived (issue 17, point 6): `canoniek` (default) from the canonical
   * form of the decoded fact, so formatting does not matter; `oud` from the line's exact bytes
   * (the derivation before), to re-import a file that was imported with it without doubling.
   */
  readonly derivation?: Derivation;
  /**
   * The current instant in epoch milliseconds (default: the clock): a line whose recordedAt lies
   * after it is refused (a fact cannot be known before it is recorded).
   */
  readonly now?: number;
  /**
   * Migrating a whole history (the CLI's `--historisch`): new facts may have a recordedAt before
   * the store's latest. Without it such a fact is refused: it would change a figure published
   * with a kennisdatum after that moment. A fact already stored (a re-import) is never refused.
   */
  readonly historisch?: boolean;
}

/** A line decoded into a fact with its identity, to be decided. */
export interface Candidate {
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

/** Buffer's own latin1Slice (Node 20): the text of ASCII bytes without toString's dispatch. */
type Latin1Buffer = Buffer & { latin1Slice?: (start: number, end: number) => string };

const asciiOf = (bytes: Latin1Buffer, start: number, end: number): string =>
  bytes.latin1Slice === undefined ? bytes.toString('latin1', start, end) : bytes.latin1Slice(start, end);

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

/**
 * Parses and decodes one line into a fact with its identity, or the reason it is refused (every
 * reader of NDJSON through the decider: this importer, and `report --from`'s parallel reader).
 * `decoded`: the line already decoded from its bytes (decodeLine), without a rewrite.
 */
export const candidateOf = (
  line: number,
  raw: Buffer,
  identities: LineIdentities,
  rewrite: ((parsed: unknown) => unknown) | undefined,
  derivation: Derivation,
  decoded?: Incoming,
): Candidate | LineRefusal | 'blank' => {
  // A byte-order mark may open the file; it is not part of the line (nor of a derived eventId).
  const bytes = line === 1 && raw.subarray(0, 3).equals(BOM) ? raw.subarray(3) : raw;
  if (decoded !== undefined && rewrite === undefined) {
    // A missing eventId is derived as below (the line's bytes with `oud`, else its canonical form).
    return {
      line,
      feit: withEventId(decoded, () => identities.derive(derivation === 'oud' ? bytes : canonicalBytes(decoded))),
    };
  }
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
  // The id of a rewritten line comes from what was decoded, not from the source bytes (with the
  // old derivation: from the rewritten line's JSON text).
  let identity = bytes;
  if (rewrite !== undefined) {
    json = rewrite(json);
    if (derivation === 'oud') identity = Buffer.from(JSON.stringify(json) ?? '', 'utf8');
  }
  const result = decode(json);
  if (result._tag === 'Left') {
    const bericht = describeDecodeError(result.left);
    return {
      line,
      huishouden: result.left.huishouden,
      code: 'ONGELDIG',
      bericht: at(line, bericht.length > MAX_BERICHT ? `${bericht.slice(0, MAX_BERICHT)}…` : bericht),
    };
  }
  const feit = result.right;
  return {
    line,
    feit: withEventId(feit, () => identities.derive(derivation === 'oud' ? identity : canonicalBytes(feit))),
  };
};

/** The time limits of an import: recordedAt after `now`, or before `latest` (undefined: no limit). */
interface Tijdgrenzen {
  readonly now: string;
  latest: string | undefined;
  /** The first facts of the file (its first chunk), to recognise a re-run (see rerunBound). */
  first: readonly Identified[] | undefined;
  /** Whether `latest` has been narrowed for a re-run. */
  narrowed: boolean;
}

/**
 * The bound of a re-run (an import that stopped, run again): the facts the first run stored
 * must not raise the bar for the rest of the same file. They were appended after every fact the
 * store held before, starting with the file's first stored fact; so the bound is the latest
 * recordedAt of the facts before that one. Without a stored first fact, the bound is unchanged.
 */
const rerunBound = async (store: EventStore, grenzen: Tijdgrenzen): Promise<void> => {
  grenzen.narrowed = true;
  const first = grenzen.first ?? [];
  grenzen.first = undefined;
  if (first.length === 0) return;
  const streams = await store.readStreams([...new Set(first.map(streamNameOf))]);
  for (const feit of first) {
    const stored = streams.get(streamNameOf(feit))?.find((s) => s.event.eventId === feit.eventId);
    if (stored !== undefined) {
      grenzen.latest = await latestRecordedAt(store, stored.position);
      return;
    }
  }
};

const subjectOfFeit = (feit: Identified): string =>
  'werkgever' in feit ? `werkgever ${feit.werkgever}` : `huishouden ${feit.huishouden}`;

/**
 * The lines refused for their recordedAt (issue 17, point 8): after `now`, or before the store's
 * latest when the fact is not already stored in its stream (a re-import is never refused).
 */
const refuseByTime = async (
  store: EventStore,
  candidates: readonly Candidate[],
  grenzen: Tijdgrenzen,
  histories: HistoryCache,
  after: Promise<unknown>,
): Promise<{ kept: Candidate[]; refusals: LineRefusal[] }> => {
  const refusals: LineRefusal[] = [];
  const late: Candidate[] = [];
  const kept: Candidate[] = [];
  for (const candidate of candidates) {
    const { feit, line } = candidate;
    const recordedAt = feit.recordedAt;
    if (recordedAt !== undefined && recordedAt > grenzen.now) {
      refusals.push({
        line,
        huishouden: 'huishouden' in feit ? feit.huishouden : undefined,
        code: 'TOEKOMST',
        bericht: at(
          line,
          `${subjectOfFeit(feit)}, ${feit.type}: recordedAt ${recordedAt} ligt in de toekomst (nu is het ${grenzen.now}); een feit kan niet bekend zijn voordat het is vastgelegd`,
        ),
      });
    } else if (recordedAt !== undefined && grenzen.latest !== undefined && recordedAt < grenzen.latest) {
      late.push(candidate);
    } else kept.push(candidate);
  }
  if (late.length === 0) return { kept, refusals };
  // Whether a late fact is stored already is asked of what the chunks before did store.
  await after;
  if (!grenzen.narrowed) {
    await rerunBound(store, grenzen);
    for (const candidate of late.splice(0)) {
      const recordedAt = candidate.feit.recordedAt;
      if (recordedAt !== undefined && grenzen.latest !== undefined && recordedAt < grenzen.latest) late.push(candidate);
      else kept.push(candidate);
    }
    if (late.length === 0) {
      const keep = new Set(kept);
      return { kept: candidates.filter((c) => keep.has(c)), refusals };
    }
  }
  const known = await histories.histories(store, [...new Set(late.map((c) => streamNameOf(c.feit)))]);
  const lateKept = new Set<Candidate>();
  for (const candidate of late) {
    const { feit, line } = candidate;
    const stored = known.get(streamNameOf(feit))?.has(feit.eventId) === true;
    if (stored) {
      lateKept.add(candidate);
      continue;
    }
    refusals.push({
      line,
      huishouden: 'huishouden' in feit ? feit.huishouden : undefined,
      code: 'VOOR_LAATSTE',
      bericht: at(
        line,
        `${subjectOfFeit(feit)}, ${feit.type}: recordedAt ${feit.recordedAt} ligt vóór de laatste recordedAt in de store (${grenzen.latest}); zo'n feit zou cijfers die met een kennisdatum zijn gepubliceerd achteraf veranderen. Migreert u bewust een hele geschiedenis, importeer dan met --historisch`,
      ),
    });
  }
  // In file order; a Set, not kept.includes, per candidate (a chunk is thousands).
  const keep = new Set(kept);
  return { kept: candidates.filter((c) => keep.has(c) || lateKept.has(c)), refusals };
};

/**
 * An error of the store about the data of what was appended (PostgreSQL's SQLSTATE classes 22
 * data exception, 23 integrity constraint, 54 program limit): the same append fails again, while
 * the facts without the culprit can be stored. A lost connection or any other error is not one.
 */
export const isDataError = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null || !('code' in error) || typeof error.code !== 'string') return false;
  return /^(22|23|54)[0-9A-Z]{3}$/.test(error.code);
};

/**
 * Decides the candidates line by line in file order (recordFacts' `per-fact` mode) and appends
 * what was accepted in one append. When the store refuses the append for its data, the
 * candidates are split in halves and each half recorded on its own, down to the one line that
 * the store refuses: that line is refused with its number, every other line is kept (issue 17).
 * Splitting never changes an outcome: per-fact decisions do not depend on where a chunk is cut.
 */
const recordIsolating = async (
  store: EventStore,
  candidates: readonly Candidate[],
  maxAttempts: number,
  histories: HistoryCache,
  tally: Tally,
  refusals: LineRefusal[],
  hooks: Hooks,
  pipeline?: Pipeline,
): Promise<void> => {
  if (candidates.length === 0) return;
  let result: Awaited<ReturnType<typeof recordDecided>>;
  try {
    // Decoded from their lines already (no second decode); refusals reach the hooks with their
    // line numbers from importNdjson itself, so `hooks` here holds no onRefusal.
    result = await recordDecided(
      store,
      candidates.map((c) => c.feit),
      { chunkSize: candidates.length, maxAttempts, mode: 'per-fact', histories, hooks },
      pipeline,
    );
  } catch (error) {
    if (!isDataError(error)) throw error;
    const only = candidates.length === 1 ? candidates[0] : undefined;
    if (only !== undefined) {
      const { feit, line } = only;
      tally.refused++;
      refusals.push({
        line,
        huishouden: 'huishouden' in feit ? feit.huishouden : undefined,
        code: 'OPSLAG',
        bericht: at(
          line,
          `${subjectOfFeit(feit)}, ${feit.type}: de store weigert dit feit op te slaan (SQLSTATE ${(error as { code: string }).code}); de regel is overgeslagen, de regels erna gaan door`,
        ),
      });
      return;
    }
    const half = Math.ceil(candidates.length / 2);
    await recordIsolating(store, candidates.slice(0, half), maxAttempts, histories, tally, refusals, hooks);
    await recordIsolating(store, candidates.slice(half), maxAttempts, histories, tally, refusals, hooks);
    return;
  }
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
};

/** Decides one chunk: the time limits first, then the decider and the store, line by line. */
const decideChunk = async (
  store: EventStore,
  candidates: readonly Candidate[],
  maxAttempts: number,
  histories: HistoryCache,
  tally: Tally,
  grenzen: Tijdgrenzen,
  hooks: Hooks,
  pipeline: Pipeline,
): Promise<LineRefusal[]> => {
  if (candidates.length === 0) return [];
  const { kept, refusals } = await refuseByTime(store, candidates, grenzen, histories, pipeline.after);
  tally.refused += refusals.length;
  await recordIsolating(store, kept, maxAttempts, histories, tally, refusals, hooks, pipeline);
  return refusals;
};

const describeValue = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'een lijst'
      : typeof value === 'object'
        ? 'een object'
        : typeof value === 'string'
          ? 'een tekst'
          : `een waarde van soort ${typeof value}`;

/**
 * The arguments of importNdjson checked (issue 17, point 8): a library user who passes `null` or
 * a wrong type gets a Dutch message naming the argument, not a TypeError from deep inside.
 */
const checkArguments = (store: unknown, input: unknown, options: unknown): void => {
  const fail = (what: string): never => {
    throw new TypeError(`importNdjson: ${what}`);
  };
  if (
    typeof store !== 'object' ||
    store === null ||
    typeof (store as EventStore).append !== 'function' ||
    typeof (store as EventStore).readStreams !== 'function'
  ) {
    fail(`verwacht als eerste argument een store (openStore, openMemoryStore), ontvangen ${describeValue(store)}`);
  }
  const iterable =
    typeof input === 'object' &&
    input !== null &&
    (Symbol.asyncIterator in input || Symbol.iterator in input) &&
    !(input instanceof Uint8Array);
  if (!iterable) {
    fail(
      `verwacht als tweede argument een stroom van bytes of tekst (een ReadStream, of een lijst van Buffers of teksten), ontvangen ${describeValue(input)}`,
    );
  }
  if (options === null || (options !== undefined && typeof options !== 'object')) {
    fail(`verwacht als derde argument een object met opties, ontvangen ${describeValue(options)}`);
  }
  const now = (options as ImportOptions | undefined)?.now;
  if (now !== undefined && !(typeof now === 'number' && Number.isFinite(now))) {
    fail(`optie now: verwacht een tijdstip in milliseconden sinds 1970 (Date.now()), ontvangen ${describeValue(now)}`);
  }
};

/** The pieces of the input, each checked to be bytes or text (a number or an object is named, not a TypeError of Buffer). */
async function* checkedPieces(input: AsyncIterable<unknown> | Iterable<unknown>): AsyncGenerator<Uint8Array | string> {
  for await (const piece of input) {
    if (typeof piece !== 'string' && !(piece instanceof Uint8Array)) {
      throw new TypeError(
        `importNdjson: de invoer moet bytes (Buffer, Uint8Array) of tekst leveren, maar leverde ${describeValue(piece)}`,
      );
    }
    yield piece;
  }
}

/**
 * Imports NDJSON from a byte stream (a file, stdin, a response body) into the store. Re-importing
 * the same file adds nothing. Refusals are reported, never thrown; an error of the store itself
 * (connection lost) is thrown, after which a re-run completes the import without duplicates.
 */
export const importNdjson = async (
  store: EventStore,
  input: unknown,
  options: ImportOptions = {},
): Promise<ImportResult> => {
  checkArguments(store, input, options);
  return inSpan(options.hooks, 'zelfredzaam.import', { 'zelfredzaam.store': store.kind }, () =>
    importChecked(store, input as AsyncIterable<unknown> | Iterable<unknown>, options),
  );
};

const importChecked = async (
  store: EventStore,
  input: AsyncIterable<unknown> | Iterable<unknown>,
  options: ImportOptions,
): Promise<ImportResult> => {
  const { onRefusal: _byLine, ...hooks } = options.hooks ?? {};
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const maxRefusals = Math.max(0, options.maxRefusals ?? DEFAULT_MAX_REFUSALS);
  const maxAttempts = options.maxAttempts ?? 20;
  const identities = new LineIdentities();
  const derivation = options.derivation ?? 'canoniek';
  // The limits of recordedAt (issue 17): read once, before the first line is stored.
  const grenzen: Tijdgrenzen = {
    now: formatInstant(options.now ?? Date.now()),
    latest: options.historisch === true ? undefined : await latestRecordedAt(store),
    first: undefined,
    narrowed: false,
  };
  // The histories of the households seen, kept between chunks (bounded; history-cache.ts). A
  // household not seen is always read: a refusal decided on a history assumed empty would be
  // checked by no append (another import may be writing it).
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
  // Chunks overlap (issue 16): one is read and decoded while the one before is decided (on the
  // cache, which keeps what that one decided at once) and the one before that is appended. The
  // decisions follow file order, and so do the appends and the reports: each chunk appends after
  // the one before it has, and a household that one did not store as decided is decided again.
  let decidedBefore: Promise<void> = Promise.resolve();
  let deciding: Promise<void> = Promise.resolve();
  const inFlight: Promise<void>[] = [];
  const flush = (): void => {
    const chunk = candidates;
    const refused = early;
    const upTo = { lines, bytes, blank: blankInChunk };
    candidates = [];
    early = [];
    linesInChunk = 0;
    blankInChunk = 0;
    const after = deciding;
    let decided = (): void => {};
    const decidedNow = new Promise<void>((resolve) => {
      decided = resolve;
    });
    const start = decidedBefore;
    decidedBefore = decidedNow;
    deciding = start.then(async () => {
      try {
        if (grenzen.first === undefined && !grenzen.narrowed) grenzen.first = chunk.map((c) => c.feit);
        const refusals = await decideChunk(store, chunk, maxAttempts, histories, tally, grenzen, hooks, {
          after,
          decided,
        });
        decided();
        await after;
        tally.refused += refused.length;
        tally.blank += upTo.blank;
        report([...refused, ...refusals]);
        tally.lines = upTo.lines;
        tally.bytes = upTo.bytes;
        options.onProgress?.({ ...tally });
      } finally {
        decided();
      }
    });
    // Marked handled here; the error surfaces at the next await of `deciding`.
    deciding.catch(() => {});
    inFlight.push(deciding);
  };

  for await (const batch of readLineBatches(checkedPieces(input), maxLineBytes))
    for (const line of batch) {
      // A 1 MB piece is some 5,000 lines decoded without a pause; the store's replies to the
      // append running meanwhile (a handful of round trips each) would wait for the next piece and
      // the two would take turns instead of overlapping (issue 16: a third of the time idle).
      if ((line.number & (LINES_PER_TURN - 1)) === 0) await nextTurn();
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
        // A flat line is decoded straight from its bytes (decode-fast.ts); any other by JSON.parse.
        const bytes = line.bytes as Latin1Buffer;
        const fast =
          options.rewrite === undefined
            ? decodeLine(bytes, 0, bytes.length, (a, b) => asciiOf(bytes, a, b), false)
            : undefined;
        const candidate = candidateOf(line.number, line.bytes, identities, options.rewrite, derivation, fast);
        if (candidate === 'blank') blankInChunk++;
        else if ('feit' in candidate) candidates.push(candidate);
        else early.push(candidate);
      }
      // Chunks count facts, not lines: a file written by export (no blank or refused lines) is
      // then cut where its own import cut it, and re-imports in the same order.
      if (candidates.length >= chunkSize || linesInChunk >= 4 * chunkSize) {
        // At most two chunks are decided or appended while this one waits: memory stays bounded.
        if (inFlight.length >= 2) await inFlight.shift();
        await decidedBefore;
        // The store reads this chunk's households it does not keep while the chunks before are decided and appended.
        histories.readAhead(
          store,
          candidates.map((c) => streamNameOf(c.feit)),
        );
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

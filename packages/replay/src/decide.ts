// `report --from FILE` on every core (issue 16): a file that was never checked is decided line by
// line, as `import` decides it, and folded into the projections' state, without a store in
// between. Households are independent under the decider (MEETREGELS §2: one stream each), so the
// file is partitioned by household as in a replay (partition.ts): every part reads the whole file,
// decodes only its own households' lines (from the bytes when the line is flat, else JSON.parse
// and the describing decoder), decides each in file order on its stream's Tijdlijn (O(log n) per
// fact) and folds what it accepts. The refusals are those of `import`, with the same line numbers
// and messages (decide.test.ts: parallel = serial = import).
//
// What crosses households: an eventId is one fact's, in whichever stream (the importer refuses a
// fact whose eventId another stream holds). Within a part that is checked as it goes; across parts
// each part hands back a key per eventId it accepted, and when two parts accepted the same one (a
// file that reuses an eventId in two households) the file is decided again in one part (correct by
// construction), as a replay does for a line its byte scan could not route. (A fact the decider
// refuses is refused for that reason wherever its eventId is held, so only acceptances count.)
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { candidateOf, type Derivation, LineIdentities, type LineRefusal } from '@zelfredzaam/adapters';
import {
  aanduiding,
  decodeLine,
  type Identified,
  isWerkgeverFeit,
  parseInstant,
  type Recorded,
  type RecordedAt,
  streamOf,
  subjectOf,
  Tijdlijnen,
  weigering,
} from '@zelfredzaam/domain';
import { apply, canonicalLine, emptyState, type ProjectionState } from '@zelfredzaam/projections';
import { EventIdTable } from './event-ids.js';
import { partOfLine, partOfSubject } from './partition.js';

export interface DecidePartOptions {
  /** The longest line read, in bytes (default 1 MB, as the importer); a longer one is refused. */
  readonly maxLineBytes?: number;
  /** recordedAt of a fact that has none: the moment the file is read (as a store sets it on append). */
  readonly now: RecordedAt;
  /** Rewrites each parsed line before it is decoded (`--pseudonimiseer`), as the importer does. */
  readonly rewrite?: (parsed: unknown) => unknown;
  /** Called about every 16 MB with the bytes read so far. */
  readonly onBytes?: (bytes: number) => void;
  /** How a missing eventId is derived, as the importer (default `canoniek`). */
  readonly derivation?: Derivation;
  /** Keep each accepted fact's canonical line (for MEETREGELS §5 bron.sha256, in file order). */
  readonly regels?: boolean;
}

/** The accepted facts' canonical lines of a part, in file order: for bron.sha256 (§5). */
export interface AcceptedLines {
  /** The lines, back to back (UTF-8). */
  readonly bytes: Uint8Array;
  /** Where line k starts in `bytes`; k + 1 where it ends. */
  readonly offsets: Int32Array;
  readonly lineNumbers: Int32Array;
  /** recordedAt in milliseconds. */
  readonly recordedAt: Float64Array;
  readonly count: number;
}

export interface DecidePartResult {
  readonly state: ProjectionState;
  readonly lines: number;
  readonly bytes: number;
  readonly blank: number;
  readonly accepted: number;
  readonly alreadyStored: number;
  readonly refused: number;
  /** Every refusal of this part, in line order. */
  readonly refusals: LineRefusal[];
  /** Valid lines whose stream belongs to another part (the caller then decides in one part). */
  readonly misrouted: number;
  /** With `regels`: the accepted facts' canonical lines. */
  readonly regels: AcceptedLines | undefined;
  /**
   * With `regels`: every decoded line of this part (line number, and its stream's key, part ·
   * 2^24 + index, or −1 when refused for its recordedAt before the decider), in file order — what
   * the importer's chunks are cut by and grouped by (decide-file.ts orders the hash as it does).
   */
  readonly kandidaten: { readonly lines: Int32Array; readonly streams: Int32Array } | undefined;
  /**
   * A key (53-bit hash) per eventId this part accepted, ascending: one accepted in two parts is
   * refused in one of them when decided in one part (the caller then decides in one part). A fact
   * the decider refuses is refused for that reason wherever its eventId is held.
   */
  readonly eventIdKeys: Float64Array;
}

const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const PROGRESS_BYTES = 16 * 1024 * 1024;
const LF = 0x0a;
const CR = 0x0d;

/** Buffer's own latin1Slice: toString without its dispatch on the encoding's name (Node 20). */
type Latin1Buffer = Buffer & { latin1Slice?: (start: number, end: number) => string };

const at = (line: number, message: string): string => `regel ${line}: ${message}`;

/**
 * Decides and folds the lines of `path` that belong to part `part` of `parts` (every line when
 * `parts` is 1). Synchronous: run it in a worker thread (decide-worker.ts), or in one part.
 */
export const decidePart = (path: string, part: number, parts: number, options: DecidePartOptions): DecidePartResult => {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const rewrite = options.rewrite;
  const state = emptyState();
  const refusals: LineRefusal[] = [];
  const identities = new LineIdentities();
  /** Each stream's index, households and employers (§7.1) apart: no key is built per fact. */
  const households = new Map<string, number>();
  const employers = new Map<string, number>();
  // One table of every eventId accepted here, off the heap and shared by the streams' timelines:
  // a fact's number in it gives its stream (the holder, for the check across streams).
  // Sized for the facts this part will likely hold (a line is some 190 bytes), so it rarely grows.
  const ids = new EventIdTable(Math.min(1 << 24, Math.ceil(statSync(path).size / 190 / parts)));
  // Every stream's timeline, off the heap in a few typed arrays: none is ever frozen or rebuilt.
  const timelines = new Tijdlijnen(ids);
  const lineStore = options.regels === true ? new LineStore() : undefined;
  const candidateLog = options.regels === true ? new PairLog() : undefined;
  const derivation = options.derivation ?? 'canoniek';
  let lines = 0;
  let bytes = 0;
  let blank = 0;
  let accepted = 0;
  let alreadyStored = 0;
  let misrouted = 0;
  let nextProgress = PROGRESS_BYTES;

  const tooLong = (line: number, length: number): void => {
    refusals.push({
      line,
      huishouden: undefined,
      code: 'TE_LANG',
      bericht: at(line, `${length} bytes, langer dan de grens van ${maxLineBytes} bytes; niet gelezen`),
    });
  };

  /** One line of this part: decoded (from `fast`, or candidateOf's JSON path), decided, folded. */
  const take = (line: number, feit: Identified, rawSubject: string | undefined): void => {
    // As the importer: a recordedAt after now is refused before the decider (issue 17, point 8).
    if (feit.recordedAt !== undefined && feit.recordedAt > options.now) {
      candidateLog?.add(line, -1);
      const wie = 'werkgever' in feit ? `werkgever ${feit.werkgever}` : `huishouden ${feit.huishouden}`;
      refusals.push({
        line,
        huishouden: 'huishouden' in feit ? feit.huishouden : undefined,
        code: 'TOEKOMST',
        bericht: at(
          line,
          `${wie}, ${feit.type}: recordedAt ${feit.recordedAt} ligt in de toekomst (nu is het ${options.now}); een feit kan niet bekend zijn voordat het is vastgelegd`,
        ),
      });
      return;
    }
    const subject = streamOf(feit);
    // A line routed by its line number (a pseudonym written with an escape, …): decide the file in one part.
    if (parts > 1 && partOfSubject(rawSubject ?? subject, parts) !== part) {
      misrouted++;
      return;
    }
    const employer = isWerkgeverFeit(feit);
    const index = employer ? employers : households;
    let s = index.get(subject);
    if (s === undefined) {
      s = timelines.nieuw();
      index.set(subject, s);
    }
    candidateLog?.add(line, part * STREAM_KEY_PART + s);
    // As the importer (decide-per-fact.ts): the decider's refusal first; a fact it accepts whose
    // eventId another stream holds is refused as reused.
    const g = ids.find(feit.eventId);
    const reused = g >= 0 && ids.streamOf(g) !== s;
    const verdict = timelines.beslis(s, feit, !reused, g);
    if (typeof verdict !== 'string') {
      refusals.push({ line, huishouden: streamOf(feit), code: verdict.code, bericht: at(line, verdict.bericht) });
      return;
    }
    if (reused) {
      const refusal = weigering('EVENT_ID_HERGEBRUIKT', subjectOf(feit), aanduiding(feit));
      refusals.push({ line, huishouden: streamOf(feit), code: refusal.code, bericht: at(line, refusal.bericht) });
      return;
    }
    if (verdict === 'bekend') {
      alreadyStored++;
      return;
    }
    accepted++;
    const recorded = (feit.recordedAt === undefined ? { ...feit, recordedAt: options.now } : feit) as Recorded;
    apply(state, recorded);
    lineStore?.add(line, recorded);
  };

  const buf = Buffer.allocUnsafe(CHUNK_BYTES + maxLineBytes + 2) as Latin1Buffer;
  const ascii =
    typeof buf.latin1Slice === 'function'
      ? (start: number, end: number) => (buf.latin1Slice as (s: number, e: number) => string)(start, end)
      : (start: number, end: number) => buf.toString('latin1', start, end);
  const fd = openSync(path, 'r');
  try {
    let carry = 0;
    let skipping = false;
    let skipped = 0;
    let eof = false;
    while (!eof) {
      const read = readSync(fd, buf, carry, CHUNK_BYTES, null);
      eof = read === 0;
      bytes += read;
      let end = carry + read;
      // The last line needs no newline (one is added here only to find its end).
      const lastHasLf = end === 0 || buf[end - 1] === LF;
      if (eof && end > 0 && !lastHasLf) buf[end++] = LF;
      const lastLf = end === 0 ? -1 : buf.lastIndexOf(LF, end - 1);
      const complete = lastLf + 1;
      let start = 0;
      while (start < complete) {
        const lf = buf.indexOf(LF, start);
        lines++;
        const stop = lf > start && buf[lf - 1] === CR ? lf - 1 : lf;
        const mine = parts === 1 || lines % parts === part;
        if (skipping) {
          const length = skipped + (stop - start);
          if (mine) tooLong(lines, length);
          skipping = false;
          skipped = 0;
        } else if (stop - start > maxLineBytes) {
          if (mine) tooLong(lines, stop - start);
        } else {
          // A byte-order mark may open the file: not part of the line (candidateOf drops it too).
          const first =
            lines === 1 && stop - start >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
          if (parts === 1 || partOfLine(buf, start + first, stop, lines, parts) === part) {
            const decoded = rewrite === undefined ? decodeLine(buf, start + first, stop, ascii, false) : undefined;
            if (decoded !== undefined && decoded.eventId !== undefined) take(lines, decoded as Identified, undefined);
            else {
              // The line's bytes (a view: read before the buffer is reused), for JSON.parse and a derived eventId.
              const raw = buf.subarray(start, stop);
              const candidate = candidateOf(lines, raw, identities, rewrite, derivation, decoded);
              if (candidate === 'blank') blank++;
              else if (!('feit' in candidate)) refusals.push(candidate);
              else take(lines, candidate.feit, rewrite === undefined ? undefined : rawSubjectOf(raw));
            }
          }
        }
        start = lf + 1;
      }
      const rest = end - complete;
      if (skipping || rest > maxLineBytes + 1) {
        skipping = true;
        skipped += rest;
        carry = 0;
      } else {
        buf.copy(buf, 0, complete, end);
        carry = rest;
      }
      if (eof && skipping) {
        lines++;
        if (parts === 1 || lines % parts === part) tooLong(lines, skipped);
      }
      if (bytes >= nextProgress) {
        options.onBytes?.(bytes);
        nextProgress += PROGRESS_BYTES;
      }
    }
  } finally {
    closeSync(fd);
  }
  options.onBytes?.(bytes);
  const eventIdKeys = new Float64Array(ids.size);
  for (let g = 0; g < ids.size; g++) eventIdKeys[g] = ids.keyOf(g);
  // Sorted here, in parallel: the caller only merges the parts' lists.
  eventIdKeys.sort();
  return {
    state,
    lines,
    bytes,
    blank,
    accepted,
    alreadyStored,
    refused: refusals.length,
    refusals,
    misrouted,
    regels: lineStore?.result(),
    kandidaten: candidateLog?.result(),
    eventIdKeys,
  };
};

/** A stream key: part · 2^24 + the stream's index in the part. */
export const STREAM_KEY_PART = 1 << 24;

/** Pairs of int32, growing off the heap. */
class PairLog {
  private lines = new Int32Array(4096);
  private streams = new Int32Array(4096);
  private count = 0;

  add(line: number, stream: number): void {
    if (this.count === this.lines.length) {
      const lines = new Int32Array(2 * this.count);
      lines.set(this.lines);
      this.lines = lines;
      const streams = new Int32Array(2 * this.count);
      streams.set(this.streams);
      this.streams = streams;
    }
    this.lines[this.count] = line;
    this.streams[this.count] = stream;
    this.count++;
  }

  result(): { lines: Int32Array; streams: Int32Array } {
    return { lines: this.lines.slice(0, this.count), streams: this.streams.slice(0, this.count) };
  }
}

/** The canonical lines of accepted facts, growing off the heap. */
class LineStore {
  private bytes = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  private offsets = new Int32Array(4096);
  private lineNumbers = new Int32Array(4096);
  private recordedAt = new Float64Array(4096);
  private count = 0;

  add(line: number, feit: Recorded): void {
    const text = canonicalLine(feit);
    const needed = Buffer.byteLength(text, 'utf8');
    if (this.used + needed > this.bytes.length) {
      let size = this.bytes.length;
      while (this.used + needed > size) size *= 2;
      const bigger = Buffer.allocUnsafe(size);
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    if (this.count + 1 >= this.offsets.length) {
      const n = 2 * this.offsets.length;
      const offsets = new Int32Array(n);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const numbers = new Int32Array(n);
      numbers.set(this.lineNumbers);
      this.lineNumbers = numbers;
      const at = new Float64Array(n);
      at.set(this.recordedAt);
      this.recordedAt = at;
    }
    this.offsets[this.count] = this.used;
    this.used += this.bytes.write(text, this.used, 'utf8');
    this.lineNumbers[this.count] = line;
    this.recordedAt[this.count] = parseInstant(feit.recordedAt) ?? 0;
    this.count++;
    this.offsets[this.count] = this.used;
  }

  result(): AcceptedLines {
    // Copies of exactly the used lengths (their buffers can be moved to another thread).
    return {
      bytes: Uint8Array.prototype.slice.call(this.bytes, 0, this.used),
      offsets: this.offsets.slice(0, this.count + 1),
      lineNumbers: this.lineNumbers.slice(0, this.count),
      recordedAt: this.recordedAt.slice(0, this.count),
      count: this.count,
    };
  }
}

/**
 * The household (else employer) a line names before it is rewritten, as the byte scan routes it:
 * a rewritten line's stream is a function of it.
 */
const rawSubjectOf = (raw: Buffer): string | undefined => {
  try {
    const json = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    const subject = typeof json.huishouden === 'string' ? json.huishouden : json.werkgever;
    return typeof subject === 'string' ? subject : undefined;
  } catch {
    return undefined;
  }
};

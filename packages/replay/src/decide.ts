// `report --from FILE` on every core (issue 16): a file that was never checked is decided line by
// line, as `import` decides it, and folded into the projections' state, without a store in
// between. Households are independent under the decider (MEETREGELS §2: one stream each), so the
// file is partitioned by household as in a replay (partition.ts): every part reads the whole file,
// decodes only its own households' lines (from the bytes when the line is flat, else JSON.parse
// and the describing decoder), decides each on its stream's timeline (O(log n) per fact; every
// stream's timeline in the part's Tijdlijnen, off the heap) and folds what it accepts: household
// by household within windows of lines (HouseholdWindow), each household's lines in file order.
// The refusals are those of `import`, with the same line numbers and messages (decide.test.ts:
// parallel = serial = in file order = import).
//
// What crosses households: an eventId is one fact's, in whichever stream (the importer refuses a
// fact whose eventId another stream holds). Within a part that is checked as it goes; across parts
// each part hands back a key per eventId it accepted, and when two parts accepted the same one (a
// file that reuses an eventId in two households) the file is decided again in one part (correct by
// construction), as a replay does for a line its byte scan could not route. (A fact the decider
// refuses is refused for that reason wherever its eventId is held, so only acceptances count.)
import { constants } from 'node:buffer';
import { statSync } from 'node:fs';
import { candidateOf, type Derivation, LineIdentities, type LineRefusal } from '@zelfredzaam/adapters';
import {
  type AsciiText,
  aanduiding,
  canonicalLineInto,
  canonicalLineOfDecoded,
  decodeLine,
  EventIdTable,
  forgetDecodedLine,
  type Identified,
  isWerkgeverFeit,
  LINE_NO_ROOM,
  parseInstant,
  type Recorded,
  type RecordedAt,
  streamOf,
  subjectOf,
  Tijdlijnen,
  weigering,
} from '@zelfredzaam/domain';
import { canonicalLine, emptyState, type ProjectionState, StreamFold } from '@zelfredzaam/projections';

import { asciiTextOf, hashText, readLines, subjectHashOfLine } from './partition.js';
import { STREAM_KEY_PART } from './recorded-order.js';

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
  /**
   * With `regels`: keep each line's recordedAt too (default true); only a digest with a
   * kennisdatum reads it (BronHash.metKennisdatum), so without one it is not computed.
   */
  readonly regelTijden?: boolean;
  /**
   * The bytes of lines decided household by household at a time (default 64 MiB); 0 decides in
   * file order. Either gives the same result (decide.test.ts); grouped is faster.
   */
  readonly windowBytes?: number;
}

/** The accepted facts' canonical lines of a part, with their line numbers: for bron.sha256 (§5). */
export interface AcceptedLines {
  /** The lines, back to back (UTF-8). */
  readonly bytes: Uint8Array;
  /** Where line k starts in `bytes`; k + 1 where it ends (past 2 GiB: not 32-bit numbers). */
  readonly offsets: Float64Array;
  readonly lineNumbers: Int32Array;
  /** recordedAt in milliseconds (0 when not asked for: `regelTijden` false). */
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
  /** With `regels`: the accepted facts' canonical lines (in the order decided; the line numbers order them). */
  readonly regels: AcceptedLines | undefined;
  /**
   * With `regels`: every decoded line of this part (line number, and its stream's key, part ·
   * 2^24 + index, or −1 when refused for its recordedAt before the decider), in the order decided —
   * what the importer's chunks are cut by and grouped by (decide-file.ts orders the hash as it
   * does, by line number).
   */
  readonly kandidaten: { readonly lines: Int32Array; readonly streams: Int32Array } | undefined;
  /**
   * A key (53-bit hash) per eventId this part accepted, ascending: one accepted in two parts is
   * refused in one of them when decided in one part (the caller then decides in one part). A fact
   * the decider refuses is refused for that reason wherever its eventId is held.
   */
  readonly eventIdKeys: Float64Array;
  /** Whether the part was decided in file order (a second reading, or asked for), not household by household. */
  readonly inFileOrder: boolean;
}

const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

const at = (line: number, message: string): string => `regel ${line}: ${message}`;

/**
 * Decides and folds the lines of `path` that belong to part `part` of `parts` (every line when
 * `parts` is 1). Synchronous: run it in a worker thread (decide-worker.ts), or in one part.
 *
 * Household by household where that gives what file order gives (see `HouseholdWindow`); when a
 * window shows it might not (an eventId accepted in one household and met in another, or a line
 * whose household its bytes name differently), the part is decided again in file order.
 */
export const decidePart = (path: string, part: number, parts: number, options: DecidePartOptions): DecidePartResult => {
  // Progress never goes back when the part is read a second time.
  let reported = 0;
  const onBytes = options.onBytes;
  const monotonic: DecidePartOptions =
    onBytes === undefined
      ? options
      : {
          ...options,
          onBytes: (bytes) => {
            if (bytes <= reported) return;
            reported = bytes;
            onBytes(bytes);
          },
        };
  const windowBytes = options.windowBytes ?? DEFAULT_WINDOW_BYTES;
  // A rewritten line's household is not what its bytes name: file order only.
  if (windowBytes > 0 && options.rewrite === undefined) {
    try {
      return decideOnce(path, part, parts, monotonic, windowBytes);
    } catch (error) {
      if (!(error instanceof InFileOrder)) throw error;
    }
  }
  return decideOnce(path, part, parts, monotonic, 0);
};

/** Thrown inside a part decided household by household when file order could decide otherwise. */
class InFileOrder extends Error {}

/** One reading of the part: household by household in windows of `windowBytes` (0: in file order). */
const decideOnce = (
  path: string,
  part: number,
  parts: number,
  options: DecidePartOptions,
  windowBytes: number,
): DecidePartResult => {
  const grouped = windowBytes > 0;
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const rewrite = options.rewrite;
  const state = emptyState();
  const fold = new StreamFold(state);
  const refusals: LineRefusal[] = [];
  const identities = new LineIdentities();
  /** Each stream's number, households and employers (§7.1) apart: no key is built per fact. */
  const streams = new SubjectTable();
  // One table of every eventId accepted here, off the heap and shared by the streams' timelines:
  // a fact's number in it gives its stream (the holder, for the check across streams).
  // Sized for the facts this part will likely hold (a line is some 190 bytes), so it rarely grows.
  const fileBytes = statSync(path).size;
  const ids = new EventIdTable(Math.min(1 << 24, Math.ceil(fileBytes / 190 / parts)));
  // Every stream's timeline, off the heap in a few typed arrays: none is ever frozen or rebuilt.
  const timelines = new Tijdlijnen(ids);
  const lineStore =
    options.regels === true ? new LineStore(options.regelTijden !== false, fileBytes / parts) : undefined;
  const candidateLog = options.regels === true ? new PairLog() : undefined;
  const derivation = options.derivation ?? 'canoniek';
  let blank = 0;
  let accepted = 0;
  let alreadyStored = 0;
  let misrouted = 0;
  /** The eventIds accepted before the window being decided (fact numbers below it). */
  let idsBeforeWindow = 0;

  const tooLong = (line: number, length: number): void => {
    refusals.push({
      line,
      huishouden: undefined,
      code: 'TE_LANG',
      bericht: at(line, `${length} bytes, langer dan de grens van ${maxLineBytes} bytes; niet gelezen`),
    });
  };

  /**
   * One line of this part: decoded (from `fast`, or candidateOf's JSON path), decided, folded.
   * `key`: the hash its window grouped it by (household by household only).
   */
  const take = (line: number, feit: Identified, rawSubject: string | undefined, key: number): void => {
    const subject = streamOf(feit);
    // One hash of the pseudonym for both: the part it belongs to and its stream's number.
    const hash = hashText(subject);
    // Grouped under another household than its own: its place among its household's lines is
    // not known here.
    if (grouped && hash !== key) throw new InFileOrder();
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
    // A line routed by its line number (a pseudonym written with an escape, …): decide the file in one part.
    if (parts > 1 && (rawSubject === undefined ? hash : hashText(rawSubject)) % parts !== part) {
      misrouted++;
      return;
    }
    const employer = isWerkgeverFeit(feit);
    let s = streams.find(subject, employer, hash);
    if (s < 0) {
      s = timelines.nieuw();
      streams.add(subject, employer, hash, s);
    }
    // As the importer (decide-per-fact.ts): the decider's refusal first; a fact it accepts whose
    // eventId another stream holds is refused as reused.
    const g = ids.find(feit.eventId);
    const reused = g >= 0 && ids.streamOf(g) !== s;
    // Which of the two came first in the file decides which is refused: an eventId another
    // household took in this window may be one of a later line.
    if (reused && grouped && g >= idsBeforeWindow) throw new InFileOrder();
    candidateLog?.add(line, part * STREAM_KEY_PART + s);
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
    fold.apply(s, recorded);
    lineStore?.add(line, recorded);
  };

  /** One line of this part, from bytes [first, stop) of `buf`. */
  const decideLine = (line: number, buf: Buffer, first: number, stop: number, ascii: AsciiText, key: number): void => {
    const decoded =
      rewrite === undefined ? decodeLine(buf, first, stop, ascii, false, lineStore !== undefined) : undefined;
    if (decoded !== undefined && decoded.eventId !== undefined) take(line, decoded as Identified, undefined, key);
    else {
      // The line's bytes (a view: read before the buffer is reused), for JSON.parse and a derived eventId.
      const raw = buf.subarray(first, stop);
      const candidate = candidateOf(line, raw, identities, rewrite, derivation, decoded);
      if (candidate === 'blank') blank++;
      else if (!('feit' in candidate)) refusals.push(candidate);
      else take(line, candidate.feit, rewrite === undefined ? undefined : rawSubjectOf(raw), key);
    }
  };

  const window = grouped ? new HouseholdWindow(windowBytes, maxLineBytes) : undefined;
  const decideWindow = (w: HouseholdWindow): void => {
    idsBeforeWindow = ids.size;
    w.each(decideLine);
  };

  const { lines, bytes } = readLines(path, maxLineBytes, options.onBytes, {
    tooLong: (line, length) => {
      if (parts === 1 || line % parts === part) tooLong(line, length);
    },
    line: (line, buf, first, stop, ascii) => {
      let key = subjectHashOfLine(buf, first, stop);
      if (parts > 1 && (key < 0 ? line % parts : key % parts) !== part) return;
      if (window === undefined) {
        decideLine(line, buf, first, stop, ascii, key);
        return;
      }
      // A household the byte scan cannot read (written with an escape, …): JSON.parse names it.
      // A line without one (blank, not JSON, no household) reaches no household: any group.
      if (key < 0) {
        const subject = rawSubjectOf(buf.subarray(first, stop));
        key = subject === undefined ? 0 : hashText(subject);
      }
      if (!window.add(line, buf, first, stop, key)) {
        decideWindow(window);
        window.add(line, buf, first, stop, key);
      }
    },
  });
  if (window !== undefined) decideWindow(window);
  forgetDecodedLine();
  // Household by household, the refusals came in another order (one per line at most).
  if (grouped) refusals.sort((a, b) => a.line - b.line);
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
    inFileOrder: !grouped,
  };
};

/** The window of a part decided household by household: 64 MiB of lines (some 350,000). */
const DEFAULT_WINDOW_BYTES = 64 * 1024 * 1024;

/**
 * A window of a part's lines, decided household by household (issue 16): a household's facts one
 * after the other keep its timeline, its fold and its table entries in the cache, where file
 * order (households interleaved, as a case system exports by date) fetches them from memory for
 * nearly every fact (the 1M-line foreign file: 12–15 % less CPU in windows, measured).
 * Lines are grouped by the hash of the household their bytes name, each household's lines in
 * file order, households in the order they first appear. That gives what file order gives: the
 * decider and the fold see one household at a time, and what crosses households is checked as it
 * goes (`take`: an eventId another household took in this window, a line whose decoded household
 * is not the one it was grouped under; then the part is decided again in file order). Windows
 * follow each other in file order.
 */
class HouseholdWindow {
  private buf: Buffer;
  private readonly text: AsciiText;
  private used = 0;
  private count = 0;
  private lineNumbers = new Int32Array(4096);
  private starts = new Int32Array(4096);
  private ends = new Int32Array(4096);
  private keys = new Float64Array(4096);
  private order = new Int32Array(4096);
  private groupOf = new Int32Array(4096);

  constructor(
    private readonly windowBytes: number,
    maxLineBytes: number,
  ) {
    // Room for the window, and for one line of the longest length.
    this.buf = Buffer.allocUnsafe(Math.max(windowBytes, maxLineBytes + 1));
    this.text = asciiTextOf(this.buf);
  }

  /** Adds a line (its bytes are copied); false when the window is full (decide it, then add again). */
  add(line: number, from: Buffer, first: number, stop: number, key: number): boolean {
    const length = stop - first;
    if (this.count > 0 && this.used + length > this.windowBytes) return false;
    if (this.count === this.lineNumbers.length) this.grow();
    // A line of a few hundred bytes is copied by a loop: Buffer.copy's own checks cost more (measured).
    if (length <= 512) {
      const buf = this.buf;
      for (let i = first, j = this.used; i < stop; i++, j++) buf[j] = from[i] as number;
    } else from.copy(this.buf, this.used, first, stop);
    this.lineNumbers[this.count] = line;
    this.starts[this.count] = this.used;
    this.ends[this.count] = this.used + length;
    this.keys[this.count] = key;
    this.used += length;
    this.count++;
    return true;
  }

  /** Hands every line to `visit`, household by household, and empties the window. */
  each(visit: (line: number, buf: Buffer, first: number, stop: number, ascii: AsciiText, key: number) => void): void {
    const n = this.count;
    // A counting sort by group (first appearance), stable: each group's lines in file order.
    const groups = new Map<number, number>();
    const sizes: number[] = [];
    for (let i = 0; i < n; i++) {
      const key = this.keys[i] as number;
      let group = groups.get(key);
      if (group === undefined) {
        group = sizes.length;
        groups.set(key, group);
        sizes.push(0);
      }
      this.groupOf[i] = group;
      sizes[group] = (sizes[group] as number) + 1;
    }
    let next = 0;
    for (let group = 0; group < sizes.length; group++) {
      const size = sizes[group] as number;
      sizes[group] = next;
      next += size;
    }
    for (let i = 0; i < n; i++) {
      const group = this.groupOf[i] as number;
      const to = sizes[group] as number;
      sizes[group] = to + 1;
      this.order[to] = i;
    }
    // Emptied first: a visit that throws (InFileOrder) leaves nothing behind.
    this.count = 0;
    this.used = 0;
    for (let k = 0; k < n; k++) {
      const i = this.order[k] as number;
      visit(
        this.lineNumbers[i] as number,
        this.buf,
        this.starts[i] as number,
        this.ends[i] as number,
        this.text,
        this.keys[i] as number,
      );
    }
  }

  private grow(): void {
    const n = 2 * this.lineNumbers.length;
    const int32 = (from: Int32Array): Int32Array<ArrayBuffer> => {
      const bigger = new Int32Array(n);
      bigger.set(from);
      return bigger;
    };
    this.lineNumbers = int32(this.lineNumbers);
    this.starts = int32(this.starts);
    this.ends = int32(this.ends);
    this.order = new Int32Array(n);
    this.groupOf = new Int32Array(n);
    const keys = new Float64Array(n);
    keys.set(this.keys);
    this.keys = keys;
  }
}

/**
 * The streams of a part by pseudonym (households and employers apart): an open-addressing table
 * of stream numbers by a hash of the pseudonym's characters. (Profiled on a part of 50,000
 * households: the lookup is about a tenth of the part's time either way, in its memory accesses;
 * this table took some 10 % less than a Map.)
 */
class SubjectTable {
  private slots = new Int32Array(1 << 12);
  private readonly subjects: string[] = [];
  private readonly employer: boolean[] = [];
  private readonly hashes: number[] = [];
  private readonly numbers: number[] = [];

  /** A slot's hash from the pseudonym's (`hashText`), households and employers apart. */
  private static mix(hash: number, employer: boolean): number {
    const h = employer ? Math.imul(hash ^ 0x9747b28c, 0x01000193) : hash;
    return (h ^ (h >>> 15)) >>> 0;
  }

  /** The stream number of this subject (`hash`: hashText(subject)), or −1. */
  find(subject: string, employer: boolean, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = SubjectTable.mix(hash, employer) & mask; ; slot = (slot + 1) & mask) {
      const k = (this.slots[slot] as number) - 1;
      if (k < 0) return -1;
      if (this.subjects[k] === subject && this.employer[k] === employer) return this.numbers[k] as number;
    }
  }

  /** Adds a subject not yet held (`hash`: hashText(subject)), with its stream number. */
  add(subject: string, employer: boolean, hash: number, stream: number): void {
    const k = this.subjects.length;
    this.subjects.push(subject);
    this.employer.push(employer);
    this.hashes.push(hash);
    this.numbers.push(stream);
    if (2 * (k + 1) > this.slots.length) {
      this.slots = new Int32Array(2 * this.slots.length);
      for (let j = 0; j < k; j++) this.place(j);
    }
    this.place(k);
  }

  private place(k: number): void {
    const mask = this.slots.length - 1;
    let slot = SubjectTable.mix(this.hashes[k] as number, this.employer[k] as boolean) & mask;
    while ((this.slots[slot] as number) !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = k + 1;
  }
}

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

/** The most bytes one Buffer holds in this Node (4 GiB on 64-bit Node 20): a part's lines must fit. */
const MAX_LINE_STORE_BYTES = Math.min(constants.MAX_LENGTH, 2 ** 32);

/** The canonical lines of accepted facts, growing off the heap. */
class LineStore {
  private bytes: Buffer;
  private used = 0;
  private offsets: Float64Array;
  private lineNumbers: Int32Array;
  private recordedAt: Float64Array;
  private count = 0;

  /**
   * `tijden`: keep each fact's recordedAt (else 0). `expectedBytes`: about how many bytes of lines
   * will come (the part's share of the file): reserved at once, so the lines are not copied each
   * time the room doubles (unwritten room takes no memory).
   */
  constructor(
    private readonly tijden: boolean,
    expectedBytes: number,
  ) {
    const bytes = Math.min(MAX_LINE_STORE_BYTES, Math.max(1 << 20, Math.ceil(expectedBytes * 1.05)));
    this.bytes = Buffer.allocUnsafe(bytes);
    const lines = Math.max(4096, Math.ceil(bytes / 150));
    this.offsets = new Float64Array(lines);
    this.lineNumbers = new Int32Array(lines);
    this.recordedAt = new Float64Array(lines);
  }

  add(line: number, feit: Recorded): void {
    if (this.count + 1 >= this.offsets.length) {
      const n = 2 * this.offsets.length;
      const offsets = new Float64Array(n);
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
    // Written as bytes from the line just decoded, or straight from the fact (no text built),
    // else encoded as text.
    let end = this.lineOf(feit);
    for (; end === LINE_NO_ROOM; end = this.lineOf(feit)) this.grow(this.bytes.length);
    if (end >= 0) this.used = end;
    else {
      const text = canonicalLine(feit);
      this.grow(Buffer.byteLength(text, 'utf8'));
      this.used += this.bytes.write(text, this.used, 'utf8');
    }
    this.lineNumbers[this.count] = line;
    this.recordedAt[this.count] = this.tijden ? (parseInstant(feit.recordedAt) ?? 0) : 0;
    this.count++;
    this.offsets[this.count] = this.used;
  }

  /** The fact's canonical line into the bytes: the end, −1 or LINE_NO_ROOM (canonicalLineInto). */
  private lineOf(feit: Recorded): number {
    const fromLine = canonicalLineOfDecoded(feit, this.bytes, this.used);
    return fromLine === -1 ? canonicalLineInto(feit, this.bytes, this.used) : fromLine;
  }

  /** Room for `needed` more bytes. */
  private grow(needed: number): void {
    if (this.used + needed <= this.bytes.length) return;
    if (this.used + needed > MAX_LINE_STORE_BYTES) {
      throw new RangeError(
        `de geaccepteerde regels van dit deel zijn samen meer dan ${MAX_LINE_STORE_BYTES / 2 ** 30} GiB (voor bron.sha256): te groot voor report --from; importeer het bestand in een store (zelfredzaam import) en maak het rapport daaruit`,
      );
    }
    let size = this.bytes.length;
    while (this.used + needed > size) size *= 2;
    size = Math.min(size, MAX_LINE_STORE_BYTES);
    const bigger = Buffer.allocUnsafe(size);
    this.bytes.copy(bigger, 0, 0, this.used);
    this.bytes = bigger;
  }

  result(): AcceptedLines {
    // Views of the used lengths: their buffers move to the caller's thread as they are, not
    // copied (some 100 MB per part at 1M facts).
    return {
      bytes: this.bytes.subarray(0, this.used),
      offsets: this.offsets.subarray(0, this.count + 1),
      lineNumbers: this.lineNumbers.subarray(0, this.count),
      recordedAt: this.recordedAt.subarray(0, this.count),
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

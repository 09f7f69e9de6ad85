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
import { candidateOf, LineIdentities, type LineRefusal } from '@zelfredzaam/adapters';
import {
  aanduiding,
  decodeLine,
  type Identified,
  isWerkgeverFeit,
  type Recorded,
  type RecordedAt,
  streamOf,
  subjectOf,
  Tijdlijn,
  weigering,
} from '@zelfredzaam/domain';
import { apply, emptyState, type ProjectionState } from '@zelfredzaam/projections';
import { EventIdTable, StreamIds } from './event-ids.js';
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
  /**
   * A key (53-bit hash) per eventId this part accepted, each once: one accepted in two parts is
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
  const timelines: Tijdlijn[] = [];
  // One table of every eventId accepted here, off the heap and shared by the streams' timelines:
  // a fact's number in it gives its stream (the holder, for the check across streams).
  // Sized for the facts this part will likely hold (a line is some 190 bytes), so it rarely grows.
  const ids = new EventIdTable(Math.min(1 << 24, Math.ceil(statSync(path).size / 190 / parts)));
  const holderOf = (eventId: string): number | undefined => {
    const g = ids.find(eventId);
    return g < 0 ? undefined : ids.stream[g];
  };
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
    const subject = streamOf(feit);
    // A line routed by its line number (a pseudonym written with an escape, …): decide the file in one part.
    if (parts > 1 && partOfSubject(rawSubject ?? subject, parts) !== part) {
      misrouted++;
      return;
    }
    const index = isWerkgeverFeit(feit) ? employers : households;
    let s = index.get(subject);
    if (s === undefined) {
      s = timelines.length;
      index.set(subject, s);
      timelines.push(new Tijdlijn(new StreamIds(ids, s)));
    }
    // As the importer (decide-per-fact.ts): the decider's refusal first; a fact it accepts whose
    // eventId another stream holds is refused as reused.
    const holder = holderOf(feit.eventId);
    const reused = holder !== undefined && holder !== s;
    const verdict = (timelines[s] as Tijdlijn).beslis(feit, !reused);
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
    apply(state, (feit.recordedAt === undefined ? { ...feit, recordedAt: options.now } : feit) as Recorded);
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
              const candidate = candidateOf(lines, raw, identities, rewrite, decoded);
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
    eventIdKeys,
  };
};

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

// One part of a parallel replay of an NDJSON file (issue 6): every part reads the whole file, in
// 1 MB pieces, and takes the lines of its own households — a hash of the household's pseudonym
// read straight from the line's bytes, so the lines of other parts are never decoded to text,
// parsed or decoded. Its lines it decodes — a line as export writes it straight from its bytes
// (decodeRecordedLine), any other by JSON.parse and decodeRecorded; every line validated by the
// same predicates as the domain codec — and folds, in file order, into a state of its own; the
// parts' households are disjoint, so their states merge into the state of a sequential replay
// (replay.ts).
//
// Which part a line goes to depends on its bytes only, so every line is handled by exactly one
// part, and a refused line is reported once, with its line number. A valid line whose household
// does not hash to the part that took it (a pseudonym written with an escape, a key written
// twice: valid JSON that the byte scan cannot read) is counted as `misrouted`; the caller then
// replays the file again in one part, which needs no routing.

import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import {
  type AsciiText,
  datumOf,
  decodeRecorded,
  decodeRecordedLine,
  describeDecodeError,
  type Recorded,
  streamOf,
} from '@zelfredzaam/domain';
import { apply, emptyState, type ProjectionState } from '@zelfredzaam/projections';

export type ReplayFoutCode = 'TE_LANG' | 'GEEN_UTF8' | 'GEEN_JSON' | 'ONGELDIG';

/** A line the replay skipped, with its number and the reason (never a personal field's value). */
export interface ReplayFout {
  /** 1-based line number in the file. */
  readonly line: number;
  /** The household pseudonym, when the line named a valid one. */
  readonly huishouden: string | undefined;
  readonly code: ReplayFoutCode;
  /** The Dutch message, starting with the line number. */
  readonly bericht: string;
}

export interface PartOptions {
  /** The longest line read, in bytes (default 1 MB, as the importer); a longer one is refused. */
  readonly maxLineBytes?: number;
  /** Refusals kept (default 1,000); the rest are counted. */
  readonly maxFouten?: number;
  /** Called about every 16 MB with the bytes read so far. */
  readonly onBytes?: (bytes: number) => void;
}

export interface PartResult {
  readonly state: ProjectionState;
  /** Lines in the file (every part counts them all). */
  readonly lines: number;
  readonly bytes: number;
  /** Blank lines among this part's. */
  readonly blank: number;
  /** Facts folded. */
  readonly facts: number;
  /** Lines refused. */
  readonly refused: number;
  readonly fouten: readonly ReplayFout[];
  /** Valid lines whose household belongs to another part (see the top of this file). */
  readonly misrouted: number;
  /** The first and last year of a `datum` or `maand` among the facts, or undefined when none. */
  readonly vanJaar: number | undefined;
  readonly totJaar: number | undefined;
}

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
export const DEFAULT_MAX_FOUTEN = 1_000;
const CHUNK_BYTES = 1024 * 1024;
const PROGRESS_BYTES = 16 * 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
/** The keys whose value names a line's stream: a household, or an employer (MEETREGELS §7.1). */
const SUBJECT_KEYS = [Buffer.from('"huishouden"'), Buffer.from('"werkgever"')];
const COLON = 0x3a;
const SPACE = 0x20;
const TAB = 0x09;
const TYPE_KEY = Buffer.from('type":"');
const HUISHOUDEN_AFTER_TYPE = Buffer.from(',"huishouden":"');

/** FNV-1a over character codes: the same for a pseudonym's bytes and its text (it is ASCII). */
export const hashText = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

/** The part of a stream's pseudonym, from its text (to check the byte scan). */
export const partOfSubject = (subject: string, parts: number): number => hashText(subject) % parts;

/** The hash of the ASCII text from buf[from] to its closing quote; −1 when it has an escape or non-ASCII byte. */
const hashOfValue = (buf: Buffer, from: number, end: number): number => {
  let h = 0x811c9dc5;
  for (let i = from; i < end; i++) {
    const c = buf[i] as number;
    if (c === QUOTE) return h >>> 0;
    if (c === BACKSLASH || c >= 0x80) return -1;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return -1;
};

/** Where the household's pseudonym starts in a line as export writes it (`{"type":"…","huishouden":"`), else −1. */
const canonicalHuishouden = (buf: Buffer, start: number, end: number): number => {
  if (buf[start] !== OPEN_BRACE || buf[start + 1] !== QUOTE) return -1;
  for (let i = 0; i < TYPE_KEY.length; i++) if (buf[start + 2 + i] !== TYPE_KEY[i]) return -1;
  let at = start + 2 + TYPE_KEY.length;
  while (at < end && buf[at] !== QUOTE) at++;
  if (at + 1 + HUISHOUDEN_AFTER_TYPE.length > end) return -1;
  for (let i = 0; i < HUISHOUDEN_AFTER_TYPE.length; i++) if (buf[at + 1 + i] !== HUISHOUDEN_AFTER_TYPE[i]) return -1;
  return at + 1 + HUISHOUDEN_AFTER_TYPE.length;
};

/**
 * The part of the line buf[start, end). A line as export writes it names its household right
 * after its type: the hash of that pseudonym (a search of the whole line for the key was a tenth
 * of a worker's time, measured). Any other line: by the hash of the value of the last key
 * `"huishouden"` (else `"werkgever"`), spaces or tabs around its colon allowed, the last because
 * JSON.parse keeps the last of a repeated key, when that value is a string of plain ASCII up to
 * its closing quote; else by line number.
 * (A line that names its household twice is routed by the first: fold() finds it misrouted.)
 */
export const partOfLine = (buf: Buffer, start: number, end: number, line: number, parts: number): number => {
  const h = subjectHashOfLine(buf, start, end);
  return h < 0 ? line % parts : h % parts;
};

/**
 * The hash (hashText) of the stream's pseudonym that the line buf[start, end) names, read from
 * its bytes as partOfLine reads it; −1 when the byte scan cannot read one.
 */
export const subjectHashOfLine = (buf: Buffer, start: number, end: number): number => {
  const canonical = canonicalHuishouden(buf, start, end);
  if (canonical >= 0) return hashOfValue(buf, canonical, end);
  // The search looks at this line only: Buffer's lastIndexOf has no lower bound, and a key missing
  // from the line sent it back through every line before it in the buffer (1–2 MB per line: a
  // file written with `": "` took minutes per 100,000 lines).
  const line = buf.subarray(start, end);
  for (const key of SUBJECT_KEYS) {
    // The last such key (JSON.parse keeps the last), with spaces or tabs around its colon as
    // other programs write them (`"huishouden": "h-1"`). A string cannot hold `"huishouden"`
    // unescaped, so a match followed by a colon is the key; one followed by anything else (the
    // word as a value) is passed by.
    for (let from = end - start - key.length; from >= 0; ) {
      const found = line.lastIndexOf(key, from);
      if (found < 0) break;
      const at = start + found;
      let i = at + key.length;
      while (i < end && (buf[i] === SPACE || buf[i] === TAB)) i++;
      if (buf[i] === COLON) {
        i++;
        while (i < end && (buf[i] === SPACE || buf[i] === TAB)) i++;
        return buf[i] === QUOTE ? hashOfValue(buf, i + 1, end) : -1;
      }
      from = found - 1;
    }
  }
  return -1;
};

const at = (line: number, message: string): string => `regel ${line}: ${message}`;

/** The year of an ISO date or month known to be valid. */
const yearOf = (iso: string): number =>
  (iso.charCodeAt(0) - 48) * 1000 +
  (iso.charCodeAt(1) - 48) * 100 +
  (iso.charCodeAt(2) - 48) * 10 +
  iso.charCodeAt(3) -
  48;

const isBlank = (text: string): boolean => text.trim() === '';

/** Buffer's own latin1Slice: toString without its dispatch on the encoding's name (Node 20). */
type Latin1Buffer = Buffer & { latin1Slice?: (start: number, end: number) => string };

/** The text of ASCII bytes of `buf`, the fastest way this Node has. */
export const asciiTextOf = (buf: Latin1Buffer): AsciiText =>
  typeof buf.latin1Slice === 'function'
    ? (start, end) => (buf as Required<Latin1Buffer>).latin1Slice(start, end)
    : (start, end) => buf.toString('latin1', start, end);

/** What `readLines` calls, in file order. */
export interface LineVisitor {
  /** A line within the limit: bytes [first, stop) of `buf`, without its newline, CR or byte-order mark. */
  line(line: number, buf: Buffer, first: number, stop: number, ascii: AsciiText): void;
  /** A line over the limit, with its length in bytes (without newline and CR); its bytes are not kept. */
  tooLong(line: number, length: number): void;
  /** Each piece read, before its lines: its complete lines are `buf[0, complete)`. */
  piece?(buf: Buffer, complete: number): void;
}

/**
 * Reads the lines of `path` in 1 MB pieces, numbering every line (from 1), and hands each to the
 * visitor: the parts of a replay and of `report --from` read a file this one way. A line longer
 * than `maxLineBytes` is only measured, never held; the last line needs no newline.
 */
export const readLines = (
  path: string,
  maxLineBytes: number,
  onBytes: ((bytes: number) => void) | undefined,
  visitor: LineVisitor,
): { readonly lines: number; readonly bytes: number } => {
  // The buffer holds one read and the unfinished line before it, up to the longest line allowed.
  const buf = Buffer.allocUnsafe(CHUNK_BYTES + maxLineBytes + 2);
  const ascii = asciiTextOf(buf);
  let lines = 0;
  let bytes = 0;
  let nextProgress = PROGRESS_BYTES;
  const fd = openSync(path, 'r');
  try {
    let carry = 0;
    /** The unfinished line is too long: its bytes are dropped, only its length is counted. */
    let skipping = false;
    let skipped = 0;
    let eof = false;
    while (!eof) {
      const read = readSync(fd, buf, carry, CHUNK_BYTES, null);
      eof = read === 0;
      bytes += read;
      let end = carry + read;
      // The last line needs no newline: give it one, as if it had.
      if (eof && end > 0 && buf[end - 1] !== LF) buf[end++] = LF;
      // (A negative offset would search from the buffer's end, through stale bytes.)
      const lastLf = end === 0 ? -1 : buf.lastIndexOf(LF, end - 1);
      // Complete lines of this piece: buf[0, complete).
      const complete = lastLf + 1;
      visitor.piece?.(buf, complete);
      let start = 0;
      while (start < complete) {
        const lf = buf.indexOf(LF, start);
        lines++;
        const stop = lf > start && buf[lf - 1] === CR ? lf - 1 : lf;
        if (skipping) {
          visitor.tooLong(lines, skipped + (stop - start));
          skipping = false;
          skipped = 0;
        } else if (stop - start > maxLineBytes) visitor.tooLong(lines, stop - start);
        else {
          // A byte-order mark may open the file; it is not part of the first line.
          const first =
            lines === 1 && stop - start >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf
              ? start + 3
              : start;
          visitor.line(lines, buf, first, stop, ascii);
        }
        start = lf + 1;
      }
      // Keep the unfinished line for the next read, or only its length when it is too long.
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
        // A too-long last line without a newline.
        lines++;
        visitor.tooLong(lines, skipped);
      }
      if (bytes >= nextProgress) {
        onBytes?.(bytes);
        nextProgress += PROGRESS_BYTES;
      }
    }
  } finally {
    closeSync(fd);
  }
  onBytes?.(bytes);
  return { lines, bytes };
};

/**
 * Replays the lines of `path` that belong to part `part` of `parts` (every line when `parts` is
 * 1) into a new state. Synchronous: run it in a worker thread (worker.ts), or in one part for a
 * small file.
 */
export const replayPart = (path: string, part: number, parts: number, options: PartOptions = {}): PartResult => {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const maxFouten = options.maxFouten ?? DEFAULT_MAX_FOUTEN;
  const state = emptyState();
  const fouten: ReplayFout[] = [];
  let blank = 0;
  let facts = 0;
  let refused = 0;
  let misrouted = 0;
  let vanJaar = Number.POSITIVE_INFINITY;
  let totJaar = Number.NEGATIVE_INFINITY;

  const refuse = (fout: ReplayFout): void => {
    refused++;
    if (fouten.length < maxFouten) fouten.push(fout);
  };

  const fold = (feit: Recorded): void => {
    if (parts > 1 && partOfSubject(streamOf(feit), parts) !== part) {
      misrouted++;
      return;
    }
    apply(state, feit);
    facts++;
    const when = datumOf(feit) ?? ('maand' in feit ? feit.maand : undefined);
    if (when !== undefined) {
      const year = yearOf(when);
      if (year < vanJaar) vanJaar = year;
      if (year > totJaar) totJaar = year;
    }
  };

  /** One line of this part that is not in export's form: its text (undefined: not UTF-8), parsed, decoded, folded. */
  const take = (line: number, text: string | undefined): void => {
    if (text === undefined) {
      refuse({ line, huishouden: undefined, code: 'GEEN_UTF8', bericht: at(line, 'geen geldige UTF-8-tekst') });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      if (isBlank(text)) blank++;
      else {
        refuse({
          line,
          huishouden: undefined,
          code: 'GEEN_JSON',
          bericht: at(line, 'geen geldige JSON (de regel is niet getoond)'),
        });
      }
      return;
    }
    const decoded = decodeRecorded(json);
    if (decoded._tag === 'Left') {
      refuse({
        line,
        huishouden: decoded.left.huishouden,
        code: 'ONGELDIG',
        bericht: at(line, describeDecodeError(decoded.left)),
      });
      return;
    }
    fold(decoded.right);
  };

  // One check of each piece read keeps per-line UTF-8 checks to pieces that fail it.
  let allUtf8 = true;
  const { lines, bytes } = readLines(path, maxLineBytes, options.onBytes, {
    piece: (buf, complete) => {
      allUtf8 = complete === 0 || isUtf8(buf.subarray(0, complete));
    },
    tooLong: (line, length) => {
      if (line % parts !== part) return;
      refuse({
        line,
        huishouden: undefined,
        code: 'TE_LANG',
        bericht: at(line, `${length} bytes, langer dan de grens van ${maxLineBytes} bytes; niet gelezen`),
      });
    },
    line: (line, buf, first, stop, ascii) => {
      if (parts > 1 && partOfLine(buf, first, stop, line, parts) !== part) return;
      // A line as export writes it is decoded straight from its bytes; any other by JSON.parse.
      const feit = decodeRecordedLine(buf, first, stop, ascii);
      if (feit !== undefined) fold(feit);
      else {
        const utf8 = allUtf8 || isUtf8(buf.subarray(first, stop));
        take(line, utf8 ? buf.toString('utf8', first, stop) : undefined);
      }
    },
  });
  options.onBytes?.(bytes);
  return {
    state,
    lines,
    bytes,
    blank,
    facts,
    refused,
    fouten,
    misrouted,
    vanJaar: Number.isFinite(vanJaar) ? vanJaar : undefined,
    totJaar: Number.isFinite(totJaar) ? totJaar : undefined,
  };
};

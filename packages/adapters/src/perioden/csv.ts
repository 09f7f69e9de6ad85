// Reading a case system's CSV export (MEETREGELS §10): RFC 4180 through csv-parse, streamed.
// UTF-8 with or without BOM, LF or CRLF, `,` or `;` detected from the header line.
//
// csv-parse alone stops being useful after a malformed record: an unclosed or stray quote
// swallows the rest of the file, and a record over its size limit ends the parse. So the bytes
// are first cut into records here (a line feed outside quotes ends a record; a record is at most
// `maxRecordBytes` long), and csv-parse then parses batches of whole records. When a batch fails,
// its records are parsed one by one; a record spanning several lines that fails is tried line
// by line; a record that is too long or never closes its quote is reported by its first line,
// and reading starts again at the line after it. A quoted field may hold a line break only in a
// column the caller allows (one the import does not read, such as a remark): a record whose line
// breaks sit anywhere else is a stray quote's doing, and its lines are read as rows of their own.
// So a bad row costs only itself: every row around it is read (issue 15, point 3).
import { parse } from 'csv-parse/sync';

export type CsvItem =
  | { readonly kind: 'row'; readonly line: number; readonly fields: readonly string[] }
  | { readonly kind: 'bad'; readonly line: number; readonly reason: string };

export interface CsvHeader {
  readonly line: number;
  readonly columns: readonly string[];
  readonly delimiter: ',' | ';';
}

export type CsvChunk =
  | { readonly kind: 'header'; readonly header: CsvHeader }
  | { readonly kind: 'items'; readonly items: readonly CsvItem[] };

export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024;
const BATCH = 1_000;

interface RawRecord {
  readonly line: number;
  /** Physical lines the record spans. */
  readonly lines: number;
  readonly text: string;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

const countQuotes = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n++;
  return n;
};

interface HeldLine {
  readonly line: number;
  readonly text: string;
}

type RecordOrBad = RawRecord | { readonly bad: number; readonly reason: string };

/** Where the cut records go: a plain one-line record as bytes, any other as text, or a bad line. */
interface RecordSink {
  plain(line: number, bytes: Buffer, start: number, end: number): void;
  record(record: RecordOrBad): void;
}

/**
 * Cuts bytes into records, synchronously, chunk by chunk: lines (LF, a CR before it dropped)
 * joined while a quote is open (an odd number of quotes so far). A record longer than
 * `maxBytes`, or whose quote is still open at the end of the input, is reported by its first
 * line; its later lines are read again as rows of their own. A line longer than `maxBytes` is
 * reported without being held. A line without a quote while no record is open — nearly every
 * line — is handed on as the bytes it is, never as a string of its own.
 */
class RecordCutter {
  private number = 0;
  private first = true;
  /** The unfinished line at the end of the last chunk: its pieces while it may still fit, else only its length. */
  private pieces: Buffer[] = [];
  private pending = 0;
  private skipping = false;
  private held: HeldLine[] = [];
  private heldBytes = 0;
  private odd = false;
  private quoteIn: Buffer | undefined;
  private quoteAt = -1;

  constructor(
    private readonly maxBytes: number,
    private readonly sink: RecordSink,
  ) {}

  feed(chunk: Buffer): void {
    // A source may hand the same buffer again with new bytes.
    this.quoteIn = undefined;
    let start = 0;
    for (let end = chunk.indexOf(LF, start); end >= 0; end = chunk.indexOf(LF, start)) {
      this.finishLine(chunk, start, end);
      start = end + 1;
    }
    if (start < chunk.length) {
      this.pending += chunk.length - start;
      if (this.skipping || this.pending > this.maxBytes + 1) {
        // Too long already: forget what was collected and only count the rest of it.
        this.skipping = true;
        this.pieces = [];
      } else {
        // Copied: the source may reuse the chunk's memory.
        this.pieces.push(Buffer.from(chunk.subarray(start)));
      }
    }
  }

  end(): void {
    if (this.pending > 0) this.finishLine(Buffer.alloc(0), 0, 0);
    while (this.held.length > 0) this.giveUp();
  }

  private finishLine(chunk: Buffer, from: number, to: number): void {
    const number = ++this.number;
    const length = this.pending + (to - from);
    let bytes = chunk;
    let start = from;
    let end = to;
    const tooLong = this.skipping || length > this.maxBytes + 1;
    if (!tooLong && this.pieces.length > 0) {
      bytes = Buffer.concat([...this.pieces, chunk.subarray(from, to)], length);
      start = 0;
      end = length;
    }
    this.pieces = [];
    this.pending = 0;
    this.skipping = false;
    const first = this.first;
    this.first = false;
    // maxBytes + 1: a CR before the LF is not part of the line.
    if (tooLong) {
      this.tooLong(number, length);
      return;
    }
    if (end > start && bytes[end - 1] === CR) end--;
    if (end - start > this.maxBytes) {
      this.tooLong(number, end - start);
      return;
    }
    if (first && end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf)
      start += 3;
    if (this.held.length === 0) {
      const quote = this.quoteFrom(bytes, start);
      if (quote < 0 || quote >= end) {
        this.sink.plain(number, bytes, start, end);
        return;
      }
    }
    this.push({ line: number, text: bytes.toString('utf8', start, end) });
  }

  /** The next quote in `bytes` at or after `from` (-1: none), searched once per chunk, not once per line. */
  private quoteFrom(bytes: Buffer, from: number): number {
    if (bytes !== this.quoteIn || (this.quoteAt >= 0 && this.quoteAt < from)) {
      this.quoteIn = bytes;
      this.quoteAt = bytes.indexOf(QUOTE, from);
    }
    return this.quoteAt;
  }

  private tooLong(number: number, length: number): void {
    while (this.held.length > 0) this.giveUp();
    this.sink.record({ bad: number, reason: `de rij is te lang (${length} bytes, hoogstens ${this.maxBytes})` });
  }

  private push(line: HeldLine): void {
    const oddHere = countQuotes(line.text) % 2 === 1;
    if (this.held.length === 0) {
      if (!oddHere) this.sink.record({ line: line.line, lines: 1, text: line.text });
      else {
        this.held = [line];
        this.heldBytes = line.text.length;
        this.odd = true;
      }
      return;
    }
    this.held.push(line);
    this.heldBytes += line.text.length + 1;
    if (oddHere) this.odd = !this.odd;
    if (!this.odd) {
      const opener = this.held[0] as HeldLine;
      this.sink.record({ line: opener.line, lines: this.held.length, text: this.held.map((h) => h.text).join('\n') });
      this.held = [];
      this.heldBytes = 0;
    } else if (this.heldBytes > this.maxBytes) this.giveUp();
  }

  /** The held record cannot be a record: its first line is bad, the others are read again. */
  private giveUp(): void {
    const [bad, ...rest] = this.held;
    this.held = [];
    this.heldBytes = 0;
    this.odd = false;
    if (bad === undefined) return;
    this.sink.record({ bad: bad.line, reason: 'aanhalingsteken niet afgesloten' });
    for (const line of rest) this.push(line);
  }
}

/** `;` when the header holds more semicolons than commas outside quotes, else `,`. */
export const detectDelimiter = (header: string): ',' | ';' => {
  let inQuote = false;
  let commas = 0;
  let semicolons = 0;
  for (const ch of header) {
    if (ch === '"') inQuote = !inQuote;
    else if (!inQuote && ch === ',') commas++;
    else if (!inQuote && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
};

const isBlank = (text: string): boolean => text.trim() === '';

type Parsed = readonly string[][];

const parseText = (text: string | Buffer, delimiter: string): Parsed | undefined => {
  try {
    return parse(text, { delimiter, relax_column_count: true, trim: true, skip_empty_lines: false }) as string[][];
  } catch {
    return undefined;
  }
};

/** The reason csv-parse gives, in Dutch and without the row's content. */
const reasonOf = (text: string, delimiter: string): string => {
  try {
    parse(text, { delimiter, relax_column_count: true, trim: true });
    return 'onleesbare rij';
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    if (code === 'CSV_QUOTE_NOT_CLOSED') return 'aanhalingsteken niet afgesloten';
    if (code === 'CSV_INVALID_CLOSING_QUOTE') return 'na een afsluitend aanhalingsteken volgt geen scheidingsteken';
    if (code === 'INVALID_OPENING_QUOTE') return 'aanhalingsteken midden in een veld';
    return 'onleesbare rij';
  }
};

/** Which columns may hold a line break (a remark); in any other, a multi-line record is split. */
export type NewlineAllowed = (column: number) => boolean;

/** The record's physical lines as records of their own. */
const perLine = (record: RawRecord, delimiter: string, allowed: NewlineAllowed): CsvItem[] =>
  record.text.split('\n').flatMap((text, i) => {
    const clean = text.endsWith('\r') ? text.slice(0, -1) : text;
    return isBlank(clean) ? [] : parseAlone({ line: record.line + i, lines: 1, text: clean }, delimiter, allowed);
  });

/**
 * A multi-line record is a row only when its line breaks sit in columns that may hold them;
 * else a stray quote has joined lines that are rows of their own, and they are read as such.
 */
const rowOrLines = (record: RawRecord, fields: string[], delimiter: string, allowed: NewlineAllowed): CsvItem[] =>
  record.lines > 1 && fields.some((f, i) => f.includes('\n') && !allowed(i))
    ? perLine(record, delimiter, allowed)
    : [{ kind: 'row', line: record.line, fields }];

/** One record on its own; a multi-line record that fails is tried line by line. */
const parseAlone = (record: RawRecord, delimiter: string, allowed: NewlineAllowed): CsvItem[] => {
  const rows = parseText(record.text, delimiter);
  if (rows !== undefined && rows.length === 1 && rows[0] !== undefined) {
    return rowOrLines(record, rows[0], delimiter, allowed);
  }
  if (record.lines > 1) return perLine(record, delimiter, allowed);
  return [{ kind: 'bad', line: record.line, reason: reasonOf(record.text, delimiter) }];
};

/** Whether the bytes are blank (whitespace only, as String.prototype.trim sees it). */
const isBlankBytes = (bytes: Buffer, start: number, end: number): boolean => {
  if (start === end) return true;
  const first = bytes[start] ?? 0;
  // A printable ASCII first byte: not blank (nearly every line); else ask trim.
  if (first > 0x20 && first < 0x7f) return false;
  return isBlank(bytes.toString('utf8', start, end));
};

/**
 * Records gathered for one csv-parse call: their bytes joined by LF in one buffer (reused),
 * and per record its line, physical line count and place in the buffer.
 */
class Batch {
  private bytes = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  readonly lines: number[] = [];
  readonly spans: number[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  get length(): number {
    return this.lines.length;
  }

  add(line: number, spans: number, bytes: Buffer, start: number, end: number): void {
    const need = this.used + 1 + (end - start);
    if (need > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, 2 * this.bytes.length));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    if (this.lines.length > 0) this.bytes[this.used++] = LF;
    this.starts.push(this.used);
    this.used += bytes.copy(this.bytes, this.used, start, end);
    this.ends.push(this.used);
    this.lines.push(line);
    this.spans.push(spans);
  }

  /** The records' bytes, LF between them (valid until the next `add` after `clear`). */
  content(): Buffer {
    return this.bytes.subarray(0, this.used);
  }

  record(i: number): RawRecord {
    return {
      line: this.lines[i] ?? 0,
      lines: this.spans[i] ?? 1,
      text: this.bytes.toString('utf8', this.starts[i], this.ends[i]),
    };
  }

  clear(): void {
    this.used = 0;
    this.lines.length = 0;
    this.spans.length = 0;
    this.starts.length = 0;
    this.ends.length = 0;
  }
}

/** The batch's rows: one csv-parse call for all of it; when that fails, record by record. */
const parseBatch = (batch: Batch, delimiter: string, allowed: NewlineAllowed, into: CsvItem[]): void => {
  const rows = parseText(batch.content(), delimiter);
  if (rows !== undefined && rows.length === batch.length) {
    for (let i = 0; i < rows.length; i++) {
      const fields = rows[i] ?? [];
      if ((batch.spans[i] ?? 1) > 1) into.push(...rowOrLines(batch.record(i), fields, delimiter, allowed));
      else into.push({ kind: 'row', line: batch.lines[i] ?? 0, fields });
    }
    return;
  }
  for (let i = 0; i < batch.length; i++) into.push(...parseAlone(batch.record(i), delimiter, allowed));
};

/**
 * The CSV file as a header and then batches of rows (or unreadable rows with their line
 * numbers). Blank lines are skipped. Without a header line, nothing is yielded.
 */
export async function* readCsv(
  input: AsyncIterable<Uint8Array | string>,
  maxRecordBytes: number = DEFAULT_MAX_RECORD_BYTES,
  newlineAllowed: (header: CsvHeader) => NewlineAllowed = () => () => false,
): AsyncGenerator<CsvChunk> {
  let allowed: NewlineAllowed = () => false;
  let delimiter: ',' | ';' | undefined;
  const batch = new Batch();
  let bad: CsvItem[] = [];
  const out: CsvChunk[] = [];
  const flush = (): void => {
    if (delimiter === undefined || (batch.length === 0 && bad.length === 0)) return;
    const items: CsvItem[] = bad;
    parseBatch(batch, delimiter, allowed, items);
    if (bad.length > 0 && items.length > 0) items.sort((a, b) => a.line - b.line);
    batch.clear();
    bad = [];
    out.push({ kind: 'items', items });
  };
  const header = (line: number, text: string): void => {
    delimiter = detectDelimiter(text);
    const rows = parseText(text, delimiter);
    const columns = rows?.[0] ?? text.split(delimiter).map((c) => c.replaceAll('"', '').trim());
    const h: CsvHeader = { line, columns, delimiter };
    allowed = newlineAllowed(h);
    out.push({ kind: 'header', header: h });
    // Problems before the header line are rows too.
  };
  const added = (): void => {
    if (batch.length >= BATCH) flush();
  };
  const cutter = new RecordCutter(maxRecordBytes, {
    plain(line, bytes, start, end) {
      if (isBlankBytes(bytes, start, end)) return;
      if (delimiter === undefined) header(line, bytes.toString('utf8', start, end));
      else {
        batch.add(line, 1, bytes, start, end);
        added();
      }
    },
    record(record) {
      if ('bad' in record) {
        bad.push({ kind: 'bad', line: record.bad, reason: record.reason });
        return;
      }
      if (isBlank(record.text)) return;
      if (delimiter === undefined) header(record.line, record.text);
      else {
        const bytes = Buffer.from(record.text, 'utf8');
        batch.add(record.line, record.lines, bytes, 0, bytes.length);
        added();
      }
    },
  });
  for await (const chunk of input) {
    cutter.feed(
      typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk),
    );
    yield* out.splice(0);
  }
  cutter.end();
  flush();
  yield* out.splice(0);
}

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
import { readLines } from '../ndjson/lines.js';

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

/**
 * Cuts bytes into records: lines (LF, a CR before it dropped) joined while a quote is open (an
 * odd number of quotes so far). A record longer than `maxBytes`, or whose quote is still open at
 * the end of the input, is reported by its first line; its later lines are read again as rows
 * of their own. A line longer than `maxBytes` is reported without being held.
 */
export async function* readRecords(
  input: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
): AsyncGenerator<RecordOrBad> {
  let held: HeldLine[] = [];
  let heldBytes = 0;
  let odd = false;
  let first = true;

  const push = (line: HeldLine, out: RecordOrBad[]): void => {
    const oddHere = countQuotes(line.text) % 2 === 1;
    if (held.length === 0) {
      if (!oddHere) out.push({ line: line.line, lines: 1, text: line.text });
      else {
        held = [line];
        heldBytes = line.text.length;
        odd = true;
      }
      return;
    }
    held.push(line);
    heldBytes += line.text.length + 1;
    if (oddHere) odd = !odd;
    if (!odd) {
      const opener = held[0] as HeldLine;
      out.push({ line: opener.line, lines: held.length, text: held.map((h) => h.text).join('\n') });
      held = [];
      heldBytes = 0;
    } else if (heldBytes > maxBytes) giveUp(out);
  };

  /** The held record cannot be a record: its first line is bad, the others are read again. */
  const giveUp = (out: RecordOrBad[]): void => {
    const [bad, ...rest] = held;
    held = [];
    heldBytes = 0;
    odd = false;
    if (bad === undefined) return;
    out.push({ bad: bad.line, reason: 'aanhalingsteken niet afgesloten' });
    for (const line of rest) push(line, out);
  };

  for await (const line of readLines(input, maxBytes)) {
    const out: RecordOrBad[] = [];
    if (line.kind === 'tooLong') {
      if (held.length > 0) giveUp(out);
      while (held.length > 0) giveUp(out);
      out.push({ bad: line.number, reason: `de rij is te lang (${line.length} bytes, hoogstens ${maxBytes})` });
    } else {
      let bytes = line.bytes;
      if (first && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        bytes = bytes.subarray(3);
      }
      push({ line: line.number, text: bytes.toString('utf8') }, out);
    }
    first = false;
    yield* out;
  }
  const out: RecordOrBad[] = [];
  while (held.length > 0) giveUp(out);
  yield* out;
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

const parseText = (text: string, delimiter: string): Parsed | undefined => {
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

const parseBatch = (records: readonly RawRecord[], delimiter: string, allowed: NewlineAllowed): CsvItem[] => {
  const rows = parseText(records.map((r) => r.text).join('\n'), delimiter);
  if (rows !== undefined && rows.length === records.length) {
    return records.flatMap((r, i) => rowOrLines(r, rows[i] ?? [], delimiter, allowed));
  }
  return records.flatMap((r) => parseAlone(r, delimiter, allowed));
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
  let pending: RawRecord[] = [];
  let bad: CsvItem[] = [];
  const flush = (): CsvChunk | undefined => {
    if (delimiter === undefined || (pending.length === 0 && bad.length === 0)) return undefined;
    const items = [...bad, ...parseBatch(pending, delimiter, allowed)].sort((a, b) => a.line - b.line);
    pending = [];
    bad = [];
    return { kind: 'items', items };
  };
  for await (const record of readRecords(input, maxRecordBytes)) {
    if ('bad' in record) {
      bad.push({ kind: 'bad', line: record.bad, reason: record.reason });
      continue;
    }
    if (isBlank(record.text)) continue;
    if (delimiter === undefined) {
      delimiter = detectDelimiter(record.text);
      const rows = parseText(record.text, delimiter);
      const columns = rows?.[0] ?? record.text.split(delimiter).map((c) => c.replaceAll('"', '').trim());
      const header: CsvHeader = { line: record.line, columns, delimiter };
      allowed = newlineAllowed(header);
      yield { kind: 'header', header };
      // Problems before the header line are rows too.
      continue;
    }
    pending.push(record);
    if (pending.length >= BATCH) {
      const chunk = flush();
      if (chunk !== undefined) yield chunk;
    }
  }
  const chunk = flush();
  if (chunk !== undefined) yield chunk;
}

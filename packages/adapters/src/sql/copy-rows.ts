// The rows an append loads with COPY (issue 16, point 3), written as UTF-8 bytes straight into one
// buffer: building a string per row and joining them made some 1.2 KB of heap per fact that lived
// until the server answered, so the young generation's collections copied it (the import's
// collections were a fifth of its time). A row is what `copyRow` writes, byte for byte
// (copy-rows.test.ts); a row with anything but plain printable ASCII is written from `copyRow`.
import { canonicalLineInto, datumOf, encode, LINE_NO_ROOM, type Recorded } from '@zelfredzaam/domain';

/** Backslash, tab, newline and carriage return: the characters COPY's text format escapes. */
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const copyEscape = (c: string): string => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r');
const copyText = (text: string): string => (COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, copyEscape) : text);

/**
 * One event as a line of COPY's text format, columns as in the store's COPY target (stream,
 * revision, event_id, type, datum, recorded_at, event). The eventId (a UUID), the type (a name of
 * the catalogue), datum and recordedAt (ISO forms) never hold one of the escaped characters; the
 * stream and the fact's JSON are escaped.
 */
export const copyRow = (stream: string, revision: number, event: Recorded): string => {
  const datum = datumOf(event);
  return `${copyText(stream)}\t${revision}\t${event.eventId}\t${event.type}\t${datum === undefined ? '\\N' : datum}\t${
    event.recordedAt
  }\t${copyText(JSON.stringify(encode(event)))}\n`;
};

const TAB = 0x09;
const BACKSLASH = 0x5c;
const N = 0x4e;
/** Room a row's fields before its JSON take at most when written by `ascii` (checked per field). */
const HEAD_ROOM = 256;

/** COPY's rows for one append, as bytes. */
export class CopyRows {
  private buf: Buffer;
  private used = 0;
  /** Rows written. */
  count = 0;

  /** `rows`: about how many will come (the buffer grows when they need more). */
  constructor(rows: number) {
    this.buf = Buffer.allocUnsafe(Math.max(4096, rows * 320));
  }

  /** Appends the row of `event` at `revision` of `stream`. */
  add(stream: string, revision: number, event: Recorded): void {
    const start = this.used;
    if (!this.fast(stream, revision, event)) {
      this.used = start;
      const text = copyRow(stream, revision, event);
      this.room(Buffer.byteLength(text, 'utf8'));
      this.used += this.buf.write(text, this.used, 'utf8');
    }
    this.count++;
  }

  /** The rows written, as one view (valid until the next `add`). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.used);
  }

  /** The row when every field is plain ASCII (then no escape is needed); false otherwise. */
  private fast(stream: string, revision: number, event: Recorded): boolean {
    const datum = datumOf(event);
    const fields = stream.length + event.eventId.length + event.type.length + event.recordedAt.length;
    // With the revision (at most 16 digits), datum or \N, and six tabs.
    if (fields + (datum?.length ?? 2) + 22 > HEAD_ROOM) {
      return false;
    }
    this.room(HEAD_ROOM);
    if (!this.ascii(stream)) return false;
    this.buf[this.used++] = TAB;
    if (!Number.isSafeInteger(revision) || revision < 0) return false;
    this.used += this.buf.write(String(revision), this.used, 'latin1');
    this.buf[this.used++] = TAB;
    if (!this.ascii(event.eventId)) return false;
    this.buf[this.used++] = TAB;
    if (!this.ascii(event.type)) return false;
    this.buf[this.used++] = TAB;
    if (datum === undefined) {
      this.buf[this.used++] = BACKSLASH;
      this.buf[this.used++] = N;
    } else if (!this.ascii(datum)) return false;
    this.buf[this.used++] = TAB;
    if (!this.ascii(event.recordedAt)) return false;
    this.buf[this.used++] = TAB;
    // The JSON and the row's newline: JSON.stringify(encode(event)) and "\n" (decode-fast.ts),
    // when its strings are plain printable ASCII without a quote or backslash — nothing to escape.
    for (;;) {
      const end = canonicalLineInto(event, this.buf, this.used);
      if (end === LINE_NO_ROOM) {
        this.room(this.buf.length);
        continue;
      }
      if (end < 0) return false;
      this.used = end;
      return true;
    }
  }

  /** Writes printable ASCII without a backslash; false at any other character. */
  private ascii(text: string): boolean {
    const buf = this.buf;
    let at = this.used;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === BACKSLASH) return false;
      buf[at++] = c;
    }
    this.used = at;
    return true;
  }

  /** Room for `needed` more bytes. */
  private room(needed: number): void {
    if (this.used + needed <= this.buf.length) return;
    let size = 2 * this.buf.length;
    while (this.used + needed > size) size *= 2;
    const bigger = Buffer.allocUnsafe(size);
    this.buf.copy(bigger, 0, 0, this.used);
    this.buf = bigger;
  }
}

// Splitting a byte stream into NDJSON lines without ever holding more than one line: a line
// longer than the limit is not collected but skipped to its end and reported by number and size.
// Lines end at LF; a CR before it is dropped (CRLF files); the last line needs no newline.
import { isUtf8 } from 'node:buffer';

export type Line =
  | {
      readonly kind: 'line';
      /** 1-based line number in the file. */
      readonly number: number;
      /** The line's exact bytes without its terminator. */
      readonly bytes: Buffer;
      /** Bytes of the file consumed up to and including this line's terminator. */
      readonly offset: number;
    }
  | {
      readonly kind: 'tooLong';
      readonly number: number;
      /** The line's length in bytes (without its terminator). */
      readonly length: number;
      readonly offset: number;
    };

const LF = 0x0a;
const CR = 0x0d;
/** The most lines in one batch of readLineBatches. */
const MAX_BATCH = 4096;

const toBuffer = (chunk: Uint8Array | string): Buffer =>
  typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);

/** The lines of `input`, each at most `maxBytes` long (terminator excluded) or reported as too long. */
export async function* readLines(input: AsyncIterable<Uint8Array | string>, maxBytes: number): AsyncGenerator<Line> {
  for await (const batch of readLineBatches(input, maxBytes)) yield* batch;
}

/**
 * The lines of `input` as readLines gives them, a piece of the input's at a time (at most 4,096
 * lines: one step of the loop for thousands of lines, not one per line). A batch's lines are
 * views of the piece: use them before asking for the next batch.
 */
export async function* readLineBatches(
  input: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
): AsyncGenerator<Line[]> {
  let number = 0;
  let offset = 0;
  // The unfinished line: its pieces while it may still fit, else only its length.
  let pieces: Buffer[] = [];
  let pending = 0;
  let skipping = false;

  const finish = (last: Buffer, terminator: 0 | 1): Line => {
    number++;
    const length = pending + last.length;
    offset += length + terminator;
    let line: Line;
    // maxBytes + 1: a CR before the LF is not part of the line.
    if (skipping || length > maxBytes + 1) {
      line = { kind: 'tooLong', number, length, offset };
    } else {
      let bytes = pieces.length === 0 ? last : Buffer.concat([...pieces, last], length);
      if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
      line =
        bytes.length > maxBytes
          ? { kind: 'tooLong', number, length: bytes.length, offset }
          : { kind: 'line', number, bytes, offset };
    }
    pieces = [];
    pending = 0;
    skipping = false;
    return line;
  };

  for await (const chunk of input) {
    const buffer = toBuffer(chunk);
    let start = 0;
    let batch: Line[] = [];
    for (let end = buffer.indexOf(LF, start); end >= 0; end = buffer.indexOf(LF, start)) {
      batch.push(finish(buffer.subarray(start, end), 1));
      start = end + 1;
      // Bounded: a piece may be a whole file given as one Buffer.
      if (batch.length === MAX_BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (start < buffer.length) {
      const rest = buffer.subarray(start);
      pending += rest.length;
      if (skipping || pending > maxBytes + 1) {
        // Too long already: forget what was collected and only count the rest of it.
        skipping = true;
        pieces = [];
      } else {
        // Copied: the source may reuse the chunk's memory.
        pieces.push(Buffer.from(rest));
      }
    }
    if (batch.length > 0) yield batch;
  }
  if (pending > 0) yield [finish(Buffer.alloc(0), 0)];
}

/** The line's text, or undefined when its bytes are not valid UTF-8. */
export const textOf = (bytes: Buffer): string | undefined => (isUtf8(bytes) ? bytes.toString('utf8') : undefined);

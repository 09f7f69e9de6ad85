// COPY's rows written as bytes are copyRow's text, byte for byte: for any fact, any stream name
// (tabs, backslashes, newlines, non-ASCII) and revision, and whatever the buffer's first size.
import type { Recorded } from '@zelfredzaam/domain';
import { willekeurigFeit } from '@zelfredzaam/domain/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CopyRows, copyRow } from './copy-rows.js';

/** Text with what COPY escapes and what JSON escapes, and characters beyond ASCII. */
const awkward = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('a\\b', 'tab\there', 'regel\nnieuw', 'cr\r', 'aanhalings"teken', 'café', 'h-\u0000', 'x'.repeat(300)),
);

/** A fact as stored, one of its string fields (not the envelope or type) now and then made awkward. */
const feit: fc.Arbitrary<Recorded> = fc.tuple(willekeurigFeit(), fc.option(awkward, { freq: 3 })).map(([f, text]) => {
  if (text === null) return f;
  const key = Object.keys(f).find(
    (k) =>
      typeof (f as unknown as Record<string, unknown>)[k] === 'string' &&
      !['type', 'eventId', 'recordedAt'].includes(k),
  );
  return key === undefined ? f : ({ ...f, [key]: text } as Recorded);
});

const stream = fc.oneof(fc.stringMatching(/^huishouden-h-[0-9a-z]{1,12}$/), awkward);

describe('COPY rows as bytes', () => {
  it('are the text copyRow writes, row after row', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ stream, revision: fc.nat({ max: 2 ** 40 }), feit }), { maxLength: 60 }),
        fc.nat({ max: 50 }),
        (rows, expected) => {
          const bytes = new CopyRows(expected);
          for (const row of rows) bytes.add(row.stream, row.revision, row.feit);
          const text = rows.map((row) => copyRow(row.stream, row.revision, row.feit)).join('');
          expect(bytes.count).toBe(rows.length);
          expect(Buffer.from(bytes.bytes()).toString('utf8')).toBe(text);
          expect(Buffer.compare(Buffer.from(bytes.bytes()), Buffer.from(text, 'utf8'))).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

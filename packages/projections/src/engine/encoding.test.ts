// Issue 6: a fact's recordedAt and eventId are read by hand on the fold's hot path; they must
// agree with the domain's reading of an instant, in any order of reading (the day is memoised).
import { formatInstant, parseInstant } from '@zelfredzaam/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idKey, recordedAtMs } from './encoding.js';

const MS_1990 = 631_152_000_000;
const MS_2101 = 4_133_980_800_000;

describe('reading a fact by hand', () => {
  it('recordedAtMs equals the domain’s parseInstant for canonical instants, read in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: MS_1990, max: MS_2101 - 1 }), { minLength: 1, maxLength: 20 }), (ms) => {
        // Repeats and neighbours of one day exercise the memo of the day.
        const texts = ms.flatMap((m) => [formatInstant(m), formatInstant(m - (m % 86_400_000)), formatInstant(m)]);
        for (const text of texts) expect(recordedAtMs(text)).toBe(parseInstant(text));
      }),
    );
  });

  it('a recordedAt not in canonical form goes through parseInstant; an unreadable one is +∞', () => {
    recordedAtMs('2014-03-01T10:00:00.000Z');
    expect(recordedAtMs('2014-03-01T10:00:00+01:00')).toBe(parseInstant('2014-03-01T10:00:00+01:00'));
    expect(recordedAtMs('2014-03-01T1a:00:00.000Z')).toBe(parseInstant('2014-03-01T1a:00:00.000Z') ?? Infinity);
    expect(recordedAtMs('2014-03-01T10:00:00.00aZ')).toBe(Number.POSITIVE_INFINITY);
    expect(recordedAtMs('gisteren')).toBe(Number.POSITIVE_INFINITY);
  });

  it('idKey: exact as a double, and apart for ids that differ in one place or in order', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.nat({ max: 35 }), (id, at) => {
        const key = idKey(id);
        expect(Number.isSafeInteger(key)).toBe(true);
        const other = `${id.slice(0, at)}${id[at] === 'a' ? 'b' : 'a'}${id.slice(at + 1)}`;
        expect(idKey(other)).not.toBe(key);
        expect(idKey(`${id.slice(1)}${id[0]}`)).not.toBe(key);
      }),
    );
    expect(idKey('ab')).not.toBe(idKey('ba'));
    expect(idKey('a')).not.toBe(idKey('a\u0000'));
  });
});

import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { canonicalInstant, formatInstant, kennisdatumCutoff, parseInstant } from './instant.js';

describe('MEETREGELS §1: recordedAt is an ISO instant', () => {
  it('parses Z and offsets to the same millisecond as luxon', () => {
    for (const s of [
      '2012-03-02T09:00:00Z',
      '2012-03-02T10:00:00+01:00',
      '2012-03-02T09:00:00.5Z',
      '2016-02-29T23:59:59.999-05:30',
    ]) {
      expect(parseInstant(s), s).toBe(DateTime.fromISO(s).toMillis());
    }
  });

  it('keeps milliseconds and truncates finer digits', () => {
    expect(canonicalInstant('2012-03-02T09:00:00.123456789Z')).toBe('2012-03-02T09:00:00.123Z');
    expect(canonicalInstant('2012-03-02T09:00:00Z')).toBe('2012-03-02T09:00:00.000Z');
    expect(canonicalInstant('2012-03-02T10:00:00+01:00')).toBe('2012-03-02T09:00:00.000Z');
  });

  it('refuses what is not an instant', () => {
    for (const bad of [
      '2012-03-02',
      '2012-03-02T09:00:00',
      '2012-02-30T09:00:00Z',
      '2012-03-02T24:00:00Z',
      '2012-03-02T09:60:00Z',
      '2012-03-02T09:00:60Z',
      '1969-12-31T23:59:59Z',
      '2101-01-01T00:00:00Z',
      '2012-03-02T09:00:00+15:00',
      '2012-03-02 09:00:00Z',
    ]) {
      expect(parseInstant(bad), bad).toBeUndefined();
    }
  });

  it('formats every millisecond as Date.prototype.toISOString does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_133_980_799_999 }), (ms) => {
        expect(formatInstant(ms)).toBe(
          DateTime.fromMillis(ms, { zone: 'utc' }).toISO({ suppressMilliseconds: false })?.replace('+00:00', 'Z'),
        );
        expect(parseInstant(formatInstant(ms))).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('MEETREGELS §3: kennisdatum', () => {
  it('a date means the end of that day in Europe/Amsterdam (winter: UTC+1, summer: UTC+2)', () => {
    expect(kennisdatumCutoff('2015-01-15')).toBe(Date.UTC(2015, 0, 15, 22, 59, 59, 999));
    expect(kennisdatumCutoff('2015-07-15')).toBe(Date.UTC(2015, 6, 15, 21, 59, 59, 999));
  });

  it('an instant means itself; anything else is refused', () => {
    expect(kennisdatumCutoff('2015-07-15T12:00:00Z')).toBe(Date.UTC(2015, 6, 15, 12));
    expect(kennisdatumCutoff('2015-02-30')).toBeUndefined();
    expect(kennisdatumCutoff('gisteren')).toBeUndefined();
  });
});

import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { daysInMonth } from './calendar.js';
import { canonicalInstant, formatInstant, kennisdatumCutoff, parseInstant } from './instant.js';

/** The reading of an instant before issue 16 (a regular expression and Date.UTC): the reference. */
const REFERENCE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
const referenceInstant = (s: string): number | undefined => {
  const m = REFERENCE.exec(s);
  if (m === null) return undefined;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(
    Number,
  );
  const zone = m[8] ?? 'Z';
  if (year < 1970 || year > 2100 || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 14 || om > 59) return undefined;
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  return Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000 + millis;
};

/** Instants in every form, and near misses: a character replaced, dropped or added. */
const instantForms = fc
  .tuple(
    fc.integer({ min: 0, max: 4_133_980_799_999 }),
    fc.nat(9),
    fc.constantFrom('Z', '+01:00', '-05:30', '+14:00', '+15:00', '-00:00', '+1:00', 'z', ''),
    fc.nat(40),
    fc.constantFrom('', '0', '9', '.', 'T', ':', '-', '+', 'Z', ' ', '1'),
    fc.nat(2),
  )
  .map(([ms, fraction, zone, at, piece, how]) => {
    const base = formatInstant(ms).slice(0, 19);
    const digits = String(ms % 1000)
      .padStart(3, '0')
      .padEnd(fraction, '7')
      .slice(0, fraction);
    const text = `${base}${fraction === 0 ? '' : `.${digits}`}${zone}`;
    if (how === 0) return text;
    if (how === 1) return text.slice(0, at) + piece + text.slice(at + 1);
    return text.slice(0, at) + piece + text.slice(at);
  });

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

  it('reads every form and near miss as the regular expression and Date.UTC did (integer arithmetic; 20,000 cases)', () => {
    fc.assert(
      fc.property(instantForms, (text) => {
        expect(parseInstant(text)).toBe(referenceInstant(text));
        const ms = referenceInstant(text);
        expect(canonicalInstant(text)).toBe(ms === undefined ? undefined : new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
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

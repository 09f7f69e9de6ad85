import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { BedragCent, Datum, EventId, HuishoudenId, isBsn, Maand, RecordedAt } from './values.js';

describe('MEETREGELS §1: HuishoudenId is a pseudonym, never a BSN', () => {
  it('accepts 1–64 characters [A-Za-z0-9._:-] starting with a letter or digit', () => {
    for (const ok of ['h', 'h-0001', 'Zwolle:2014.17', '0abc', 'a'.repeat(64), '123456789']) {
      expect(isRight(HuishoudenId.decode(ok)), ok).toBe(true);
    }
    for (const bad of ['', '-h', '.h', 'a'.repeat(65), 'h 1', 'h/1', 'h\n', 'hé', '<script>', "h'1"]) {
      expect(isLeft(HuishoudenId.decode(bad)), bad).toBe(true);
    }
  });

  it('refuses a 9-digit value that passes the elfproef', () => {
    // 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 − 3 = 66 = 6 · 11
    expect(isBsn('111222333')).toBe(true);
    expect(isLeft(HuishoudenId.decode('111222333'))).toBe(true);
    expect(isBsn('123456789')).toBe(false);
    expect(isBsn('1112223330')).toBe(false);
    expect(isRight(HuishoudenId.decode('1112223330'))).toBe(true);
  });
});

describe('MEETREGELS §1: datum, maand, bedrag, eventId, recordedAt', () => {
  it('Datum and Maand', () => {
    expect(isRight(Datum.decode('2014-08-31'))).toBe(true);
    expect(isLeft(Datum.decode('2014-02-30'))).toBe(true);
    expect(isLeft(Datum.decode(20140101))).toBe(true);
    expect(isRight(Maand.decode('2014-08'))).toBe(true);
    expect(isLeft(Maand.decode('2014-8'))).toBe(true);
  });

  it('bedragCent is a whole number of cents, 1 … 100 000 000', () => {
    for (const ok of [1, 47_500, 100_000_000]) expect(isRight(BedragCent.decode(ok)), String(ok)).toBe(true);
    for (const bad of [0, -1, 100_000_001, 475.5, Number.NaN, Number.POSITIVE_INFINITY, '47500', 1e300]) {
      expect(isLeft(BedragCent.decode(bad)), String(bad)).toBe(true);
    }
  });

  it('eventId is a UUID kept in lower case', () => {
    const decoded = EventId.decode('7D0C2A4E-1B2C-4D3E-8F90-A1B2C3D4E5F6');
    expect(isRight(decoded) && decoded.right).toBe('7d0c2a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6');
    expect(isLeft(EventId.decode('7d0c2a4e'))).toBe(true);
  });

  it('recordedAt is kept in canonical UTC form', () => {
    const decoded = RecordedAt.decode('2012-03-02T10:00:00+01:00');
    expect(isRight(decoded) && decoded.right).toBe('2012-03-02T09:00:00.000Z');
    expect(isLeft(RecordedAt.decode('2012-03-02'))).toBe(true);
  });
});

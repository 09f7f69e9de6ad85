// The integer calendar must equal luxon, the reference, for every date 1990–2100 (issue 6).
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  dayOf,
  firstDayOfMonth,
  isoDateOf,
  isoMonthOf,
  isValidDatum,
  isValidMaand,
  lastDayOfMonth,
  monthIndexOf,
  monthIndexOfDay,
} from './calendar.js';

const EPOCH = DateTime.fromISO('1970-01-01', { zone: 'utc' });

const everyDate = (): DateTime[] => {
  const dates: DateTime[] = [];
  for (let d = DateTime.fromISO('1990-01-01', { zone: 'utc' }); d.year <= 2100; d = d.plus({ days: 1 })) dates.push(d);
  return dates;
};

describe('calendar arithmetic equals luxon over every date 1990–2100', () => {
  const dates = everyDate();

  it('covers all 40,542 dates (111 years, 27 of them leap years)', () => {
    expect(dates.length).toBe(111 * 365 + 27);
  });

  it('day numbers and ISO formatting', () => {
    for (const d of dates) {
      const iso = d.toISODate() as string;
      const day = dayOf(iso);
      expect(day).toBe(Math.round(d.diff(EPOCH, 'days').days));
      expect(isoDateOf(day)).toBe(iso);
      expect(isValidDatum(iso)).toBe(true);
    }
  });

  it('adding 1, 6 and 12 months clamps to the month end as luxon does', () => {
    for (const d of dates) {
      const day = dayOf(d.toISODate() as string);
      for (const months of [1, 6, 12]) {
        expect(isoDateOf(addMonths(day, months))).toBe(d.plus({ months }).toISODate());
      }
    }
  });

  it('months of a day, and first and last days of a month', () => {
    for (const d of dates) {
      const day = dayOf(d.toISODate() as string);
      const month = monthIndexOfDay(day);
      expect(isoMonthOf(month)).toBe(d.toFormat('yyyy-MM'));
      expect(monthIndexOf(d.toFormat('yyyy-MM'))).toBe(month);
      expect(isoDateOf(firstDayOfMonth(month))).toBe(d.startOf('month').toISODate());
      expect(isoDateOf(lastDayOfMonth(month))).toBe(d.endOf('month').toISODate());
    }
  });
});

describe('MEETREGELS §1: datum and maand', () => {
  it('accepts real calendar dates 1990–2100 only', () => {
    expect(isValidDatum('2016-02-29')).toBe(true);
    expect(isValidDatum('2000-02-29')).toBe(true);
    for (const bad of [
      '2015-02-29',
      '2014-02-30',
      '1900-02-29',
      '2014-04-31',
      '2014-13-01',
      '2014-00-10',
      '1989-12-31',
      '2101-01-01',
      '2014-1-01',
      '2014-01-1',
      '20140101',
      ' 2014-01-01',
      '2014-01-01T00:00',
      '２０１４-01-01',
    ]) {
      expect(isValidDatum(bad), bad).toBe(false);
    }
  });

  it('rejects what luxon rejects for every day-of-month 29–31 of every month 1990–2100', () => {
    for (let year = 1990; year <= 2100; year++) {
      for (let month = 1; month <= 12; month++) {
        for (const day of [29, 30, 31]) {
          const iso = `${year}-${String(month).padStart(2, '0')}-${day}`;
          expect(isValidDatum(iso), iso).toBe(DateTime.fromISO(iso).isValid);
        }
      }
    }
  });

  it('month-end window of §4.2: 2014-08-31 + 6 months = 2015-02-28', () => {
    expect(isoDateOf(addMonths(dayOf('2014-08-31'), 6))).toBe('2015-02-28');
    expect(isoDateOf(addMonths(dayOf('2015-08-31'), 6))).toBe('2016-02-29');
  });

  it('accepts months 1990-01 … 2100-12 only', () => {
    expect(isValidMaand('1990-01')).toBe(true);
    expect(isValidMaand('2100-12')).toBe(true);
    for (const bad of ['1989-12', '2101-01', '2014-13', '2014-00', '2014-1', '2014/01', '2014-01-01']) {
      expect(isValidMaand(bad), bad).toBe(false);
    }
  });
});

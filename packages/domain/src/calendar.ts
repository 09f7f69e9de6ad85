// Civil-date arithmetic on integer day numbers (days since 1970-01-01).
// Why not luxon here: luxon's fromISO + plus({ months }) runs at about 60,000/s, far too slow
// for folds over millions of facts (MACHINE-NOTES). calendar.test.ts proves every function
// equal to luxon for every date 1990–2100, so luxon stays the reference, not the hot path.

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

const DIGIT_0 = 48;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
};

/** Day number of a proleptic Gregorian civil date (Hinnant's days-from-civil). */
export const dayFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
};

export interface Civil {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Inverse of dayFromCivil. */
export const civilFromDay = (dayNumber: number): Civil => {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
};

const twoDigits = (n: number): string => (n < 10 ? `0${n}` : String(n));

const fourDigits = (n: number): string => String(n).padStart(4, '0');

const digitsAt = (s: string, from: number, count: number): number => {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
};

/** Parses `YYYY-MM-DD` into its parts, or undefined when it is not of that form or not a real date. */
export const parseCivil = (s: string): Civil | undefined => {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  if (Number.isNaN(year) || Number.isNaN(month) || Number.isNaN(day)) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
};

/** True for a real calendar date `YYYY-MM-DD` with a year in 1990–2100 (MEETREGELS §1). */
export const isValidDatum = (s: string): boolean => {
  const civil = parseCivil(s);
  return civil !== undefined && civil.year >= MIN_YEAR && civil.year <= MAX_YEAR;
};

/** True for `YYYY-MM` with a year in 1990–2100 (MEETREGELS §1). */
export const isValidMaand = (s: string): boolean => {
  if (s.length !== 7 || s.charCodeAt(4) !== 45) return false;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12;
};

/** Day number of an ISO date already known to be valid (no checks: hot path). */
export const dayOf = (isoDate: string): number =>
  dayFromCivil(digitsAt(isoDate, 0, 4), digitsAt(isoDate, 5, 2), digitsAt(isoDate, 8, 2));

export const isoDateOf = (dayNumber: number): string => {
  const { year, month, day } = civilFromDay(dayNumber);
  return `${fourDigits(year)}-${twoDigits(month)}-${twoDigits(day)}`;
};

/** Month index (year · 12 + month − 1) of `YYYY-MM` known to be valid. */
export const monthIndexOf = (isoMonth: string): number => digitsAt(isoMonth, 0, 4) * 12 + digitsAt(isoMonth, 5, 2) - 1;

export const isoMonthOf = (monthIndex: number): string =>
  `${fourDigits(Math.floor(monthIndex / 12))}-${twoDigits((monthIndex % 12) + 1)}`;

export const monthIndexOfDay = (dayNumber: number): number => {
  const { year, month } = civilFromDay(dayNumber);
  return year * 12 + month - 1;
};

export const firstDayOfMonth = (monthIndex: number): number =>
  dayFromCivil(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 1);

export const lastDayOfMonth = (monthIndex: number): number => firstDayOfMonth(monthIndex + 1) - 1;

/**
 * The day `months` calendar months after `dayNumber`; a day past the target month's end clamps
 * to its last day (MEETREGELS §4.2: 2014-08-31 + 6 months = 2015-02-28).
 */
export const addMonths = (dayNumber: number, months: number): number => {
  const { year, month, day } = civilFromDay(dayNumber);
  const target = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(target / 12);
  const targetMonth = (target % 12) + 1;
  return dayFromCivil(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
};

export const firstDayOfYear = (year: number): number => dayFromCivil(year, 1, 1);

export const lastDayOfYear = (year: number): number => dayFromCivil(year, 12, 31);

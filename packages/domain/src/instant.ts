// Instants (recordedAt, kennisdatum) as milliseconds since 1970-01-01T00:00:00Z.
// Parsing is done by hand because every stored event carries one (hot path); the time-zone
// rule for a kennisdatum given as a date is luxon's, computed once per query.
import { DateTime } from 'luxon';
import { dayFromCivil, daysInMonth, isoDateOf, isValidDatum, MAX_YEAR } from './calendar.js';

const MS_PER_DAY = 86_400_000;
const MIN_INSTANT_YEAR = 1970;

const DIGIT_0 = 48;

/** The value of `count` digits of `s` from `at`, or −1 when one of them is not 0–9. */
const digitsAt = (s: string, at: number, count: number): number => {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = s.charCodeAt(i) - DIGIT_0;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
};

/**
 * Milliseconds since the epoch of an ISO 8601 instant `YYYY-MM-DDTHH:MM:SS[.f…]` (1–9 digits
 * of fraction) with a `Z` or `±HH:MM` offset, or undefined when it is not one. Digits below the
 * millisecond are truncated: recordedAt is kept to the millisecond (documented in the README).
 * Read by integer arithmetic, no regular expression or Date (every stored fact carries one).
 */
export const parseInstant = (s: string): number | undefined => {
  const n = s.length;
  if (n < 20 || n > 35) return undefined;
  if (
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  ) {
    return undefined;
  }
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  const hour = digitsAt(s, 11, 2);
  const minute = digitsAt(s, 14, 2);
  const second = digitsAt(s, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  let at = 19;
  let millis = 0;
  if (s.charCodeAt(at) === 46) {
    // A fraction of 1–9 digits: the first three are the milliseconds.
    let digits = 0;
    for (at++; at < n; at++, digits++) {
      const d = s.charCodeAt(at) - DIGIT_0;
      if (!(d >= 0 && d <= 9)) break;
      if (digits < 3) millis = millis * 10 + d;
    }
    if (digits === 0 || digits > 9) return undefined;
    for (let k = digits; k < 3; k++) millis *= 10;
  }
  let offsetMinutes = 0;
  const zone = s.charCodeAt(at);
  if (zone === 90) {
    if (at + 1 !== n) return undefined;
  } else if (zone === 43 || zone === 45) {
    if (at + 6 !== n || s.charCodeAt(at + 3) !== 58) return undefined;
    const oh = digitsAt(s, at + 1, 2);
    const om = digitsAt(s, at + 4, 2);
    if (oh < 0 || om < 0 || oh > 14 || om > 59) return undefined;
    offsetMinutes = (zone === 45 ? -1 : 1) * (oh * 60 + om);
  } else return undefined;
  if (year < MIN_INSTANT_YEAR || year > MAX_YEAR || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  return (
    dayFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis
  );
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The canonical form of an instant: `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC, milliseconds). */
export const formatInstant = (ms: number): string => {
  const day = Math.floor(ms / MS_PER_DAY);
  let rest = ms - day * MS_PER_DAY;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const millis = rest - second * 1000;
  return `${isoDateOf(day)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(millis, 3)}Z`;
};

/** Canonical form of an instant string, or undefined when it is not a valid instant. */
export const canonicalInstant = (s: string): string | undefined => {
  const ms = parseInstant(s);
  if (ms === undefined) return undefined;
  // Already canonical: 24 characters, milliseconds and `Z` (a valid instant of that length is).
  return s.length === 24 && s.charCodeAt(19) === 46 && s.charCodeAt(23) === 90 ? s : formatInstant(ms);
};

/**
 * The knowledge cut-off T of MEETREGELS §3 as the last millisecond that still counts:
 * a date means the end of that day in Europe/Amsterdam; an instant means itself.
 * Undefined when the text is neither.
 */
export const kennisdatumCutoff = (text: string): number | undefined => {
  if (isValidDatum(text)) {
    const endOfDay = DateTime.fromISO(text, { zone: 'Europe/Amsterdam' }).endOf('day');
    return endOfDay.toMillis();
  }
  return parseInstant(text);
};

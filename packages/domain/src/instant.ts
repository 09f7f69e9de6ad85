// Instants (recordedAt, kennisdatum) as milliseconds since 1970-01-01T00:00:00Z.
// Parsing is done by hand because every stored event carries one (hot path); the time-zone
// rule for a kennisdatum given as a date is luxon's, computed once per query.
import { DateTime } from 'luxon';
import { dayFromCivil, daysInMonth, isoDateOf, isValidDatum, MAX_YEAR } from './calendar.js';

const MS_PER_DAY = 86_400_000;
const MIN_INSTANT_YEAR = 1970;

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Milliseconds since the epoch of an ISO 8601 instant with a `Z` or `±HH:MM` offset, or
 * undefined when it is not one. Digits below the millisecond are truncated: recordedAt is kept
 * to the millisecond (documented in the README).
 */
export const parseInstant = (s: string): number | undefined => {
  const m = INSTANT.exec(s);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  const frac = m[7];
  const zone = m[8] ?? 'Z';
  if (year < MIN_INSTANT_YEAR || year > MAX_YEAR || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 14 || om > 59) return undefined;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const millis = frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3));
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

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Canonical form of an instant string, or undefined when it is not a valid instant. */
export const canonicalInstant = (s: string): string | undefined => {
  const ms = parseInstant(s);
  if (ms === undefined) return undefined;
  return CANONICAL.test(s) ? s : formatInstant(ms);
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

// MEETREGELS §1: the value types, as io-ts codecs; each type is derived from its codec.
import * as t from 'io-ts';
import { isValidDatum, isValidMaand } from './calendar.js';
import { canonicalInstant } from './instant.js';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const NINE_DIGITS = /^\d{9}$/;

/** True when nine digits (char codes) pass the BSN elfproef (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11). */
const passesElfproef = (digits: ArrayLike<number>, from: number): boolean => {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * ((digits[from + i] as number) - 48);
  sum -= (digits[from + 8] as number) - 48;
  return sum % 11 === 0;
};

/**
 * True for a 9-digit number that passes the BSN elfproef (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11).
 * Such a value may be a citizen service number and is never stored (MEETREGELS §1).
 */
export const isBsn = (s: string): boolean => {
  if (!NINE_DIGITS.test(s)) return false;
  const codes = new Array<number>(9);
  for (let i = 0; i < 9; i++) codes[i] = s.charCodeAt(i);
  return passesElfproef(codes, 0);
};

/**
 * The characters that may separate the digit groups of a written BSN (`1234.56.782`,
 * `111 222 333`, `123-456-782`, a non-breaking space): one between two groups. Not `:` or `/`:
 * a time `09:15:00.000` or a date `01/02/2014 3` would then read as nine digits.
 */
const isBsnSeparator = (c: number): boolean => c === 0x20 || c === 0x2e || c === 0x2d || c === 0xa0;
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Where a text holds a BSN (issue 17, point 5): the [start, end) ranges of every run of nine
 * digits that passes the elfproef, written plain or in groups joined by single separators
 * (space, dot, hyphen, non-breaking space), wherever it stands (`h-123456782`, `BSN-111222333`,
 * `VAK 1234.56.782`). A run of digits with no separator in it (a group) is never cut: ten digits
 * in a row are not a BSN (a phone number); but within a chain of groups (`2014-03-001-5`) every
 * sequence of whole consecutive groups with nine digits in all is a candidate.
 */
export const bsnRanges = (text: string): [number, number][] => {
  const ranges: [number, number][] = [];
  if (typeof text !== 'string') return ranges;
  const n = text.length;
  let i = 0;
  // Cheap exit for the common case: fewer than nine digits in the whole text.
  let count = 0;
  for (let k = 0; k < n && count < 9; k++) if (isDigitCode(text.charCodeAt(k))) count++;
  if (count < 9) return ranges;
  const digits: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  while (i < n) {
    if (!isDigitCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    // A chain: digit groups joined by single separators.
    digits.length = 0;
    starts.length = 0;
    ends.length = 0;
    const offsets: number[] = [];
    for (;;) {
      starts.push(i);
      offsets.push(digits.length);
      while (i < n && isDigitCode(text.charCodeAt(i))) digits.push(text.charCodeAt(i++));
      ends.push(i);
      if (i + 1 < n && isBsnSeparator(text.charCodeAt(i)) && isDigitCode(text.charCodeAt(i + 1))) i++;
      else break;
    }
    offsets.push(digits.length);
    for (let first = 0; first < starts.length; first++) {
      for (let last = first; last < starts.length; last++) {
        const total = (offsets[last + 1] as number) - (offsets[first] as number);
        if (total < 9) continue;
        if (total === 9 && passesElfproef(digits, offsets[first] as number)) {
          ranges.push([starts[first] as number, ends[last] as number]);
        }
        break;
      }
    }
  }
  return ranges;
};

/** True when the text holds a BSN anywhere, plain or written in groups (see bsnRanges). */
export const containsBsn = (text: string): boolean => bsnRanges(text).length > 0;

/**
 * True when the text is well-formed Unicode: no lone surrogate (a half of a UTF-16 pair, as
 * `"\ud800"` in JSON gives). PostgreSQL and PGlite refuse such a text (issue 17, point 2), so
 * the codecs refuse it first, with the line that holds it.
 */
export const isWellFormedText = (text: string): boolean => {
  if (typeof text !== 'string') return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return false;
    const next = text.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
    i++;
  }
  return true;
};

export const isHuishoudenId = (s: string): boolean => ID_PATTERN.test(s) && !containsBsn(s);

export interface HuishoudenIdBrand {
  readonly HuishoudenId: unique symbol;
}
/**
 * A household pseudonym: 1–64 chars `[A-Za-z0-9._:-]`, starting with a letter or digit; never
 * holding a BSN, plain or in groups, anywhere in it (`h-123456782` is refused; issue 17).
 */
export const HuishoudenId = t.brand(
  t.string,
  (s): s is t.Branded<string, HuishoudenIdBrand> => isHuishoudenId(s),
  'HuishoudenId',
);
export type HuishoudenId = t.TypeOf<typeof HuishoudenId>;

export interface WerkgeverIdBrand {
  readonly WerkgeverId: unique symbol;
}
/** An employer pseudonym (MEETREGELS §7.1): the same form as a HuishoudenId; never a BSN. */
export const WerkgeverId = t.brand(
  t.string,
  (s): s is t.Branded<string, WerkgeverIdBrand> => isHuishoudenId(s),
  'WerkgeverId',
);
export type WerkgeverId = t.TypeOf<typeof WerkgeverId>;

export interface TrajectIdBrand {
  readonly TrajectId: unique symbol;
}
/**
 * The identity of a (debt-assistance) trajectory within its household (MEETREGELS §7.1): the
 * same form as a HuishoudenId, never a BSN.
 */
export const TrajectId = t.brand(
  t.string,
  (s): s is t.Branded<string, TrajectIdBrand> => isHuishoudenId(s),
  'TrajectId',
);
export type TrajectId = t.TypeOf<typeof TrajectId>;

export interface TredeBrand {
  readonly Trede: unique symbol;
}
/** A step of the participatieladder, 1 (geïsoleerd) … 6 (betaald werk) (MEETREGELS §7.1). */
export const Trede = t.brand(
  t.number,
  (n): n is t.Branded<number, TredeBrand> => Number.isInteger(n) && n >= 1 && n <= 6,
  'Trede',
);
export type Trede = t.TypeOf<typeof Trede>;

export interface DatumBrand {
  readonly Datum: unique symbol;
}
/** A civil date `YYYY-MM-DD`, a real calendar date in 1990–2100. */
export const Datum = t.brand(t.string, (s): s is t.Branded<string, DatumBrand> => isValidDatum(s), 'Datum');
export type Datum = t.TypeOf<typeof Datum>;

export interface MaandBrand {
  readonly Maand: unique symbol;
}
/** A calendar month `YYYY-MM`, 1990–2100. */
export const Maand = t.brand(t.string, (s): s is t.Branded<string, MaandBrand> => isValidMaand(s), 'Maand');
export type Maand = t.TypeOf<typeof Maand>;

export const MAX_BEDRAG_CENT = 100_000_000;

export interface BedragCentBrand {
  readonly BedragCent: unique symbol;
}
/** An amount of income in whole euro cents, 1 … 100 000 000 (MEETREGELS §2, InkomstenOntvangen). */
export const BedragCent = t.brand(
  t.number,
  (n): n is t.Branded<number, BedragCentBrand> => Number.isInteger(n) && n >= 1 && n <= MAX_BEDRAG_CENT,
  'BedragCent',
);
export type BedragCent = t.TypeOf<typeof BedragCent>;

export interface EventIdBrand {
  readonly EventId: unique symbol;
}
export type EventId = t.Branded<string, EventIdBrand>;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const isCanonicalUuid = (u: unknown): u is EventId => typeof u === 'string' && UUID.test(u) && u === u.toLowerCase();
/** The identity of one fact: a UUID, kept in lower case. */
export const EventId = new t.Type<EventId, string, unknown>(
  'EventId',
  isCanonicalUuid,
  (u, c) => (typeof u === 'string' && UUID.test(u) ? t.success(u.toLowerCase() as EventId) : t.failure(u, c)),
  (id) => id,
);

export interface RecordedAtBrand {
  readonly RecordedAt: unique symbol;
}
export type RecordedAt = t.Branded<string, RecordedAtBrand>;
/**
 * When a fact became known (transaction time): an ISO instant, kept in the canonical UTC form
 * `YYYY-MM-DDTHH:MM:SS.sssZ`; an input with an offset is converted, digits below the
 * millisecond are truncated.
 */
export const RecordedAt = new t.Type<RecordedAt, string, unknown>(
  'RecordedAt',
  (u): u is RecordedAt => typeof u === 'string' && canonicalInstant(u) === u,
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c);
    const canonical = canonicalInstant(u);
    return canonical === undefined ? t.failure(u, c) : t.success(canonical as RecordedAt);
  },
  (s) => s,
);

/** The version of an event's stored shape, for upcasting older shapes on read. */
export const CURRENT_SCHEMA_VERSION = 1;

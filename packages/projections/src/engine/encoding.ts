// How one fact is kept in the fold state: a kind code and a few numbers, never a JS object, so a
// fold over millions of facts stays compact (issue 6). Kind codes 0 … MAX_TRANSITION are the
// transition codes of the domain's one lifecycle table (lifecycle.ts); the others are ours.
// A kind sits in the low 8 bits of its slot; the facts of MEETREGELS §7.1 keep a small code above
// it (a trajectory's soort as an interned number, a result or a placement kind as its index), so
// a fact still takes three numbers.
import {
  dayFromCivil,
  exitTransition,
  type PlaatsingSoort,
  parseInstant,
  type SchuldhulpResultaat,
  type TrajectResultaat,
  UIT_REDENEN,
} from '@zelfredzaam/domain';

/** The largest lifecycle transition code (the exit with the last reason of UIT_REDENEN). */
export const MAX_TRANSITION = exitTransition(UIT_REDENEN[UIT_REDENEN.length - 1] ?? 'overig');
export const KIND_INKOMSTEN_LOONDIENST = MAX_TRANSITION + 1;
export const KIND_INKOMSTEN_ONDERNEMING = MAX_TRANSITION + 2;
export const KIND_INTREKKING = MAX_TRANSITION + 3;
/** A fact of a type this version does not know: kept for its eventId, skipped and counted. */
export const KIND_ONBEKEND = MAX_TRANSITION + 4;

// MEETREGELS §7.1.
export const KIND_TREDE = MAX_TRANSITION + 5;
export const KIND_TRAJECT_START = MAX_TRANSITION + 6;
export const KIND_TRAJECT_EINDE = MAX_TRANSITION + 7;
export const KIND_GEPLAATST = MAX_TRANSITION + 8;
export const KIND_IN_BEELD = MAX_TRANSITION + 9;
export const KIND_MINIMA = MAX_TRANSITION + 10;
export const KIND_SCHULDHULP_START = MAX_TRANSITION + 11;
export const KIND_SCHULDHULP_EINDE = MAX_TRANSITION + 12;
export const KIND_ALLIANTIE = MAX_TRANSITION + 13;

const KIND_BITS = 8;
const KIND_MASK = (1 << KIND_BITS) - 1;
/** The largest code kept above a kind (a slot is a positive int32). */
export const MAX_EXTRA = (1 << (31 - KIND_BITS)) - 1;

/** A kind with a code above it. */
export const withExtra = (kind: number, extra: number): number => kind | (extra << KIND_BITS);
export const kindOf = (slot: number): number => slot & KIND_MASK;
export const extraOf = (slot: number): number => slot >>> KIND_BITS;

/** The results and placement kinds of §7.1 in the order of their codes. */
export const TRAJECT_RESULTATEN = [
  'werk',
  'opleiding',
  'ingetrokken',
  'voltooid',
  'uitgevallen',
] as const satisfies readonly TrajectResultaat[];
export const SCHULDHULP_RESULTATEN = [
  'minnelijk-geslaagd',
  'minnelijk-mislukt',
  'wsnp',
  'uitgevallen',
  'overig',
] as const satisfies readonly SchuldhulpResultaat[];
export const PLAATSING_SOORTEN = [
  'sroi',
  'afspraakbaan',
  'beschut-nieuw',
  'banenplan',
] as const satisfies readonly PlaatsingSoort[];

export const isLevensloopKind = (kind: number): boolean => kind <= MAX_TRANSITION;
export const isInkomstenKind = (kind: number): boolean =>
  kind === KIND_INKOMSTEN_LOONDIENST || kind === KIND_INKOMSTEN_ONDERNEMING;

const TWO_POW_21 = 2_097_152;

/**
 * Writes into[at] := the 53-bit key of an eventId (two independent 32-bit string hashes; written,
 * not returned, so that the fold keeps it unboxed: a double returned from a call is a heap
 * allocation). Exact as a double, so it can be kept in a Float64Array and compared with `===`. Hashing the whole text (not a slice of
 * it) keeps time-ordered or sequential ids apart. It is only compared within one household
 * (retraction targets, repeated ids), where a collision of 53 bits is out of reach.
 */
export const idKeyInto = (into: Float64Array, at: number, eventId: string): void => {
  // Each hash runs as two lanes (even and odd characters, differently seeded) joined at the end:
  // half as long a chain of dependent multiplications per id (this runs for every fact folded).
  let a0 = 0x811c9dc5;
  let a1 = 0x050c5d1f;
  let b0 = 0x2545f491;
  let b1 = 0x3b9aca07;
  const n = eventId.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const c0 = eventId.charCodeAt(i);
    const c1 = eventId.charCodeAt(i + 1);
    a0 = Math.imul(a0 ^ c0, 0x01000193);
    a1 = Math.imul(a1 ^ c1, 0x01000193);
    b0 = Math.imul(b0 ^ c0, 0x5bd1e995);
    b1 = Math.imul(b1 ^ c1, 0x5bd1e995);
    b0 ^= b0 >>> 15;
    b1 ^= b1 >>> 15;
  }
  if (i < n) {
    const c = eventId.charCodeAt(i);
    a0 = Math.imul(a0 ^ c, 0x01000193);
    b0 = Math.imul(b0 ^ c, 0x5bd1e995);
    b0 ^= b0 >>> 15;
  }
  let a = a0 ^ Math.imul(a1 ^ (a1 >>> 16), 0x9e3779b1);
  let b = b0 ^ Math.imul(b1 ^ (b1 >>> 13), 0x85ebca6b);
  a ^= a >>> 16;
  a = Math.imul(a, 0x7feb352d);
  a ^= a >>> 15;
  b ^= b >>> 16;
  b = Math.imul(b, 0x846ca68b);
  b ^= b >>> 16;
  into[at] = (a >>> 0) * TWO_POW_21 + (b >>> 11);
};

const scratch = new Float64Array(1);

/** The 53-bit key of an eventId (see idKeyInto). */
export const idKey = (eventId: string): number => {
  idKeyInto(scratch, 0, eventId);
  return scratch[0] as number;
};

/** The high 32 bits of an id key, as an int32 (to keep it in an Int32Array column). */
export const idKeyHigh = (key: number): number => Math.floor(key / TWO_POW_21) | 0;
/** The low 21 bits of an id key. */
export const idKeyLow = (key: number): number => key % TWO_POW_21;
export const idKeyOf = (high: number, low: number): number => (high >>> 0) * TWO_POW_21 + low;

const DIGIT_0 = 48;
const MS_PER_DAY = 86_400_000;

/** The number written in s[from, from + count), or NaN when one of them is not a digit. */
const digits = (s: string, from: number, count: number): number => {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
};

// The day of the last canonical recordedAt read: facts come in recorded order, so the next one
// is mostly of the same day (a memo of a pure function; it changes no result).
let lastDate = -1;
let lastDateMs = 0;

/**
 * Writes into[at] := recordedAt in milliseconds (written, not returned: see idKeyInto). The
 * canonical form `YYYY-MM-DDTHH:MM:SS.sssZ` (what the codec keeps) is read by hand, any other form
 * through the domain's parseInstant; an unreadable one becomes +∞: it then counts without a
 * kennisdatum and under none.
 */
export const recordedAtInto = (into: Float64Array, at: number, s: string): void => {
  if (
    s.length === 24 &&
    s.charCodeAt(10) === 84 /* T */ &&
    s.charCodeAt(23) === 90 /* Z */ &&
    s.charCodeAt(19) === 46 /* . */
  ) {
    const year = digits(s, 0, 4);
    const month = digits(s, 5, 2);
    const day = digits(s, 8, 2);
    const time = ((digits(s, 11, 2) * 60 + digits(s, 14, 2)) * 60 + digits(s, 17, 2)) * 1000 + digits(s, 20, 3);
    if (!Number.isNaN(year + month + day + time)) {
      const date = (year * 100 + month) * 100 + day;
      if (date !== lastDate) {
        lastDateMs = dayFromCivil(year, month, day) * MS_PER_DAY;
        lastDate = date;
      }
      into[at] = lastDateMs + time;
      return;
    }
  }
  into[at] = parseInstant(s) ?? Number.POSITIVE_INFINITY;
};

/** recordedAt in milliseconds (see recordedAtInto). */
export const recordedAtMs = (s: string): number => {
  recordedAtInto(scratch, 0, s);
  return scratch[0] as number;
};

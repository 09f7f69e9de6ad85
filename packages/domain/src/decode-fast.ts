// The fast path of `decode` and `decodeRecorded` (issue 6): replaying millions of stored facts
// spent 39 % of its time in io-ts. The io-ts codecs stay the single source of truth (STYLE §1):
// this file reads the field list of every event type from the codecs in `feitCodecs` and checks
// each field with that field's own codec's `is` (for two codecs, a hand-written predicate that
// decode-fast.test.ts proves equal to `is`). It only ever answers "valid, and this is the result";
// on anything else it answers `undefined` and decode.ts runs the io-ts path, which builds the
// result or the error report. A codec whose shape it does not know (an object-level refinement, a
// transforming codec, …) sends its event type to the io-ts path always, so an event type added to
// the registry works without this file knowing it.
//
// Why a field passing `is` may be kept as it is: for io-ts's string, number, literal, keyof and
// refinement codecs, `decode(u)` succeeds with `u` itself exactly when `is(u)`; EventId and
// RecordedAt normalise on decode, and `is` holds only for values already normal. The law
// "is(u) ⇒ decode(u) = right(u)" is tested for every field codec of the registry.
import type * as t from 'io-ts';
import { daysInMonth } from './calendar.js';
import { type FeitType, feitCodecs, feitTypes, type Incoming, type Recorded } from './events.js';
import { canonicalInstant, parseInstant } from './instant.js';
import { CURRENT_SCHEMA_VERSION, EventId, RecordedAt } from './values.js';

type Predicate = (u: unknown) => boolean;

interface FieldPlan {
  readonly key: string;
  readonly is: Predicate;
  readonly required: boolean;
}

interface TypePlan {
  readonly fields: readonly FieldPlan[];
  /** Every key an input of this type may have: its fields and the envelope. */
  readonly allowed: ReadonlySet<string>;
  /** The keys of a result, in order: the fields, then eventId and recordedAt. */
  readonly order: readonly string[];
}

interface CodecNode {
  readonly _tag?: string;
  readonly type?: unknown;
  readonly types?: readonly unknown[];
  readonly props?: Readonly<Record<string, t.Mixed>>;
}

const ENVELOPE_KEYS = ['eventId', 'recordedAt', 'schemaVersion'] as const;

const DIGIT_0 = 48;

/** A digit's value at `i`, or −1 when the character is not 0–9. */
const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - DIGIT_0;
  return d >= 0 && d <= 9 ? d : -1;
};

const number2 = (s: string, i: number): number => {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
};

/**
 * `RecordedAt.is` without its regular expressions: the canonical form
 * `YYYY-MM-DDTHH:MM:SS.sssZ` of a real instant in 1970–2100 (values.ts, instant.ts).
 */
export const isCanonicalRecordedAt = (u: unknown): boolean => {
  if (typeof u !== 'string' || u.length !== 24) return false;
  if (
    u.charCodeAt(4) !== 45 ||
    u.charCodeAt(7) !== 45 ||
    u.charCodeAt(10) !== 84 ||
    u.charCodeAt(13) !== 58 ||
    u.charCodeAt(16) !== 58 ||
    u.charCodeAt(19) !== 46 ||
    u.charCodeAt(23) !== 90
  ) {
    return false;
  }
  const century = number2(u, 0);
  const yy = number2(u, 2);
  const month = number2(u, 5);
  const day = number2(u, 8);
  const hour = number2(u, 11);
  const minute = number2(u, 14);
  const second = number2(u, 17);
  const milli = number2(u, 20);
  if (century < 0 || yy < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || milli < 0) {
    return false;
  }
  if (digit(u, 22) < 0) return false;
  const year = century * 100 + yy;
  return (
    year >= 1970 &&
    year <= 2100 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
};

/** `EventId.is` without its regular expression: a UUID in lower case. */
export const isCanonicalEventId = (u: unknown): boolean => {
  if (typeof u !== 'string' || u.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = u.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) {
      return false;
    }
  }
  return true;
};

/**
 * `EventId.decode` without its regular expression: a UUID in either case, kept in lower case;
 * undefined when it is not one.
 */
export const normalEventId = (u: unknown): string | undefined => {
  if (isCanonicalEventId(u)) return u as string;
  if (typeof u !== 'string' || u.length !== 36) return undefined;
  for (let i = 0; i < 36; i++) {
    const c = u.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return undefined;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) {
      return undefined;
    }
  }
  return u.toLowerCase();
};

/** '000' … '999'. */
const MILLIS: readonly string[] = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/**
 * `RecordedAt.decode`: any valid instant (with or without a fraction, `Z` or an offset) in its
 * canonical UTC form, by integer arithmetic (instant.ts); undefined when it is not one.
 */
export const normalRecordedAt = (u: unknown): string | undefined => {
  if (isCanonicalRecordedAt(u)) return u as string;
  if (typeof u !== 'string') return undefined;
  // In UTC already (`Z`, any fraction or none): the date and time stay as written, only the
  // milliseconds are written out (no date arithmetic, no padding per field).
  if (u.charCodeAt(u.length - 1) === 90) {
    const ms = parseInstant(u);
    return ms === undefined ? undefined : `${u.slice(0, 19)}.${MILLIS[ms % 1000]}Z`;
  }
  return canonicalInstant(u);
};

/** Hand-written predicates, each proven equal to its codec's `is` (decode-fast.test.ts). */
const FAST_IS = new Map<unknown, Predicate>([
  [RecordedAt, isCanonicalRecordedAt],
  [EventId, isCanonicalEventId],
]);

const predicateOf = (codec: t.Mixed): Predicate => FAST_IS.get(codec) ?? ((u) => codec.is(u));

/** A codec's fields, or undefined when its shape is not one this fast path knows. */
const fieldsOf = (codec: unknown): FieldPlan[] | undefined => {
  const node = codec as CodecNode;
  if (node._tag === 'ReadonlyType') return fieldsOf(node.type);
  if ((node._tag === 'InterfaceType' || node._tag === 'PartialType') && node.props !== undefined) {
    const required = node._tag === 'InterfaceType';
    return Object.entries(node.props).map(([key, field]) => ({
      key,
      is: predicateOf(field),
      required,
    }));
  }
  if (node._tag === 'IntersectionType' && node.types !== undefined) {
    const all: FieldPlan[] = [];
    for (const member of node.types) {
      const fields = fieldsOf(member);
      if (fields === undefined) return undefined;
      all.push(...fields);
    }
    return all;
  }
  return undefined;
};

const planOf = (type: FeitType): TypePlan | undefined => {
  const fields = fieldsOf(feitCodecs[type]);
  if (fields === undefined) return undefined;
  const keys = fields.map((f) => f.key);
  // A key twice, or a field named like the envelope: io-ts decides what that means.
  if (new Set(keys).size !== keys.length || keys.some((k) => (ENVELOPE_KEYS as readonly string[]).includes(k))) {
    return undefined;
  }
  return { fields, allowed: new Set([...keys, ...ENVELOPE_KEYS]), order: [...keys, 'eventId', 'recordedAt'] };
};

const plans = new Map<unknown, TypePlan>();
for (const type of feitTypes) {
  const plan = planOf(type);
  if (plan !== undefined) plans.set(type, plan);
}

/** The event types the fast path serves (the others always take the io-ts path). */
export const fastDecodeTypes: readonly FeitType[] = feitTypes.filter((type) => plans.has(type));

/**
 * True when the text has nine or more digits in a row. decode.ts refuses a field that is a BSN
 * and free text with a BSN inside; this path sends every field with such a run (a BSN or not,
 * free text or not) to the io-ts path, which tells them apart. So it need not know which codecs
 * are free text.
 */
const hasNineDigits = (s: string): boolean => {
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++run === 9) return true;
    } else run = 0;
  }
  return false;
};

const OBJECT_TAG = '[object Object]';
const toTag = Object.prototype.toString;

/**
 * The result of decode (`requireEnvelope` false) or decodeRecorded (true) when the input is a
 * valid fact, with the same fields in the same order; undefined when the input is not valid or
 * this path cannot tell (then the io-ts path decides).
 */
export const decodeFast = (input: unknown, requireEnvelope: boolean): Incoming | undefined => {
  if (typeof input !== 'object' || input === null || toTag.call(input) !== OBJECT_TAG) return undefined;
  const record = input as Readonly<Record<string, unknown>>;
  const plan = plans.get(record.type);
  if (plan === undefined) return undefined;
  // Every own key must be one the type may have (decode.ts refuses others). On the way: are the
  // keys, in order, those of the result (canonical order, envelope last, as export writes)? Then
  // the input itself is the result, not a copy: a replay decodes millions.
  const keys = Object.keys(record);
  const order = plan.order;
  let same = Object.getPrototypeOf(record) === Object.prototype;
  let next = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (same) {
      while (next < order.length && order[next] !== key) next++;
      if (next < order.length) {
        next++;
        continue;
      }
      same = false;
    }
    if (!plan.allowed.has(key)) return undefined;
  }
  const version = record.schemaVersion;
  if (version !== undefined && version !== CURRENT_SCHEMA_VERSION) return undefined;
  // Values present, to compare with the own keys: a value read from a prototype, or an own key
  // holding undefined, makes the input differ from the result.
  let present = 0;
  const fields = plan.fields;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as FieldPlan;
    const value = record[field.key];
    if (value === undefined) {
      if (field.required && !field.is(value)) return undefined;
      continue;
    }
    if (!field.is(value)) return undefined;
    // Personal data (issue 7): decode.ts refuses a BSN in any string field, and in free text.
    if (typeof value === 'string' && hasNineDigits(value)) return undefined;
    present++;
  }
  // The envelope in any valid form (another case, an instant without milliseconds or with an
  // offset) is kept in its canonical form, as the codecs decode it; then the result is a copy.
  const rawEventId = record.eventId;
  let eventId: string | undefined;
  if (rawEventId !== undefined) {
    eventId = normalEventId(rawEventId);
    if (eventId === undefined) return undefined;
    if (eventId !== rawEventId) same = false;
    present++;
  } else if (requireEnvelope) return undefined;
  const rawRecordedAt = record.recordedAt;
  let recordedAt: string | undefined;
  if (rawRecordedAt !== undefined) {
    recordedAt = normalRecordedAt(rawRecordedAt);
    if (recordedAt === undefined) return undefined;
    if (recordedAt !== rawRecordedAt) same = false;
    present++;
  } else if (requireEnvelope) return undefined;
  if (same && present === keys.length) return record as Incoming;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) {
    const key = (fields[i] as FieldPlan).key;
    const value = record[key];
    if (value !== undefined) out[key] = value;
  }
  if (eventId !== undefined) out.eventId = eventId;
  if (recordedAt !== undefined) out.recordedAt = recordedAt;
  return out as Incoming;
};

// ─── Straight from the bytes of a line ───────────────────────────────────────────────────────
// A replay parses millions of lines: JSON.parse builds an object whose keys decodeFast then walks
// again. For a flat line — an object of string and integer values, keys in any order, each once,
// strings of printable ASCII without escapes, numbers as plain integers, spaces or tabs between
// the tokens — the object JSON.parse would build is known from the bytes, and the same predicates
// as above check it (issue 16: lines written by another program, in another field order, with
// instants without milliseconds or with an offset, without eventId, take this path too). Any
// other line (another form, invalid, or not this path's to judge) gives undefined, and the caller
// takes JSON.parse and decode, which is what decides.

/** The text of ASCII bytes [start, end) of the line's buffer (the caller's fastest way). */
export type AsciiText = (start: number, end: number) => string;

interface LinePlan {
  readonly type: string;
  readonly typeBytes: Uint8Array;
  /** Every key of a result, in canonical order: the fields (type first), then eventId and recordedAt. */
  readonly keys: readonly string[];
  readonly keyBytes: readonly Uint8Array[];
  readonly is: readonly Predicate[];
  /** Whether the key must be present (required fields; the envelope only of a stored fact). */
  readonly required: readonly boolean[];
}

const asciiBytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

const linePlans: LinePlan[] = [];
for (const [type, plan] of plans) {
  const first = plan.fields[0];
  // The type is a literal field (the registry's discriminant).
  if (typeof type !== 'string' || first === undefined || first.key !== 'type' || !first.is(type)) continue;
  const keys = [...plan.fields.map((f) => f.key), 'eventId', 'recordedAt'];
  linePlans.push({
    type,
    typeBytes: asciiBytes(type),
    keys,
    keyBytes: keys.map(asciiBytes),
    is: plan.fields.map((f) => f.is),
    required: plan.fields.map((f) => f.required),
  });
}

const TYPE_BYTES = asciiBytes('type');
const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const MINUS = 0x2d;
const BACKSLASH = 0x5c;
const SPACE = 0x20;
const TAB = 0x09;
/** Digits in a number this path reads: below 2^53, so the value is exact. */
const MAX_DIGITS = 15;
/** Keys a line of this path may have (the largest event type has seven with its envelope). */
const MAX_PAIRS = 12;

// One line's key/value pairs while it is read (this path is synchronous and not re-entered).
const keyStart = new Int32Array(MAX_PAIRS);
const keyEnd = new Int32Array(MAX_PAIRS);
/** −1 for a number (its value in `numbers`), else the end of the string value. */
const valueEnd = new Int32Array(MAX_PAIRS);
const valueStart = new Int32Array(MAX_PAIRS);
const numbers = new Float64Array(MAX_PAIRS);
/** The end of a number's text (valueStart holds its start, its sign included). */
const numberEnd = new Int32Array(MAX_PAIRS);
const slots: unknown[] = new Array(MAX_PAIRS);
/** Per key of the plan (its canonical order), the pair that gave it, or −1. */
const slotPair = new Int32Array(MAX_PAIRS);

// The fact the latest decodeLine returned when asked to `remember`, with its plan and line:
// canonicalLineOfDecoded writes that fact's canonical line from these bytes (issue 16: building it
// again from the fact's strings took some 9 % of a `report --from` part, profiled).
let lastDecoded: Incoming | undefined;
let lastPlan: LinePlan | undefined;
const NO_BYTES = new Uint8Array(0);
let lastBytes: Uint8Array = NO_BYTES;

const bytesEqual = (bytes: Uint8Array, at: number, end: number, expected: Uint8Array): boolean => {
  if (end - at !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes[at + i] !== expected[i]) return false;
  return true;
};

/** The end of the string whose text starts at `at` (its closing quote), or −1 when it is not plain printable ASCII. */
const plainStringEnd = (bytes: Uint8Array, at: number, end: number): number => {
  for (let i = at; i < end; i++) {
    const c = bytes[i] as number;
    if (c === QUOTE) return i;
    if (c < 0x20 || c > 0x7e || c === BACKSLASH) return -1;
  }
  return -1;
};

const skipSpace = (bytes: Uint8Array, at: number, end: number): number => {
  while (at < end && (bytes[at] === SPACE || bytes[at] === TAB)) at++;
  return at;
};

/**
 * The fact on bytes [start, end) of a line (without its newline), exactly as
 * `decode(JSON.parse(text))` (or, with `requireEnvelope`, `decodeRecorded`) would give it, when the
 * line is flat (see above) and valid; undefined otherwise (then that is what decides).
 * `remember`: keep the line for canonicalLineOfDecoded (its buffer is then held until the next
 * decodeLine or forgetDecodedLine); a reader that does not write canonical lines leaves it off.
 */
export const decodeLine = (
  bytes: Uint8Array,
  start: number,
  end: number,
  text: AsciiText,
  requireEnvelope: boolean,
  remember = false,
): Incoming | undefined => {
  if (lastPlan !== undefined) forgetDecodedLine();
  let at = skipSpace(bytes, start, end);
  if (bytes[at] !== OPEN) return undefined;
  // The pairs, as they come.
  let pairs = 0;
  let typeAt = -1;
  at = skipSpace(bytes, at + 1, end);
  for (;;) {
    if (pairs === MAX_PAIRS || bytes[at] !== QUOTE) return undefined;
    const kEnd = plainStringEnd(bytes, at + 1, end);
    if (kEnd < 0) return undefined;
    keyStart[pairs] = at + 1;
    keyEnd[pairs] = kEnd;
    at = skipSpace(bytes, kEnd + 1, end);
    if (bytes[at] !== COLON) return undefined;
    at = skipSpace(bytes, at + 1, end);
    const first = bytes[at];
    if (first === QUOTE) {
      const close = plainStringEnd(bytes, at + 1, end);
      if (close < 0) return undefined;
      valueStart[pairs] = at + 1;
      valueEnd[pairs] = close;
      if (bytesEqual(bytes, keyStart[pairs] as number, kEnd, TYPE_BYTES)) {
        if (typeAt !== -1) return undefined;
        typeAt = pairs;
      }
      at = close + 1;
    } else {
      // A plain integer: -?(0|[1-9][0-9]*).
      const negative = first === MINUS;
      let i = negative ? at + 1 : at;
      const digits = i;
      let n = 0;
      for (; i < end; i++) {
        const d = (bytes[i] as number) - 48;
        if (d < 0 || d > 9) break;
        n = n * 10 + d;
      }
      const count = i - digits;
      if (count === 0 || count > MAX_DIGITS || (count > 1 && bytes[digits] === 48)) return undefined;
      // A key `type` with a number: not a fact this path reads.
      if (bytesEqual(bytes, keyStart[pairs] as number, kEnd, TYPE_BYTES)) return undefined;
      valueEnd[pairs] = -1;
      valueStart[pairs] = at;
      numberEnd[pairs] = i;
      numbers[pairs] = negative ? -n : n;
      at = i;
    }
    pairs++;
    at = skipSpace(bytes, at, end);
    const c = bytes[at];
    if (c === CLOSE) {
      if (skipSpace(bytes, at + 1, end) !== end) return undefined;
      break;
    }
    if (c !== COMMA) return undefined;
    at = skipSpace(bytes, at + 1, end);
  }
  if (typeAt < 0) return undefined;
  const tStart = valueStart[typeAt] as number;
  const tEnd = valueEnd[typeAt] as number;
  let plan: LinePlan | undefined;
  for (let p = 0; p < linePlans.length; p++) {
    const candidate = linePlans[p] as LinePlan;
    if (bytesEqual(bytes, tStart, tEnd, candidate.typeBytes)) {
      plan = candidate;
      break;
    }
  }
  if (plan === undefined) return undefined;
  const { keys, keyBytes, is, required } = plan;
  const envelope = keys.length - 2;
  for (let k = 0; k < keys.length; k++) {
    slots[k] = undefined;
    slotPair[k] = -1;
  }
  for (let p = 0; p < pairs; p++) {
    const kS = keyStart[p] as number;
    const kE = keyEnd[p] as number;
    let k = 0;
    while (k < keys.length && !bytesEqual(bytes, kS, kE, keyBytes[k] as Uint8Array)) k++;
    // An unknown key, or one twice (JSON.parse keeps the last): the codecs judge.
    if (k === keys.length || slots[k] !== undefined) return undefined;
    const vEnd = valueEnd[p] as number;
    let value: unknown;
    if (vEnd < 0) value = numbers[p];
    else if (k === 0) {
      // The type: the plan's own string (equal to the line's, and interned: every later
      // comparison of the type with a literal is then one pointer compare).
      value = plan.type;
    } else {
      const t = text(valueStart[p] as number, vEnd);
      // Personal data (issue 7), as in decodeFast.
      if (k < envelope && hasNineDigits(t)) return undefined;
      value = t;
    }
    if (k < envelope) {
      if (!(is[k] as Predicate)(value)) return undefined;
    } else {
      value = k === envelope ? normalEventId(value) : normalRecordedAt(value);
      if (value === undefined) return undefined;
    }
    slots[k] = value;
    slotPair[k] = p;
  }
  const out: Record<string, unknown> = {};
  for (let k = 0; k < keys.length; k++) {
    const value = slots[k];
    if (value === undefined) {
      if (k < envelope ? required[k] === true : requireEnvelope) return undefined;
      continue;
    }
    out[keys[k] as string] = value;
  }
  if (remember) {
    lastDecoded = out as Incoming;
    lastPlan = plan;
    lastBytes = bytes;
  }
  return out as Incoming;
};

/**
 * The stored fact on bytes [start, end) of a line, exactly as `decodeRecorded(JSON.parse(text))`
 * would give it, when the line is flat and valid; undefined otherwise (see decodeLine).
 */
export const decodeRecordedLine = (
  bytes: Uint8Array,
  start: number,
  end: number,
  text: AsciiText,
  remember = false,
): Recorded | undefined => decodeLine(bytes, start, end, text, true, remember) as Recorded | undefined;

/** Each plan's keys as bytes, `"key":` (the keys of a result, in its order). */
const keyPrefixes = new Map<unknown, readonly Uint8Array[]>();
for (const [type, plan] of plans)
  keyPrefixes.set(
    type,
    plan.order.map((key) => asciiBytes(`"${key}":`)),
  );

/** No room left in the output: the caller grows it and writes the line again. */
export const LINE_NO_ROOM = -2;

/**
 * The fact's canonical NDJSON line (§6: `JSON.stringify(encode(feit))` and its newline, what
 * export writes) as bytes into `out` from `at`, without building the text: the end, or −1 when a
 * value is not one JSON writes as it is (a string that is not plain printable ASCII, a number that
 * is not a safe integer, an event type this path does not know; then the caller encodes it), or
 * LINE_NO_ROOM. decode-fast.test.ts proves it equal to JSON.stringify(encode(feit)).
 */
export const canonicalLineInto = (feit: Incoming, out: Uint8Array, at: number): number => {
  const plan = plans.get(feit.type);
  const prefixes = keyPrefixes.get(feit.type);
  if (plan === undefined || prefixes === undefined) return -1;
  const source = feit as unknown as Readonly<Record<string, unknown>>;
  const limit = out.length;
  let i = at;
  if (i >= limit) return LINE_NO_ROOM;
  out[i++] = OPEN;
  let first = true;
  for (let k = 0; k < plan.order.length; k++) {
    const value = source[plan.order[k] as string];
    if (value === undefined) continue;
    const prefix = prefixes[k] as Uint8Array;
    if (i + prefix.length + 1 >= limit) return LINE_NO_ROOM;
    if (!first) out[i++] = COMMA;
    first = false;
    out.set(prefix, i);
    i += prefix.length;
    if (typeof value === 'string') {
      if (i + value.length + 2 >= limit) return LINE_NO_ROOM;
      out[i++] = QUOTE;
      for (let c = 0; c < value.length; c++) {
        const code = value.charCodeAt(c);
        if (code < 0x20 || code > 0x7e || code === QUOTE || code === BACKSLASH) return -1;
        out[i++] = code;
      }
      out[i++] = QUOTE;
    } else if (typeof value === 'number' && Number.isSafeInteger(value)) {
      if (i + 18 >= limit) return LINE_NO_ROOM;
      let n = value;
      if (n < 0) {
        out[i++] = MINUS;
        n = -n;
      }
      // The digits, most significant first (JSON writes -0 as 0, as this does).
      let digits = 1;
      for (let p = 10; p <= n; p *= 10) digits++;
      for (let d = digits - 1; d >= 0; d--) {
        out[i + d] = 48 + (n % 10);
        n = Math.floor(n / 10);
      }
      i += digits;
    } else return -1;
  }
  if (i + 2 > limit) return LINE_NO_ROOM;
  out[i++] = CLOSE;
  out[i++] = 0x0a;
  return i;
};

/**
 * Lets go of the latest decoded line's buffer (canonicalLineOfDecoded then answers −1 until the
 * next decodeLine): a reader that is done calls it, so that its buffer (`report --from`'s window
 * of 64 MiB) is not held after it.
 */
export const forgetDecodedLine = (): void => {
  lastDecoded = undefined;
  lastPlan = undefined;
  lastBytes = NO_BYTES;
};

/** Copies bytes [from, to) of `source` into `out` at `i`; the end. */
const copyBytes = (source: Uint8Array, from: number, to: number, out: Uint8Array, i: number): number => {
  for (let c = from; c < to; c++) out[i++] = source[c] as number;
  return i;
};

/**
 * canonicalLineInto of the fact the latest decodeLine returned (with `remember`), written from its line's bytes:
 * each field's key and value as the line has them when written without spaces around the colon
 * (a plain ASCII string or an integer is written by JSON as it is), the eventId and recordedAt in
 * their canonical form. −1 when `feit` is not that fact (or an integer is −0, which JSON writes
 * as 0): then canonicalLineInto. The line's bytes must be unchanged since it was decoded.
 * decode-fast.test.ts proves it equal to JSON.stringify(encode(feit)).
 */
export const canonicalLineOfDecoded = (feit: Incoming, out: Uint8Array, at: number): number => {
  const plan = lastPlan;
  if (feit !== lastDecoded || plan === undefined) return -1;
  const bytes = lastBytes;
  const { keys, keyBytes } = plan;
  const envelope = keys.length - 2;
  const limit = out.length;
  let i = at;
  if (i >= limit) return LINE_NO_ROOM;
  out[i++] = OPEN;
  for (let k = 0; k < keys.length; k++) {
    const p = slotPair[k] as number;
    if (p < 0) continue;
    const key = keyBytes[k] as Uint8Array;
    const vStart = valueStart[p] as number;
    const vEnd = valueEnd[p] as number;
    const isNumber = vEnd < 0;
    if (isNumber && Object.is(numbers[p], -0)) return -1;
    const value = k < envelope ? undefined : (slots[k] as string);
    // What this pair takes at most: a comma, the key in quotes and a colon, the value in quotes
    // (a number has none: those two bytes are then left for the line's end).
    const valueLength =
      value !== undefined ? value.length : isNumber ? (numberEnd[p] as number) - vStart : vEnd - vStart;
    if (i + key.length + valueLength + 6 > limit) return LINE_NO_ROOM;
    if (i !== at + 1) out[i++] = COMMA;
    const kStart = (keyStart[p] as number) - 1;
    const kEnd = (keyEnd[p] as number) + 1;
    // Written `"key":value` with nothing between: as it is.
    const tight = value === undefined && vStart === kEnd + (isNumber ? 1 : 2);
    if (tight) {
      i = copyBytes(bytes, kStart, isNumber ? (numberEnd[p] as number) : vEnd + 1, out, i);
      continue;
    }
    out[i++] = QUOTE;
    i = copyBytes(key, 0, key.length, out, i);
    out[i++] = QUOTE;
    out[i++] = COLON;
    if (isNumber) i = copyBytes(bytes, vStart, numberEnd[p] as number, out, i);
    else if (value === undefined) {
      out[i++] = QUOTE;
      i = copyBytes(bytes, vStart, vEnd, out, i);
      out[i++] = QUOTE;
    } else {
      // The eventId or recordedAt in its canonical form (printable ASCII, checked by its codec).
      out[i++] = QUOTE;
      for (let c = 0; c < value.length; c++) out[i++] = value.charCodeAt(c);
      out[i++] = QUOTE;
    }
  }
  if (i + 2 > limit) return LINE_NO_ROOM;
  out[i++] = CLOSE;
  out[i++] = 0x0a;
  return i;
};

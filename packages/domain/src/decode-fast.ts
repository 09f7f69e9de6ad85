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
  const eventId = record.eventId;
  if (eventId !== undefined) {
    if (!isCanonicalEventId(eventId)) return undefined;
    present++;
  } else if (requireEnvelope) return undefined;
  const recordedAt = record.recordedAt;
  if (recordedAt !== undefined) {
    if (!isCanonicalRecordedAt(recordedAt)) return undefined;
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
// A replay parses millions of lines that `export` wrote: JSON.parse builds an object whose keys
// decodeFast then walks again. For a line in exactly that form — no whitespace, the keys of one
// event type in canonical order, each once, envelope last, strings of printable ASCII without
// escapes, numbers as plain integers — the object JSON.parse would build is known from the bytes,
// and the same predicates as above check it. Any other line (another form, invalid, or not this
// path's to judge) gives undefined, and the caller takes JSON.parse and decodeRecorded.

/** The text of ASCII bytes [start, end) of the line's buffer (the caller's fastest way). */
export type AsciiText = (start: number, end: number) => string;

interface LinePlan {
  readonly type: string;
  readonly typeBytes: Uint8Array;
  /** The keys after `type`, in canonical order: fields, then eventId and recordedAt. */
  readonly keys: readonly string[];
  /** Each key's bytes followed by `":` (what follows its opening quote in the line). */
  readonly keyBytes: readonly Uint8Array[];
  readonly is: readonly Predicate[];
  /** Whether the key must be present (required fields, and the envelope of a stored fact). */
  readonly required: readonly boolean[];
  /** Whether a string value is checked for a BSN (the fields, not the envelope). */
  readonly personal: readonly boolean[];
}

const asciiBytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

const linePlans: LinePlan[] = [];
for (const [type, plan] of plans) {
  const [first, ...rest] = plan.fields;
  // The type must be the first key, a literal (the registry's discriminant).
  if (typeof type !== 'string' || first === undefined || first.key !== 'type' || !first.is(type)) continue;
  linePlans.push({
    type,
    typeBytes: asciiBytes(type),
    keys: [...rest.map((f) => f.key), 'eventId', 'recordedAt'],
    keyBytes: [...rest.map((f) => f.key), 'eventId', 'recordedAt'].map((k) => asciiBytes(`${k}":`)),
    is: [...rest.map((f) => f.is), isCanonicalEventId, isCanonicalRecordedAt],
    required: [...rest.map((f) => f.required), true, true],
    personal: [...rest.map(() => true), false, false],
  });
}

const OPENING = asciiBytes('{"type":"');
const QUOTE = 0x22;
const COMMA = 0x2c;
const CLOSE = 0x7d;
const MINUS = 0x2d;
const BACKSLASH = 0x5c;
/** Digits in a number this path reads: below 2^53, so the value is exact. */
const MAX_DIGITS = 15;

const bytesAt = (bytes: Uint8Array, at: number, end: number, expected: Uint8Array): boolean => {
  if (at + expected.length > end) return false;
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

/**
 * The stored fact on bytes [start, end) of a line (without its newline), exactly as
 * `decodeRecorded(JSON.parse(text))` would give it, when the line is in the form `export` writes
 * and valid; undefined otherwise (then that is what decides).
 */
export const decodeRecordedLine = (
  bytes: Uint8Array,
  start: number,
  end: number,
  text: AsciiText,
): Recorded | undefined => {
  if (!bytesAt(bytes, start, end, OPENING)) return undefined;
  let at = start + OPENING.length;
  const typeEnd = plainStringEnd(bytes, at, end);
  if (typeEnd < 0) return undefined;
  let plan: LinePlan | undefined;
  for (let p = 0; p < linePlans.length; p++) {
    const candidate = linePlans[p] as LinePlan;
    if (candidate.typeBytes.length === typeEnd - at && bytesAt(bytes, at, typeEnd, candidate.typeBytes)) {
      plan = candidate;
      break;
    }
  }
  if (plan === undefined) return undefined;
  const out: Record<string, unknown> = { type: plan.type };
  const { keys, keyBytes, is, required, personal } = plan;
  at = typeEnd + 1;
  let next = 0;
  for (;;) {
    const c = bytes[at];
    if (c === CLOSE && at + 1 === end) break;
    if (c !== COMMA || bytes[at + 1] !== QUOTE) return undefined;
    at += 2;
    // The key: the next one of the canonical order, skipping optional ones.
    let k = next;
    while (k < keys.length && !bytesAt(bytes, at, end, keyBytes[k] as Uint8Array)) {
      if (required[k] === true) return undefined;
      k++;
    }
    if (k === keys.length) return undefined;
    at += (keyBytes[k] as Uint8Array).length;
    let value: string | number;
    const first = bytes[at];
    if (first === QUOTE) {
      const close = plainStringEnd(bytes, at + 1, end);
      if (close < 0) return undefined;
      value = text(at + 1, close);
      // Personal data (issue 7), as in decodeFast.
      if (personal[k] === true && hasNineDigits(value)) return undefined;
      at = close + 1;
    } else {
      // A plain integer: -?(0|[1-9][0-9]*), then `,` or `}`.
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
      if (bytes[i] !== COMMA && bytes[i] !== CLOSE) return undefined;
      value = negative ? -n : n;
      at = i;
    }
    if (!(is[k] as Predicate)(value)) return undefined;
    out[keys[k] as string] = value;
    next = k + 1;
  }
  for (let k = next; k < keys.length; k++) if (required[k] === true) return undefined;
  return out as unknown as Recorded;
};

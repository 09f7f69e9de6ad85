// Decoding any input into a fact of the catalogue (MEETREGELS §2, §6). Never throws: every
// problem comes back as a value naming the field, the expected form and what was received.
import { type Either, isLeft, left, right } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { decodeFast } from './decode-fast.js';
import { type FeitType, feitCodecs, feitTypes, type Incoming, type Recorded } from './events.js';
import {
  bsnRanges,
  CURRENT_SCHEMA_VERSION,
  containsBsn,
  EventId,
  isBsn,
  isHuishoudenId,
  isWellFormedText,
  RecordedAt,
} from './values.js';

export interface FieldProblem {
  /** The field's path, e.g. `datum`; empty for the event as a whole. */
  readonly path: string;
  /** The expected form, in Dutch, for the analyst. */
  readonly expected: string;
  /** What was received, made safe to print (never a BSN, never a whole personal field). */
  readonly received: string;
}

export interface DecodeError {
  readonly kind: 'DecodeError';
  /** The event type when it was recognised. */
  readonly type: FeitType | undefined;
  /** The household pseudonym when it was valid. */
  readonly huishouden: string | undefined;
  /** The employer pseudonym of an employer's fact when it was valid (MEETREGELS §7.1). */
  readonly werkgever?: string;
  readonly problems: readonly FieldProblem[];
}

const ENVELOPE_KEYS = new Set(['eventId', 'recordedAt', 'schemaVersion']);

/** Fields whose content may identify a person: described, never echoed in messages. */
const SENSITIVE_FIELDS = new Set(['huishouden', 'werkgever', 'trajectId', 'reden', 'regeling', 'soort']);

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  HuishoudenId: 'een pseudoniem van 1–64 tekens [A-Za-z0-9._:-] dat begint met een letter of cijfer (geen BSN)',
  WerkgeverId: 'een pseudoniem van 1–64 tekens [A-Za-z0-9._:-] dat begint met een letter of cijfer (geen BSN)',
  TrajectId: 'een kenmerk van 1–64 tekens [A-Za-z0-9._:-] dat begint met een letter of cijfer (geen BSN)',
  Trede: 'een trede van de participatieladder: een geheel getal van 1 tot en met 6',
  TrajectSoort: 'een tekst van 1–40 tekens zonder stuurtekens',
  Minimaregeling: 'een tekst van 1–60 tekens zonder stuurtekens',
  Datum: 'een echte kalenderdatum JJJJ-MM-DD tussen 1990 en 2100',
  Maand: 'een maand JJJJ-MM tussen 1990 en 2100',
  BedragCent: 'een geheel aantal eurocenten van 1 tot en met 100000000',
  EventId: 'een UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)',
  RecordedAt: 'een ISO-tijdstip met tijdzone tussen 1970 en 2100, bv. 2014-03-02T09:00:00Z',
  Toelichting: 'een tekst van 1–500 tekens zonder stuurtekens',
  string: 'een tekst',
  number: 'een getal',
};

type AnyCodec = t.Type<unknown, unknown, unknown>;

/** The codec below readonly/exact/refinement wrappers. */
const unwrap = (codec: t.Decoder<unknown, unknown>): t.Decoder<unknown, unknown> => {
  let current = codec as { _tag?: string; type?: t.Decoder<unknown, unknown> };
  while (
    (current._tag === 'ReadonlyType' || current._tag === 'ExactType' || current._tag === 'RefinementType') &&
    current.type !== undefined
  ) {
    current = current.type as typeof current;
  }
  return current as t.Decoder<unknown, unknown>;
};

/** The shapes of an event type: the members of a union (a retraction, §7.1), else the codec itself. */
const shapesOf = (codec: t.Decoder<unknown, unknown>): readonly t.Decoder<unknown, unknown>[] => {
  const inner = unwrap(codec) as { _tag?: string; types?: readonly AnyCodec[] };
  return inner._tag === 'UnionType' && inner.types !== undefined ? inner.types : [codec];
};

/**
 * The fields a codec knows with their codecs, in declaration order. Of a union, every shape's
 * fields: a field new in a later shape follows the field before it there (a retraction:
 * type, werkgever, huishouden, ingetrokken, reden).
 */
const propsOf = (codec: t.Decoder<unknown, unknown>): [string, t.Mixed][] => {
  const inner = unwrap(codec) as { _tag?: string; props?: t.Props; types?: readonly AnyCodec[] };
  if ((inner._tag === 'InterfaceType' || inner._tag === 'PartialType') && inner.props !== undefined) {
    return Object.entries(inner.props);
  }
  if (inner._tag === 'IntersectionType' && inner.types !== undefined) return inner.types.flatMap(propsOf);
  if (inner._tag === 'UnionType' && inner.types !== undefined) {
    const merged: [string, t.Mixed][] = [];
    for (const shape of inner.types) {
      let at = 0;
      for (const entry of propsOf(shape)) {
        const known = merged.findIndex(([key]) => key === entry[0]);
        if (known >= 0) at = known + 1;
        else merged.splice(at++, 0, entry);
      }
    }
    return merged;
  }
  return [];
};

/** Codecs of free text, where a BSN could hide inside a longer text. */
const FREE_TEXT_CODECS = new Set(['Toelichting', 'TrajectSoort', 'Minimaregeling']);

/** Each event type's fields in their canonical order (used for checks and for encoding). */
export const fieldOrder: Readonly<Record<FeitType, readonly string[]>> = (() => {
  const order = {} as Record<FeitType, readonly string[]>;
  for (const type of feitTypes) order[type] = propsOf(feitCodecs[type]).map(([key]) => key);
  return order;
})();

/** Codecs of pseudonyms and free text: where a BSN must never be (an eventId is neither). */
const PERSONAL_CODECS = new Set([...FREE_TEXT_CODECS, 'HuishoudenId', 'WerkgeverId', 'TrajectId']);

const fieldsWith = (codecs: ReadonlySet<string>): Readonly<Record<FeitType, ReadonlySet<string>>> => {
  const fields = {} as Record<FeitType, ReadonlySet<string>>;
  for (const type of feitTypes) {
    fields[type] = new Set(
      propsOf(feitCodecs[type])
        .filter(([, codec]) => codecs.has(codec.name))
        .map(([key]) => key),
    );
  }
  return fields;
};

const freeTextFields = fieldsWith(FREE_TEXT_CODECS);
const personalFields = fieldsWith(PERSONAL_CODECS);

const describeExpected = (codec: t.Decoder<unknown, unknown>): string => {
  const inner = unwrap(codec) as { _tag?: string; value?: unknown; keys?: Record<string, unknown>; name: string };
  if (inner._tag === 'LiteralType') return JSON.stringify(inner.value);
  if (inner._tag === 'KeyofType' && inner.keys !== undefined) return `een van: ${Object.keys(inner.keys).join(', ')}`;
  return DESCRIPTIONS[codec.name] ?? DESCRIPTIONS[inner.name] ?? codec.name;
};

/**
 * Replaces every BSN in a text, plain or written in groups (values.ts `bsnRanges`), so a BSN is
 * never printed.
 */
export const maskBsn = (text: string): string => {
  if (typeof text !== 'string') return maskBsn(String(text));
  const ranges = bsnRanges(text);
  if (ranges.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    if (end <= at) continue;
    out += `${text.slice(at, Math.max(at, start))}[BSN verwijderd]`;
    at = end;
  }
  return out + text.slice(at);
};

const MAX_ECHO = 80;

/** What was received, safe to print. */
export const describeReceived = (value: unknown, sensitive: boolean): string => {
  if (value === undefined) return 'niets (het veld ontbreekt)';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    if (isBsn(value) || containsBsn(value)) return 'een BSN (niet getoond)';
    if (sensitive) return `een tekst van ${value.length} tekens (niet getoond)`;
    const shown = maskBsn(JSON.stringify(value.length > MAX_ECHO ? `${value.slice(0, MAX_ECHO)}…` : value));
    return shown;
  }
  // A number in a personal field (a case number, a BSN written as a number) is not shown either.
  if (typeof value === 'number' && sensitive) return 'een getal (niet getoond)';
  if (typeof value === 'number' || typeof value === 'boolean') return maskBsn(String(value));
  if (Array.isArray(value)) return `een lijst van ${value.length} elementen`;
  if (typeof value === 'object') return 'een object';
  return `een waarde van soort ${typeof value}`;
};

const problemsFromIo = (errors: t.Errors): FieldProblem[] => {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const keys: string[] = [];
    for (let i = 1; i < error.context.length; i++) {
      const parent = error.context[i - 1];
      const entry = error.context[i];
      if (parent === undefined || entry === undefined) continue;
      const parentTag = (unwrap(parent.type) as { _tag?: string })._tag;
      // An intersection's or a union's member index is not a field.
      if (parentTag === 'IntersectionType' || parentTag === 'UnionType') continue;
      keys.push(entry.key);
    }
    const path = keys.join('.');
    if (seen.has(path)) continue;
    seen.add(path);
    const last = error.context[error.context.length - 1];
    const expected = last === undefined ? 'een geldige waarde' : describeExpected(last.type);
    problems.push({ path, expected, received: describeReceived(error.value, SENSITIVE_FIELDS.has(keys[0] ?? '')) });
  }
  return problems;
};

const isFeitType = (value: unknown): value is FeitType => typeof value === 'string' && Object.hasOwn(feitCodecs, value);

const failure = (
  type: FeitType | undefined,
  huishouden: unknown,
  problems: FieldProblem[],
  werkgever?: unknown,
): Either<DecodeError, never> =>
  left({
    kind: 'DecodeError',
    type,
    huishouden: typeof huishouden === 'string' && isHuishoudenId(huishouden) ? huishouden : undefined,
    ...(typeof werkgever === 'string' && isHuishoudenId(werkgever) ? { werkgever } : {}),
    problems,
  });

/** Each event type's shapes, with the fields of each (for a union: which one a record has). */
const shapes: Readonly<Record<FeitType, readonly { codec: AnyCodec; fields: readonly string[] }[]>> = (() => {
  const out = {} as Record<FeitType, { codec: AnyCodec; fields: readonly string[] }[]>;
  for (const type of feitTypes) {
    out[type] = shapesOf(feitCodecs[type]).map((codec) => ({
      codec: codec as AnyCodec,
      fields: propsOf(codec).map(([key]) => key),
    }));
  }
  return out;
})();

/**
 * The shape a record is meant to have: of a union, the first shape whose own fields (those not
 * in every shape, e.g. `werkgever` of a retraction) it carries, else the first. Also the fields
 * of the other shapes it carries too (refused: a fact belongs to one stream).
 */
const shapeOf = (
  type: FeitType,
  record: Readonly<Record<string, unknown>>,
): { codec: AnyCodec; fields: readonly string[]; foreign: readonly string[] } => {
  const all = shapes[type];
  const first = all[0] as (typeof all)[number];
  if (all.length === 1) return { ...first, foreign: [] };
  const own = (shape: (typeof all)[number]) =>
    shape.fields.filter((key) => !all.every((other) => other.fields.includes(key)));
  const chosen = all.find((shape) => own(shape).some((key) => record[key] !== undefined)) ?? first;
  const foreign = all
    .filter((shape) => shape !== chosen)
    .flatMap(own)
    .filter((key) => !chosen.fields.includes(key) && record[key] !== undefined);
  return { ...chosen, foreign };
};

const decodeObject = (input: unknown, requireEnvelope: boolean): Either<DecodeError, Incoming> => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return failure(undefined, undefined, [
      {
        path: '',
        expected: 'een JSON-object met een veld "type"',
        received: input === undefined ? 'niets (undefined)' : describeReceived(input, false),
      },
    ]);
  }
  const record = input as Readonly<Record<string, unknown>>;
  const type = record.type;
  if (!isFeitType(type)) {
    return failure(undefined, record.huishouden, [
      {
        path: 'type',
        expected: `een van: ${Object.keys(feitCodecs).join(', ')}`,
        received: describeReceived(type, false),
      },
    ]);
  }
  const problems: FieldProblem[] = [];
  const version = record.schemaVersion;
  if (version !== undefined && version !== CURRENT_SCHEMA_VERSION) {
    problems.push({
      path: 'schemaVersion',
      expected: `een ondersteunde schemaversie (${CURRENT_SCHEMA_VERSION})`,
      received: describeReceived(version, false),
    });
  }
  const shape = shapeOf(type, record);
  const known = shape.fields;
  for (const key of Object.keys(record)) {
    if (shape.foreign.includes(key)) {
      const subject = known.find((k) => k === 'huishouden' || k === 'werkgever') ?? 'een ander veld';
      problems.push({
        path: key,
        expected: `geen ${key} naast ${subject}: een feit hoort bij één huishouden of één werkgever`,
        received: 'een waarde',
      });
    } else if (!ENVELOPE_KEYS.has(key) && !known.includes(key)) {
      problems.push({ path: key, expected: `geen veld met deze naam (onbekend bij ${type})`, received: 'een waarde' });
    }
  }
  const decoded = shape.codec.decode(record);
  if (isLeft(decoded)) problems.push(...problemsFromIo(decoded.left));
  // Personal data (issues 7 and 17): no string field may hold a BSN, plain or written in groups,
  // anywhere in it; the codecs refuse it too, this names the reason.
  for (const key of personalFields[type]) {
    const value = record[key];
    if (typeof value !== 'string' || !containsBsn(value)) continue;
    const at = problems.findIndex((p) => p.path === key);
    const received = 'een BSN (niet getoond)';
    const existing = problems[at];
    // An id keeps its own description (it says "geen BSN"); a free text is named for the BSN.
    if (existing !== undefined && !freeTextFields[type].has(key)) problems[at] = { ...existing, received };
    else {
      const problem = { path: key, expected: 'een waarde zonder BSN (burgerservicenummer)', received };
      if (at >= 0) problems[at] = problem;
      else problems.push(problem);
    }
  }
  // Well-formed Unicode (issue 17): a lone surrogate is named as such, not only as a bad text.
  for (const key of freeTextFields[type]) {
    const value = record[key];
    if (typeof value !== 'string' || isWellFormedText(value)) continue;
    const at = problems.findIndex((p) => p.path === key);
    const problem = {
      path: key,
      expected: 'geldige Unicode-tekst (geen losse surrogaathelft zoals \\ud800)',
      received: `een tekst van ${value.length} tekens met een losse surrogaathelft (niet getoond)`,
    };
    if (at >= 0) problems[at] = problem;
    else problems.push(problem);
  }

  const out: Record<string, unknown> = {};
  if (!isLeft(decoded)) {
    const value = decoded.right as Readonly<Record<string, unknown>>;
    for (const key of known) if (value[key] !== undefined) out[key] = value[key];
  }
  for (const [key, codec] of [
    ['eventId', EventId],
    ['recordedAt', RecordedAt],
  ] as const) {
    const raw = record[key];
    if (raw === undefined) {
      if (requireEnvelope)
        problems.push({ path: key, expected: describeExpected(codec), received: describeReceived(raw, false) });
      continue;
    }
    const result = codec.decode(raw);
    if (isLeft(result))
      problems.push({ path: key, expected: describeExpected(codec), received: describeReceived(raw, false) });
    else out[key] = result.right;
  }
  if (problems.length > 0) {
    const own = (key: string) => (known.includes(key) ? record[key] : undefined);
    return failure(type, own('huishouden'), problems, own('werkgever'));
  }
  return right(out as Incoming);
};

const unreadable = (): Either<DecodeError, never> =>
  failure(undefined, undefined, [{ path: '', expected: 'een leesbaar JSON-object', received: 'onleesbare invoer' }]);

/** {@link decode} through the io-ts codecs only: the reference the fast path is tested against. */
export const decodeWithCodecs = (input: unknown): Either<DecodeError, Incoming> => {
  try {
    return decodeObject(input, false);
  } catch {
    return unreadable();
  }
};

/** {@link decodeRecorded} through the io-ts codecs only (see decodeWithCodecs). */
export const decodeRecordedWithCodecs = (input: unknown): Either<DecodeError, Recorded> => {
  try {
    return decodeObject(input, true) as Either<DecodeError, Recorded>;
  } catch {
    return unreadable();
  }
};

/**
 * Decodes anything into a fact of the catalogue; `eventId` and `recordedAt` may be absent
 * (MEETREGELS §6). Unknown fields are refused so a misspelt field is never silently lost.
 * A valid fact takes the fast path (decode-fast.ts, equal to the codecs by test); anything
 * else goes through the io-ts codecs, which build the error report. An input already in
 * canonical form (fields in order, envelope last, as export writes them) comes back as the
 * result itself, not copied: do not change it afterwards.
 */
export const decode = (input: unknown): Either<DecodeError, Incoming> => {
  try {
    const fast = decodeFast(input, false);
    if (fast !== undefined) return right(fast);
  } catch {
    // An input that throws when read (a getter, a proxy) is the codecs' to judge.
  }
  return decodeWithCodecs(input);
};

/** As {@link decode}, for stored facts: `eventId` and `recordedAt` are required. */
export const decodeRecorded = (input: unknown): Either<DecodeError, Recorded> => {
  try {
    const fast = decodeFast(input, true);
    if (fast !== undefined) return right(fast as Recorded);
  } catch {
    // As in decode.
  }
  return decodeRecordedWithCodecs(input);
};

/** A Dutch message for an analyst, naming household, event type and each wrong field. */
export const describeDecodeError = (error: DecodeError): string => {
  // A library user's mistake (issue 17): named in Dutch, not a TypeError from inside.
  if (typeof error !== 'object' || error === null || !Array.isArray((error as Partial<DecodeError>).problems)) {
    throw new TypeError(
      `describeDecodeError: verwacht de fout (left) van decode of decodeRecorded, ontvangen ${describeReceived(error, false)}`,
    );
  }
  const subject = [
    error.huishouden === undefined ? undefined : `huishouden ${error.huishouden}`,
    error.werkgever === undefined ? undefined : `werkgever ${error.werkgever}`,
    error.type,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  const shown = error.problems.slice(0, MAX_PROBLEMS_SHOWN);
  const fields = shown
    .map(
      (p) =>
        `${p.path === '' ? 'gebeurtenis' : `veld ${fieldName(p.path)}`}: verwacht ${p.expected}, ontvangen ${p.received}`,
    )
    .join('; ');
  const more = error.problems.length - shown.length;
  return `${subject === '' ? 'gebeurtenis' : subject} ongeldig — ${fields}${more > 0 ? `; en nog ${more} andere velden` : ''}`;
};

/** Problems named in one message: a line with thousands of unknown fields still gets one short line. */
const MAX_PROBLEMS_SHOWN = 10;

const PLAIN_FIELD_NAME = /^[A-Za-z][A-Za-z0-9.]{0,39}$/;

/**
 * A field's name as a message shows it: an unknown name comes from the input, so it is quoted,
 * cut short and never a BSN (issue 7: a BSN used as a key, a newline in a key).
 */
const fieldName = (path: string): string =>
  maskBsn(PLAIN_FIELD_NAME.test(path) ? path : JSON.stringify(path.length > 40 ? `${path.slice(0, 40)}…` : path));

/** A fact as a plain object with its fields in canonical order, envelope last (MEETREGELS §6). */
export const encode = (event: Incoming): Record<string, unknown> => {
  // A library user's mistake (issue 17): named in Dutch, not a TypeError from inside.
  if (typeof event !== 'object' || event === null || !isFeitType((event as { type?: unknown }).type)) {
    throw new TypeError(
      `encode: verwacht een feit uit de catalogus (de uitkomst van decode), ontvangen ${
        typeof event === 'object' && event !== null ? 'een object zonder bekend type' : describeReceived(event, false)
      }`,
    );
  }
  const source = event as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const key of fieldOrder[event.type]) if (source[key] !== undefined) out[key] = source[key];
  if (event.eventId !== undefined) out.eventId = event.eventId;
  if (event.recordedAt !== undefined) out.recordedAt = event.recordedAt;
  return out;
};

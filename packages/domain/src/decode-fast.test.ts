// Issue 6: the fast path of decode must give exactly what the io-ts codecs give, for valid facts
// and for every kind of garbage. The inputs are built from the registry itself (every event type,
// every field, values that pass each field's codec and values that do not), so an event type
// added to `feitCodecs` is covered without changing this file.
import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { decode, decodeRecorded, decodeRecordedWithCodecs, decodeWithCodecs, encode } from './decode.js';
import {
  canonicalLineInto,
  canonicalLineOfDecoded,
  decodeFast,
  decodeLine as decodeLineBytes,
  decodeRecordedLine,
  fastDecodeTypes,
  forgetDecodedLine,
  isCanonicalEventId,
  isCanonicalRecordedAt,
  LINE_NO_ROOM,
} from './decode-fast.js';
import { feitCodecs, feitTypes } from './events.js';
import { formatInstant } from './instant.js';
import { willekeurigFeit } from './testing/arbitraries.js';
import { EventId, RecordedAt } from './values.js';

export const FAST_DECODE_RUNS = {
  predicates: 20_000,
  valid: 10_000,
  registry: 20_000,
  mutations: 20_000,
  anything: 5_000,
  lines: 10_000,
} as const;

interface Node {
  readonly _tag?: string;
  readonly name?: string;
  readonly type?: unknown;
  readonly types?: readonly unknown[];
  readonly props?: Readonly<Record<string, t.Mixed>>;
  readonly value?: unknown;
  readonly keys?: Readonly<Record<string, unknown>>;
}

interface Shape {
  readonly fields: readonly { readonly key: string; readonly codec: t.Mixed; readonly required: boolean }[];
}

/** The object shapes a codec accepts (a union gives one per member). */
const shapesOf = (codec: unknown): Shape[] => {
  const node = codec as Node;
  if (node._tag === 'ReadonlyType' || node._tag === 'ExactType' || node._tag === 'RefinementType') {
    return shapesOf(node.type);
  }
  if ((node._tag === 'InterfaceType' || node._tag === 'PartialType') && node.props !== undefined) {
    const required = node._tag === 'InterfaceType';
    return [{ fields: Object.entries(node.props).map(([key, c]) => ({ key, codec: c, required })) }];
  }
  if (node._tag === 'IntersectionType' && node.types !== undefined) {
    return node.types
      .map(shapesOf)
      .reduce<Shape[]>(
        (acc, members) => acc.flatMap((a) => members.map((m) => ({ fields: [...a.fields, ...m.fields] }))),
        [{ fields: [] }],
      );
  }
  if (node._tag === 'UnionType' && node.types !== undefined) return node.types.flatMap(shapesOf);
  return [];
};

/** Every literal and enum value any codec of the registry knows. */
const registryWords = (): unknown[] => {
  const words = new Set<unknown>();
  const walk = (codec: unknown): void => {
    const node = codec as Node;
    if (node._tag === 'LiteralType') words.add(node.value);
    if (node._tag === 'KeyofType' && node.keys !== undefined) for (const k of Object.keys(node.keys)) words.add(k);
    if (node.type !== undefined) walk(node.type);
    if (node.types !== undefined) for (const m of node.types) walk(m);
    if (node.props !== undefined) for (const c of Object.values(node.props)) walk(c);
  };
  for (const type of feitTypes) walk(feitCodecs[type]);
  return [...words];
};

const uuid = 'a7fead4c-c1cc-4855-9f58-1d261371c544';

/** Values that are valid for some field, near misses, and garbage. */
const POOL: readonly unknown[] = [
  ...registryWords(),
  'h-000001',
  'h-1',
  'w-42',
  'A',
  'a.b:c_d-e',
  '-h',
  'h 1',
  'x'.repeat(64),
  'x'.repeat(65),
  '111222333',
  '111222334',
  'h-111222333',
  '2014-02-28',
  '2016-02-29',
  '2014-02-29',
  '1989-12-31',
  '1990-01-01',
  '2100-12-31',
  '2101-01-01',
  '2014-1-01',
  '2014-03',
  '2014-13',
  '1990-01',
  '2100-12',
  'Workfast',
  'VAK',
  'x'.repeat(40),
  'x'.repeat(41),
  'x'.repeat(60),
  'x'.repeat(61),
  'tekst met 111222333 erin',
  'tekst met 1234567890 erin',
  'regel\nnieuw',
  'Registratiefout',
  '',
  uuid,
  uuid.toUpperCase(),
  `${uuid}x`,
  '2014-03-02T09:00:00.000Z',
  '2014-03-02T09:00:00Z',
  '2014-03-02T09:00:00.123456Z',
  '2014-03-02T10:00:00.000+01:00',
  '1969-12-31T23:59:59.999Z',
  '2100-12-31T23:59:59.999Z',
  '2101-01-01T00:00:00.000Z',
  '2014-02-29T09:00:00.000Z',
  0,
  -0,
  1,
  3,
  6,
  7,
  1.5,
  -1,
  47_500,
  100_000_000,
  100_000_001,
  Number.NaN,
  null,
  true,
  false,
  {},
  [],
  ['h-1'],
];

const anyPoolValue = fc.constantFrom(...POOL);

/** Day number of 2110-01-01: instants are generated a little beyond the codec's range on both sides. */
const dayOfYear2110 = 51_134;

/** A value for a field: mostly one its codec accepts, sometimes any value of the pool. */
const fieldValue = (codec: t.Mixed): fc.Arbitrary<unknown> => {
  const accepted = POOL.filter((v) => codec.is(v));
  return accepted.length === 0
    ? anyPoolValue
    : fc.oneof({ arbitrary: fc.constantFrom(...accepted), weight: 20 }, { arbitrary: anyPoolValue, weight: 1 });
};

const envelopeValue = (valid: readonly unknown[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: fc.constantFrom(...valid), weight: 20 },
    { arbitrary: anyPoolValue, weight: 1 },
  );

/** `arbitrary` once in `every` cases, else null. */
const rarely = <T>(arbitrary: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary: fc.constant(null), weight: every - 1 }, { arbitrary, weight: 1 });

/** An object built from one shape of one registered type, field by field. */
const fromRegistry: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(...feitTypes).chain((type) =>
  fc.constantFrom(...shapesOf(feitCodecs[type])).chain((shape) =>
    fc
      .tuple(
        fc.tuple(
          ...shape.fields.map((f) =>
            fc.oneof({ arbitrary: fieldValue(f.codec), weight: 12 }, { arbitrary: fc.constant(undefined), weight: 1 }),
          ),
        ),
        envelopeValue([uuid, '0d7e6a7c-29a4-4b56-8e3b-7c9b1f0b2a11']),
        envelopeValue(['2014-03-02T09:00:00.000Z', '1990-01-04T15:33:00.000Z']),
        rarely(fc.constantFrom<unknown>(1, 2, '1', null), 5),
        rarely(fc.tuple(fc.constantFrom('extra', 'Type', 'huishouden', '__proto__'), anyPoolValue), 20),
      )
      .map(([values, eventId, recordedAt, schemaVersion, extra]) => {
        const out: Record<string, unknown> = {};
        shape.fields.forEach((f, i) => {
          const v = values[i];
          if (v !== undefined) out[f.key] = v;
        });
        if (eventId !== undefined) out.eventId = eventId;
        if (recordedAt !== undefined) out.recordedAt = recordedAt;
        if (schemaVersion !== null) out.schemaVersion = schemaVersion;
        if (extra !== null) Object.defineProperty(out, extra[0], { value: extra[1], enumerable: true });
        return out;
      }),
  ),
);

/** A valid fact's flat form with one change: a key dropped, a value replaced, a key added or renamed. */
const mutated: fc.Arbitrary<unknown> = fc
  .tuple(willekeurigFeit(), fc.nat(), fc.nat(3), anyPoolValue, fc.boolean())
  .map(([feit, pick, how, value, shuffle]) => {
    const encoded = encode(feit);
    const keys = Object.keys(encoded);
    const key = keys[pick % keys.length] as string;
    let out: Record<string, unknown> = { ...encoded };
    if (how === 0) delete out[key];
    else if (how === 1) out[key] = value;
    else if (how === 2) out[`${key}x`] = value;
    else out = { ...out, schemaVersion: value };
    // The same fields in another order must decode the same (the result keeps canonical order).
    return shuffle ? Object.fromEntries(Object.entries(out).reverse()) : out;
  });

/** decode and decodeRecorded against the codecs: same tag, same value, same key order. */
const expectSame = (input: unknown): void => {
  const fast = decode(input);
  const slow = decodeWithCodecs(input);
  expect(fast).toEqual(slow);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
  const fastRecorded = decodeRecorded(input);
  const slowRecorded = decodeRecordedWithCodecs(input);
  expect(fastRecorded).toEqual(slowRecorded);
  expect(JSON.stringify(fastRecorded)).toBe(JSON.stringify(slowRecorded));
};

describe('the hand-written predicates equal their codecs', () => {
  const instantText = fc.oneof(
    fc.integer({ min: -400 * 86_400_000, max: (dayOfYear2110 + 400) * 86_400_000 }).map((ms) => formatInstant(ms)),
    fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.string({ unit: fc.constantFrom('0', '9', '1', '3', 'Z', ':', '-') }))
      .map(
        ([at, s]) => `2014-03-02T09:00:00.000Z`.slice(0, at) + s.slice(0, 1) + '2014-03-02T09:00:00.000Z'.slice(at + 1),
      ),
    fc.string({
      minLength: 24,
      maxLength: 24,
      unit: fc.constantFrom('0', '1', '2', '3', '9', '-', 'T', ':', '.', 'Z'),
    }),
    fc.anything(),
  );
  it(`isCanonicalRecordedAt ≡ RecordedAt.is (${FAST_DECODE_RUNS.predicates} cases, and every day 1969–2101)`, () => {
    fc.assert(
      fc.property(instantText, (u) => {
        expect(isCanonicalRecordedAt(u)).toBe(RecordedAt.is(u));
      }),
      { numRuns: FAST_DECODE_RUNS.predicates },
    );
    for (let day = -366; day <= dayOfYear2110; day++) {
      const text = formatInstant(day * 86_400_000 + 86_399_999);
      expect(isCanonicalRecordedAt(text)).toBe(RecordedAt.is(text));
    }
  });

  it(`isCanonicalEventId ≡ EventId.is (${FAST_DECODE_RUNS.predicates} cases)`, () => {
    const mutatedUuid = fc
      .tuple(fc.uuid(), fc.nat(35), fc.constantFrom('a', 'F', 'g', '-', '0', ' ', 'é'), fc.boolean())
      .map(([u, at, c, upper]) => {
        const text = upper ? u.toUpperCase() : u;
        return text.slice(0, at) + c + text.slice(at + 1);
      });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uuid(),
          fc.uuid().map((u) => u.toUpperCase()),
          mutatedUuid,
          fc.anything(),
        ),
        (u) => {
          expect(isCanonicalEventId(u)).toBe(EventId.is(u));
        },
      ),
      { numRuns: FAST_DECODE_RUNS.predicates },
    );
  });
});

describe('decode: the fast path equals the io-ts codecs', () => {
  it('every field codec of the registry keeps a value that passes its `is` as it is', () => {
    for (const type of feitTypes) {
      for (const shape of shapesOf(feitCodecs[type])) {
        for (const field of shape.fields) {
          for (const value of POOL) {
            if (!field.codec.is(value)) continue;
            const decoded = field.codec.decode(value);
            expect(isRight(decoded) && Object.is(decoded.right, value), `${type}.${field.key} ${String(value)}`).toBe(
              true,
            );
          }
        }
      }
    }
  });

  it(`valid facts, with and without envelope, take the fast path and decode the same (${FAST_DECODE_RUNS.valid} cases)`, () => {
    fc.assert(
      fc.property(willekeurigFeit(), fc.boolean(), (feit, bare) => {
        const flat: Record<string, unknown> = encode(feit);
        if (bare) {
          delete flat.eventId;
          delete flat.recordedAt;
        }
        const input = JSON.parse(JSON.stringify(flat)) as unknown;
        if ((fastDecodeTypes as readonly string[]).includes(feit.type)) {
          // An input in canonical form (as export writes it) is the result itself, not a copy.
          expect(decodeFast(input, false)).toBe(input);
        }
        expectSame(input);
      }),
      { numRuns: FAST_DECODE_RUNS.valid },
    );
  });

  it(`objects built from the registry, valid and invalid, decode the same (${FAST_DECODE_RUNS.registry} cases)`, () => {
    let fast = 0;
    fc.assert(
      fc.property(fromRegistry, (input) => {
        if (decodeFast(input, false) !== undefined) fast++;
        expectSame(input);
      }),
      { numRuns: FAST_DECODE_RUNS.registry },
    );
    // Both sides are exercised: many inputs are valid (fast path), many are not.
    expect(fast).toBeGreaterThan(FAST_DECODE_RUNS.registry / 5);
    expect(fast).toBeLessThan(FAST_DECODE_RUNS.registry * 0.9);
  });

  it(`valid facts with one change decode the same (${FAST_DECODE_RUNS.mutations} cases)`, () => {
    fc.assert(fc.property(mutated, expectSame), { numRuns: FAST_DECODE_RUNS.mutations });
  });

  it(`anything at all decodes the same (${FAST_DECODE_RUNS.anything} cases)`, () => {
    fc.assert(fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fc.object()), expectSame), {
      numRuns: FAST_DECODE_RUNS.anything,
    });
  });

  it('inputs that are not plain objects, or throw when read, decode the same', () => {
    const getter = Object.defineProperty({ type: 'OpleidingGestart', datum: '2014-09-01' }, 'huishouden', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    const withProto = Object.assign(Object.create({ huishouden: 'h-1' }) as object, {
      type: 'OpleidingGestart',
      datum: '2014-09-01',
    });
    const tagged = { type: 'OpleidingGestart', huishouden: 'h-1', datum: '2014-09-01', [Symbol.toStringTag]: 'X' };
    for (const input of [getter, withProto, tagged, new Date(0), new Map(), Object.create(null)]) {
      expect(decode(input)).toEqual(decodeWithCodecs(input));
      expect(decodeRecorded(input)).toEqual(decodeRecordedWithCodecs(input));
    }
  });

  it('an own key holding undefined, or a field inherited from Object.prototype, is not taken over as it is', () => {
    const base = {
      type: 'UitkeringGestart',
      huishouden: 'h-1',
      datum: '2014-09-01',
      eventId: 'a7fead4c-c1cc-4855-9f58-1d261371c544',
      recordedAt: '2014-09-02T09:00:00.000Z',
    };
    const withUndefined = { ...base, regeling: undefined };
    expect('regeling' in (decodeFast(withUndefined, true) ?? {})).toBe(false);
    expectSame(withUndefined);
    Object.defineProperty(Object.prototype, 'regeling', { value: 'IOAW', configurable: true, writable: true });
    try {
      expectSame({ ...base });
      expect(JSON.stringify(decode({ ...base }))).toContain('"regeling":"IOAW"');
    } finally {
      delete (Object.prototype as { regeling?: unknown }).regeling;
    }
  });

  it('the fast path serves the catalogue of MEETREGELS §2 (it is not silently bypassed)', () => {
    for (const type of [
      'UitkeringGestart',
      'InLoondienstGetreden',
      'EigenOndernemingGestart',
      'OpleidingGestart',
      'UitkeringBeeindigd',
      'Teruggevallen',
      'InkomstenOntvangen',
    ]) {
      expect(fastDecodeTypes).toContain(type);
    }
  });
});

/** A line's bytes inside a larger buffer (the line decoder reads a range), and how to read its text. */
const decodeLine = (line: string): unknown => {
  const bytes = Buffer.from(`xx${line}\nyy`, 'utf8');
  const end = bytes.length - 3;
  return decodeRecordedLine(bytes, 2, end, (from, to) => bytes.toString('latin1', from, to), true);
};

/** What a replay makes of a line without the line decoder: JSON.parse, then the codecs. */
const viaJson = (line: string): unknown => {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const decoded = decodeRecordedWithCodecs(json);
  return decoded._tag === 'Right' ? decoded.right : undefined;
};

/**
 * canonicalLineOfDecoded of the fact just decoded: its canonical line (JSON.stringify(encode(feit))
 * and a newline) wherever it is written, and LINE_NO_ROOM in any room short of it.
 */
const expectCanonicalOfDecoded = (feit: unknown, line: string): void => {
  const expected = Buffer.from(`${JSON.stringify(encode(feit as never))}\n`);
  const offset = line.length % 7;
  const out = new Uint8Array(offset + expected.length + (line.length % 3));
  const end = canonicalLineOfDecoded(feit as never, out, offset);
  if (end === -1) {
    // Only for an integer written as −0 (JSON writes 0): canonicalLineInto's.
    expect(Object.values(feit as object).some((v) => Object.is(v, -0))).toBe(true);
    return;
  }
  expect(Buffer.from(out.subarray(offset, end)).toString()).toBe(expected.toString());
  const short = line.length % expected.length;
  expect(canonicalLineOfDecoded(feit as never, new Uint8Array(offset + short), offset)).toBe(LINE_NO_ROOM);
  expect(canonicalLineOfDecoded(feit as never, new Uint8Array(expected.length), 0)).toBe(expected.length);
};

/** The line decoder gives undefined, or exactly (values and key order) what JSON.parse and the codecs give. */
const expectLineSame = (line: string): boolean => {
  const fast = decodeLine(line);
  if (fast === undefined) return false;
  expectCanonicalOfDecoded(fast, line);
  const slow = viaJson(line);
  expect(slow).toBeDefined();
  expect(fast).toEqual(slow);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
  return true;
};

/** A line edited as text: a space, an escape, a number's other spelling, a key twice, a character dropped. */
const editedLine: fc.Arbitrary<string> = fc
  .tuple(
    willekeurigFeit(),
    fc.nat(),
    fc.nat(9),
    fc.constantFrom(' ', '\\u0068', '1.0', '1e2', '-0', '01', 'é', '\t', '"'),
  )
  .map(([feit, pick, how, piece]) => {
    const line = JSON.stringify(encode(feit));
    const at = pick % (line.length + 1);
    if (how === 0) return line.slice(0, at) + line.slice(at + 1);
    if (how === 1) return line.replace(/"huishouden":"[^"]*"/, (m) => `${m},${m}`);
    if (how === 2) return line.replace(/:(\d+)/, `:${piece}`);
    if (how === 3) return line.replace(/":"h/, `":"${piece}h`);
    if (how === 4) return `${line} `;
    if (how === 5) return line.replace('{', '{ ');
    return line.slice(0, at) + piece + line.slice(at);
  });

describe('decodeRecordedLine: straight from the bytes equals JSON.parse and the codecs', () => {
  it(`lines as export writes them take the line decoder and decode the same (${FAST_DECODE_RUNS.lines} cases)`, () => {
    fc.assert(
      fc.property(willekeurigFeit(), (feit) => {
        const line = JSON.stringify(encode(feit));
        const taken = expectLineSame(line);
        // Every type the fast path serves is read from the bytes, unless a text is not printable
        // ASCII, holds an escape (a `"` or `\` in a free text is written as `\"` or `\\`), or a
        // field holds nine digits in a row (the codecs then judge whether it is a BSN).
        const fields = line.replace(/"eventId":"[^"]*"/, '');
        if (
          (fastDecodeTypes as readonly string[]).includes(feit.type) &&
          /^[\x20-\x7e]*$/.test(line) &&
          !line.includes('\\') &&
          !/\d{9}/.test(fields)
        ) {
          expect(taken).toBe(true);
        }
      }),
      { numRuns: FAST_DECODE_RUNS.lines },
    );
  });

  it(`objects built from the registry, valid and invalid, written as lines, decode the same (${FAST_DECODE_RUNS.registry} cases)`, () => {
    let taken = 0;
    fc.assert(
      fc.property(fromRegistry, (input) => {
        if (expectLineSame(JSON.stringify(input))) taken++;
      }),
      { numRuns: FAST_DECODE_RUNS.registry },
    );
    expect(taken).toBeGreaterThan(FAST_DECODE_RUNS.registry / 5);
  });

  it(`valid facts with one change, and lines edited as text, decode the same (${FAST_DECODE_RUNS.mutations} cases)`, () => {
    fc.assert(
      fc.property(mutated, (input) => {
        expectLineSame(JSON.stringify(input));
      }),
      { numRuns: FAST_DECODE_RUNS.mutations },
    );
    fc.assert(
      fc.property(editedLine, (line) => void expectLineSame(line)),
      { numRuns: FAST_DECODE_RUNS.mutations },
    );
  });

  it(`any text at all decodes the same (${FAST_DECODE_RUNS.anything} cases)`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })), (line) => void expectLineSame(line)),
      { numRuns: FAST_DECODE_RUNS.anything },
    );
  });

  it('reads only its range, and refuses what JSON.parse would read differently', () => {
    const line =
      '{"type":"OpleidingGestart","huishouden":"h-1","datum":"2014-03-01","eventId":"a7fead4c-c1cc-4855-9f58-1d261371c544","recordedAt":"2014-03-02T09:00:00.000Z"}';
    expect(expectLineSame(line)).toBe(true);
    // A key twice (JSON.parse keeps the last), an escape, a space, a missing envelope: not this path's.
    expect(
      decodeLine(line.replace('"datum":"2014-03-01"', '"datum":"2014-03-01","datum":"2014-03-02"')),
    ).toBeUndefined();
    expect(decodeLine(line.replace('h-1', 'h\\u002d1'))).toBeUndefined();
    // Spaces between tokens are read (issue 16: lines of other programs), as JSON.parse reads them.
    expect(expectLineSame(line.replace('{"type"', '{ "type"').replace(/":"/g, '": "'))).toBe(true);
    expect(decodeLine(line.replace(',"recordedAt":"2014-03-02T09:00:00.000Z"', ''))).toBeUndefined();
    expect(decodeLine(line.replace('h-1', 'h-111222333'))).toBeUndefined();
  });
});

// Issue 16: lines written by another program — fields in any order, spaces, instants without
// milliseconds, with more digits or an offset, eventIds in capitals or absent — are valid, and
// take the fast paths (the object decoder and the line decoder) with the codecs' result.
const foreign: fc.Arbitrary<{ readonly line: string; readonly object: Record<string, unknown> }> = fc
  .tuple(
    willekeurigFeit(),
    fc.nat(),
    fc.constantFrom('', ' ', '\t'),
    fc.constantFrom('ms', 'none', 'micro', 'plus', 'minus', 'tenth'),
    fc.constantFrom('lower', 'upper', 'absent'),
    fc.boolean(),
  )
  .map(([feit, seed, space, instant, id, withRecordedAt]) => {
    const encoded = encode(feit) as Record<string, unknown>;
    const at = String(encoded.recordedAt);
    const base = at.slice(0, 19);
    const forms: Record<string, string> = {
      ms: at,
      none: `${base}Z`,
      micro: `${at.slice(0, 23)}456Z`,
      tenth: `${at.slice(0, 21)}Z`,
      // The same instant written in another zone is another text: its canonical form is what counts.
      plus: `${base}+02:00`,
      minus: `${base}-05:30`,
    };
    const object: Record<string, unknown> = { ...encoded };
    object.recordedAt = forms[instant];
    if (!withRecordedAt) delete object.recordedAt;
    if (id === 'upper') object.eventId = String(encoded.eventId).toUpperCase();
    if (id === 'absent') delete object.eventId;
    // Another field order: a rotation and maybe a reversal of the keys.
    const entries = Object.entries(object);
    const turn = seed % entries.length;
    let order = [...entries.slice(turn), ...entries.slice(0, turn)];
    if (seed % 2 === 1) order = order.reverse();
    const reordered = Object.fromEntries(order);
    // The spacing (none, a space, a tab) in every pair, or around every other pair's colon only.
    const around = (i: number): string => (seed % 3 === 2 && i % 2 === 0 ? '' : space);
    const line = `{${space}${order.map(([k, v], i) => `${JSON.stringify(k)}${around(i)}:${around(i)}${JSON.stringify(v)}`).join(`,${space}`)}${space}}`;
    return { line, object: reordered };
  });

describe('issue 16: any valid NDJSON takes the fast path', () => {
  it(`non-canonical lines decode as the describing decoder decodes them, on the fast paths (${FAST_DECODE_RUNS.lines} cases)`, () => {
    let lineTaken = 0;
    fc.assert(
      fc.property(foreign, ({ line, object }) => {
        // The object decoder: the codecs' result, and never the describing path for a valid fact.
        const parsed = JSON.parse(line) as unknown;
        expect(parsed).toEqual(object);
        for (const envelope of [false, true]) {
          const slow = envelope ? decodeRecordedWithCodecs(parsed) : decodeWithCodecs(parsed);
          const fast = decodeFast(parsed, envelope);
          if (slow._tag === 'Right') {
            if ((fastDecodeTypes as readonly string[]).includes(String(object.type))) {
              expect(fast).toBeDefined();
            }
            if (fast !== undefined) {
              expect(fast).toEqual(slow.right);
              expect(JSON.stringify(fast)).toBe(JSON.stringify(slow.right));
            }
          } else expect(fast).toBeUndefined();
          // The line decoder: undefined, or exactly the same.
          const bytes = Buffer.from(`xx${line}\nyy`, 'utf8');
          const fromBytes = decodeLineBytes(
            bytes,
            2,
            bytes.length - 3,
            (a, b) => bytes.toString('latin1', a, b),
            envelope,
            true,
          );
          if (fromBytes !== undefined) {
            lineTaken++;
            expectCanonicalOfDecoded(fromBytes, line);
            expect(slow._tag).toBe('Right');
            if (slow._tag === 'Right') {
              expect(fromBytes).toEqual(slow.right);
              expect(JSON.stringify(fromBytes)).toBe(JSON.stringify(slow.right));
            }
          } else if (
            slow._tag === 'Right' &&
            (fastDecodeTypes as readonly string[]).includes(String(object.type)) &&
            /^[\x20-\x7e\t]*$/.test(line) &&
            !line.includes('\\') &&
            !/\d{9}/.test(line.replace(/"eventId"\s*:\s*"[^"]*"/i, '').replace(/"recordedAt"\s*:\s*"[^"]*"/, ''))
          ) {
            throw new Error(`a valid flat line did not take the line decoder: ${line}`);
          }
        }
      }),
      { numRuns: FAST_DECODE_RUNS.lines },
    );
    expect(lineTaken).toBeGreaterThan(FAST_DECODE_RUNS.lines / 2);
  });
});

describe('canonicalLineOfDecoded: the canonical line from the bytes just decoded', () => {
  const line =
    '{"recordedAt":"2014-03-02T10:00:00+01:00", "eventId" : "A7FEAD4C-C1CC-4855-9F58-1D261371C544","datum":"2014-03-01","huishouden":  "h-1","type":"OpleidingGestart"}';
  const canonical =
    '{"type":"OpleidingGestart","huishouden":"h-1","datum":"2014-03-01","eventId":"a7fead4c-c1cc-4855-9f58-1d261371c544","recordedAt":"2014-03-02T09:00:00.000Z"}\n';

  it('writes the fields in canonical order, the envelope in its canonical form', () => {
    const feit = decodeLine(line);
    const out = new Uint8Array(400);
    const end = canonicalLineOfDecoded(feit as never, out, 3);
    expect(Buffer.from(out.subarray(3, end)).toString()).toBe(canonical);
  });

  it('answers −1 for any fact but the one the latest decodeLine returned', () => {
    const feit = decodeLine(line);
    const out = new Uint8Array(400);
    // An equal fact that is another object, a fact of the same line decoded again, or none since.
    expect(canonicalLineOfDecoded({ ...(feit as object) } as never, out, 0)).toBe(-1);
    expect(decodeLine(line)).toEqual(feit);
    expect(canonicalLineOfDecoded(feit as never, out, 0)).toBe(-1);
    expect(decodeLine('{"type":"Onbekend"}')).toBeUndefined();
    expect(canonicalLineOfDecoded(feit as never, out, 0)).toBe(-1);
    const again = decodeLine(line);
    forgetDecodedLine();
    expect(canonicalLineOfDecoded(again as never, out, 0)).toBe(-1);
    // Decoded without `remember` (as the import and the replay decode): nothing is kept.
    const bytes = Buffer.from(line);
    const unremembered = decodeRecordedLine(bytes, 0, bytes.length, (a, b) => bytes.toString('latin1', a, b));
    expect(unremembered).toEqual(feit);
    expect(canonicalLineOfDecoded(unremembered as never, out, 0)).toBe(-1);
  });
});

describe('canonicalLineInto: the canonical line written as bytes', () => {
  const expected = (feit: unknown): Buffer => Buffer.from(`${JSON.stringify(encode(feit as never))}\n`);
  const plainAscii = (feit: object): boolean =>
    Object.values(feit).every((v) => typeof v !== 'string' || /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(v));

  it(`equals JSON.stringify(encode(feit)) and its newline (${FAST_DECODE_RUNS.valid} facts, with and without envelope, with odd strings)`, () => {
    const odd = fc.constantFrom('a"b', 'a\\b', 'é', '\u0001', 'x\u2028', '\ud800');
    fc.assert(
      fc.property(
        willekeurigFeit(),
        fc.boolean(),
        fc.option(odd, { nil: undefined }),
        fc.integer({ min: 0, max: 7 }),
        (recorded, envelope, strange, offset) => {
          let feit: Record<string, unknown> = envelope
            ? { ...recorded }
            : Object.fromEntries(Object.entries(recorded).filter(([k]) => k !== 'eventId' && k !== 'recordedAt'));
          if (strange !== undefined) {
            const key = Object.keys(feit).find((k) => k !== 'type' && typeof feit[k] === 'string');
            if (key !== undefined) feit = { ...feit, [key]: strange };
          }
          const out = new Uint8Array(4096);
          const end = canonicalLineInto(feit as never, out, offset);
          // Every type this path plans (the others are encoded by the caller) with plain strings.
          if (plainAscii(feit) && fastDecodeTypes.includes(feit.type as never)) expect(end).toBeGreaterThan(offset);
          if (end >= 0) expect(Buffer.from(out.subarray(offset, end)).equals(expected(feit))).toBe(true);
          else expect(end).toBe(-1);
        },
      ),
      { numRuns: FAST_DECODE_RUNS.valid },
    );
  });

  it('says when the room runs out, at every size short of the line', () => {
    fc.assert(
      fc.property(willekeurigFeit(), (feit) => {
        // (A fact with a string JSON escapes gives −1 once the room reaches that string.)
        if (!fastDecodeTypes.includes(feit.type) || !plainAscii(feit)) return;
        const line = expected(feit);
        for (let size = 0; size < line.length; size++) {
          expect(canonicalLineInto(feit, new Uint8Array(size), 0)).toBe(LINE_NO_ROOM);
        }
        const out = new Uint8Array(line.length);
        expect(canonicalLineInto(feit, out, 0)).toBe(line.length);
        expect(Buffer.from(out).equals(line)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

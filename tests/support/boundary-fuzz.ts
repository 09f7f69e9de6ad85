// Invalid values for the library boundary (issue 14, point 1): everything the NDJSON fuzzing
// sends as lines (support/ndjson-fuzz.ts), parsed, plus what only a JavaScript caller can hand
// over — undefined, NaN, a negative amount, a bigint, a symbol, a function, a Date, a Map, an
// object with a throwing getter, a proxy, a class instance, a valid fact with one such field.
// Each value says which texts no message may contain (personal data).
import fc from 'fast-check';
import { decode } from '../../packages/domain/src/index.js';
import { badLine, validSpec } from './ndjson-fuzz.js';

export interface InvalidValue {
  readonly value: unknown;
  readonly what: string;
  readonly secrets: readonly string[];
}

const baseFields = validSpec().map((spec) => {
  const { eventId: _id, recordedAt: _at, ...fields } = spec.fields;
  return fields;
});

const JS_ONLY: readonly (readonly [string, () => unknown])[] = [
  ['undefined', () => undefined],
  ['NaN', () => Number.NaN],
  ['Infinity', () => Number.POSITIVE_INFINITY],
  ['-1', () => -1],
  ['-5000', () => -5000],
  ['1.5', () => 1.5],
  ['bigint', () => 10n],
  ['symbol', () => Symbol('x')],
  ['functie', () => () => 'h-1'],
  ['Date', () => new Date(Date.UTC(2014, 0, 1))],
  ['Map', () => new Map([['huishouden', 'h-1']])],
  ['String-object', () => new String('h-1')],
  ['Number-object', () => new Number(100)],
];

const throwingGetter = (fields: Readonly<Record<string, unknown>>, key: string): unknown => {
  const copy: Record<string, unknown> = { ...fields };
  Object.defineProperty(copy, key, {
    enumerable: true,
    get() {
      throw new Error('getter gooit');
    },
  });
  return copy;
};

const hostileProxy = (fields: Readonly<Record<string, unknown>>): unknown =>
  new Proxy(
    { ...fields },
    {
      ownKeys: () => {
        throw new Error('proxy gooit');
      },
    },
  );

/** A value that `decode` refuses, from a caller of the library. */
export const invalidValue = (): fc.Arbitrary<InvalidValue> =>
  fc
    .oneof(
      // Everything the file boundary is fuzzed with, that parses as JSON.
      badLine().chain((line) => {
        if (line.kind !== 'bad') return fc.constant(undefined);
        let value: unknown;
        try {
          value = JSON.parse(line.bytes.toString('utf8'));
        } catch {
          return fc.constant(undefined);
        }
        return fc.constant({ value, what: line.what, secrets: line.secrets });
      }),
      // A JavaScript value where a fact belongs.
      fc.constantFrom(...JS_ONLY).map(([what, make]) => ({ value: make(), what, secrets: [] })),
      // A valid fact with one field replaced by a JavaScript value.
      fc.tuple(baseFields, fc.nat(), fc.constantFrom(...JS_ONLY)).map(([fields, pick, [what, make]]) => {
        const keys = Object.keys(fields);
        const key = keys[pick % keys.length] ?? 'type';
        return { value: { ...fields, [key]: make() }, what: `${key}: ${what}`, secrets: [] };
      }),
      // An amount that is negative, zero or not whole.
      fc
        .tuple(fc.constantFrom('h-1', 'h-2'), fc.constantFrom(-1, -47_500, 0, 0.5, 100_000_001, Number.NaN))
        .map(([huishouden, bedragCent]) => ({
          value: { type: 'InkomstenOntvangen', huishouden, maand: '2014-03', bron: 'loondienst', bedragCent },
          what: `bedragCent ${bedragCent}`,
          secrets: [],
        })),
      // Getters that throw, proxies, class instances.
      fc.tuple(baseFields, fc.nat()).map(([fields, pick]) => {
        const keys = Object.keys(fields);
        const key = keys[pick % keys.length] ?? 'type';
        return { value: throwingGetter(fields, key), what: `getter ${key} gooit`, secrets: [] };
      }),
      baseFields.map((fields) => ({ value: hostileProxy(fields), what: 'proxy', secrets: [] })),
    )
    .filter((v): v is InvalidValue => v !== undefined && decode(v.value)._tag === 'Left');

// Issue 7, point 1: generated garbage against `decode` and `decide`. Each gets a clear error,
// nothing throws, and what the decider accepts one by one it also accepts as one batch.
import fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decide } from './decider.js';
import { decode, describeDecodeError, encode, maskBsn } from './decode.js';
import type { Identified, Recorded, Toelichting } from './events.js';
import { uuidFrom, willekeurigFeit } from './testing/arbitraries.js';
import { containsBsn, type HuishoudenId, isWellFormedText } from './values.js';

const PERSONAL_FIELDS = new Set(['huishouden', 'werkgever', 'trajectId', 'soort', 'regeling', 'reden']);

import { ruleText, type WeigeringCode } from './weigering.js';

export const FUZZ_RUNS = {
  decodeMutations: 5000,
  decodeAnything: 3000,
  decodeMessages: 3000,
  decider: 1000,
} as const;

const garbage = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -0,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    1e308,
    2 ** 53 + 1,
    -1,
    '',
    ' ',
    '2014-02-30',
    '2014-13-01',
    '1989-12-31',
    '2101-01-01',
    '2014-1-1',
    '\u0000',
    'h\u0007-1',
    'h-\u202e1',
    '😀',
    'h-1\n{"type":"X"}',
    '111222333',
    // Issue 17: lone surrogates and BSNs written in groups or inside an id.
    'x \ud800',
    '\udc00 y',
    'Meedoen \ud83d',
    'h-123456782',
    'BSN-111222333',
    '1234.56.782',
    'VAK 111 222 333',
    'dossier 123-456-782',
    "'; DROP TABLE events; --",
    '<script>alert(1)</script>',
    [],
    {},
  ),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ minLength: 65, maxLength: 2000 }),
  fc.integer(),
  fc.double(),
  fc.bigInt().map(String),
  fc.jsonValue(),
);

describe('fuzzing decode', () => {
  it(`a valid event with one field replaced by garbage is refused with that field named, or still valid (${FUZZ_RUNS.decodeMutations} cases)`, () => {
    fc.assert(
      fc.property(willekeurigFeit(), fc.nat(), garbage, (feit, pick, value) => {
        const encoded = encode(feit);
        const keys = Object.keys(encoded);
        const key = keys[pick % keys.length] as string;
        const mutated = { ...encoded, [key]: value };
        const result = decode(mutated);
        if (isLeft(result)) {
          const message = describeDecodeError(result.left);
          expect(message.length).toBeGreaterThan(0);
          if (key !== 'type') expect(result.left.problems.map((p) => p.path)).toContain(key);
          expect(message).not.toContain('111222333');
          expect(maskBsn(message)).toBe(message);
        } else {
          // Issue 17: what decodes is storable (well-formed Unicode) and holds no BSN in any form.
          for (const [name, field] of Object.entries(result.right)) {
            if (typeof field !== 'string') continue;
            expect(isWellFormedText(field)).toBe(true);
            // Personal fields only: an eventId, a date or a recordedAt is no one's number.
            if (PERSONAL_FIELDS.has(name)) expect(containsBsn(field)).toBe(false);
          }
        }
      }),
      { numRuns: FUZZ_RUNS.decodeMutations },
    );
  });

  it(`never throws on anything (${FUZZ_RUNS.decodeAnything} cases)`, () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withNullPrototype: true,
        }),
        (value) => {
          const result = decode(value);
          expect(isLeft(result) || isRight(result)).toBe(true);
        },
      ),
      { numRuns: FUZZ_RUNS.decodeAnything },
    );
  });
});

/** Values no message may show: personal data put where the catalogue has a personal field. */
const PERSONAL = fc.constantFrom(
  'Jan Jansen',
  'Dorpsstraat 12, Zwolle',
  'jan@example.nl',
  'dossier 7781',
  'T. de Vries',
);
const PLAIN_BSN = fc.constantFrom('111222333', '123456782', '999999990');
// Issue 17: also written in groups, or inside an id or a text.
const BSN = fc.oneof(
  PLAIN_BSN,
  PLAIN_BSN.map((b) => `h-${b}`),
  PLAIN_BSN.map((b) => `${b.slice(0, 4)}.${b.slice(4, 6)}.${b.slice(6)}`),
  PLAIN_BSN.map((b) => `klant ${b.slice(0, 3)} ${b.slice(3, 6)} ${b.slice(6)}`),
);

describe('fuzzing the messages of decode (issue 7, point 5)', () => {
  it(`a refused object's message is one line, names at most ten fields and never shows a BSN or a personal field's value (${FUZZ_RUNS.decodeMessages} cases)`, () => {
    const key = fc.oneof(
      fc.constantFrom('naam', 'adres', '__proto__', 'constructor', 'toString', 'datum ', 'Huishouden'),
      fc.string({ maxLength: 60 }),
      BSN,
      PLAIN_BSN.map((b) => `x${b}`),
    );
    fc.assert(
      fc.property(
        willekeurigFeit(),
        fc.dictionary(key, fc.oneof(PERSONAL, BSN, fc.jsonValue()), { maxKeys: 30 }),
        fc.oneof(PERSONAL, BSN, PLAIN_BSN.map(Number), fc.integer()),
        fc.constantFrom('huishouden', 'werkgever', 'trajectId', 'reden', 'regeling', 'soort'),
        (feit, extra, value, sensitive) => {
          const fields: Record<string, unknown> = encode(feit);
          // A personal value (or a BSN, or a number) where a personal field is, and unknown fields beside it.
          if (sensitive in fields) fields[sensitive] = value;
          for (const [k, v] of Object.entries(extra)) {
            if (!(k in fields)) Object.defineProperty(fields, k, { value: v, enumerable: true, configurable: true });
          }
          const result = decode(fields);
          if (!isLeft(result)) return;
          const message = describeDecodeError(result.left);
          expect(message).not.toMatch(/[\r\n\u0000-\u001f\u007f]/);
          expect(maskBsn(message)).toBe(message);
          if (typeof value === 'string' && sensitive in fields) expect(message).not.toContain(value);
          if (typeof value === 'number' && sensitive in fields && String(value).length > 3) {
            expect(message).not.toContain(String(value));
          }
          expect(message.match(/(— |; )veld /g)?.length ?? 0).toBeLessThanOrEqual(10);
          expect(message.length).toBeLessThan(3000);
        },
      ),
      { numRuns: FUZZ_RUNS.decodeMessages },
    );
  });
});

describe('fuzzing reformatted duplicates (issue 17, point 6)', () => {
  it('a fact written with its keys in any order, spaced or escaped, decodes to the same canonical form', () => {
    fc.assert(
      fc.property(willekeurigFeit(), fc.nat(), fc.boolean(), (feit, seed, escaped) => {
        const encoded = encode(feit);
        const keys = Object.keys(encoded);
        // A permutation of the keys from the seed.
        const order = keys
          .map((key, i) => ({ key, rank: (seed * (i + 7919)) % 104729 }))
          .sort((a, b) => a.rank - b.rank);
        const shuffled = Object.fromEntries(order.map(({ key }) => [key, encoded[key]]));
        let text = JSON.stringify(shuffled, null, 2);
        if (escaped)
          text = text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
        const again = decode(JSON.parse(text));
        const original = decode(encoded);
        expect(isRight(again) && isRight(original)).toBe(true);
        if (isRight(again) && isRight(original)) {
          expect(JSON.stringify(encode(again.right))).toBe(JSON.stringify(encode(original.right)));
        }
      }),
      { numRuns: 1000 },
    );
  });
});

const H = 'h-fuzz' as HuishoudenId;
const CODES = new Set<WeigeringCode>([
  'UITKERING_LOOPT_AL',
  'GEEN_BIJSTAND',
  'GEEN_UITSTROOM',
  'AL_WW',
  'INKOMSTEN_ZONDER_BIJSTAND',
  'INTREKKING_ONBEKEND',
  'INTREKKING_HERHAALD',
  'INTREKKING_VAN_INTREKKING',
  'EVENT_ID_HERGEBRUIKT',
  'ANDER_HUISHOUDEN',
  'TRAJECT_ID_IN_GEBRUIK',
  'TRAJECT_NIET_GESTART',
  'TRAJECT_AL_BEEINDIGD',
  'ALLIANTIE_AL_GESLOTEN',
]);

describe('fuzzing the decider', () => {
  it(`random facts of one household: never throws, refusals carry a known code and message, sequential acceptance = batch acceptance (${FUZZ_RUNS.decider} cases)`, () => {
    const step = fc.oneof(
      { weight: 8, arbitrary: willekeurigFeit().map((f) => ({ kind: 'feit' as const, feit: f })) },
      { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'intrekking' as const, pick })) },
      { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'dubbel' as const, pick })) },
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const history: Identified[] = [];
        const seen: Identified[] = [];
        steps.forEach((s, i) => {
          let feit: Identified;
          if (s.kind === 'feit') {
            // Every fact in one stream: an employer's fact (§7.1) gets this one's id as werkgever,
            // so it meets the household's facts as a fact of another stream.
            const { eventId: _, recordedAt: __, ...rest } = s.feit as Recorded;
            feit = (
              'werkgever' in rest
                ? { ...rest, werkgever: H, eventId: uuidFrom(`fuzz-${i}`) }
                : { ...rest, huishouden: H, eventId: uuidFrom(`fuzz-${i}`) }
            ) as Identified;
          } else if (s.kind === 'intrekking') {
            const target = seen[s.pick % Math.max(1, seen.length)];
            feit = {
              type: 'GebeurtenisIngetrokken',
              huishouden: H,
              ingetrokken: target?.eventId ?? uuidFrom('nergens'),
              reden: 'fout' as Toelichting,
              eventId: uuidFrom(`fuzz-${i}`),
            };
          } else {
            const again = seen[s.pick % Math.max(1, seen.length)];
            if (again === undefined) return;
            feit = again;
          }
          seen.push(feit);
          const result = decide(history, [feit]);
          if (isLeft(result)) {
            expect(CODES.has(result.left.code)).toBe(true);
            expect(result.left.bericht).toMatch(new RegExp(`^(huishouden|werkgever) ${H}: `));
            expect(result.left.bericht).toContain(ruleText(result.left.code));
          } else {
            history.push(...result.right);
          }
        });
        const batch = decide([], history);
        expect(isRight(batch) && batch.right.length).toBe(history.length);
      }),
      { numRuns: FUZZ_RUNS.decider },
    );
  });
});

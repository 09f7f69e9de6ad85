// Issue 17, points 2 and 5: a BSN is refused wherever it stands in a pseudonym or a free text,
// plain or written in groups (`1234.56.782`, `111 222 333`, `h-123456782`), and never echoed; a
// text that is not well-formed Unicode (a lone surrogate) or holds a NUL is refused by the
// codecs, as a store would refuse it.
import fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { type DecodeError, decode, decodeWithCodecs, describeDecodeError, encode, maskBsn } from './decode.js';
import { decodeFast } from './decode-fast.js';
import { bsnRanges, containsBsn, HuishoudenId, isBsn, isWellFormedText } from './values.js';

const problemsOf = (input: unknown): DecodeError => {
  const result = decode(input);
  if (isRight(result)) throw new Error('expected a decode error');
  return result.left;
};

const feiten = {
  gestart: { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2012-03-01' },
  traject: { type: 'TrajectGestart', huishouden: 'h-1', datum: '2014-03-01', trajectId: 't-1', soort: 'VAK' },
  minima: { type: 'MinimaregelingToegekend', huishouden: 'h-1', datum: '2014-03-01', regeling: 'IIT' },
  intrekking: {
    type: 'GebeurtenisIngetrokken',
    huishouden: 'h-1',
    ingetrokken: '7d0c6a2e-4a1b-4c8e-9f00-000000000001',
    reden: 'registratiefout',
  },
  alliantie: { type: 'AllianceGesloten', werkgever: 'wg-1', datum: '2014-03-01' },
} as const;

/** Every place a BSN may be put: [the fact, the field]. */
const PLACES: readonly [Record<string, unknown>, string][] = [
  [feiten.gestart, 'huishouden'],
  [feiten.traject, 'trajectId'],
  [feiten.traject, 'soort'],
  [feiten.minima, 'regeling'],
  [feiten.intrekking, 'reden'],
  [feiten.alliantie, 'werkgever'],
];

const digitsOf = (text: string): string => text.replace(/\D/g, '');

describe('issue 17 point 5: a BSN in any form, anywhere in a pseudonym or a free text', () => {
  it('the findings of the issue are refused, and the number is never in the message', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [feiten.gestart, 'huishouden', 'h-123456782'],
      [feiten.gestart, 'huishouden', 'BSN-111222333'],
      [feiten.traject, 'trajectId', 't-123456782'],
      [feiten.alliantie, 'werkgever', 'wg-123456782'],
      [feiten.traject, 'soort', 'VAK 1234.56.782'],
      [feiten.traject, 'soort', '111 222 333'],
      [feiten.traject, 'soort', 'VAK 123-45-6782'],
      [feiten.minima, 'regeling', 'IIT 123\u00a0456\u00a0782'],
      [feiten.intrekking, 'reden', 'klant 123456782'],
      [feiten.gestart, 'huishouden', 'h-123456782-2'],
    ];
    for (const [feit, field, value] of cases) {
      const error = problemsOf({ ...feit, [field]: value });
      expect(error.problems, value).toEqual([
        expect.objectContaining({ path: field, received: 'een BSN (niet getoond)' }),
      ]);
      const message = describeDecodeError(error);
      expect(message).not.toContain(value);
      expect(digitsOf(message)).not.toContain(digitsOf(value).slice(-9));
      expect(error.huishouden).toBe(field === 'huishouden' || field === 'werkgever' ? undefined : 'h-1');
    }
  });

  it('ordinary pseudonyms and texts pass: digit runs of another length, or nine that fail the elfproef', () => {
    for (const id of ['h-0001', 'h-000123', 'h-2014-0001', 'gemeente.2014.000123', '1112223330', 'h-123456789']) {
      expect(isRight(HuishoudenId.decode(id)), id).toBe(true);
    }
    for (const soort of ['Workfast', 'VAK 2014', 'tel 0612345678', 'dossier 123456789', 'ronde 12.345.678']) {
      expect(isRight(decode({ ...feiten.traject, soort })), soort).toBe(true);
    }
  });

  it('a run of ten digits is never cut into a BSN; a chain of groups is searched for nine', () => {
    expect(containsBsn('1234567820')).toBe(false);
    expect(containsBsn('h-1234567820')).toBe(false);
    // 2014-03-001 → 201403001: 18 + 0 + 7 + 24 + 0 + 12 + 0 + 0 − 1 = 60, not a multiple of 11.
    expect(containsBsn('h-2014-03-001')).toBe(false);
    // 111 222 333 4: the first three groups are a BSN.
    expect(containsBsn('111 222 333 4')).toBe(true);
    // Two separators in a row end a chain.
    expect(containsBsn('111  222 333')).toBe(false);
    // A colon or a slash ends a number: a time with milliseconds is nine digits.
    expect(containsBsn('h:123:456:782')).toBe(false);
    expect(containsBsn('2014-03-02T00:00:00.000Z')).toBe(false);
    expect(containsBsn('111,222,333')).toBe(false);
    expect(maskBsn('klant 1234.56.782 en 111 222 333.')).toBe('klant [BSN verwijderd] en [BSN verwijderd].');
  });

  // A BSN: eight digits and the check digit that makes the elfproef hold (skipping 10).
  const bsn = fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 })
    .map((d) => {
      const sum = d.reduce((acc, x, i) => acc + (9 - i) * x, 0);
      return { digits: d, check: sum % 11 };
    })
    .filter(({ check }) => check <= 9)
    .map(({ digits, check }) => `${digits.join('')}${check}`);
  /** The usual ways of writing it, and any grouping with one separator between groups. */
  const geschreven = fc
    .tuple(
      bsn,
      fc.constantFrom(' ', '.', '-', '\u00a0'),
      fc.integer({ min: 0, max: 4 }),
      fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    )
    .map(([nummer, sep, vorm, cuts]) => {
      if (vorm === 0) return nummer;
      if (vorm === 1) return `${nummer.slice(0, 4)}.${nummer.slice(4, 6)}.${nummer.slice(6)}`;
      if (vorm === 2) return `${nummer.slice(0, 3)} ${nummer.slice(3, 6)} ${nummer.slice(6)}`;
      if (vorm === 3) return `${nummer.slice(0, 3)}-${nummer.slice(3, 5)}-${nummer.slice(5)}`;
      let out = nummer[0] as string;
      for (let i = 1; i < 9; i++) out += `${cuts[i - 1] === true ? sep : ''}${nummer[i]}`;
      return out;
    });
  const idChar = fc.constantFrom(...'abcdefghkxyzABCZ._:-');
  const tekstChar = fc.constantFrom(...'abc xyzéü,;:!?()/_€😀');
  const idRand = fc.string({ unit: idChar, maxLength: 8 });

  it('property: a BSN embedded in any pseudonym or free text, in any writing, is refused and never echoed', () => {
    fc.assert(
      fc.property(
        geschreven,
        fc.constantFrom(...PLACES),
        idRand,
        idRand,
        fc.string({ unit: tekstChar, maxLength: 10 }),
        (nummer, [feit, field], voor, na, tekst) => {
          const isId = field === 'huishouden' || field === 'trajectId' || field === 'werkgever';
          // Not a digit right next to it: that would make it another (longer) number.
          const value = isId
            ? `h${voor}${/[ \u00a0]/.test(nummer) ? nummer.replace(/[ \u00a0]/g, '.') : nummer}${na === '' ? '' : `x${na}`}`
            : `${tekst}${tekst === '' ? '' : ' '}${nummer} ${tekst}`;
          expect(containsBsn(value), value).toBe(true);
          const result = decode({ ...feit, [field]: value });
          expect(isLeft(result), value).toBe(true);
          if (isLeft(result)) {
            const message = describeDecodeError(result.left);
            expect(digitsOf(message)).not.toContain(digitsOf(nummer));
          }
          expect(maskBsn(value)).not.toContain(nummer);
        },
      ),
    );
  });

  /**
   * The definition, by brute force: a stretch of the text that starts and ends with a digit,
   * has only digits and single separators, is not next to another digit, and holds nine digits
   * that pass the elfproef.
   */
  const oracle = (text: string): boolean => {
    const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
    for (let i = 0; i < text.length; i++) {
      if (!isDigit(text[i]) || isDigit(text[i - 1])) continue;
      for (let j = i; j < text.length; j++) {
        const stretch = text.slice(i, j + 1);
        // Only digits and single separators; it must end on a digit that ends a group.
        if (!/^[\d .\-\u00a0]*$/.test(stretch) || /[ .\-\u00a0]{2}/.test(stretch)) break;
        if (!isDigit(text[j]) || isDigit(text[j + 1])) continue;
        if (isBsn(digitsOf(stretch))) return true;
      }
    }
    return false;
  };

  it('property: no false refusals — a text is refused exactly when it holds an elfproef-valid nine-digit run', () => {
    // Mostly digits, so that nine-digit runs (and BSNs among them) are common.
    const mixed = fc.string({
      unit: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...'0123456789') },
        { weight: 2, arbitrary: fc.constantFrom(...' .-:/\u00a0') },
        { weight: 1, arbitrary: fc.constantFrom(...',_ab') },
      ),
      maxLength: 30,
    });
    fc.assert(
      fc.property(mixed, (text) => {
        expect(containsBsn(text), JSON.stringify(text)).toBe(oracle(text));
        expect(bsnRanges(text).every(([s, e]) => isBsn(digitsOf(text.slice(s, e))))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // Ordinary ids that have no nine-digit run are never refused.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.constantFrom('h-', 'hh.', 'Zwolle:2014.'),
        (n, prefix) => {
          expect(isRight(HuishoudenId.decode(`${prefix}${n}`))).toBe(true);
        },
      ),
    );
  });

  it('the fast decoder refuses what the codecs refuse (formatted BSNs included)', () => {
    for (const [feit, field] of PLACES) {
      for (const value of ['h-123456782', 'x 1234.56.782', 'x 111 222 333']) {
        const input = { ...feit, [field]: value };
        expect(isLeft(decodeWithCodecs(input)), value).toBe(true);
        expect(decodeFast(input, false), value).toBeUndefined();
      }
    }
  });
});

describe('issue 17 point 2: well-formed Unicode, no NUL', () => {
  it('a lone surrogate or a NUL in a free text is refused, naming the field, not the text', () => {
    for (const [feit, field] of PLACES) {
      if (field === 'huishouden' || field === 'trajectId' || field === 'werkgever') continue;
      for (const value of ['x \ud800', 'x \udc00 y', '\ud83d', 'x\u0000y']) {
        const error = problemsOf({ ...feit, [field]: value });
        expect(
          error.problems.map((p) => p.path),
          JSON.stringify(value),
        ).toEqual([field]);
        expect(describeDecodeError(error)).not.toContain(value);
        expect(decodeFast({ ...feit, [field]: value }, false)).toBeUndefined();
      }
    }
    expect(problemsOf({ ...feiten.traject, soort: 'x \ud800' }).problems[0]?.expected).toContain('surrogaat');
  });

  it('a surrogate pair (an emoji) is well-formed and passes', () => {
    expect(isWellFormedText('Meedoen 😀')).toBe(true);
    expect(isRight(decode({ ...feiten.traject, soort: 'Meedoen 😀' }))).toBe(true);
    expect(isWellFormedText('\ud83d\ude00\ud83d')).toBe(false);
    expect(isWellFormedText('\ude00')).toBe(false);
  });

  it('property: isWellFormedText agrees with encoding to UTF-8 and back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (text) => {
        const roundTrip = Buffer.from(text, 'utf8').toString('utf8') === text;
        expect(isWellFormedText(text)).toBe(roundTrip);
      }),
    );
  });
});

describe('issue 17 point 8: null or wrong types at the entry points give Dutch messages', () => {
  it('decode describes them; encode and describeDecodeError name what they expected', () => {
    for (const input of [null, undefined, 42, 'tekst', [], true]) {
      const result = decode(input);
      expect(isLeft(result)).toBe(true);
      if (isLeft(result))
        expect(describeDecodeError(result.left)).toMatch(
          /^gebeurtenis ongeldig — gebeurtenis: verwacht een JSON-object/,
        );
    }
    expect(() => encode(null as never)).toThrow(/^encode: verwacht een feit uit de catalogus/);
    expect(() => encode({ type: 'Onbekend' } as never)).toThrow(/^encode: verwacht een feit uit de catalogus/);
    expect(() => describeDecodeError(null as never)).toThrow(/^describeDecodeError: verwacht de fout/);
    expect(containsBsn(null as never)).toBe(false);
    expect(maskBsn(123456782 as never)).toBe('[BSN verwijderd]');
  });
});

// Generated NDJSON files for the hardening tests (issue 7, points 1 and 2): valid lines of a few
// households and one employer (often conflicting with each other, so the decider refuses some),
// mixed with bad lines of every kind the issue names — truncated lines, wrong types, huge
// numbers, unknown event types, invalid dates, unicode and control characters in ids, BSNs,
// unknown fields, random bytes that are not UTF-8, lines that are not objects — and blank lines.
// Each bad line says which refusal codes it may get, which field a message must name, and which
// values (personal data) a message must never show. Issue 17 adds lone surrogates and NULs in free
// text, BSNs written in groups or inside an id (`h-123456782`, `1234.56.782`, `111 222 333`), and
// valid lines repeated in another formatting (key order, spacing, escapes): the same canonical
// fact, so it counts as a repeat (MEETREGELS §6).
import fc from 'fast-check';
import { encode, feitTypes, isBsn } from '../../packages/domain/src/index.js';
import { willekeurigFeit } from '../../packages/domain/src/testing/index.js';

export type FuzzLine =
  | { readonly kind: 'valid'; readonly text: string }
  | { readonly kind: 'blank'; readonly text: string }
  | {
      readonly kind: 'bad';
      readonly bytes: Buffer;
      /** What the line is, for a failing case's report. */
      readonly what: string;
      /** The refusal codes it may get. */
      readonly codes: readonly string[];
      /** A field a message must name (`veld <field>`) when the line is refused as ONGELDIG. */
      readonly field: string | undefined;
      /** Values that no message may contain. */
      readonly secrets: readonly string[];
    };

/** Elfproef-valid 9-digit numbers: BSNs, as far as a computer can tell. */
export const BSNS = ['111222333', '123456782', '999999990', '012345672'] as const;
for (const bsn of BSNS) if (!isBsn(bsn)) throw new Error(`${bsn} is geen elfproef-geldig nummer`);

const HOUSEHOLDS = ['h-1', 'h-2', 'h-3'] as const;
const WERKGEVER = 'wg-1';

/** A calendar date of 2014 (so that facts of one household meet in one timeline). */
const datum2014 = fc
  .integer({ min: 0, max: 364 })
  .map((d) => new Date(Date.UTC(2014, 0, 1 + d)).toISOString().slice(0, 10));
const maand2014 = fc.integer({ min: 1, max: 12 }).map((m) => `2014-${String(m).padStart(2, '0')}`);

interface ValidSpec {
  readonly fields: Record<string, unknown>;
  /** Whether the line carries its eventId and recordedAt (else the importer derives the id). */
  readonly envelope: boolean;
  /** For a retraction: which earlier line with an eventId it retracts (an index into those). */
  readonly target: number;
}

/** A valid fact of a few households (or the employer), dated in 2014, as the fields of a line. */
export const validSpec = (): fc.Arbitrary<ValidSpec> =>
  fc
    .record({
      feit: willekeurigFeit(),
      household: fc.constantFrom(...HOUSEHOLDS),
      datum: datum2014,
      maand: maand2014,
      envelope: fc.boolean(),
      target: fc.nat(),
    })
    .map(({ feit, household, datum, maand, envelope, target }) => {
      const fields = encode(feit);
      if ('huishouden' in fields) fields.huishouden = household;
      if ('werkgever' in fields) fields.werkgever = WERKGEVER;
      if ('datum' in fields) fields.datum = datum;
      if ('maand' in fields) fields.maand = maand;
      return { fields, envelope, target };
    });

/** The lines of valid specs: retractions retract an earlier line with an eventId of their stream. */
export const validTexts = (specs: readonly ValidSpec[]): string[] => {
  const withId: { stream: string; eventId: string }[] = [];
  return specs.map((spec) => {
    const fields = { ...spec.fields };
    const stream = String(fields.huishouden ?? fields.werkgever);
    if (fields.type === 'GebeurtenisIngetrokken') {
      const candidates = withId.filter((c) => c.stream === stream);
      const chosen = candidates[spec.target % Math.max(1, candidates.length)];
      if (chosen !== undefined && spec.target % 4 !== 0) fields.ingetrokken = chosen.eventId;
    }
    if (!spec.envelope) {
      delete fields.eventId;
      delete fields.recordedAt;
    } else if (typeof fields.eventId === 'string') {
      withId.push({ stream, eventId: fields.eventId });
    }
    return JSON.stringify(fields);
  });
};

const WRONG_TYPED: readonly unknown[] = [0, 1, -1, true, false, null, [], {}, ['h-1'], { huishouden: 'h-1' }, 1.5];

const INVALID_DATES = [
  '2014-02-30',
  '2015-02-29',
  '2014-13-01',
  '2014-00-10',
  '2014-04-31',
  '1989-12-31',
  '2101-01-01',
  '2014-1-1',
  '14-01-01',
  '2014-01-01T00:00:00Z',
  '',
  ' 2014-01-01',
] as const;
const INVALID_MONTHS = ['2014-13', '2014-00', '2014-1', '1989-12', '2101-01', '2014-01-01', ''] as const;

/** Characters an id may not hold: control characters, unicode, quotes, markup, spaces. */
const FOREIGN_CHARACTERS = [
  '\u0000',
  '\u0007',
  '\t',
  '\n',
  '\u001b',
  '\u007f',
  '\u202e',
  '\u200b',
  'é',
  'ß',
  '😀',
  ' ',
  '<',
  '"',
  "'",
  '/',
  '\\',
  '\ud800',
] as const;

const PERSONAL_VALUES = ['Jan Jansen', 'Dorpsstraat 12, Zwolle', 'jan@example.nl', '06-12345678'] as const;

/** JSON texts with huge or odd numbers, spliced in raw (JSON.stringify would write them otherwise). */
const HUGE_NUMBERS = [
  '1e400',
  '-1e400',
  '123456789012345678901234567890',
  '1e21',
  '9007199254740993',
  '100000001',
  '0',
  '-0',
  '47500.5',
] as const;

/** A BSN as people write it: plain, 4.2.3 with dots, 3 3 3 with spaces, with hyphens, or inside an id. */
const FORMATTED_BSNS: readonly ((bsn: string) => string)[] = [
  (b) => `h-${b}`,
  (b) => `BSN-${b}`,
  (b) => `${b.slice(0, 4)}.${b.slice(4, 6)}.${b.slice(6)}`,
  (b) => `${b.slice(0, 3)} ${b.slice(3, 6)} ${b.slice(6)}`,
  (b) => `${b.slice(0, 3)}-${b.slice(3, 6)}-${b.slice(6)}`,
  (b) => `${b.slice(0, 3)}\u00a0${b.slice(3, 6)}\u00a0${b.slice(6)}`,
];

/** Texts a store cannot hold (issue 17): a lone surrogate half, a NUL. */
const UNSTORABLE = ['x \ud800', '\udc00 y', 'Meedoen \ud83d', 'a\u0000b'] as const;

/**
 * The same line in another formatting: keys in reverse order, spaces after `:` and `,`, non-ASCII
 * escaped, blanks around it. The decoded fact, and so its canonical form, is unchanged.
 */
export const reformat = (line: string): string => {
  const fields = JSON.parse(line) as Record<string, unknown>;
  const reversed = Object.fromEntries(Object.entries(fields).reverse());
  const spaced = JSON.stringify(reversed, null, 1).replace(/\n */g, ' ');
  const escaped = spaced.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `  ${escaped}\t `;
};

const baseFields = validSpec().map((spec) => {
  const { eventId: _id, recordedAt: _at, ...fields } = spec.fields;
  return fields;
});

const text = (value: unknown): string => JSON.stringify(value);

const bad = (
  what: string,
  bytes: Buffer | string,
  codes: readonly string[],
  field: string | undefined,
  secrets: readonly string[] = [],
): FuzzLine => ({
  kind: 'bad',
  bytes: typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes,
  what,
  codes,
  field,
  secrets,
});

const fieldsOf = (fields: Readonly<Record<string, unknown>>): string[] =>
  Object.keys(fields).filter((k) => k !== 'type');

/** A line that no importer may accept, with what its refusal must say. */
export const badLine = (): fc.Arbitrary<FuzzLine> =>
  fc.oneof(
    // Truncated: a proper prefix of a valid line is never a JSON object.
    fc.tuple(baseFields, fc.nat()).map(([fields, cut]) => {
      const whole = text(fields);
      return bad(
        'afgebroken regel',
        whole.slice(0, 1 + (cut % (whole.length - 1))),
        ['GEEN_JSON', 'GEEN_UTF8'],
        undefined,
      );
    }),
    // A field of the wrong JSON type.
    fc
      .tuple(baseFields, fc.nat(), fc.constantFrom(...WRONG_TYPED))
      .filter(([fields, pick, value]) => {
        const key = fieldsOf(fields)[pick % fieldsOf(fields).length];
        return key !== undefined && typeof value !== typeof fields[key];
      })
      .map(([fields, pick, value]) => {
        const key = fieldsOf(fields)[pick % fieldsOf(fields).length] ?? 'huishouden';
        return bad(`verkeerd type in ${key}`, text({ ...fields, [key]: value }), ['ONGELDIG'], key);
      }),
    // A required field missing.
    fc
      .tuple(baseFields, fc.nat())
      .filter(([fields, pick]) => {
        const key = fieldsOf(fields)[pick % fieldsOf(fields).length];
        return key !== undefined && !(fields.type === 'UitkeringGestart' && key === 'regeling');
      })
      .map(([fields, pick]) => {
        const key = fieldsOf(fields)[pick % fieldsOf(fields).length] ?? 'huishouden';
        const { [key]: _gone, ...rest } = fields;
        // A retraction without werkgever is read as a household's, which then lacks huishouden.
        const named = fields.type === 'GebeurtenisIngetrokken' && key === 'werkgever' ? 'huishouden' : key;
        return bad(`${key} ontbreekt`, text(rest), ['ONGELDIG'], named);
      }),
    // Huge and odd numbers in an amount.
    fc
      .tuple(fc.constantFrom(...HOUSEHOLDS), maand2014, fc.constantFrom(...HUGE_NUMBERS))
      .map(([huishouden, maand, n]) =>
        bad(
          `bedrag ${n}`,
          `{"type":"InkomstenOntvangen","huishouden":"${huishouden}","maand":"${maand}","bron":"loondienst","bedragCent":${n}}`,
          ['ONGELDIG'],
          'bedragCent',
        ),
      ),
    // An event type that does not exist.
    fc
      .tuple(
        baseFields,
        fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('uitkeringgestart', 'UitkeringGestart ', 'Feit', '')),
      )
      .filter(([, type]) => !(feitTypes as readonly string[]).includes(type))
      .map(([fields, type]) => bad(`onbekend type ${text(type)}`, text({ ...fields, type }), ['ONGELDIG'], 'type')),
    // Dates and months that do not exist or are out of range.
    fc
      .tuple(baseFields, fc.constantFrom(...INVALID_DATES), fc.constantFrom(...INVALID_MONTHS))
      .filter(([fields]) => 'datum' in fields || 'maand' in fields)
      .map(([fields, datum, maand]) =>
        'datum' in fields
          ? bad(`datum ${text(datum)}`, text({ ...fields, datum }), ['ONGELDIG'], 'datum')
          : bad(`maand ${text(maand)}`, text({ ...fields, maand }), ['ONGELDIG'], 'maand'),
      ),
    // Unicode and control characters in an id (a personal field: never shown). The id is one
    // no message could hold by chance, so finding it in a message means it was echoed.
    fc
      .tuple(baseFields, fc.constantFrom(...FOREIGN_CHARACTERS), fc.nat({ max: 11 }), fc.nat({ max: 999 }))
      .map(([fields, character, at, n]) => {
        const key = 'werkgever' in fields ? 'werkgever' : 'huishouden';
        const id = `geheim-${String(n).padStart(3, '0')}`;
        const hostile = `${id.slice(0, at)}${character}${id.slice(at)}`;
        // Also each half on its own: an echo with the character escaped still shows them.
        const halves = [id.slice(0, at), id.slice(at)].filter((half) => half.length >= 5);
        return bad(`teken ${text(character)} in ${key}`, text({ ...fields, [key]: hostile }), ['ONGELDIG'], key, [
          hostile,
          ...halves,
        ]);
      }),
    // A BSN in an id field, as text or as a number.
    fc.tuple(baseFields, fc.constantFrom(...BSNS), fc.boolean()).map(([fields, bsn, asNumber]) => {
      const key = 'werkgever' in fields ? 'werkgever' : 'huishouden';
      return bad(`BSN in ${key}`, text({ ...fields, [key]: asNumber ? Number(bsn) : bsn }), ['ONGELDIG'], key, [
        bsn,
        String(Number(bsn)),
      ]);
    }),
    // A BSN inside the free text of a retraction.
    fc
      .tuple(fc.constantFrom(...HOUSEHOLDS), fc.uuid(), fc.constantFrom(...BSNS))
      .map(([huishouden, ingetrokken, bsn]) =>
        bad(
          'BSN in reden',
          text({ type: 'GebeurtenisIngetrokken', huishouden, ingetrokken, reden: `foute registratie van BSN ${bsn}` }),
          ['ONGELDIG'],
          'reden',
          [bsn],
        ),
      ),
    // A BSN written in groups or inside an id or a free text (issue 17): never stored, never shown.
    fc
      .tuple(baseFields, fc.constantFrom(...BSNS), fc.constantFrom(...FORMATTED_BSNS), fc.nat())
      .map(([fields, bsn, format, pick]) => {
        const written = format(bsn);
        const free = ['soort', 'regeling', 'reden'].filter(
          (k) => typeof fields[k] === 'string' && !['Participatiewet', 'IOAW', 'IOAZ'].includes(String(fields[k])),
        );
        const ids = ['huishouden', 'werkgever', 'trajectId'].filter((k) => k in fields);
        const candidates = [...free, ...ids.filter(() => /^[A-Za-z0-9.-]+$/.test(written) || written.startsWith('h-'))];
        const key = candidates[pick % Math.max(1, candidates.length)] ?? ids[0] ?? 'huishouden';
        const value = free.includes(key) ? `dossier ${written}` : written;
        return bad(
          `BSN ${written.replace(/\d/g, '9')} in ${key}`,
          text({ ...fields, [key]: value }),
          ['ONGELDIG'],
          key,
          [bsn, written],
        );
      }),
    // A text the store cannot hold in a free-text field (issue 17): refused by the decoder.
    fc
      .tuple(baseFields, fc.constantFrom(...UNSTORABLE))
      .filter(
        ([fields]) =>
          fields.type === 'TrajectGestart' ||
          fields.type === 'MinimaregelingToegekend' ||
          fields.type === 'GebeurtenisIngetrokken',
      )
      .map(([fields, value]) => {
        const key =
          fields.type === 'TrajectGestart' ? 'soort' : fields.type === 'MinimaregelingToegekend' ? 'regeling' : 'reden';
        return bad(`onopslaanbare tekst in ${key}`, text({ ...fields, [key]: value }), ['ONGELDIG'], key);
      }),
    // A field the catalogue does not know, holding personal data; its name may be odd too.
    fc
      .tuple(
        baseFields,
        fc.constantFrom('naam', 'adres', 'bsn', 'Huishouden', 'datum ', '__proto__', 'constructor', '111222333'),
        fc.constantFrom(...PERSONAL_VALUES, ...BSNS),
      )
      .map(([fields, key, value]) =>
        bad(
          `onbekend veld ${text(key)}`,
          // Spliced by hand: an object literal would turn `__proto__` into a prototype.
          `${text(fields).slice(0, -1)},${text(key)}:${text(value)}}`,
          ['ONGELDIG'],
          /^[a-z]+$/i.test(key) && key !== 'constructor' ? key : undefined,
          isBsn(key) ? [value, key] : [value],
        ),
      ),
    // Random bytes that are not UTF-8 (a 0xff byte never is), without a line feed.
    fc.tuple(fc.uint8Array({ maxLength: 60 }), fc.nat()).map(([bytes, at]) => {
      const line = Buffer.from(bytes.filter((b) => b !== 0x0a && b !== 0x0d));
      const cut = at % (line.length + 1);
      return bad(
        'geen UTF-8',
        Buffer.concat([line.subarray(0, cut), Buffer.from([0xff]), line.subarray(cut)]),
        ['GEEN_UTF8'],
        undefined,
      );
    }),
    // JSON that is not an object, or not JSON at all.
    fc
      .constantFrom(
        '[]',
        '[{"type":"UitkeringGestart"}]',
        '"h-1"',
        '42',
        'null',
        'true',
        '{}',
        '{"type":null}',
        'NaN',
        'undefined',
        "{'type':'UitkeringGestart'}",
        '{"type":"UitkeringGestart",}',
        '\u0000',
      )
      .map((line) => bad(`geen object: ${line}`, line, ['ONGELDIG', 'GEEN_JSON'], undefined)),
    // Deeply nested JSON in a field.
    fc
      .tuple(fc.constantFrom(...HOUSEHOLDS), fc.integer({ min: 1_000, max: 50_000 }))
      .map(([huishouden, depth]) =>
        bad(
          'diep genest',
          `{"type":"UitkeringGestart","huishouden":"${huishouden}","datum":${'['.repeat(depth)}${']'.repeat(depth)}}`,
          ['ONGELDIG', 'GEEN_JSON'],
          'datum',
        ),
      ),
  );

/** A blank line: spaces and tabs (not empty: an empty last line without newline is no line). */
export const blankLine = (): fc.Arbitrary<FuzzLine> =>
  fc.constantFrom(' ', '\t', '  \t ').map((t) => ({ kind: 'blank' as const, text: t }));

export interface FuzzFile {
  readonly lines: readonly FuzzLine[];
  readonly crlf: boolean;
  readonly finalNewline: boolean;
  readonly bom: boolean;
}

/** A file of valid, bad and blank lines; valid lines sometimes repeat an earlier one, exactly or reformatted. */
export const fuzzFile = (
  options: { readonly maxLines?: number; readonly bad?: boolean } = {},
): fc.Arbitrary<FuzzFile> =>
  fc
    .record({
      specs: fc.array(
        fc.oneof(
          { weight: 6, arbitrary: validSpec().map((spec) => ({ kind: 'spec' as const, spec })) },
          { weight: 1, arbitrary: fc.nat().map((n) => ({ kind: 'repeat' as const, n, reformatted: false })) },
          // The same fact again in another formatting (issue 17): a repeat all the same.
          { weight: 1, arbitrary: fc.nat().map((n) => ({ kind: 'repeat' as const, n, reformatted: true })) },
          {
            weight: options.bad === false ? 0 : 4,
            arbitrary: badLine().map((line) => ({ kind: 'line' as const, line })),
          },
          {
            weight: options.bad === false ? 0 : 1,
            arbitrary: blankLine().map((line) => ({ kind: 'line' as const, line })),
          },
        ),
        { maxLength: options.maxLines ?? 40 },
      ),
      crlf: fc.boolean(),
      finalNewline: fc.boolean(),
      bom: fc.boolean(),
    })
    .map(({ specs, crlf, finalNewline, bom }) => {
      const texts = validTexts(specs.flatMap((s) => (s.kind === 'spec' ? [s.spec] : [])));
      const lines: FuzzLine[] = [];
      const valid: string[] = [];
      let next = 0;
      for (const s of specs) {
        if (s.kind === 'line') lines.push(s.line);
        else if (s.kind === 'repeat') {
          const again = valid[s.n % Math.max(1, valid.length)];
          if (again !== undefined) lines.push({ kind: 'valid', text: s.reformatted ? reformat(again) : again });
        } else {
          const t = texts[next++] ?? '';
          valid.push(t);
          lines.push({ kind: 'valid', text: t });
        }
      }
      return { lines, crlf, finalNewline, bom };
    });

const bytesOf = (line: FuzzLine): Buffer => (line.kind === 'bad' ? line.bytes : Buffer.from(line.text, 'utf8'));

/** The file's bytes. */
export const fileBytes = (file: FuzzFile, lines: readonly FuzzLine[] = file.lines): Buffer => {
  const end = Buffer.from(file.crlf ? '\r\n' : '\n');
  // A byte-order mark alone would be a (blank) line of its own.
  const parts: Buffer[] = file.bom && lines.length > 0 ? [Buffer.from([0xef, 0xbb, 0xbf])] : [];
  lines.forEach((line, i) => {
    parts.push(bytesOf(line));
    if (i < lines.length - 1 || file.finalNewline) parts.push(end);
  });
  return Buffer.concat(parts);
};

/** The bytes as a stream cut into pieces of `size` bytes (lines cross the cuts). */
export async function* pieces(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

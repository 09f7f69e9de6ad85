// The byte scan that routes a line to its part (and groups it by household in `report --from`)
// reads the household JSON.parse would read, for the ways other programs write a line: any field
// order, spaces or tabs around the colons and commas, the word as a value, a key written twice;
// and says "cannot tell" (−1) for a pseudonym written with an escape or beyond ASCII.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashText, subjectHashOfLine } from './partition.js';

const hashOf = (line: string): number => {
  const bytes = Buffer.from(line, 'utf8');
  return subjectHashOfLine(bytes, 0, bytes.length);
};

const space = fc.constantFrom('', ' ', '  ', '\t', ' \t');

/** A flat line of string fields in the given order, with `gap` around every colon and comma. */
const lineOf = (fields: readonly (readonly [string, string])[], gaps: readonly string[]): string => {
  let g = 0;
  const gap = () => gaps[g++ % gaps.length] ?? '';
  return `{${gap()}${fields.map(([k, v]) => `${JSON.stringify(k)}${gap()}:${gap()}${JSON.stringify(v)}`).join(`${gap()},${gap()}`)}${gap()}}`;
};

describe("the byte scan of a line's household", () => {
  it('finds what JSON.parse finds, in any field order and spacing, also when the word is a value', () => {
    const pseudonym = fc.stringMatching(/^[a-z]-[0-9a-z-]{1,12}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('huishouden', 'werkgever'),
        pseudonym,
        fc.array(
          fc.tuple(
            fc.constantFrom('type', 'datum', 'regeling', 'reden', 'soort', 'eventId'),
            fc.oneof(fc.constantFrom('huishouden', 'werkgever', '"huishouden"', 'x'), fc.string({ maxLength: 8 })),
          ),
          { maxLength: 5 },
        ),
        fc.nat(),
        fc.array(space, { minLength: 1, maxLength: 6 }),
        (key, subject, others, at, gaps) => {
          const unique = others.filter(([k], i) => others.findIndex(([o]) => o === k) === i);
          const fields: [string, string][] = [...unique];
          fields.splice(at % (fields.length + 1), 0, [key, subject]);
          const line = lineOf(fields, gaps);
          const parsed = JSON.parse(line) as Record<string, string>;
          expect(hashOf(line)).toBe(hashText(parsed[key] as string));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("reads the last of a key written twice outside export's form, as JSON.parse does", () => {
    expect(hashOf('{"datum":"2014-01-01","huishouden":"h-1", "huishouden" : "h-2"}')).toBe(hashText('h-2'));
  });

  it('cannot tell a pseudonym with an escape, beyond ASCII, of another kind, or none', () => {
    expect(hashOf('{"huishouden":"h\\u002d1"}')).toBe(-1);
    expect(hashOf('{"huishouden": "h-é"}')).toBe(-1);
    expect(hashOf('{"huishouden": 12}')).toBe(-1);
    expect(hashOf('{"type":"huishouden"}')).toBe(-1);
    expect(hashOf('')).toBe(-1);
    expect(hashOf('geen json')).toBe(-1);
  });
});

import { describe, expect, it } from 'vitest';
import {
  parseDatum,
  parseGeheel,
  parseJaar,
  parseJaren,
  parseKennisdatum,
  parseKeuze,
  readArgs,
  stringValue,
} from './args.js';
import { UsageError } from './errors.js';

const message = (f: () => unknown): string => {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('geen fout');
};

describe('readArgs (node:util parseArgs, in Dutch)', () => {
  const options = { jaar: { type: 'string' }, vergelijk: { type: 'boolean' } } as const;

  it('reads options and positionals; the last of a repeated option wins', () => {
    const parsed = readArgs(['--jaar', '2013', 'x.ndjson', '--jaar=2014'], options, 1);
    expect(stringValue(parsed, 'jaar')).toBe('2014');
    expect(parsed.positionals).toEqual(['x.ndjson']);
  });

  it('names an unknown option, a missing value, a value where none belongs, an extra argument', () => {
    expect(message(() => readArgs(['--jar', '2014'], options, 0))).toBe('onbekende optie "--jar"');
    expect(message(() => readArgs(['--jaar'], options, 0))).toMatch(/^optie --jaar verwacht een waarde/);
    expect(message(() => readArgs(['--vergelijk=ja'], options, 0))).toBe('optie --vergelijk krijgt geen waarde');
    expect(message(() => readArgs(['a', 'b'], options, 1))).toBe('onverwacht argument "b"');
  });
});

describe('value checks', () => {
  it('--jaar', () => {
    expect(parseJaar('2014')).toBe(2014);
    expect(message(() => parseJaar('14'))).toBe(
      '--jaar: verwacht een jaartal tussen 1990 en 2100 (bijvoorbeeld 2014), ontvangen "14"',
    );
    expect(() => parseJaar('1989')).toThrow(UsageError);
    expect(() => parseJaar('2101')).toThrow(UsageError);
  });

  it('--jaren', () => {
    expect(parseJaren('2012-2015')).toEqual([2012, 2013, 2014, 2015]);
    expect(parseJaren('2014–2014')).toEqual([2014]);
    expect(message(() => parseJaren('2015-2012'))).toMatch(/het eerste jaar ligt na het laatste$/);
    expect(message(() => parseJaren('2012'))).toMatch(/^--jaren: verwacht een reeks jaren VAN-TOT/);
    expect(message(() => parseJaren('1990-2100'))).toBe('--jaren: hoogstens 50 jaren tegelijk');
  });

  it('--peildatum and --meetdatum: real dates only', () => {
    expect(parseDatum('2016-02-29', '--peildatum')).toBe('2016-02-29');
    expect(message(() => parseDatum('2014-02-30', '--peildatum'))).toMatch(
      /ontvangen "2014-02-30": die datum bestaat niet$/,
    );
    expect(message(() => parseDatum('31-12-2015', '--meetdatum'))).toMatch(
      /^--meetdatum: verwacht een datum JJJJ-MM-DD/,
    );
    expect(message(() => parseDatum('1980-01-01', '--peildatum'))).toMatch(/buiten 1990–2100$/);
  });

  it('--kennisdatum: a date or an instant with a zone', () => {
    expect(parseKennisdatum('2015-03-01')).toBe('2015-03-01');
    expect(parseKennisdatum('2015-03-01T12:00:00Z')).toBe('2015-03-01T12:00:00Z');
    expect(parseKennisdatum('2015-03-01T12:00:00+01:00')).toBe('2015-03-01T12:00:00+01:00');
    expect(message(() => parseKennisdatum('2015-03-01T12:00:00'))).toMatch(/^--kennisdatum: verwacht een datum/);
    expect(message(() => parseKennisdatum('2015-02-29'))).toMatch(/die datum bestaat niet$/);
  });

  it('--seed, --huishoudens, --format', () => {
    expect(parseGeheel('4294967295', '--seed', 0, 4_294_967_295)).toBe(4_294_967_295);
    expect(message(() => parseGeheel('4294967296', '--seed', 0, 4_294_967_295))).toBe(
      '--seed: verwacht een geheel getal van 0 tot en met 4294967295, ontvangen "4294967296"',
    );
    expect(() => parseGeheel('1.5', '--huishoudens', 1, 10)).toThrow(UsageError);
    expect(() => parseGeheel('', '--huishoudens', 1, 10)).toThrow(UsageError);
    expect(parseKeuze('md', '--format', ['table', 'md'] as const)).toBe('md');
    expect(message(() => parseKeuze('xml', '--format', ['table', 'md'] as const))).toBe(
      '--format: kies uit table, md; ontvangen "xml"',
    );
  });

  it('never echoes a BSN or control characters', () => {
    expect(message(() => parseJaar('111222333'))).toContain('[BSN verwijderd]');
    expect(message(() => parseJaar('\u001b[2J'))).toContain('"\\u001b[2J"');
  });
});

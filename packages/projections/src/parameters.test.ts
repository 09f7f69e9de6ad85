// MEETREGELS §3: the parameters and their defaults.
import fc from 'fast-check';
import { isLeft, isRight, right } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { MAX_RELATIEF, resolveDatum, resolveParameters } from './parameters.js';

describe('MEETREGELS §3 parameters', () => {
  it('2.0: peildatum defaults to the earlier of Y-12-31 and today; evaluatiedatum to the earlier of (Y+1)-06-30 and today; meetdatum to the evaluatiedatum', () => {
    expect(resolveParameters({ jaar: 2014 }, '2020-05-01')).toEqual(
      right({
        jaar: 2014,
        peildatum: '2014-12-31',
        evaluatiedatum: '2015-06-30',
        meetdatum: '2015-06-30',
        kennisdatum: null,
        hervattingsgrens: 0,
      }),
    );
    expect(resolveParameters({ jaar: 2014 }, '2015-03-01')).toEqual(
      right({
        jaar: 2014,
        peildatum: '2014-12-31',
        evaluatiedatum: '2015-03-01',
        meetdatum: '2015-03-01',
        kennisdatum: null,
        hervattingsgrens: 0,
      }),
    );
    expect(resolveParameters({ jaar: 2014 }, '2014-08-15')).toMatchObject(
      right({ peildatum: '2014-08-15', evaluatiedatum: '2014-08-15', meetdatum: '2014-08-15' }),
    );
  });

  it('every relative form: +0 is Y-12-31, +6 is (Y+1)-06-30, +2 clamps to February’s end, +8 is (Y+1)-08-31', () => {
    expect(resolveDatum('+0', 2014)).toBe('2014-12-31');
    expect(resolveDatum('+6', 2014)).toBe('2015-06-30');
    expect(resolveDatum('+2', 2014)).toBe('2015-02-28');
    expect(resolveDatum('+2', 2015)).toBe('2016-02-29');
    expect(resolveDatum('+8', 2014)).toBe('2015-08-31');
    expect(resolveDatum('+120', 2014)).toBe('2024-12-31');
    expect(resolveDatum('+121', 2014)).toBeUndefined();
    expect(resolveDatum('+1', 2100)).toBeUndefined();
    expect(
      resolveParameters(
        { jaar: 2014, peildatum: '+0', evaluatiedatum: '+6', meetdatum: '+8', kennisdatum: '+4' },
        '2030-01-01',
      ),
    ).toEqual(
      right({
        jaar: 2014,
        peildatum: '2014-12-31',
        evaluatiedatum: '2015-06-30',
        meetdatum: '2015-08-31',
        kennisdatum: '2015-04-30',
        hervattingsgrens: 0,
      }),
    );
  });

  it('in a series each year resolves its own relative date; an absolute date applies as given', () => {
    const reeks = [2012, 2013, 2014, 2015].map((jaar) =>
      resolveParameters({ jaar, meetdatum: '+8', kennisdatum: '+4', peildatum: '2016-01-31' }, '2030-01-01'),
    );
    expect(reeks.map((r) => isRight(r) && [r.right.meetdatum, r.right.kennisdatum, r.right.peildatum])).toEqual([
      ['2013-08-31', '2013-04-30', '2016-01-31'],
      ['2014-08-31', '2014-04-30', '2016-01-31'],
      ['2015-08-31', '2015-04-30', '2016-01-31'],
      ['2016-08-31', '2016-04-30', '2016-01-31'],
    ]);
  });

  it('a relative date equals its absolute resolution (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2090 }),
        fc.integer({ min: 0, max: MAX_RELATIEF }),
        fc.constantFrom('peildatum', 'evaluatiedatum', 'meetdatum', 'kennisdatum'),
        (jaar, n, parameter) => {
          const absoluut = resolveDatum(`+${n}`, jaar);
          if (absoluut === undefined) return;
          expect(resolveParameters({ jaar, [parameter]: `+${n}` }, '2100-12-31')).toEqual(
            resolveParameters({ jaar, [parameter]: absoluut }, '2100-12-31'),
          );
        },
      ),
    );
  });

  it('refuses a date before Y-01-01, given, relative or defaulted, naming the year', () => {
    for (const parameter of ['peildatum', 'evaluatiedatum', 'meetdatum', 'kennisdatum'] as const) {
      const r = resolveParameters({ jaar: 2014, [parameter]: '2013-12-31' }, '2030-01-01');
      expect(isLeft(r) && r.left.parameter).toBe(parameter);
      expect(isLeft(r) && r.left.bericht).toContain('31 december 2013 ligt vóór 1 januari 2014');
    }
    const instant = resolveParameters({ jaar: 2014, kennisdatum: '2013-12-31T22:59:59Z' }, '2030-01-01');
    expect(isLeft(instant) && instant.left.parameter).toBe('kennisdatum');
    expect(isRight(resolveParameters({ jaar: 2014, kennisdatum: '2013-12-31T23:00:00.001Z' }, '2030-01-01'))).toBe(
      true,
    );
    expect(isRight(resolveParameters({ jaar: 2014, peildatum: '2014-01-01' }, '2030-01-01'))).toBe(true);
    // A year that has not begun today: its default dates fall before Y-01-01.
    const toekomst = resolveParameters({ jaar: 2027 }, '2026-12-07');
    expect(isLeft(toekomst) && toekomst.left.bericht).toContain('vóór 1 januari 2027');
  });

  it('keeps what is given', () => {
    expect(
      resolveParameters(
        { jaar: 2012, peildatum: '2013-12-31', meetdatum: '2013-08-28', kennisdatum: '2014-04-01' },
        '2020-01-01',
      ),
    ).toEqual(
      right({
        jaar: 2012,
        peildatum: '2013-12-31',
        evaluatiedatum: '2013-06-30',
        meetdatum: '2013-08-28',
        kennisdatum: '2014-04-01',
        hervattingsgrens: 0,
      }),
    );
    expect(resolveParameters({ jaar: 2012, hervattingsgrens: 30 }, '2020-01-01')).toMatchObject(
      right({ hervattingsgrens: 30 }),
    );
    expect(resolveParameters({ jaar: 2012, kennisdatum: '2014-04-01T10:00:00+02:00' }, '2020-01-01')).toMatchObject(
      right({ kennisdatum: '2014-04-01T10:00:00+02:00' }),
    );
  });

  it('refuses a wrong value, naming the parameter', () => {
    const cases = [
      [{ jaar: 2014.5 }, 'jaar'],
      [{ jaar: 1989 }, 'jaar'],
      [{ jaar: 2014, peildatum: '2015-02-30' }, 'peildatum'],
      [{ jaar: 2014, meetdatum: '2015-13-01' }, 'meetdatum'],
      [{ jaar: 2014, kennisdatum: 'gisteren' }, 'kennisdatum'],
    ] as const;
    for (const [invoer, parameter] of cases) {
      const result = resolveParameters(invoer, '2020-01-01');
      expect(isLeft(result) && result.left.parameter).toBe(parameter);
      expect(isLeft(result) && result.left.bericht).toContain('MEETREGELS §3');
    }
    for (const hervattingsgrens of [-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const result = resolveParameters({ jaar: 2014, hervattingsgrens }, '2020-01-01');
      expect(isLeft(result) && result.left.parameter).toBe('hervattingsgrens');
      expect(isLeft(result) && result.left.bericht).toContain('een geheel aantal dagen ≥ 0 (§7.2 Langdurig)');
    }
    const vandaag = resolveParameters({ jaar: 2014 }, '01-01-2020');
    expect(isLeft(vandaag) && vandaag.left.parameter).toBe('vandaag');
  });
});

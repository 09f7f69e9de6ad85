// MEETREGELS §3: the parameters and their defaults.
import { isLeft, right } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { resolveParameters } from './parameters.js';

describe('MEETREGELS §3 parameters', () => {
  it('peildatum defaults to the earlier of (Y+1)-12-31 and today; meetdatum to the peildatum', () => {
    expect(resolveParameters({ jaar: 2014 }, '2020-05-01')).toEqual(
      right({ jaar: 2014, peildatum: '2015-12-31', meetdatum: '2015-12-31', kennisdatum: null, hervattingsgrens: 0 }),
    );
    expect(resolveParameters({ jaar: 2014 }, '2015-03-01')).toEqual(
      right({ jaar: 2014, peildatum: '2015-03-01', meetdatum: '2015-03-01', kennisdatum: null, hervattingsgrens: 0 }),
    );
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

// MEETREGELS §4.6 Norm met indexatie: exact decimal arithmetic, rounded half up to basis's unit.
import { isLeft, right } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { indexeerNorm } from './indexeerNorm.js';

describe('MEETREGELS §4.6 indexeerNorm(basis, indexOud, indexNieuw)', () => {
  it('reproduces "€ 485 inclusief indexatie CBS 2014": 475 · 102.1 / 100 = 484.975 → 485', () => {
    expect(indexeerNorm(475, 100, 102.1)).toEqual(right(485));
    expect(indexeerNorm('475', '100', '102.1')).toEqual(right(485));
  });

  it('takes index numbers as the decimals typed: 167 · 102.3 / 100.2 = 170.5 → 171 (floats give 170)', () => {
    expect(Math.round((167 * 102.3) / 100.2)).toBe(170);
    expect(indexeerNorm(167, 100.2, 102.3)).toEqual(right(171));
  });

  it('rounds to the unit of basis: cents in, cents out', () => {
    expect(indexeerNorm(47_500, 100, 102.1)).toEqual(right(48_498)); // 48,497.5 → 48,498
    expect(indexeerNorm('475.00', 100, '102.1')).toEqual(right(484.98));
    expect(indexeerNorm(475, 100, 100.1)).toEqual(right(475)); // 475.475 → 475
  });

  it('reads exponents and signs as decimals', () => {
    expect(indexeerNorm('4.75e2', '1e2', '102.1')).toEqual(right(485));
    expect(indexeerNorm(-475, 100, 102.1)).toEqual(right(-485)); // −484.975: half up is towards +∞
  });

  it('refuses what is not a decimal, and an indexOud of 0', () => {
    expect(isLeft(indexeerNorm('abc', 100, 102))).toBe(true);
    expect(isLeft(indexeerNorm(475, 0, 102))).toBe(true);
    expect(isLeft(indexeerNorm(475, 100, Number.NaN))).toBe(true);
    const fout = indexeerNorm(475, '0.0', 102);
    expect(isLeft(fout) && fout.left.parameter).toBe('indexOud');
  });
});

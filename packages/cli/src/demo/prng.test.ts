import { EventId } from '@zelfredzaam/domain';
import { isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createPrng, demoUuid, fmix32 } from './prng.js';

describe('createPrng (xoshiro128**)', () => {
  it('gives the same numbers for the same seed, on every machine (pinned values)', () => {
    const prng = createPrng(1);
    expect([prng.uint32(), prng.uint32(), prng.uint32()]).toEqual([2442144158, 3238099751, 3819917871]);
    const zero = createPrng(0);
    expect([zero.uint32(), zero.uint32()]).toEqual([3809008728, 1133695204]);
  });

  it('differs between seeds', () => {
    expect(createPrng(1).uint32()).not.toBe(createPrng(2).uint32());
  });

  it('keeps float in [0, 1), int in its bounds, and normal around 0', () => {
    const prng = createPrng(42);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const f = prng.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      const n = prng.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      sum += prng.normal();
    }
    expect(Math.abs(sum / 10_000)).toBeLessThan(0.05);
  });
});

describe('demoUuid', () => {
  it('is a lower-case UUID the EventId codec accepts unchanged', () => {
    for (let i = 0; i < 1000; i++) {
      const id = demoUuid(7, i);
      const decoded = EventId.decode(id);
      expect(isRight(decoded) && decoded.right === id).toBe(true);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('never repeats within a run (its first word is a bijection of the counter)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(demoUuid(3, i));
    expect(seen.size).toBe(200_000);
  });

  it('depends on the seed', () => {
    expect(demoUuid(1, 0)).toBe('a8019926-de5f-4efd-85f6-56503257b6d5');
    expect(demoUuid(2, 0)).not.toBe(demoUuid(1, 0));
  });

  it('fmix32 is a bijection on a sample', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(fmix32(i));
    expect(seen.size).toBe(100_000);
  });
});

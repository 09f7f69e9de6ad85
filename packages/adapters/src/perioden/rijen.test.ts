// The compact rows of import-perioden: interning off the heap and grouping by household.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Namen, Rijen } from './rijen.js';

describe('Namen', () => {
  it('the same id gets the same number, new ids 0, 1, 2, …, and the name back, through growth', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/), { maxLength: 3000 }), (ids) => {
        const namen = new Namen();
        const seen = new Map<string, number>();
        for (const id of ids) {
          const expected = seen.get(id) ?? seen.size;
          seen.set(id, expected);
          expect(namen.nummer(id)).toBe(expected);
        }
        expect(namen.length).toBe(seen.size);
        for (const [id, n] of seen) expect(namen.naam(n)).toBe(id);
      }),
      { numRuns: 50 },
    );
  });
});

describe('Rijen', () => {
  it('groups rows by household in file order', () => {
    const rijen = new Rijen(['x'] as const);
    const households = [2, 0, 2, 1, 0, 2];
    for (const [i, h] of households.entries()) rijen.add(h, { x: i * 10 });
    rijen.groepeer(4);
    const of = (h: number) => [...rijen.van(h)].map((i) => rijen.kolommen.x.at(i));
    expect([of(0), of(1), of(2), of(3)]).toEqual([[10, 40], [30], [0, 20, 50], []]);
  });
});

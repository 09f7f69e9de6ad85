// The off-heap table of stream names (stream-table.ts) behaves as a Map of names to numbers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamTable } from './stream-table.js';

describe('StreamTable', () => {
  it('gives what a Map gives, for any names and any sets, deletes and clears', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.tuple(fc.constant('set' as const), fc.string({ maxLength: 12 }), fc.integer({ min: -1, max: 1e6 })),
            fc.tuple(fc.constant('delete' as const), fc.string({ maxLength: 12 }), fc.constant(0)),
            fc.tuple(fc.constant('clear' as const), fc.constant(''), fc.constant(0)),
          ),
          { maxLength: 300 },
        ),
        (steps) => {
          const table = new StreamTable();
          const map = new Map<string, number>();
          for (const [op, name, value] of steps) {
            if (op === 'set') {
              table.set(name, value);
              map.set(name, value);
            } else if (op === 'delete') {
              table.delete(name);
              map.delete(name);
            } else {
              table.clear();
              map.clear();
            }
            expect(table.get(name)).toBe(map.get(name));
            expect(table.size).toBe(map.size);
          }
          for (const [name, value] of map) expect(table.get(name)).toBe(value);
        },
      ),
    );
  });

  it('holds 100,000 household streams', () => {
    const table = new StreamTable();
    for (let i = 0; i < 100_000; i++) table.set(`huishouden-h-${i}`, i);
    for (let i = 0; i < 100_000; i += 997) expect(table.get(`huishouden-h-${i}`)).toBe(i);
    expect(table.get('huishouden-h-100000')).toBeUndefined();
    expect(table.size).toBe(100_000);
  });
});

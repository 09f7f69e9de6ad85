// The off-heap table of eventIds (event-id-table.ts) against a Map of the same operations.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventIdTable } from './event-id-table.js';

/** UUIDs from a small pool (so ids recur) in either case; some differ from another in one word only. */
const uuidOf = (n: number, upper: boolean): string => {
  const hex = (v: number, width: number) => v.toString(16).padStart(width, '0');
  // Word 3 alone varies for n < 64: ids that share three of their four words.
  const text = `0000${hex(n % 7, 4)}-1234-4abc-89de-${hex(n % 3, 4)}${hex(n, 8)}`;
  return upper ? text.toUpperCase() : text;
};

type Op =
  | { readonly kind: 'add'; readonly id: number; readonly upper: boolean; readonly stream: number }
  | { readonly kind: 'find'; readonly id: number; readonly upper: boolean }
  | { readonly kind: 'drop'; readonly stream: number };

// Mostly adds, so that a table sized for few facts grows past its first 1,024 (its slots and its words: 2,500 operations or more, eight in eleven adds).
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      id: fc.nat(3000),
      upper: fc.boolean(),
      stream: fc.nat(20),
    }),
    weight: 8,
  },
  { arbitrary: fc.record({ kind: fc.constant('find' as const), id: fc.nat(3000), upper: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('drop' as const), stream: fc.nat(20) }), weight: 1 },
);

describe('EventIdTable', () => {
  it('finds what a Map of the live eventIds finds, through growth, drops and ids alike but for a word', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 2500, maxLength: 3000 }),
        fc.oneof(fc.constant(0), fc.nat(2000)),
        (ops, expected) => {
          const table = new EventIdTable(expected);
          // The model: eventId (lower case) → [fact number, stream, index in the stream].
          const live = new Map<string, [number, number, number]>();
          const perStream = new Map<number, number>();
          for (const o of ops) {
            if (o.kind === 'drop') {
              table.dropStream(o.stream);
              for (const [id, [, stream]] of live) if (stream === o.stream) live.delete(id);
              continue;
            }
            const id = uuidOf(o.id, o.upper);
            const known = live.get(id.toLowerCase());
            const g = table.find(id);
            expect(g).toBe(known === undefined ? -1 : known[0]);
            if (known !== undefined) {
              expect([table.streamOf(g), table.indexOf(g)]).toEqual([known[1], known[2]]);
              expect(table.eventIdOf(g)).toBe(id.toLowerCase());
            }
            if (o.kind === 'add' && known === undefined) {
              const index = perStream.get(o.stream) ?? 0;
              perStream.set(o.stream, index + 1);
              const added = table.add(id, o.stream, index);
              expect(added).toBe(table.size - 1);
              live.set(id.toLowerCase(), [added, o.stream, index]);
              expect(table.find(id.toLowerCase())).toBe(added);
            }
          }
          for (const [id, [g]] of live) expect(table.find(id)).toBe(g);
        },
      ),
      // A failure is reported as found: shrinking thousands of operations would take minutes.
      { numRuns: 50, endOnFailure: true },
    );
  });

  it('refuses what is not a UUID', () => {
    const table = new EventIdTable();
    expect(table.find('geen-uuid')).toBe(-1);
    expect(() => table.add('geen-uuid', 0, 0)).toThrow(RangeError);
    expect(table.find(`${uuidOf(1, false)}0`)).toBe(-1);
  });
});

// StreamFold (report --from's fold): a fact goes to its stream's household without a lookup by
// pseudonym; whatever numbers a caller gives its streams, the state is the replay's.
import { streamNameOf } from '@zelfredzaam/domain';
import { geldigeGeschiedenis } from '@zelfredzaam/domain/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bronUitState } from '../bron.js';
import { parametersVoor } from '../fixtures/parameters.js';
import { jaarrapport } from '../jaarrapport.js';
import { emptyState, replay, StreamFold } from './state.js';

describe('StreamFold', () => {
  it('equals the replay with each stream numbered once, and with numbers that are wrong or shared', () => {
    fc.assert(
      fc.property(
        geldigeGeschiedenis({ werkgevers: { min: 0, max: 2 } }),
        fc.array(fc.nat(6), { minLength: 1 }),
        fc.integer({ min: 2010, max: 2016 }),
        (feiten, wrong, jaar) => {
          const expected = replay(feiten);
          const numbers = new Map<string, number>();
          const right = new StreamFold(emptyState());
          const mixed = new StreamFold(emptyState());
          feiten.forEach((feit, i) => {
            const stream = streamNameOf(feit);
            if (!numbers.has(stream)) numbers.set(stream, 2000 * numbers.size);
            right.apply(numbers.get(stream) as number, feit);
            // A caller's mistake: numbers that name other streams, or several at once.
            mixed.apply(wrong[i % wrong.length] as number, feit);
          });
          const p = parametersVoor(jaar);
          for (const fold of [right, mixed]) {
            expect(fold.state.ids).toEqual(expected.ids);
            expect(jaarrapport(fold.state, p)).toEqual(jaarrapport(expected, p));
            expect(bronUitState(fold.state, Number.POSITIVE_INFINITY)).toEqual(
              bronUitState(expected, Number.POSITIVE_INFINITY),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

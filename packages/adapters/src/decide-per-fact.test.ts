// Issue 17, point 4: deciding one household's facts one by one must not look at its whole history
// for every fact (that made 20,000 facts of one household take minutes). Counted, not timed: the
// reads of the facts' fields while 3,000 facts of one household are decided.
import { dayOf, type Identified, isoDateOf } from '@zelfredzaam/domain';
import { uuidFrom } from '@zelfredzaam/domain/testing';
import { describe, expect, it } from 'vitest';
import { decidePerFact } from './decide-per-fact.js';

const H = 'h-lang';

/** A household on and off bijstand every few days, with income, as facts that count their reads. */
const longHousehold = (n: number, counter: { reads: number }): Identified[] => {
  const facts: Identified[] = [];
  let day = dayOf('1995-01-01');
  for (let i = 0; facts.length < n; i++) {
    const datum = isoDateOf(day);
    const feit =
      i % 3 === 0
        ? { type: 'UitkeringGestart', huishouden: H, datum }
        : i % 3 === 1
          ? { type: 'InkomstenOntvangen', huishouden: H, maand: datum.slice(0, 7), bron: 'loondienst', bedragCent: 100 }
          : { type: 'UitkeringBeeindigd', huishouden: H, datum: isoDateOf(day + 1), reden: 'overig' };
    if (i % 3 === 2) day += 2;
    facts.push(
      new Proxy({ ...feit, eventId: uuidFrom(`lang-${i}`) } as Identified, {
        get(target, key, receiver) {
          counter.reads++;
          return Reflect.get(target, key, receiver);
        },
      }),
    );
  }
  return facts;
};

describe('decidePerFact on one long household', () => {
  it('reads each fact a bounded number of times, not once per later fact (3,000 facts)', () => {
    const counter = { reads: 0 };
    const facts = longHousehold(3_000, counter);
    counter.reads = 0;
    const decisions = decidePerFact([{ stream: `huishouden-${H}`, facts, indexes: facts.map((_, i) => i) }], {
      historyOf: () => [],
      holderOf: () => undefined,
      reusedId: () => {
        throw new Error('no eventId is reused here');
      },
    });
    expect(decisions.get(`huishouden-${H}`)?.fresh.length).toBe(3_000);
    // decide(history, [feit]) per fact read every earlier fact again: about n²/2 · 3 = 13.5 million.
    expect(counter.reads).toBeLessThan(50 * 3_000);
  });
});

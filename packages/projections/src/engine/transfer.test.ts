// Issue 6: states built over disjoint households (worker threads, partitioned by a hash of the
// household) merge into the state of the whole history; a state travels as transferable buffers.
import { streamNameOf } from '@zelfredzaam/domain';
import { geldigeGeschiedenis } from '@zelfredzaam/domain/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HuishoudenFeiten } from '../fixtures/feiten.js';
import { parametersVoor } from '../fixtures/parameters.js';
import { jaarrapport } from '../jaarrapport.js';
import { idKey } from './encoding.js';
import { apply, emptyState, replay } from './state.js';
import { fromTransferable, mergeStates, mergeTransferable, toTransferable, transferList } from './transfer.js';

describe('merging and transferring states', () => {
  it('renumbers the interned strings of §7.1: soorten, trajectIds and regelingen of both sides', () => {
    const a = new HuishoudenFeiten('a');
    a.traject('2014-02-01', 'gedeeld', 'VAK');
    a.minima('2014-03-01', 'Kindpakket');
    const b = new HuishoudenFeiten('b');
    b.traject('2014-02-01', 'eigen', 'Workfast');
    b.traject('2014-03-01', 'gedeeld', 'VAK');
    b.trajectEinde('2014-05-01', 'gedeeld', 'werk');
    b.minima('2014-03-01', 'Individuele inkomenstoeslag');
    const p = parametersVoor(2014);
    const left = replay(a.feiten);
    const right = replay(b.feiten);
    jaarrapport(right, p); // derived records with right's numbers travel along
    const merged = mergeTransferable(left, toTransferable(right));
    expect(jaarrapport(merged, p)).toEqual(jaarrapport(replay([...a.feiten, ...b.feiten]), p));
    expect(jaarrapport(merged, p).trajecten.VAK).toMatchObject({ gestart: 2, beeindigd: 1 });
    expect(merged.soorten.list).toEqual(['VAK', 'Workfast']);
  });

  it('the merge of two partitions by household hash equals the replay of the whole history', () => {
    fc.assert(
      fc.property(
        geldigeGeschiedenis(),
        fc.integer({ min: 2010, max: 2017 }),
        fc.boolean(),
        (events, jaar, settled) => {
          const deel = (k: number) => events.filter((e) => idKey(streamNameOf(e)) % 2 === k);
          const a = replay(deel(0));
          const b = replay(deel(1));
          const p = parametersVoor(jaar);
          if (settled) jaarrapport(b, p);
          // As across threads: structured clone of the transferable form.
          const vorm = toTransferable(b);
          const overgebracht = structuredClone(vorm, { transfer: transferList(vorm) });
          expect(jaarrapport(mergeTransferable(a, overgebracht), p)).toEqual(jaarrapport(replay(events), p));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a state comes back whole from its transferable form, and merging a household twice adds its facts', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), fc.integer({ min: 2010, max: 2017 }), (events, jaar) => {
        const p = parametersVoor(jaar);
        const state = replay(events);
        expect(jaarrapport(fromTransferable(toTransferable(state)), p)).toEqual(jaarrapport(state, p));
        const half = Math.floor(events.length / 2);
        const merged = mergeStates(replay(events.slice(0, half)), replay(events.slice(half)));
        expect(jaarrapport(merged, p)).toEqual(jaarrapport(state, p));
      }),
      { numRuns: 200 },
    );
  });

  it('a merge takes the parts’ buffers over as they are, and their households go on taking facts after it', () => {
    fc.assert(
      fc.property(
        geldigeGeschiedenis(),
        fc.integer({ min: 2010, max: 2017 }),
        fc.integer({ min: 0, max: 100 }),
        (events, jaar, percent) => {
          // The first facts of each part are folded in a thread of its own, the rest after the merge.
          const cut = Math.floor((events.length * percent) / 100);
          const deel = (k: number) => events.slice(0, cut).filter((e) => idKey(streamNameOf(e)) % 2 === k);
          const merged = emptyState();
          for (const k of [0, 1]) {
            const vorm = toTransferable(replay(deel(k)));
            mergeTransferable(merged, structuredClone(vorm, { transfer: transferList(vorm) }));
          }
          for (const event of events.slice(cut)) apply(merged, event);
          const p = parametersVoor(jaar);
          expect(jaarrapport(merged, p)).toEqual(jaarrapport(replay(events), p));
          expect(merged.facts).toBe(events.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('mergeStates leaves its source as it was', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), fc.integer({ min: 2010, max: 2017 }), (events, jaar) => {
        const p = parametersVoor(jaar);
        const half = Math.floor(events.length / 2);
        const source = replay(events.slice(half));
        const before = jaarrapport(source, p);
        const merged = mergeStates(replay(events.slice(0, half)), source);
        for (const event of events.slice(0, half)) apply(merged, event);
        expect(jaarrapport(source, p)).toEqual(before);
        expect(jaarrapport(source, p)).toEqual(jaarrapport(replay(events.slice(half)), p));
      }),
      { numRuns: 100 },
    );
  });
});

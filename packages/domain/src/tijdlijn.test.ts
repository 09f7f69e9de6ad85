// The incremental decider (tijdlijn.ts) against the reference decider (decider.ts): the same
// verdict and the same refusal, word for word, on every fact of generated histories that are
// dense with late registrations, retractions, re-imports and collisions; and its work grows like
// n log n with the facts of one household (issue 17, point 4: an operation count, not a clock).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOf, isoDateOf, isoMonthOf } from './calendar.js';
import { decide } from './decider.js';
import type { Feit, Identified } from './events.js';
import { uuidFrom } from './testing/arbitraries.js';
import { Tijdlijn, Tijdlijnen, type Uitspraak } from './tijdlijn.js';

const H = 'h-1';
const W = 'wg-1';
const FIRST_DAY = dayOf('2012-01-01');

/** A fact in a narrow window of days (so facts meet each other), from a few small numbers. */
const feitArb = (): fc.Arbitrary<Feit> => {
  const datum = fc.integer({ min: 0, max: 120 }).map((d) => isoDateOf(FIRST_DAY + d * 7));
  const maand = fc.integer({ min: 2012 * 12, max: 2014 * 12 + 5 }).map(isoMonthOf);
  const uitkering = fc.constantFrom('beeindigd', 'loopt-door');
  const trajectId = fc.constantFrom('t-1', 't-2', 't-3');
  const r = <T>(record: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record(record) as fc.Arbitrary<unknown>;
  return fc.oneof(
    { weight: 4, arbitrary: r({ type: fc.constant('UitkeringGestart'), huishouden: fc.constant(H), datum }) },
    {
      weight: 3,
      arbitrary: r({ type: fc.constant('InLoondienstGetreden'), huishouden: fc.constant(H), datum, uitkering }),
    },
    {
      weight: 1,
      arbitrary: r({ type: fc.constant('EigenOndernemingGestart'), huishouden: fc.constant(H), datum, uitkering }),
    },
    { weight: 1, arbitrary: r({ type: fc.constant('OpleidingGestart'), huishouden: fc.constant(H), datum }) },
    {
      weight: 2,
      arbitrary: r({
        type: fc.constant('UitkeringBeeindigd'),
        huishouden: fc.constant(H),
        datum,
        reden: fc.constantFrom('verhuizing', 'overig'),
      }),
    },
    {
      weight: 3,
      arbitrary: r({
        type: fc.constant('Teruggevallen'),
        huishouden: fc.constant(H),
        datum,
        op: fc.constantFrom('WWB', 'WW'),
      }),
    },
    {
      weight: 5,
      arbitrary: r({
        type: fc.constant('InkomstenOntvangen'),
        huishouden: fc.constant(H),
        maand,
        bron: fc.constantFrom('loondienst', 'onderneming'),
        bedragCent: fc.integer({ min: 1, max: 3 }),
      }),
    },
    {
      weight: 2,
      arbitrary: r({
        type: fc.constantFrom('TrajectGestart'),
        huishouden: fc.constant(H),
        datum,
        trajectId,
        soort: fc.constantFrom('VAK', 'Workfast'),
      }),
    },
    {
      weight: 1,
      arbitrary: r({ type: fc.constant('SchuldhulpGestart'), huishouden: fc.constant(H), datum, trajectId }),
    },
    {
      weight: 2,
      arbitrary: r({
        type: fc.constant('TrajectBeeindigd'),
        huishouden: fc.constant(H),
        datum,
        trajectId,
        resultaat: fc.constantFrom('werk', 'voltooid'),
      }),
    },
    {
      weight: 1,
      arbitrary: r({
        type: fc.constant('SchuldhulpBeeindigd'),
        huishouden: fc.constant(H),
        datum,
        trajectId,
        resultaat: fc.constantFrom('wsnp', 'overig'),
      }),
    },
    {
      weight: 1,
      arbitrary: r({ type: fc.constant('Geplaatst'), huishouden: fc.constant(H), datum, soort: fc.constant('sroi') }),
    },
    { weight: 1, arbitrary: r({ type: fc.constant('AllianceGesloten'), werkgever: fc.constant(W), datum }) },
  ) as fc.Arbitrary<Feit>;
};

type Step =
  | { readonly kind: 'feit'; readonly feit: Feit }
  | { readonly kind: 'intrekking'; readonly pick: number }
  | { readonly kind: 'dubbel'; readonly pick: number; readonly changed: boolean }
  | { readonly kind: 'herbouw' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: feitArb().map((feit) => ({ kind: 'feit' as const, feit })) },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: 'intrekking' as const, pick })) },
  {
    weight: 1,
    arbitrary: fc.record({ pick: fc.nat(), changed: fc.boolean() }).map((d) => ({ kind: 'dubbel' as const, ...d })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'herbouw' as const }) },
);

/** The reference verdict of decider.ts for one new fact. */
const reference = (history: readonly Identified[], feit: Identified): Uitspraak => {
  const result = decide(history, [feit]);
  if (result._tag === 'Left') return result.left;
  return result.right.length === 0 ? 'bekend' : 'nieuw';
};

/** Runs the steps through both deciders; returns the verdicts of each. */
const run = (steps: readonly Step[], stream: 'huishouden' | 'werkgever'): void => {
  const history: Identified[] = [];
  const seen: Identified[] = [];
  let tijdlijn: Tijdlijn | undefined = new Tijdlijn();
  steps.forEach((s, i) => {
    let feit: Identified;
    if (s.kind === 'herbouw') {
      // A history read back from a store: the timeline is built from it at once.
      tijdlijn = Tijdlijn.van(history);
      expect(tijdlijn).toBeDefined();
      return;
    }
    if (s.kind === 'feit') {
      const own =
        stream === 'werkgever' && s.feit.type === 'AllianceGesloten'
          ? s.feit
          : stream === 'werkgever'
            ? undefined
            : s.feit;
      if (own === undefined) return;
      feit = { ...own, eventId: uuidFrom(`t-${i}`) } as Identified;
    } else if (s.kind === 'intrekking') {
      const target = seen[s.pick % Math.max(1, seen.length)];
      feit = {
        type: 'GebeurtenisIngetrokken',
        ...(stream === 'werkgever' ? { werkgever: W } : { huishouden: H }),
        ingetrokken: target?.eventId ?? uuidFrom('nergens'),
        reden: 'fout',
        eventId: uuidFrom(`t-${i}`),
      } as unknown as Identified;
    } else {
      const again = seen[s.pick % Math.max(1, seen.length)];
      if (again === undefined) return;
      feit = s.changed && 'datum' in again ? ({ ...again, datum: '2099-01-01' } as Identified) : again;
    }
    seen.push(feit);
    const expected = reference(history, feit);
    const actual = (tijdlijn as Tijdlijn).beslis(feit);
    expect(actual).toEqual(expected);
    if (expected === 'nieuw') history.push(feit);
  });
};

describe('Tijdlijn: the incremental decider', () => {
  it('gives the verdict and refusal of decide(history, [feit]) on every fact of generated households (500 histories)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 80 }), (steps) => run(steps, 'huishouden')),
      { numRuns: 500 },
    );
  });

  it('does so in an employer stream too (§7.1: one alliance)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 40 }), (steps) => run(steps, 'werkgever')),
      { numRuns: 100 },
    );
  });

  it('many streams on one Tijdlijnen (its arrays growing, lists moving and compacted) decide as each alone (300 files)', () => {
    const households = 6;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: households - 1 }), stepArb), { minLength: 1, maxLength: 150 }),
        (steps) => {
          // Room for one stream and one fact at first: everything must grow and move.
          const lijnen = new Tijdlijnen(undefined, 1, 1);
          const streams = Array.from({ length: households }, () => lijnen.nieuw());
          const histories: Identified[][] = Array.from({ length: households }, () => []);
          const seen: Identified[][] = Array.from({ length: households }, () => []);
          steps.forEach(([k, step], i) => {
            const huishouden = `h-${k + 1}`;
            const mine = seen[k] as Identified[];
            let feit: Identified | undefined;
            if (step.kind === 'feit' && 'huishouden' in step.feit) {
              feit = { ...step.feit, huishouden, eventId: uuidFrom(`m-${i}`) } as Identified;
            } else if (step.kind === 'intrekking') {
              feit = {
                type: 'GebeurtenisIngetrokken',
                huishouden,
                ingetrokken: mine[step.pick % Math.max(1, mine.length)]?.eventId ?? uuidFrom('nergens'),
                reden: 'fout',
                eventId: uuidFrom(`m-${i}`),
              } as unknown as Identified;
            } else if (step.kind === 'dubbel') {
              const again = mine[step.pick % Math.max(1, mine.length)];
              feit =
                again !== undefined && step.changed && 'datum' in again
                  ? ({ ...again, datum: '2099-01-01' } as Identified)
                  : again;
            }
            if (feit === undefined) return;
            mine.push(feit);
            const history = histories[k] as Identified[];
            const expected = reference(history, feit);
            expect(lijnen.beslis(streams[k] as number, feit)).toEqual(expected);
            if (expected === 'nieuw') history.push(feit);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses to be built from a history that breaks the rules (decide then judges it)', () => {
    const start = { type: 'UitkeringGestart', huishouden: H, datum: '2012-01-01', eventId: uuidFrom('a') };
    const again = { ...start, eventId: uuidFrom('b') };
    expect(Tijdlijn.van([start, again] as Identified[])).toBeUndefined();
    expect(Tijdlijn.van([start] as Identified[])?.size).toBe(1);
  });

  it('names a fact of another stream as decide does', () => {
    const tijdlijn = new Tijdlijn();
    const start = {
      type: 'UitkeringGestart',
      huishouden: H,
      datum: '2012-01-01',
      eventId: uuidFrom('a'),
    } as Identified;
    expect(tijdlijn.beslis(start)).toBe('nieuw');
    const other = { ...start, huishouden: 'h-2', eventId: uuidFrom('b') } as Identified;
    expect(tijdlijn.beslis(other)).toEqual(reference([start], other));
  });

  // Issue 17, point 4. decide(history, [feit]) looks at every fact of the history for every new
  // fact: n²/2 for a household of n facts (20,000 facts: 200 million). The timeline looks at a
  // fact's neighbours only, plus a binary search for a late registration.
  it('decides 20,000 facts of one household with work that grows like n log n, late registrations included', () => {
    const monthsSoFar = (day: number): number => Math.floor((day - dayOf('1990-01-01')) / 31) + 1;
    const count = (n: number): number => {
      const tijdlijn = new Tijdlijn();
      let day = dayOf('1990-01-01');
      let accepted = 0;
      for (let i = 0; tijdlijn.size < n; i++) {
        const phase = i % 4;
        // Every fourth step an income report of a month long past (a late registration).
        const feit =
          phase === 0
            ? { type: 'UitkeringGestart', huishouden: H, datum: isoDateOf(day) }
            : phase === 1
              ? { type: 'InLoondienstGetreden', huishouden: H, datum: isoDateOf(day + 1), uitkering: 'loopt-door' }
              : phase === 2
                ? {
                    type: 'InkomstenOntvangen',
                    huishouden: H,
                    maand: isoMonthOf(1990 * 12 + ((i * 7919) % monthsSoFar(day))),
                    bron: 'loondienst',
                    bedragCent: 100,
                  }
                : { type: 'UitkeringBeeindigd', huishouden: H, datum: isoDateOf(day + 2), reden: 'overig' };
        if (phase === 3) day += 3;
        if (day > dayOf('2100-01-01')) day = dayOf('1990-01-01');
        if (tijdlijn.beslis({ ...feit, eventId: uuidFrom(`n-${i}`) } as Identified) === 'nieuw') accepted++;
      }
      expect(accepted).toBeGreaterThan(n / 2);
      return tijdlijn.operaties;
    };
    const small = count(2_000);
    const large = count(20_000);
    // n log n: ten times the facts costs about 13 times the work; n² would cost 100 times.
    expect(large).toBeLessThan(20 * small);
    expect(large).toBeLessThan(40 * 20_000);
  });
});

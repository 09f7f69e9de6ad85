// MEETREGELS §2, "Lifecycle": one scenario per row of the table (allowed and refused), the
// edges of late registration, same-date facts, income and retraction, and the properties.
import fc from 'fast-check';
import { type Either, isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { dayOf, firstDayOfMonth, isoDateOf, isoMonthOf, lastDayOfMonth, monthIndexOf } from './calendar.js';
import { decide } from './decider.js';
import { type Feit, type Identified, type LevensloopFeit, streamNameOf } from './events.js';
import { evolve, type Levensloop, NOOIT } from './lifecycle.js';
import { geldigeGeschiedenis, huishoudenGeschiedenis, uuidFrom } from './testing/arbitraries.js';
import type { BedragCent, Datum, EventId, HuishoudenId, Maand } from './values.js';
import type { Weigering } from './weigering.js';

const H = 'h-0042' as HuishoudenId;
let counter = 0;
const id = (): EventId => uuidFrom(`test-${counter++}`);
const d = (s: string) => s as Datum;

const start = (datum: string): Identified => ({
  type: 'UitkeringGestart',
  huishouden: H,
  datum: d(datum),
  regeling: 'Participatiewet',
  eventId: id(),
});
const loondienst = (datum: string, uitkering: 'beeindigd' | 'loopt-door' = 'beeindigd'): Identified => ({
  type: 'InLoondienstGetreden',
  huishouden: H,
  datum: d(datum),
  uitkering,
  eventId: id(),
});
const onderneming = (datum: string, uitkering: 'beeindigd' | 'loopt-door' = 'beeindigd'): Identified => ({
  type: 'EigenOndernemingGestart',
  huishouden: H,
  datum: d(datum),
  uitkering,
  eventId: id(),
});
const opleiding = (datum: string): Identified => ({
  type: 'OpleidingGestart',
  huishouden: H,
  datum: d(datum),
  eventId: id(),
});
const beeindigd = (datum: string): Identified => ({
  type: 'UitkeringBeeindigd',
  huishouden: H,
  datum: d(datum),
  reden: 'verhuizing',
  eventId: id(),
});
const terugval = (datum: string, op: 'WWB' | 'WW'): Identified => ({
  type: 'Teruggevallen',
  huishouden: H,
  datum: d(datum),
  op,
  eventId: id(),
});
const inkomsten = (maand: string, bedragCent = 47_500): Identified => ({
  type: 'InkomstenOntvangen',
  huishouden: H,
  maand: maand as Maand,
  bron: 'loondienst',
  bedragCent: bedragCent as BedragCent,
  eventId: id(),
});
const intrekking = (target: Identified): Identified => ({
  type: 'GebeurtenisIngetrokken',
  huishouden: H,
  ingetrokken: target.eventId,
  reden: 'registratiefout' as never,
  eventId: id(),
});

const refusal = (result: Either<Weigering, readonly Identified[]>): Weigering => {
  if (isRight(result)) throw new Error(`expected a refusal, got ${result.right.length} accepted facts`);
  return result.left;
};
const accepted = (history: readonly Identified[], ...nieuw: Identified[]) => {
  const result = decide(history, nieuw);
  if (isLeft(result)) throw new Error(result.left.bericht);
  return result.right;
};

// States reached through valid histories, to test each row from each state.
const inState = {
  nooit: [] as Identified[],
  bijstand: [start('2013-01-01')],
  uit: [start('2013-01-01'), loondienst('2013-06-01')],
  ww: [start('2013-01-01'), loondienst('2013-06-01'), terugval('2013-09-01', 'WW')],
};
type StateName = keyof typeof inState;
const states = Object.keys(inState) as StateName[];

const rows: { name: string; make: () => Identified; allowedFrom: StateName[]; code: Record<string, string> }[] = [
  {
    name: 'UitkeringGestart',
    make: () => start('2014-03-01'),
    allowedFrom: ['nooit', 'uit', 'ww'],
    code: { bijstand: 'UITKERING_LOOPT_AL' },
  },
  {
    name: 'InLoondienstGetreden beeindigd',
    make: () => loondienst('2014-03-01'),
    allowedFrom: ['bijstand'],
    code: { default: 'GEEN_BIJSTAND' },
  },
  {
    name: 'EigenOndernemingGestart beeindigd',
    make: () => onderneming('2014-03-01'),
    allowedFrom: ['bijstand'],
    code: { default: 'GEEN_BIJSTAND' },
  },
  {
    name: 'InLoondienstGetreden loopt-door',
    make: () => loondienst('2014-03-01', 'loopt-door'),
    allowedFrom: ['bijstand'],
    code: { default: 'GEEN_BIJSTAND' },
  },
  {
    name: 'EigenOndernemingGestart loopt-door',
    make: () => onderneming('2014-03-01', 'loopt-door'),
    allowedFrom: ['bijstand'],
    code: { default: 'GEEN_BIJSTAND' },
  },
  {
    name: 'OpleidingGestart',
    make: () => opleiding('2014-03-01'),
    allowedFrom: ['bijstand'],
    code: { default: 'GEEN_BIJSTAND' },
  },
  {
    name: 'UitkeringBeeindigd',
    make: () => beeindigd('2014-03-01'),
    allowedFrom: ['bijstand'],
    code: { default: 'GEEN_BIJSTAND' },
  },
  {
    name: 'Teruggevallen op WWB',
    make: () => terugval('2014-03-01', 'WWB'),
    allowedFrom: ['uit', 'ww'],
    code: { nooit: 'GEEN_UITSTROOM', bijstand: 'UITKERING_LOOPT_AL' },
  },
  {
    name: 'Teruggevallen op WW',
    make: () => terugval('2014-03-01', 'WW'),
    allowedFrom: ['uit'],
    code: { nooit: 'GEEN_UITSTROOM', bijstand: 'GEEN_UITSTROOM', ww: 'AL_WW' },
  },
];

const expectedState: Record<string, Levensloop> = {
  UitkeringGestart: { fase: 'bijstand' },
  'InLoondienstGetreden beeindigd': { fase: 'uit', reden: 'loondienst' },
  'EigenOndernemingGestart beeindigd': { fase: 'uit', reden: 'onderneming' },
  'InLoondienstGetreden loopt-door': { fase: 'bijstand' },
  'EigenOndernemingGestart loopt-door': { fase: 'bijstand' },
  OpleidingGestart: { fase: 'uit', reden: 'opleiding' },
  UitkeringBeeindigd: { fase: 'uit', reden: 'verhuizing' },
  'Teruggevallen op WWB': { fase: 'bijstand' },
  'Teruggevallen op WW': { fase: 'ww' },
};

const stateAfter = (facts: readonly Feit[]): Levensloop => facts.reduce(evolve, NOOIT);

describe('MEETREGELS §2 lifecycle table, row by row', () => {
  for (const row of rows) {
    for (const state of states) {
      const allowed = row.allowedFrom.includes(state);
      it(`${row.name} from ${state}: ${allowed ? 'allowed' : 'refused'}`, () => {
        const history = inState[state];
        const feit = row.make();
        const result = decide(history, [feit]);
        if (allowed) {
          expect(isRight(result) && result.right).toEqual([feit]);
          expect(stateAfter([...history, feit])).toEqual(expectedState[row.name]);
        } else {
          const w = refusal(result);
          expect(w.code).toBe(row.code[state] ?? row.code.default);
          expect(w.huishouden).toBe(H);
          expect(w.bericht).toMatch(
            new RegExp(`^huishouden h-0042: ${feit.type} op 2014-03-01 geweigerd — .+ \\(MEETREGELS §2\\)$`),
          );
        }
      });
    }
  }

  it('the message names household, event type, date and rule (STYLE §6)', () => {
    expect(refusal(decide([], [loondienst('2014-03-01')])).bericht).toBe(
      'huishouden h-0042: InLoondienstGetreden op 2014-03-01 geweigerd — er loopt op die datum geen bijstand (MEETREGELS §2)',
    );
  });
});

describe('MEETREGELS §2: InkomstenOntvangen needs bijstand on at least one day of its month', () => {
  const history = [start('2014-03-31'), loondienst('2014-06-01')];
  it('accepted in the month the spell starts on its last day, and in the month before the exit', () => {
    expect(accepted(history, inkomsten('2014-03'), inkomsten('2014-05'))).toHaveLength(2);
  });
  it('refused in the month before the spell and in the month the exit falls on its first day', () => {
    expect(refusal(decide(history, [inkomsten('2014-02')])).code).toBe('INKOMSTEN_ZONDER_BIJSTAND');
    const w = refusal(decide(history, [inkomsten('2014-06')]));
    expect(w.code).toBe('INKOMSTEN_ZONDER_BIJSTAND');
    expect(w.bericht).toBe(
      'huishouden h-0042: InkomstenOntvangen over 2014-06 geweigerd — in die maand loopt op geen enkele dag bijstand (MEETREGELS §2)',
    );
  });
  it('accepted in the month of an exit on its second day (one day with bijstand)', () => {
    expect(accepted([start('2014-03-01'), loondienst('2014-06-02')], inkomsten('2014-06'))).toHaveLength(1);
  });
  it('refused in the month of a spell that starts and ends on the same day (no day of bijstand)', () => {
    expect(refusal(decide([start('2014-03-15'), loondienst('2014-03-15')], [inkomsten('2014-03')])).code).toBe(
      'INKOMSTEN_ZONDER_BIJSTAND',
    );
  });
  it('refused before any bijstand', () => {
    expect(refusal(decide([], [inkomsten('2014-06')])).code).toBe('INKOMSTEN_ZONDER_BIJSTAND');
  });
});

describe('MEETREGELS §2 edges: a fact is checked at its datum against the whole timeline', () => {
  it('same-date facts keep their recorded order: exit then return on one day is valid', () => {
    expect(accepted([start('2014-01-01'), loondienst('2014-03-01')], terugval('2014-03-01', 'WWB'))).toHaveLength(1);
  });

  it('same-date facts keep their recorded order: a late exit on the date of a recorded return comes after it', () => {
    const history = [start('2014-01-01'), loondienst('2014-03-01'), terugval('2014-05-01', 'WWB')];
    // The new exit on 2014-05-01 sorts after the return of the same date: bijstand runs, exit fits.
    expect(accepted(history, loondienst('2014-05-01'))).toHaveLength(1);
    // A new return on 2014-03-01 sorts after the exit of that date and before the recorded return of 05-01.
    const w = refusal(decide(history, [terugval('2014-03-01', 'WWB')]));
    expect(w.code).toBe('UITKERING_LOOPT_AL');
    expect(w.getroffen?.type).toBe('Teruggevallen');
    expect(w.getroffen?.datum).toBe('2014-05-01');
  });

  it('a late registration that fits is accepted', () => {
    // The exit of 2014-03-01 becomes known after the return of 2014-05-01 was recorded.
    const history = [start('2014-01-01')];
    const exitLate = loondienst('2014-03-01');
    expect(accepted(history, exitLate)).toHaveLength(1);
    expect(
      accepted(
        [start('2013-01-01'), loondienst('2013-06-01'), terugval('2014-01-01', 'WWB')],
        beeindigd('2013-03-01'),
        start('2013-04-01'),
      ),
    ).toHaveLength(2);
  });

  it('a late registration that would break a later fact is refused, naming that fact', () => {
    const history = [start('2014-01-01'), loondienst('2014-06-01')];
    const w = refusal(decide(history, [opleiding('2014-03-01')]));
    expect(w.code).toBe('GEEN_BIJSTAND');
    expect(w.feit).toMatchObject({ type: 'OpleidingGestart', datum: '2014-03-01' });
    expect(w.getroffen).toMatchObject({ type: 'InLoondienstGetreden', datum: '2014-06-01' });
    expect(w.bericht).toBe(
      'huishouden h-0042: OpleidingGestart op 2014-03-01 geweigerd — dan past het eerder vastgelegde InLoondienstGetreden op 2014-06-01 niet meer: er loopt op die datum geen bijstand (MEETREGELS §2)',
    );
  });

  it('a late exit that would leave recorded income without bijstand is refused', () => {
    const history = [start('2014-01-01'), inkomsten('2014-05')];
    const w = refusal(decide(history, [loondienst('2014-03-01')]));
    expect(w.code).toBe('INKOMSTEN_ZONDER_BIJSTAND');
    expect(w.getroffen).toMatchObject({ type: 'InkomstenOntvangen', datum: '2014-05' });
  });
});

describe('MEETREGELS §2: GebeurtenisIngetrokken', () => {
  it('a retraction that keeps the timeline valid is accepted', () => {
    const wrongIncome = inkomsten('2014-02');
    const history = [start('2014-01-01'), wrongIncome];
    expect(accepted(history, intrekking(wrongIncome))).toHaveLength(1);
  });

  it('a retraction that would break the timeline is refused', () => {
    const first = start('2014-01-01');
    const history = [first, loondienst('2014-06-01')];
    const w = refusal(decide(history, [intrekking(first)]));
    expect(w.code).toBe('GEEN_BIJSTAND');
    expect(w.feit.type).toBe('GebeurtenisIngetrokken');
    expect(w.getroffen).toMatchObject({ type: 'InLoondienstGetreden', datum: '2014-06-01' });
  });

  it('retracting and registering the corrected fact in one batch is accepted', () => {
    const wrongExit = loondienst('2014-06-01');
    const history = [start('2014-01-01'), wrongExit];
    expect(accepted(history, intrekking(wrongExit), loondienst('2014-07-01'))).toHaveLength(2);
  });

  it('retracting an unknown fact, a fact twice, or a retraction is refused', () => {
    const income = inkomsten('2014-02');
    const history = [start('2014-01-01'), income];
    const unknownTarget: Identified = { ...income, eventId: uuidFrom('onbekend') };
    expect(refusal(decide(history, [intrekking(unknownTarget)])).code).toBe('INTREKKING_ONBEKEND');
    const first = intrekking(income);
    expect(refusal(decide([...history, first], [intrekking(income)])).code).toBe('INTREKKING_HERHAALD');
    expect(refusal(decide([...history, first], [intrekking(first)])).code).toBe('INTREKKING_VAN_INTREKKING');
  });

  it("retracting another household's fact is refused as unknown here", () => {
    const other: Identified = {
      type: 'UitkeringGestart',
      huishouden: 'h-other' as HuishoudenId,
      datum: d('2014-01-01'),
      eventId: id(),
    };
    expect(refusal(decide([start('2014-01-01')], [intrekking(other)])).code).toBe('INTREKKING_ONBEKEND');
  });
});

describe('MEETREGELS §1–§2: batches and identity', () => {
  it('a batch is all-or-nothing: one bad fact refuses the whole batch', () => {
    const w = refusal(decide([], [start('2014-01-01'), inkomsten('2014-02'), loondienst('2013-06-01')]));
    expect(w.feit.type).toBe('InLoondienstGetreden');
  });

  it('a batch mixing households is refused', () => {
    const other: Identified = {
      type: 'UitkeringGestart',
      huishouden: 'h-other' as HuishoudenId,
      datum: d('2014-01-01'),
      eventId: id(),
    };
    expect(refusal(decide([], [start('2014-01-01'), other])).code).toBe('ANDER_HUISHOUDEN');
  });

  it('appending a stored eventId again adds nothing (idempotent)', () => {
    const first = start('2014-01-01');
    expect(accepted([first], { ...first })).toEqual([]);
    expect(accepted([], first, { ...first })).toEqual([first]);
  });

  it('an eventId reused for another fact is refused', () => {
    const first = start('2014-01-01');
    expect(refusal(decide([first], [{ ...loondienst('2014-03-01'), eventId: first.eventId }])).code).toBe(
      'EVENT_ID_HERGEBRUIKT',
    );
  });

  it('an empty batch is accepted and adds nothing', () => {
    expect(accepted([start('2014-01-01')])).toEqual([]);
  });
});

// ---- properties ----

const effectiveFacts = (history: readonly Identified[]): Identified[] => {
  const retracted = new Set(history.flatMap((f) => (f.type === 'GebeurtenisIngetrokken' ? [f.ingetrokken] : [])));
  return history.filter((f) => !retracted.has(f.eventId) && f.type !== 'GebeurtenisIngetrokken');
};

/** The state on a day, after every effective fact dated on or before it (recorded order within a day). */
const stateOn = (history: readonly Identified[], day: number): Levensloop =>
  effectiveFacts(history)
    .filter((f): f is Identified<LevensloopFeit> => 'datum' in f && dayOf(f.datum) <= day)
    .map((f, i) => ({ f, i }))
    .sort((a, b) => dayOf(a.f.datum) - dayOf(b.f.datum) || a.i - b.i)
    .reduce((s, { f }) => evolve(s, f), NOOIT);

const hasBijstandIn = (history: readonly Identified[], month: number): boolean => {
  for (let day = firstDayOfMonth(month); day <= lastDayOfMonth(month); day++) {
    if (stateOn(history, day).fase === 'bijstand') return true;
  }
  return false;
};

describe('properties of the decider (MEETREGELS §2)', () => {
  it('accepts every valid history fact by fact, and as one batch', () => {
    fc.assert(
      fc.property(huishoudenGeschiedenis(), (history) => {
        for (let i = 0; i < history.length; i++) {
          const result = decide(history.slice(0, i), [history[i] as Identified]);
          if (isLeft(result)) throw new Error(result.left.bericht);
          expect(result.right).toHaveLength(1);
        }
        expect(accepted([], ...history)).toHaveLength(history.length);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts interleaved histories of several households and employers per stream', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), (history) => {
        const byStream = new Map<string, Identified[]>();
        for (const feit of history) {
          const own = byStream.get(streamNameOf(feit)) ?? [];
          expect(isRight(decide(own, [feit]))).toBe(true);
          own.push(feit);
          byStream.set(streamNameOf(feit), own);
        }
      }),
      { numRuns: 200 },
    );
  });

  const mutation = fc.record({
    kind: fc.constantFrom(
      'start-in-bijstand',
      'exit-outside-bijstand',
      'income-without-bijstand',
      'return-before-any-exit',
    ),
    pick: fc.nat(),
  });

  it('always refuses a fact that breaks the table at its place', () => {
    let refused = 0;
    fc.assert(
      fc.property(huishoudenGeschiedenis(), mutation, (history, { kind, pick }) => {
        const first = history[0];
        const H2 = first !== undefined && 'huishouden' in first ? first.huishouden : H;
        const days: number[] = [];
        for (let day = dayOf('2009-06-01'); day <= dayOf('2018-06-30'); day += 7) days.push(day);
        let breaking: Identified | undefined;
        if (kind === 'start-in-bijstand') {
          const candidates = days.filter((day) => stateOn(history, day).fase === 'bijstand');
          const day = candidates[pick % Math.max(1, candidates.length)];
          if (day !== undefined)
            breaking = { type: 'UitkeringGestart', huishouden: H2, datum: isoDateOf(day) as Datum, eventId: id() };
        } else if (kind === 'exit-outside-bijstand') {
          const candidates = days.filter((day) => stateOn(history, day).fase !== 'bijstand');
          const day = candidates[pick % Math.max(1, candidates.length)];
          if (day !== undefined)
            breaking = {
              type: 'InLoondienstGetreden',
              huishouden: H2,
              datum: isoDateOf(day) as Datum,
              uitkering: 'beeindigd',
              eventId: id(),
            };
        } else if (kind === 'income-without-bijstand') {
          const months: number[] = [];
          for (let m = monthIndexOf('2009-06'); m <= monthIndexOf('2018-06'); m++)
            if (!hasBijstandIn(history, m)) months.push(m);
          const month = months[pick % Math.max(1, months.length)];
          if (month !== undefined)
            breaking = {
              type: 'InkomstenOntvangen',
              huishouden: H2,
              maand: isoMonthOf(month) as Maand,
              bron: 'onderneming',
              bedragCent: 100 as BedragCent,
              eventId: id(),
            };
        } else {
          const candidates = days.filter((day) => stateOn(history, day).fase === 'nooit');
          const day = candidates[pick % Math.max(1, candidates.length)];
          if (day !== undefined)
            breaking = {
              type: 'Teruggevallen',
              huishouden: H2,
              datum: isoDateOf(day) as Datum,
              op: 'WWB',
              eventId: id(),
            };
        }
        if (breaking === undefined) return;
        expect(isLeft(decide(history, [breaking]))).toBe(true);
        refused++;
      }),
      { numRuns: 300 },
    );
    expect(refused).toBeGreaterThan(200);
  });

  it('always refuses retracting a start that a later exit depends on', () => {
    let checked = 0;
    fc.assert(
      fc.property(huishoudenGeschiedenis(undefined, { intrekkingen: false }), (history) => {
        const facts = effectiveFacts(history);
        const target = facts.find(
          (f, i) =>
            f.type === 'UitkeringGestart' &&
            facts
              .slice(i + 1)
              .some(
                (g) =>
                  g.type === 'InLoondienstGetreden' ||
                  g.type === 'OpleidingGestart' ||
                  g.type === 'UitkeringBeeindigd' ||
                  g.type === 'EigenOndernemingGestart',
              ),
        );
        if (target === undefined || facts[0] !== target) return;
        const retraction: Identified = {
          type: 'GebeurtenisIngetrokken',
          huishouden: 'huishouden' in target ? target.huishouden : H,
          ingetrokken: target.eventId,
          reden: 'registratiefout' as never,
          eventId: id(),
        };
        expect(isLeft(decide(history, [retraction]))).toBe(true);
        checked++;
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(50);
  });
});

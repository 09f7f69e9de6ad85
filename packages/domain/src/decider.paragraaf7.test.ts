// MEETREGELS §7.1: the decider's rules for the new facts — trajectory and debt-trajectory pairing
// (one namespace of trajectIds per household), one alliance per employer, everything else always
// allowed — one scenario per rule and edge (same day, late registration, retraction), and the
// properties over generated histories.
import fc from 'fast-check';
import { type Either, isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decide } from './decider.js';
import type { Identified, PlaatsingSoort, Toelichting, TrajectResultaat, TrajectSoort } from './events.js';
import { huishoudenGeschiedenis, uuidFrom, werkgeverGeschiedenis } from './testing/arbitraries.js';
import type { Datum, EventId, HuishoudenId, TrajectId, Trede, WerkgeverId } from './values.js';
import type { Weigering } from './weigering.js';

const H = 'h-0042' as HuishoudenId;
const W = 'wg-0007' as WerkgeverId;
let counter = 0;
const id = (): EventId => uuidFrom(`p7-${counter++}`);
const d = (s: string) => s as Datum;
const t = (s: string) => s as TrajectId;

const traject = (datum: string, trajectId: string, soort = 'Workfast'): Identified => ({
  type: 'TrajectGestart',
  huishouden: H,
  datum: d(datum),
  trajectId: t(trajectId),
  soort: soort as TrajectSoort,
  eventId: id(),
});
const trajectEinde = (datum: string, trajectId: string, resultaat: TrajectResultaat = 'werk'): Identified => ({
  type: 'TrajectBeeindigd',
  huishouden: H,
  datum: d(datum),
  trajectId: t(trajectId),
  resultaat,
  eventId: id(),
});
const schuldhulp = (datum: string, trajectId: string): Identified => ({
  type: 'SchuldhulpGestart',
  huishouden: H,
  datum: d(datum),
  trajectId: t(trajectId),
  eventId: id(),
});
const schuldhulpEinde = (datum: string, trajectId: string): Identified => ({
  type: 'SchuldhulpBeeindigd',
  huishouden: H,
  datum: d(datum),
  trajectId: t(trajectId),
  resultaat: 'minnelijk-geslaagd',
  eventId: id(),
});
const alliantie = (datum: string, werkgever = W): Identified => ({
  type: 'AllianceGesloten',
  werkgever,
  datum: d(datum),
  eventId: id(),
});
const intrekking = (target: Identified): Identified =>
  'werkgever' in target
    ? {
        type: 'GebeurtenisIngetrokken',
        werkgever: target.werkgever,
        ingetrokken: target.eventId,
        reden: 'registratiefout' as Toelichting,
        eventId: id(),
      }
    : {
        type: 'GebeurtenisIngetrokken',
        huishouden: H,
        ingetrokken: target.eventId,
        reden: 'registratiefout' as Toelichting,
        eventId: id(),
      };

const refusal = (result: Either<Weigering, readonly Identified[]>): Weigering => {
  if (isRight(result)) throw new Error(`expected a refusal, got ${result.right.length} accepted facts`);
  return result.left;
};
const accepted = (history: readonly Identified[], ...nieuw: Identified[]) => {
  const result = decide(history, nieuw);
  if (isLeft(result)) throw new Error(result.left.bericht);
  return result.right;
};

describe('MEETREGELS §7.1 TrajectGestart and SchuldhulpGestart: a trajectId is used once per household', () => {
  it('a start is accepted in any lifecycle state, even before any bijstand', () => {
    expect(accepted([], traject('2014-02-01', 't-1'))).toHaveLength(1);
    expect(accepted([], schuldhulp('2014-02-01', 's-1'))).toHaveLength(1);
  });

  it('a second start with the same trajectId is refused, also of the other kind (one namespace)', () => {
    const history = [traject('2014-02-01', 't-1')];
    const w = refusal(decide(history, [traject('2014-09-01', 't-1', 'VAK')]));
    expect(w.code).toBe('TRAJECT_ID_IN_GEBRUIK');
    expect(w.bericht).toBe(
      'huishouden h-0042: TrajectGestart op 2014-09-01 geweigerd — dit trajectId is bij dit huishouden al in gebruik voor een ander traject of schuldhulptraject (MEETREGELS §7.1)',
    );
    expect(refusal(decide(history, [schuldhulp('2015-01-01', 't-1')])).code).toBe('TRAJECT_ID_IN_GEBRUIK');
    expect(refusal(decide([schuldhulp('2014-01-01', 's-1')], [traject('2014-03-01', 's-1')])).code).toBe(
      'TRAJECT_ID_IN_GEBRUIK',
    );
  });

  it('a late start with an id in use, dated before the recorded one, names the recorded one', () => {
    const w = refusal(decide([traject('2014-06-01', 't-1')], [traject('2014-02-01', 't-1')]));
    expect(w.code).toBe('TRAJECT_ID_IN_GEBRUIK');
    expect(w.feit).toMatchObject({ type: 'TrajectGestart', datum: '2014-02-01' });
    expect(w.getroffen).toMatchObject({ type: 'TrajectGestart', datum: '2014-06-01' });
  });

  it('two starts with the same id in one batch are refused whole', () => {
    const w = refusal(decide([], [traject('2014-02-01', 't-1'), traject('2014-02-01', 't-1')]));
    expect(w.code).toBe('TRAJECT_ID_IN_GEBRUIK');
  });

  it('a retracted start frees its trajectId', () => {
    const wrong = traject('2014-02-01', 't-1');
    expect(accepted([wrong], intrekking(wrong), traject('2014-03-01', 't-1', 'VAK'))).toHaveLength(2);
  });
});

describe('MEETREGELS §7.1 TrajectBeeindigd and SchuldhulpBeeindigd: started on or before, not yet ended', () => {
  it('an end on or after the start of its kind is accepted, the same day included', () => {
    expect(accepted([traject('2014-02-01', 't-1')], trajectEinde('2014-02-01', 't-1'))).toHaveLength(1);
    expect(accepted([schuldhulp('2014-02-01', 's-1')], schuldhulpEinde('2015-02-01', 's-1'))).toHaveLength(1);
  });

  it('a start recorded after its end of the same day fits (the start is on or before the end)', () => {
    expect(accepted([], trajectEinde('2014-02-01', 't-1'), traject('2014-02-01', 't-1'))).toHaveLength(2);
  });

  it('an end without a start, before its start, or of the other kind is refused', () => {
    const none = refusal(decide([], [trajectEinde('2014-02-01', 't-1', 'ingetrokken')]));
    expect(none.code).toBe('TRAJECT_NIET_GESTART');
    expect(none.bericht).toBe(
      'huishouden h-0042: TrajectBeeindigd op 2014-02-01 geweigerd — er is op of vóór die datum geen traject van deze soort met dit trajectId gestart (MEETREGELS §7.1)',
    );
    expect(refusal(decide([traject('2014-02-01', 't-1')], [trajectEinde('2014-01-31', 't-1')])).code).toBe(
      'TRAJECT_NIET_GESTART',
    );
    expect(refusal(decide([schuldhulp('2014-02-01', 't-1')], [trajectEinde('2014-05-01', 't-1')])).code).toBe(
      'TRAJECT_NIET_GESTART',
    );
    expect(refusal(decide([traject('2014-02-01', 't-1')], [schuldhulpEinde('2014-05-01', 't-1')])).code).toBe(
      'TRAJECT_NIET_GESTART',
    );
  });

  it('a second end is refused', () => {
    const history = [traject('2014-02-01', 't-1'), trajectEinde('2014-05-01', 't-1')];
    const w = refusal(decide(history, [trajectEinde('2014-08-01', 't-1', 'voltooid')]));
    expect(w.code).toBe('TRAJECT_AL_BEEINDIGD');
    expect(w.getroffen).toBeUndefined();
  });

  it('a late end dated before the recorded end is refused, naming the recorded end', () => {
    const history = [traject('2014-02-01', 't-1'), trajectEinde('2014-05-01', 't-1')];
    const w = refusal(decide(history, [trajectEinde('2014-03-01', 't-1')]));
    expect(w.code).toBe('TRAJECT_AL_BEEINDIGD');
    expect(w.getroffen).toMatchObject({ type: 'TrajectBeeindigd', datum: '2014-05-01' });
  });

  it('retracting a start that has an end is refused; retracting the end first makes it possible', () => {
    const start = traject('2014-02-01', 't-1');
    const einde = trajectEinde('2014-05-01', 't-1');
    const w = refusal(decide([start, einde], [intrekking(start)]));
    expect(w.code).toBe('TRAJECT_NIET_GESTART');
    expect(w.feit.type).toBe('GebeurtenisIngetrokken');
    expect(w.getroffen).toMatchObject({ type: 'TrajectBeeindigd', datum: '2014-05-01' });
    expect(accepted([start, einde], intrekking(einde), intrekking(start))).toHaveLength(2);
  });

  it('a late registration of a start after its recorded end is refused as a second start or naming the end', () => {
    // The recorded end needs a start on or before it: retracting the start and registering one
    // later than the end leaves the end without a start.
    const start = traject('2014-02-01', 't-1');
    const einde = trajectEinde('2014-05-01', 't-1');
    const w = refusal(decide([start, einde], [intrekking(start), traject('2014-06-01', 't-1')]));
    expect(w.code).toBe('TRAJECT_NIET_GESTART');
    expect(w.getroffen).toMatchObject({ type: 'TrajectBeeindigd', datum: '2014-05-01' });
  });

  it('a retracted end lets the trajectory end again', () => {
    const start = traject('2014-02-01', 't-1');
    const einde = trajectEinde('2014-05-01', 't-1');
    expect(accepted([start, einde], intrekking(einde), trajectEinde('2014-06-01', 't-1', 'uitgevallen'))).toHaveLength(
      2,
    );
  });
});

describe('MEETREGELS §7.1: the other facts are always allowed', () => {
  it('assessments, placements, in beeld and minima, in every lifecycle state, many on one day', () => {
    const datum = d('2014-02-01');
    const soorten: PlaatsingSoort[] = ['sroi', 'afspraakbaan', 'beschut-nieuw', 'banenplan'];
    const feiten: Identified[] = [
      { type: 'ParticipatieTredeVastgesteld', huishouden: H, datum, trede: 1 as Trede, eventId: id() },
      { type: 'ParticipatieTredeVastgesteld', huishouden: H, datum, trede: 6 as Trede, eventId: id() },
      ...soorten.map((soort): Identified => ({ type: 'Geplaatst', huishouden: H, datum, soort, eventId: id() })),
      { type: 'InBeeldGebracht', huishouden: H, datum, eventId: id() },
      { type: 'InBeeldGebracht', huishouden: H, datum, eventId: id() },
      { type: 'MinimaregelingToegekend', huishouden: H, datum, regeling: 'Kindpakket' as never, eventId: id() },
    ];
    expect(accepted([], ...feiten)).toHaveLength(feiten.length);
    const inBijstand: Identified = {
      type: 'UitkeringGestart',
      huishouden: H,
      datum: d('2013-01-01'),
      eventId: id(),
    };
    expect(accepted([inBijstand], ...feiten.map((f) => ({ ...f, eventId: id() })))).toHaveLength(feiten.length);
  });
});

describe('MEETREGELS §7.1 AllianceGesloten: once per werkgever, in its own stream', () => {
  it('the first alliance is accepted, a second is refused with a message naming the werkgever', () => {
    const first = alliantie('2014-03-01');
    expect(accepted([], first)).toEqual([first]);
    const w = refusal(decide([first], [alliantie('2015-01-10')]));
    expect(w.code).toBe('ALLIANTIE_AL_GESLOTEN');
    expect(w.werkgever).toBe('wg-0007');
    expect(w.huishouden).toBeUndefined();
    expect(w.bericht).toBe(
      'werkgever wg-0007: AllianceGesloten op 2015-01-10 geweigerd — met deze werkgever is al een alliantie gesloten (MEETREGELS §7.1)',
    );
  });

  it('a late alliance dated before the recorded one names that one', () => {
    const w = refusal(decide([alliantie('2014-03-01')], [alliantie('2013-06-01')]));
    expect(w.code).toBe('ALLIANTIE_AL_GESLOTEN');
    expect(w.getroffen).toMatchObject({ type: 'AllianceGesloten', datum: '2014-03-01' });
  });

  it('a retraction in the employer stream names the werkgever; after it the alliance can be closed again', () => {
    const wrong = alliantie('2014-03-01');
    const retraction = intrekking(wrong);
    expect('werkgever' in retraction && retraction.werkgever).toBe(W);
    expect(accepted([wrong], retraction, alliantie('2014-04-01'))).toHaveLength(2);
    expect(refusal(decide([wrong, retraction], [intrekking(wrong)])).code).toBe('INTREKKING_HERHAALD');
  });

  it('an employer stream takes no household facts, and another employer is another stream', () => {
    const w = refusal(decide([], [alliantie('2014-03-01'), traject('2014-03-01', 't-1')]));
    expect(w.code).toBe('ANDER_HUISHOUDEN');
    expect(w.bericht).toMatch(/^werkgever wg-0007: TrajectGestart op 2014-03-01 geweigerd — /);
    expect(refusal(decide([alliantie('2014-03-01')], [alliantie('2014-03-01', 'wg-0008' as WerkgeverId)])).code).toBe(
      'ANDER_HUISHOUDEN',
    );
    // A household and an employer with the same pseudonym are two streams.
    const sameId = alliantie('2014-03-01', 'h-0042' as WerkgeverId);
    expect(refusal(decide([traject('2014-02-01', 't-1')], [sameId])).code).toBe('ANDER_HUISHOUDEN');
  });

  it("a retraction of another stream's fact is refused as unknown here", () => {
    const householdFact = traject('2014-02-01', 't-1');
    const retraction: Identified = {
      type: 'GebeurtenisIngetrokken',
      werkgever: W,
      ingetrokken: householdFact.eventId,
      reden: 'registratiefout' as Toelichting,
      eventId: id(),
    };
    expect(refusal(decide([alliantie('2014-03-01')], [retraction])).code).toBe('INTREKKING_ONBEKEND');
  });
});

describe('properties of the decider (MEETREGELS §7.1)', () => {
  const sequential = (history: readonly Identified[]): void => {
    for (let i = 0; i < history.length; i++) {
      const result = decide(history.slice(0, i), [history[i] as Identified]);
      if (isLeft(result)) throw new Error(result.left.bericht);
      expect(result.right).toHaveLength(1);
    }
    expect(accepted([], ...history)).toHaveLength(history.length);
  };

  it('accepts every generated employer history fact by fact, and as one batch', () => {
    fc.assert(fc.property(werkgeverGeschiedenis(), sequential), { numRuns: 300 });
  });

  it('always refuses reusing a trajectId, an end without its start, and a second end', () => {
    let refused = 0;
    fc.assert(
      fc.property(
        huishoudenGeschiedenis(undefined, { intrekkingen: false }),
        fc.constantFrom('hergebruik', 'zonder-start', 'tweede-einde'),
        (history, kind) => {
          const first = history[0];
          const huishouden = first !== undefined && 'huishouden' in first ? first.huishouden : H;
          const starts = history.filter((f) => f.type === 'TrajectGestart' || f.type === 'SchuldhulpGestart');
          const ended = new Set(
            history.flatMap((f) =>
              f.type === 'TrajectBeeindigd' || f.type === 'SchuldhulpBeeindigd' ? [f.trajectId] : [],
            ),
          );
          let breaking: Identified | undefined;
          const start = starts[0];
          if (kind === 'hergebruik' && start !== undefined && 'trajectId' in start) {
            breaking = { ...traject('2016-01-01', start.trajectId), huishouden } as Identified;
          } else if (kind === 'zonder-start') {
            breaking = { ...trajectEinde('2016-01-01', 'nooit-gestart'), huishouden } as Identified;
          } else {
            const done = history.find((f) => f.type === 'TrajectBeeindigd' && ended.has(f.trajectId));
            if (done !== undefined && done.type === 'TrajectBeeindigd') {
              breaking = { ...trajectEinde(done.datum, done.trajectId), huishouden } as Identified;
            }
          }
          if (breaking === undefined) return;
          expect(isLeft(decide(history, [breaking]))).toBe(true);
          refused++;
        },
      ),
      { numRuns: 300 },
    );
    expect(refused).toBeGreaterThan(150);
  });
});

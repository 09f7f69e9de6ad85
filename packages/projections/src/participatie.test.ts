// MEETREGELS §7.2 Participatiegroei, golden values computed by hand (Y = 2014).
import { describe, expect, it } from 'vitest';
import { bijdragen } from './bijdrage.js';
import { replay } from './engine/state.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { jaarrapport } from './jaarrapport.js';
import { participatie } from './participatie.js';

const p2014 = parametersVoor(2014);

const huishouden = (id: string, treden: readonly (readonly [string, number])[]): HuishoudenFeiten => {
  const h = new HuishoudenFeiten(id);
  for (const [datum, trede] of treden) h.trede(datum, trede);
  return h;
};

describe('MEETREGELS §7.2 Participatiegroei', () => {
  // begin = the last assessment before Y-01-01, else the first in Y if that is not eind; eind =
  // the last in Y.
  const a = huishouden('a', [
    ['2013-05-01', 2],
    ['2014-03-01', 3],
    ['2014-11-01', 4],
  ]); // begin 2 (2013), eind 4: gestegen, grote vooruitgang
  const b = huishouden('b', [['2014-06-01', 3]]); // a single assessment: not measured
  const c = huishouden('c', [
    ['2012-02-01', 1],
    ['2013-12-31', 3],
    ['2014-01-01', 3],
  ]); // measured only against the year before: 3 → 3, gelijk
  const d = huishouden('d', [
    ['2014-02-01', 4],
    ['2014-09-01', 2],
  ]); // nothing before Y: the first in Y → the last, 4 → 2, gedaald
  const e = huishouden('e', [
    ['2014-05-05', 2],
    ['2014-05-05', 5],
  ]); // one day, recorded order: 2 → 5
  const f = huishouden('f', [['2013-04-01', 3]]); // nothing in Y: not measured
  const g = huishouden('g', [['2015-01-01', 6]]); // after Y: not measured
  const late = huishouden('late', [['2014-10-01', 2]]);
  late.trede('2013-01-01', 1, { recordedAt: '2014-12-01T12:00:00.000Z' }); // registered late: still the begin
  const retracted = huishouden('ingetrokken', [['2013-06-01', 1]]);
  retracted.trede('2014-08-01', 2);
  const wrong = retracted.trede('2014-09-01', 6);
  retracted.intrekking(wrong, { recordedAt: '2014-12-01T13:00:00.000Z' }); // 1 → 2: the retracted 6 does not count
  const events = [a, b, c, d, e, f, g, late, retracted].flatMap((h) => h.feiten);

  it('counts gemeten, gestegen, gelijk, gedaald and grote vooruitgang (eind − begin ≥ 2)', () => {
    expect(participatie(replay(events), p2014)).toEqual({
      gemeten: 6,
      gestegen: 4,
      gelijk: 1,
      gedaald: 1,
      groteVooruitgang: 2,
      overgangen: [
        { van: 1, naar: 2, aantal: 2 },
        { van: 2, naar: 4, aantal: 1 },
        { van: 2, naar: 5, aantal: 1 },
        { van: 3, naar: 3, aantal: 1 },
        { van: 4, naar: 2, aantal: 1 },
      ],
    });
  });

  it('names each household’s pair, and null for the ones not measured', () => {
    const pairs = Object.fromEntries(bijdragen(replay(events), p2014).map((x) => [x.huishouden, x.participatie]));
    expect(pairs).toEqual({
      a: { van: 2, naar: 4 },
      b: null,
      c: { van: 3, naar: 3 },
      d: { van: 4, naar: 2 },
      e: { van: 2, naar: 5 },
      f: null,
      g: null,
      late: { van: 1, naar: 2 },
      ingetrokken: { van: 1, naar: 2 },
    });
  });

  it('the year before: only c has a begin (2012) and an eind (2013)', () => {
    expect(participatie(replay(events), parametersVoor(2013))).toEqual({
      gemeten: 1,
      gestegen: 1,
      gelijk: 0,
      gedaald: 0,
      groteVooruitgang: 1,
      overgangen: [{ van: 1, naar: 3, aantal: 1 }],
    });
  });

  it('every fact in Y counts, also after the peildatum; a kennisdatum hides what was not yet known', () => {
    const vroeg = parametersVoor(2014, { peildatum: '2014-06-30' });
    expect(jaarrapport(replay(events), vroeg).participatie.gemeten).toBe(6);
    const kennis = parametersVoor(2014, { kennisdatum: '2014-10-15' });
    // Known on 2014-10-15: a 2 → 3, c 3 → 3, d 4 → 2, e 2 → 5, late only 2014-10-01 (not
    // measured), ingetrokken 1 → 6 (the retraction is not yet known).
    expect(jaarrapport(replay(events), kennis).participatie).toEqual({
      gemeten: 5,
      gestegen: 3,
      gelijk: 1,
      gedaald: 1,
      groteVooruitgang: 2,
      overgangen: [
        { van: 1, naar: 6, aantal: 1 },
        { van: 2, naar: 3, aantal: 1 },
        { van: 2, naar: 5, aantal: 1 },
        { van: 3, naar: 3, aantal: 1 },
        { van: 4, naar: 2, aantal: 1 },
      ],
    });
  });
});

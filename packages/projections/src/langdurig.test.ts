// MEETREGELS §7.2 Langdurig, golden values computed by hand: E = 2016-03-01, so E minus 3 years
// is 2013-03-01.
import { describe, expect, it } from 'vitest';
import { bijdragen } from './bijdrage.js';
import { replay } from './engine/state.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { jaarrapport } from './jaarrapport.js';
import { langdurig } from './langdurig.js';

const bij = (hervattingsgrens: number, peildatum = '2016-03-01') =>
  parametersVoor(2015, { peildatum, hervattingsgrens });

describe('MEETREGELS §7.2 Langdurig: bijstand without interruption for at least 3 years on E', () => {
  const a = new HuishoudenFeiten('precies-drie-jaar');
  a.start('2013-03-01');
  const b = new HuishoudenFeiten('een-dag-te-kort');
  b.start('2013-03-02');
  const c1 = new HuishoudenFeiten('gat-9');
  c1.start('2010-01-01');
  c1.loondienst('2014-01-01');
  c1.terugval('2014-01-10', 'WWB'); // 9 days without bijstand
  const c2 = new HuishoudenFeiten('gat-10');
  c2.start('2010-01-01');
  c2.loondienst('2014-01-01');
  c2.terugval('2014-01-11', 'WWB'); // 10 days without bijstand
  const c3 = new HuishoudenFeiten('gat-11');
  c3.start('2010-01-01');
  c3.loondienst('2014-01-01');
  c3.terugval('2014-01-12', 'WWB'); // 11 days without bijstand
  const d = new HuishoudenFeiten('terug-op-een-dag');
  d.start('2010-01-01');
  d.loondienst('2014-06-01');
  d.terugval('2014-06-01', 'WWB'); // a gap of 0 days
  const e = new HuishoudenFeiten('geen-bijstand');
  e.start('2010-01-01');
  e.beeindigd('2015-01-01', 'verhuizing');
  const events = [a, b, c1, c2, c3, d, e].flatMap((x) => x.feiten);

  it('hervattingsgrens 0 (default): no merging, only spells that started on or before E − 3 years', () => {
    expect(langdurig(replay(events), bij(0))).toEqual({ bijstand: 6, langdurig: 1, aandeel: 0.1667 });
    expect(jaarrapport(replay(events), parametersVoor(2015, { peildatum: '2016-03-01' })).langdurig.langdurig).toBe(1);
  });

  it('hervattingsgrens 10: a gap of 9 days (just under) merges; of 10 (not shorter) or 11 (just over) not', () => {
    expect(langdurig(replay(events), bij(10))).toEqual({ bijstand: 6, langdurig: 3, aandeel: 0.5 });
    const per = Object.fromEntries(bijdragen(replay(events), bij(10)).map((x) => [x.huishouden, x.langdurig]));
    expect(per).toEqual({
      'precies-drie-jaar': true,
      'een-dag-te-kort': false,
      'gat-9': true,
      'gat-10': false,
      'gat-11': false,
      'terug-op-een-dag': true,
      'geen-bijstand': false,
    });
  });

  it('hervattingsgrens 11 merges the gap of 10 too, 12 the gap of 11; 1 only the same-day return', () => {
    expect(langdurig(replay(events), bij(11)).langdurig).toBe(4);
    expect(langdurig(replay(events), bij(12)).langdurig).toBe(5);
    expect(langdurig(replay(events), bij(1)).langdurig).toBe(2);
  });

  it('E minus 3 years clamps a leap day: 2016-02-29 − 3 years = 2013-02-28', () => {
    const leap = new HuishoudenFeiten('schrikkel');
    leap.start('2013-02-28');
    const later = new HuishoudenFeiten('dag-later');
    later.start('2013-03-01');
    expect(langdurig(replay([...leap.feiten, ...later.feiten]), bij(0, '2016-02-29'))).toEqual({
      bijstand: 2,
      langdurig: 1,
      aandeel: 0.5,
    });
  });

  it('facts after E are not used: a later exit does not end the spell on E', () => {
    const x = new HuishoudenFeiten('later-uit');
    x.start('2012-01-01');
    x.loondienst('2016-06-01');
    expect(langdurig(replay(x.feiten), bij(0))).toEqual({ bijstand: 1, langdurig: 1, aandeel: 1 });
  });
});

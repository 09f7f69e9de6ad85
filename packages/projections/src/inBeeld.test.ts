// MEETREGELS §7.2 In beeld, golden values computed by hand (Y = 2014, E = 2015-12-31).
import { describe, expect, it } from 'vitest';
import { bijdragen } from './bijdrage.js';
import { replay } from './engine/state.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { inBeeld } from './inBeeld.js';

describe('MEETREGELS §7.2 In beeld: a contact inside the spell that contains E', () => {
  const h = (id: string, make: (x: HuishoudenFeiten) => void): HuishoudenFeiten => {
    const x = new HuishoudenFeiten(id);
    make(x);
    return x;
  };
  const households = [
    h('in-spell', (x) => {
      x.start('2014-01-01');
      x.inBeeld('2015-03-01');
    }),
    h('na-peildatum', (x) => {
      x.start('2014-01-01');
      x.inBeeld('2016-01-05'); // not yet known on E
    }),
    h('vorige-spell', (x) => {
      x.start('2012-01-01');
      x.inBeeld('2012-06-01');
      x.beeindigd('2013-01-01', 'verhuizing');
      x.start('2014-01-01');
    }),
    h('eerste-dag', (x) => {
      x.start('2015-05-01');
      x.inBeeld('2015-05-01');
    }),
    h('geen-bijstand', (x) => {
      x.start('2014-01-01');
      x.inBeeld('2015-01-01');
      x.loondienst('2015-06-01');
    }),
    h('voor-de-start', (x) => {
      x.inBeeld('2013-12-31');
      x.start('2014-01-01');
    }),
    h('op-de-peildatum', (x) => {
      x.start('2014-01-01');
      x.inBeeld('2015-12-31');
    }),
    h('terug-op-een-dag', (x) => {
      // An exit and a return on one day end one spell and start another.
      x.start('2013-01-01');
      x.inBeeld('2014-05-01');
      x.loondienst('2014-08-01');
      x.terugval('2014-08-01', 'WWB');
    }),
  ];
  const events = households.flatMap((x) => x.feiten);

  it('of the households with bijstand on E, those in beeld in that spell', () => {
    expect(inBeeld(replay(events), parametersVoor(2014, { peildatum: '2015-12-31' }))).toEqual({
      bijstand: 7,
      inBeeld: 3,
      aandeel: 0.4286,
    });
    const per = Object.fromEntries(
      bijdragen(replay(events), parametersVoor(2014, { peildatum: '2015-12-31' })).map((b) => [
        b.huishouden,
        b.inBeeld,
      ]),
    );
    expect(per).toEqual({
      'in-spell': true,
      'na-peildatum': false,
      'vorige-spell': false,
      'eerste-dag': true,
      'geen-bijstand': false,
      'voor-de-start': false,
      'op-de-peildatum': true,
      'terug-op-een-dag': false,
    });
  });

  it('a later peildatum sees the contact dated after the first one', () => {
    expect(inBeeld(replay(events), parametersVoor(2014, { peildatum: '2016-02-01' }))).toEqual({
      bijstand: 7,
      inBeeld: 4,
      aandeel: 0.5714,
    });
  });

  it('null share when nobody has bijstand on E', () => {
    expect(inBeeld(replay([]), parametersVoor(2014))).toEqual({ bijstand: 0, inBeeld: 0, aandeel: null });
  });
});

// MEETREGELS §7.2 Schuldhulp, golden values computed by hand (Y = 2014).
import { describe, expect, it } from 'vitest';
import { replay } from './engine/state.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { schuldhulp } from './schuldhulp.js';

describe('MEETREGELS §7.2 Schuldhulp', () => {
  const h = (id: string, make: (x: HuishoudenFeiten) => void) => {
    const x = new HuishoudenFeiten(id);
    make(x);
    return x.feiten;
  };
  const events = [
    ...h('loopt', (x) => x.schuldhulp('2013-03-01', 's')),
    ...h('eindigt-ervoor', (x) => {
      x.schuldhulp('2013-01-01', 's');
      x.schuldhulpEinde('2013-12-31', 's', 'minnelijk-geslaagd');
    }),
    ...h('eindigt-op-1-januari', (x) => {
      x.schuldhulp('2013-01-01', 's');
      x.schuldhulpEinde('2014-01-01', 's', 'minnelijk-geslaagd');
    }),
    ...h('start-31-december', (x) => x.schuldhulp('2014-12-31', 's')),
    ...h('start-volgend-jaar', (x) => x.schuldhulp('2015-01-01', 's')),
    ...h('twee-in-jaar', (x) => {
      x.schuldhulp('2014-01-10', 'd1');
      x.schuldhulpEinde('2014-05-01', 'd1', 'minnelijk-mislukt');
      x.schuldhulp('2014-06-01', 'd2');
      x.schuldhulpEinde('2014-09-01', 'd2', 'wsnp');
    }),
    ...h('geslaagd', (x) => {
      x.schuldhulp('2014-02-01', 's');
      x.schuldhulpEinde('2014-11-01', 's', 'minnelijk-geslaagd');
    }),
    ...h('overig', (x) => {
      x.schuldhulp('2012-02-01', 's');
      x.schuldhulpEinde('2014-06-01', 's', 'overig');
    }),
  ];

  it('households running on a day of Y; ends in Y per resultaat; the share of amicable successes', () => {
    expect(schuldhulp(replay(events), parametersVoor(2014))).toEqual({
      huishoudens: 6,
      beeindigd: { 'minnelijk-geslaagd': 2, 'minnelijk-mislukt': 1, wsnp: 1, uitgevallen: 0, overig: 1 },
      aandeelMinnelijkGeslaagd: 0.6667,
    });
  });

  it('null share without amicable ends', () => {
    // 2016: the three without an end still run (started 2013, 2014 and 2015).
    expect(schuldhulp(replay(events), parametersVoor(2016))).toEqual({
      huishoudens: 3,
      beeindigd: { 'minnelijk-geslaagd': 0, 'minnelijk-mislukt': 0, wsnp: 0, uitgevallen: 0, overig: 0 },
      aandeelMinnelijkGeslaagd: null,
    });
  });
});

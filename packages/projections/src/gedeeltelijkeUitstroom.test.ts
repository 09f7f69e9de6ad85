// MEETREGELS §4.4 Gedeeltelijke uitstroom: golden scenarios, values computed by hand.
import type { Recorded } from '@zelfredzaam/domain';
import { describe, expect, it } from 'vitest';
import { bijdragen } from './bijdrage.js';
import { replay } from './engine/state.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { gedeeltelijkeUitstroom } from './gedeeltelijkeUitstroom.js';

const p2014 = parametersVoor(2014);

describe('MEETREGELS §4.4 gedeeltelijke uitstroom', () => {
  it('income in the exit month counts (bijstand on at least one day of it); income after it is skipped', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2013-01-01');
    h.loondienst('2014-03-15');
    h.inkomsten('2014-03', 30_000);
    h.inkomsten('2014-04', 30_000); // no bijstand in April: skipped and counted (§2)
    const [b] = bijdragen(replay(h.feiten), p2014);
    expect(b).toMatchObject({ gedeeltelijkeUitstroom: 'loondienst', maanden: 1, totaalCent: 30_000, genegeerd: 1 });
  });

  it('each household under the source with the larger income over its months of Y; a tie goes to loondienst', () => {
    const gelijk = new HuishoudenFeiten('h-gelijk');
    gelijk.start('2013-01-01');
    gelijk.inkomsten('2014-02', 40_000, 'onderneming');
    gelijk.inkomsten('2014-05', 25_000, 'loondienst');
    gelijk.inkomsten('2014-05', 15_000, 'loondienst');
    const ondernemer = new HuishoudenFeiten('h-ondernemer');
    ondernemer.start('2013-01-01');
    ondernemer.inkomsten('2014-02', 40_001, 'onderneming');
    ondernemer.inkomsten('2014-03', 40_000, 'loondienst');
    ondernemer.inkomsten('2013-03', 90_000, 'loondienst'); // another year: does not count for 2014
    const zonder = new HuishoudenFeiten('h-zonder');
    zonder.start('2014-06-01');
    const vorigJaar = new HuishoudenFeiten('h-vorig-jaar');
    vorigJaar.start('2012-01-01');
    vorigJaar.beeindigd('2013-05-01', 'verhuizing');
    const state = replay([...gelijk.feiten, ...ondernemer.feiten, ...zonder.feiten, ...vorigJaar.feiten]);
    expect(gedeeltelijkeUitstroom(state, p2014)).toEqual({
      loondienst: 1,
      onderneming: 1,
      totaal: 2,
      bijstandshuishoudens: 3,
      aandeel: 0.6667,
    });
  });

  it('reports of one month are summed into one household-month', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2013-01-01');
    h.inkomsten('2014-02', 10_000);
    h.inkomsten('2014-02', 5_000, 'onderneming');
    const [b] = bijdragen(replay(h.feiten), p2014);
    expect(b).toMatchObject({ maanden: 1, totaalCent: 15_000, gedeeltelijkeUitstroom: 'loondienst' });
  });

  it('bijstandshuishoudens uses every fact in Y, even after the peildatum (§3)', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2014-09-01');
    h.inkomsten('2014-10', 10_000);
    const r = gedeeltelijkeUitstroom(replay(h.feiten), parametersVoor(2014, { peildatum: '2014-06-30' }));
    expect(r).toEqual({ loondienst: 1, onderneming: 0, totaal: 1, bijstandshuishoudens: 1, aandeel: 1 });
  });

  it('the share is rounded half up to 4 decimals (1/32 = 0.03125 → 0.0313) and null for 0/0', () => {
    const feiten: Recorded[] = [];
    for (let i = 0; i < 32; i++) {
      const h = new HuishoudenFeiten(`h-${i}`);
      h.start('2014-01-01');
      if (i === 0) h.inkomsten('2014-01', 1);
      feiten.push(...h.feiten);
    }
    expect(gedeeltelijkeUitstroom(replay(feiten), p2014).aandeel).toBe(0.0313);
    expect(gedeeltelijkeUitstroom(replay([]), p2014).aandeel).toBeNull();
  });
});

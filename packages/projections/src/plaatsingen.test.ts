// MEETREGELS §7.2 Plaatsingen, golden values computed by hand.
import { describe, expect, it } from 'vitest';
import { replay } from './engine/state.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { plaatsingen } from './plaatsingen.js';

describe('MEETREGELS §7.2 Plaatsingen: facts, not households', () => {
  const a = new HuishoudenFeiten('a');
  a.geplaatst('2013-05-01', 'sroi');
  a.geplaatst('2014-02-01', 'sroi');
  a.geplaatst('2014-02-01', 'sroi'); // two placements on one day: two
  a.geplaatst('2014-12-31', 'banenplan');
  a.geplaatst('2015-06-01', 'afspraakbaan'); // after Y, on or before E: cumulatief only
  a.geplaatst('2016-01-01', 'beschut-nieuw'); // after E: not at all
  const b = new HuishoudenFeiten('b');
  b.geplaatst('2014-03-01', 'afspraakbaan');
  const wrong = b.geplaatst('2014-04-01', 'banenplan');
  b.intrekking(wrong);
  const events = [...a.feiten, ...b.feiten];

  it('inJaar: datum in Y; cumulatief: from the first fact up to E', () => {
    expect(plaatsingen(replay(events), parametersVoor(2014, { peildatum: '2015-12-31' }))).toEqual({
      sroi: { inJaar: 2, cumulatief: 3 },
      afspraakbaan: { inJaar: 1, cumulatief: 2 },
      'beschut-nieuw': { inJaar: 0, cumulatief: 0 },
      banenplan: { inJaar: 1, cumulatief: 1 },
    });
  });

  it('a peildatum inside Y: inJaar still counts every fact in Y, cumulatief stops at E', () => {
    expect(plaatsingen(replay(events), parametersVoor(2014, { peildatum: '2014-06-30' }))).toEqual({
      sroi: { inJaar: 2, cumulatief: 3 },
      afspraakbaan: { inJaar: 1, cumulatief: 1 },
      'beschut-nieuw': { inJaar: 0, cumulatief: 0 },
      banenplan: { inJaar: 1, cumulatief: 0 },
    });
  });
});

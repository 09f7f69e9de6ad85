// MEETREGELS §7.2 Minima, golden values computed by hand (Y = 2014).
import { describe, expect, it } from 'vitest';
import { replay } from './engine/state.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { minima } from './minima.js';

describe('MEETREGELS §7.2 Minima: distinct households with a scheme granted in Y', () => {
  it('counts each household once, on the first and the last day of Y, not outside it', () => {
    const events = [
      ['eerste-dag', ['2014-01-01']],
      ['dag-ervoor', ['2013-12-31']],
      ['twee-keer', ['2014-03-01', '2014-09-01']],
      ['laatste-dag', ['2014-12-31']],
      ['volgend-jaar', ['2015-01-01']],
    ].flatMap(([id, dates]) => {
      const h = new HuishoudenFeiten(String(id));
      for (const d of dates as string[]) h.minima(d, d === '2014-09-01' ? 'Kindpakket' : 'Individuele inkomenstoeslag');
      return h.feiten;
    });
    expect(minima(replay(events), parametersVoor(2014))).toEqual({ huishoudens: 3 });
    // Every fact in Y counts, also one after a peildatum inside Y.
    expect(minima(replay(events), parametersVoor(2014, { peildatum: '2014-02-01' }))).toEqual({ huishoudens: 3 });
  });
});

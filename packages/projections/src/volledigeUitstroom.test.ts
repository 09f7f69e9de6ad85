// MEETREGELS §4.1 Volledige uitstroom: golden scenarios, values computed by hand.
import { describe, expect, it } from 'vitest';
import { replay } from './engine/state.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { volledigeUitstroom } from './volledigeUitstroom.js';

describe('MEETREGELS §4.1 volledige uitstroom', () => {
  it('several exits in one year with different reasons count once, under the first in the timeline', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2013-01-01');
    h.opleiding('2014-03-01');
    h.terugval('2014-05-01', 'WWB');
    h.loondienst('2014-09-01');
    h.terugval('2014-10-01', 'WWB');
    h.onderneming('2014-11-01');
    expect(volledigeUitstroom(replay(h.feiten), parametersVoor(2014))).toEqual({
      loondienst: 0,
      onderneming: 0,
      opleiding: 1,
      totaal: 1,
    });
  });

  it('the first qualifying exit counts even when an exit for another reason comes first', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2013-01-01');
    h.beeindigd('2014-02-01', 'verhuizing');
    h.start('2014-04-01');
    h.onderneming('2014-06-01');
    expect(volledigeUitstroom(replay(h.feiten), parametersVoor(2014)).onderneming).toBe(1);
  });

  it('counts exits from Y-01-01 to Y-12-31, and none of another year or reason', () => {
    const feiten = [];
    const datums = ['2013-12-31', '2014-01-01', '2014-12-31', '2015-01-01'];
    for (const [i, d] of datums.entries()) {
      const h = new HuishoudenFeiten(`h-${i}`);
      h.start('2012-01-01');
      h.loondienst(d);
      feiten.push(...h.feiten);
    }
    const anders = new HuishoudenFeiten('h-anders');
    anders.start('2012-01-01');
    anders.beeindigd('2014-06-01', 'partner-inkomen');
    const doorlopend = new HuishoudenFeiten('h-loopt-door');
    doorlopend.start('2012-01-01');
    doorlopend.loondienst('2014-06-01', 'loopt-door');
    const state = replay([...feiten, ...anders.feiten, ...doorlopend.feiten]);
    expect(volledigeUitstroom(state, parametersVoor(2014))).toEqual({
      loondienst: 2,
      onderneming: 0,
      opleiding: 0,
      totaal: 2,
    });
  });

  it('uses every fact in Y: an exit after the peildatum still counts (§3)', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2013-01-01');
    h.loondienst('2014-11-01');
    const p = parametersVoor(2014, {}, '2014-07-01');
    expect(p.peildatum).toBe('2014-07-01');
    expect(volledigeUitstroom(replay(h.feiten), p).totaal).toBe(1);
  });
});

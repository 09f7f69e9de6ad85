// MEETREGELS §4.2 Duurzaamheid: golden scenarios, values computed by hand.

import type { Recorded } from '@zelfredzaam/domain';
import { describe, expect, it } from 'vitest';
import { bijdragen } from './bijdrage.js';
import { duurzaamheid } from './duurzaamheid.js';
import { replay } from './engine/state.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';

const status = (feiten: readonly Recorded[], evaluatiedatum = '2015-12-31') =>
  bijdragen(replay(feiten), parametersVoor(2014, { evaluatiedatum }))[0]?.duurzaamheid;

const uit = (d: string): HuishoudenFeiten => {
  const h = new HuishoudenFeiten('h-1');
  h.start('2013-01-01');
  h.loondienst(d);
  return h;
};

describe('MEETREGELS §4.2 duurzaamheid', () => {
  it('a month-end exit: 2014-08-31 + 6 months = 2015-02-28, so 2015-02-27 is the window’s last day', () => {
    const binnen = uit('2014-08-31');
    binnen.terugval('2015-02-27', 'WWB');
    expect(status(binnen.feiten)).toBe('teruggevallen');
    const erbuiten = uit('2014-08-31');
    erbuiten.terugval('2015-02-28', 'WWB'); // r = w: the first day outside the window
    expect(status(erbuiten.feiten)).toBe('duurzaam');
  });

  it('a return on the same day as the exit is a return (r = d < w)', () => {
    const h = uit('2014-05-01');
    h.terugval('2014-05-01', 'WWB');
    expect(status(h.feiten)).toBe('teruggevallen');
  });

  it('a fall back onto WW does not break independence; WWB after it inside the window does', () => {
    const ww = uit('2014-05-01');
    ww.terugval('2014-06-01', 'WW');
    expect(status(ww.feiten)).toBe('duurzaam');
    const wwDanWwb = uit('2014-05-01');
    wwDanWwb.terugval('2014-06-01', 'WW');
    wwDanWwb.terugval('2014-10-31', 'WWB');
    expect(status(wwDanWwb.feiten)).toBe('teruggevallen');
  });

  it('a new UitkeringGestart after an exit is a return', () => {
    const h = uit('2014-05-01');
    h.start('2014-07-15');
    expect(status(h.feiten)).toBe('teruggevallen');
  });

  it('nogOnbekend while the window is open at V, duurzaam from V = w on', () => {
    const h = uit('2014-08-31');
    expect(status(h.feiten, '2015-02-27')).toBe('nogOnbekend');
    expect(status(h.feiten, '2015-02-28')).toBe('duurzaam');
  });

  it('the evaluatiedatum cuts facts after V: a return inside the window but after V is not yet known', () => {
    const h = uit('2014-08-31');
    h.terugval('2015-02-01', 'WWB');
    expect(status(h.feiten, '2015-01-31')).toBe('nogOnbekend');
    expect(status(h.feiten, '2015-02-01')).toBe('teruggevallen');
  });

  it('per household: duurzaam if one exit in Y is, else nogOnbekend if one is, else teruggevallen', () => {
    const h = uit('2014-01-10');
    h.terugval('2014-02-10', 'WWB'); // teruggevallen
    h.opleiding('2014-03-10'); // duurzaam at 2015-12-31
    expect(status(h.feiten)).toBe('duurzaam');
    const k = uit('2014-01-10');
    k.terugval('2014-02-10', 'WWB'); // teruggevallen
    k.onderneming('2014-12-01'); // window ends 2015-06-01
    expect(status(k.feiten, '2015-03-01')).toBe('nogOnbekend');
    expect(status(k.feiten, '2015-06-01')).toBe('duurzaam');
  });

  it('totals and the share: aandeelDuurzaam = duurzaam / (duurzaam + teruggevallen), half up to 4 decimals', () => {
    // 1 duurzaam, 31 teruggevallen: 1/32 = 0.03125 → 0.0313 (half up), plus one nogOnbekend.
    const feiten: Recorded[] = [];
    for (let i = 0; i < 33; i++) {
      const h = new HuishoudenFeiten(`h-${i}`);
      h.start('2013-01-01');
      h.loondienst(i === 32 ? '2014-12-20' : '2014-03-01');
      if (i > 0 && i < 32) h.terugval('2014-04-01', 'WWB');
      feiten.push(...h.feiten);
    }
    expect(duurzaamheid(replay(feiten), parametersVoor(2014, { evaluatiedatum: '2015-01-31' }))).toEqual({
      uitstroom: 33,
      duurzaam: 1,
      teruggevallen: 31,
      nogOnbekend: 1,
      aandeelDuurzaam: 0.0313,
    });
  });

  it('aandeelDuurzaam is null when there is nothing to divide (0/0)', () => {
    const h = uit('2014-12-01');
    expect(duurzaamheid(replay(h.feiten), parametersVoor(2014, { evaluatiedatum: '2015-01-01' }))).toEqual({
      uitstroom: 1,
      duurzaam: 0,
      teruggevallen: 0,
      nogOnbekend: 1,
      aandeelDuurzaam: null,
    });
  });

  it('2.0: the peildatum E does not judge the window, the evaluatiedatum V does (E = Y-12-31, V later)', () => {
    // A stock on Y-12-31 and a return after it: E counts the stock on 2014-12-31, V judges the exit.
    const h = uit('2014-10-15');
    h.terugval('2015-02-01', 'WWB');
    const p = parametersVoor(2014, { peildatum: '2014-12-31', evaluatiedatum: '2015-06-30' });
    expect(bijdragen(replay(h.feiten), p)[0]).toMatchObject({ duurzaamheid: 'teruggevallen', opPeildatum: false });
    const q = parametersVoor(2014, { peildatum: '2015-06-30', evaluatiedatum: '2014-12-31' });
    expect(bijdragen(replay(h.feiten), q)[0]).toMatchObject({ duurzaamheid: 'nogOnbekend', opPeildatum: true });
  });

  it('2.0 defaults: with today after (Y+1)-06-30 no exit of Y is nogOnbekend', () => {
    const h = uit('2014-12-31');
    expect(status(h.feiten, parametersVoor(2014).evaluatiedatum)).toBe('duurzaam');
    expect(parametersVoor(2014, {}, '2015-07-01').evaluatiedatum).toBe('2015-06-30');
    expect(parametersVoor(2014, {}, '2015-03-01').evaluatiedatum).toBe('2015-03-01');
  });
});

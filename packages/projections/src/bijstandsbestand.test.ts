// MEETREGELS §4.7 Bijstandsbestand: golden scenarios, values computed by hand.
import type { Recorded } from '@zelfredzaam/domain';
import { describe, expect, it } from 'vitest';
import { bijstandsbestand } from './bijstandsbestand.js';
import { replay } from './engine/state.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';

const huishouden = (id: string, ...stappen: ((h: HuishoudenFeiten) => void)[]): Recorded[] => {
  const h = new HuishoudenFeiten(id);
  for (const stap of stappen) stap(h);
  return h.feiten;
};

describe('MEETREGELS §4.7 bijstandsbestand', () => {
  const feiten = [
    ...huishouden('h-loopt', (h) => h.start('2010-01-01')),
    ...huishouden(
      'h-tot-1-jan',
      (h) => h.start('2010-01-01'),
      (h) => h.loondienst('2014-01-01'), // last day of bijstand 2013-12-31: not in 2014
    ),
    ...huishouden(
      'h-tot-2-jan',
      (h) => h.start('2010-01-01'),
      (h) => h.loondienst('2014-01-02'),
    ),
    ...huishouden('h-31-dec', (h) => h.start('2014-12-31')),
    ...huishouden('h-volgend-jaar', (h) => h.start('2015-01-01')),
    ...huishouden(
      'h-ww',
      (h) => h.start('2013-01-01'),
      (h) => h.loondienst('2013-06-01'),
      (h) => h.terugval('2013-08-01', 'WW'),
    ),
  ];

  it('opPeildatum: bijstand on E; inJaar: bijstand on at least one day of Y', () => {
    expect(bijstandsbestand(replay(feiten), parametersVoor(2014, { peildatum: '2014-12-31' }))).toEqual({
      opPeildatum: 2,
      inJaar: 3,
    });
  });

  it('facts dated after E are not used for opPeildatum; 2.0: inJaar uses every fact dated in Y, whatever E', () => {
    expect(bijstandsbestand(replay(feiten), parametersVoor(2014, { peildatum: '2014-12-30' }))).toEqual({
      opPeildatum: 1,
      inJaar: 3,
    });
  });

  it('an exit on E: E is the first day without bijstand', () => {
    const h = huishouden(
      'h-1',
      (x) => x.start('2014-01-01'),
      (x) => x.loondienst('2014-06-30'),
    );
    expect(bijstandsbestand(replay(h), parametersVoor(2014, { peildatum: '2014-06-30' })).opPeildatum).toBe(0);
    expect(bijstandsbestand(replay(h), parametersVoor(2014, { peildatum: '2014-06-29' })).opPeildatum).toBe(1);
  });
});

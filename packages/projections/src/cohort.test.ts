// MEETREGELS §4.3 Cohortstatus op meetdatum: golden scenarios, values computed by hand.
import type { Recorded } from '@zelfredzaam/domain';
import { describe, expect, it } from 'vitest';
import { cohort } from './cohort.js';
import { replay } from './engine/state.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';

const p = parametersVoor(2014, { meetdatum: '2015-06-30' });

describe('MEETREGELS §4.3 cohortstatus op meetdatum', () => {
  it('each status from the state after all facts dated ≤ M; the four add up to omvang', () => {
    const feiten: Recorded[] = [];
    const nieuw = (
      id: string,
      exit: (h: HuishoudenFeiten) => void,
      daarna: (h: HuishoudenFeiten) => void = () => {},
    ) => {
      const h = new HuishoudenFeiten(id);
      h.start('2013-01-01');
      exit(h);
      daarna(h);
      feiten.push(...h.feiten);
    };
    nieuw('h-werk', (h) => h.loondienst('2014-03-01'));
    nieuw('h-ondernemer', (h) => h.onderneming('2014-03-01'));
    nieuw(
      'h-ww',
      (h) => h.loondienst('2014-03-01'),
      (h) => h.terugval('2014-09-01', 'WW'),
    );
    nieuw(
      'h-wwb',
      (h) => h.loondienst('2014-03-01'),
      (h) => h.terugval('2015-06-30', 'WWB'),
    );
    nieuw(
      'h-overig',
      (h) => h.onderneming('2014-03-01'),
      (h) => {
        h.terugval('2014-04-01', 'WWB');
        h.beeindigd('2014-08-01', 'detentie');
      },
    );
    nieuw(
      'h-opnieuw-aan-het-werk',
      (h) => h.loondienst('2014-03-01'),
      (h) => {
        h.terugval('2014-04-01', 'WWB');
        h.opleiding('2014-08-01'); // uit(opleiding) is not work: overig
      },
    );
    nieuw(
      'h-na-meetdatum-terug',
      (h) => h.loondienst('2014-03-01'),
      (h) => h.terugval('2015-07-01', 'WWB'),
    );
    nieuw('h-opleiding', (h) => h.opleiding('2014-03-01')); // not in the cohort
    nieuw('h-verhuisd', (h) => h.beeindigd('2014-03-01', 'verhuizing')); // not in the cohort
    nieuw('h-vorig-jaar', (h) => h.loondienst('2013-12-31')); // not in the cohort
    expect(cohort(replay(feiten), p)).toEqual({
      meetdatum: '2015-06-30',
      omvang: 7,
      aanHetWerk: 3,
      ww: 1,
      wwb: 1,
      overig: 2,
    });
  });

  it('only exits with d ≤ M count', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2013-01-01');
    h.loondienst('2014-09-01');
    const state = replay(h.feiten);
    expect(cohort(state, parametersVoor(2014, { meetdatum: '2014-08-31' })).omvang).toBe(0);
    expect(cohort(state, parametersVoor(2014, { meetdatum: '2014-09-01' })).aanHetWerk).toBe(1);
  });

  it('a household with two exits to work in Y counts once', () => {
    const h = new HuishoudenFeiten('h-1');
    h.start('2013-01-01');
    h.loondienst('2014-02-01');
    h.terugval('2014-03-01', 'WWB');
    h.onderneming('2014-05-01');
    expect(cohort(replay(h.feiten), p)).toMatchObject({ omvang: 1, aanHetWerk: 1 });
  });

  it('2.0: meetdatum defaults to the evaluatiedatum, not the peildatum', () => {
    expect(parametersVoor(2014, { evaluatiedatum: '2015-03-01' }).meetdatum).toBe('2015-03-01');
    expect(parametersVoor(2014, { peildatum: '2014-10-01' }).meetdatum).toBe('2015-06-30');
  });
});

// MEETREGELS §3, restatement: as published (kennisdatum = publication date), as known now, and
// the difference.
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { replay } from './engine/state.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { herziening } from './herziening.js';

describe('MEETREGELS §3 herziening', () => {
  const a = new HuishoudenFeiten('h-a');
  a.start('2013-01-01', { recordedAt: '2013-01-02T09:00:00.000Z' });
  const exit = a.loondienst('2014-03-01', 'beeindigd', { recordedAt: '2014-03-02T09:00:00.000Z' });
  const b = new HuishoudenFeiten('h-b');
  b.start('2013-01-01', { recordedAt: '2013-01-02T09:00:00.000Z' });
  // Registered after the report of 2014 was published (2015-04-15): an exit, and a retraction.
  b.opleiding('2014-06-01', { recordedAt: '2015-05-01T09:00:00.000Z' });
  a.intrekking(exit, { recordedAt: '2015-06-01T09:00:00.000Z' });
  const state = replay([...a.feiten, ...b.feiten]);

  it('gives the report as published, as known now, and nu − gepubliceerd', () => {
    const h = herziening(state, parametersVoor(2014), '2015-04-15');
    expect(isRight(h)).toBe(true);
    if (!isRight(h)) return;
    expect(h.right.gepubliceerd.kennisdatum).toBe('2015-04-15');
    expect(h.right.gepubliceerd.volledigeUitstroom).toEqual({ loondienst: 1, onderneming: 0, opleiding: 0, totaal: 1 });
    expect(h.right.nu.kennisdatum).toBeNull();
    expect(h.right.nu.volledigeUitstroom).toEqual({ loondienst: 0, onderneming: 0, opleiding: 1, totaal: 1 });
    expect(h.right.verschil.volledigeUitstroom).toEqual({ loondienst: -1, onderneming: 0, opleiding: 1, totaal: 0 });
    // a is on bijstand again, b left it: one for one on the peildatum.
    expect(h.right.verschil.bijstandsbestand).toEqual({ opPeildatum: 0, inJaar: 0 });
    expect(h.right.verschil.cohort).toEqual({ omvang: -1, aanHetWerk: -1, ww: 0, wwb: 0, overig: 0 });
  });

  it('null stays null, and shares differ exactly in 4 decimals', () => {
    const h = herziening(state, parametersVoor(2014), '2015-04-15');
    if (!isRight(h)) throw new Error('expected a restatement');
    expect(h.right.verschil.gemiddeldInkomen).toEqual({
      maanden: 0,
      totaalCent: 0,
      gemiddeldCent: null,
      gemiddeldEuro: null,
    });
    expect(h.right.verschil.duurzaamheid.aandeelDuurzaam).toBe(0);
    expect(h.right.verschil.gedeeltelijkeUitstroom.aandeel).toBe(0);
  });

  it('refuses a publication date that is neither a date nor an instant', () => {
    expect(isLeft(herziening(state, parametersVoor(2014), '15-04-2015'))).toBe(true);
  });
});

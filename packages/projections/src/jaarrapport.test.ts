// MEETREGELS §5: the report object, exactly; and every figure on its own equals its part of it.
import { geldigeGeschiedenis } from '@zelfredzaam/domain/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bijstandsbestand } from './bijstandsbestand.js';
import { cohort } from './cohort.js';
import { duurzaamheid } from './duurzaamheid.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { gedeeltelijkeUitstroom } from './gedeeltelijkeUitstroom.js';
import { gemiddeldInkomen } from './gemiddeldInkomen.js';
import { jaarrapport } from './jaarrapport.js';
import { replay } from './state.js';
import { volledigeUitstroom } from './volledigeUitstroom.js';

describe('MEETREGELS §5 jaarrapport', () => {
  it('is exactly the contract’s JSON object, keys in its order', () => {
    const a = new HuishoudenFeiten('h-a');
    a.start('2013-05-01');
    a.inkomsten('2014-01', 47_400);
    a.loondienst('2014-02-10');
    const b = new HuishoudenFeiten('h-b');
    b.start('2014-03-01');
    b.inkomsten('2014-04', 20_000, 'onderneming');
    b.inkomsten('2014-05', 20_001, 'onderneming');
    b.loondienst('2014-05-01'); // recorded after May's income: that income is now skipped
    const r = jaarrapport(replay([...a.feiten, ...b.feiten]), parametersVoor(2014, {}, '2022-01-01'));
    expect(JSON.stringify(r)).toBe(
      JSON.stringify({
        jaar: 2014,
        peildatum: '2015-12-31',
        meetdatum: '2015-12-31',
        kennisdatum: null,
        volledigeUitstroom: { loondienst: 2, onderneming: 0, opleiding: 0, totaal: 2 },
        duurzaamheid: { uitstroom: 2, duurzaam: 2, teruggevallen: 0, nogOnbekend: 0, aandeelDuurzaam: 1 },
        cohort: { meetdatum: '2015-12-31', omvang: 2, aanHetWerk: 2, ww: 0, wwb: 0, overig: 0 },
        gedeeltelijkeUitstroom: { loondienst: 1, onderneming: 1, totaal: 2, bijstandshuishoudens: 2, aandeel: 1 },
        gemiddeldInkomen: { maanden: 2, totaalCent: 67_400, gemiddeldCent: 33_700, gemiddeldEuro: 337 },
        bijstandsbestand: { opPeildatum: 0, inJaar: 2 },
        diagnose: { genegeerd: 1 },
      }),
    );
  });

  it('each figure on its own gives the numbers of the one-pass report', () => {
    fc.assert(
      fc.property(geldigeGeschiedenis(), fc.integer({ min: 2010, max: 2017 }), (events, jaar) => {
        const state = replay(events);
        const p = parametersVoor(jaar);
        const r = jaarrapport(state, p);
        expect(volledigeUitstroom(state, p)).toEqual(r.volledigeUitstroom);
        expect(duurzaamheid(state, p)).toEqual(r.duurzaamheid);
        expect(cohort(state, p)).toEqual(r.cohort);
        expect(gedeeltelijkeUitstroom(state, p)).toEqual(r.gedeeltelijkeUitstroom);
        expect(gemiddeldInkomen(state, p)).toEqual(r.gemiddeldInkomen);
        expect(bijstandsbestand(state, p)).toEqual(r.bijstandsbestand);
      }),
      { numRuns: 200 },
    );
  });
});

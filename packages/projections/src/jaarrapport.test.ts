// MEETREGELS §5: the report object, exactly; and every figure on its own equals its part of it.
import { formatInstant, parseInstant } from '@zelfredzaam/domain';
import { geldigeGeschiedenis } from '@zelfredzaam/domain/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allianties } from './allianties.js';
import { bijstandsbestand } from './bijstandsbestand.js';
import { cohort } from './cohort.js';
import { duurzaamheid } from './duurzaamheid.js';
import { emptyState, replay } from './engine/state.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { gedeeltelijkeUitstroom } from './gedeeltelijkeUitstroom.js';
import { gemiddeldInkomen } from './gemiddeldInkomen.js';
import { inBeeld } from './inBeeld.js';
import { jaarrapport, jaarrapporten } from './jaarrapport.js';
import { langdurig } from './langdurig.js';
import { minima } from './minima.js';
import { participatie } from './participatie.js';
import { plaatsingen } from './plaatsingen.js';
import { schuldhulp } from './schuldhulp.js';
import { stroom } from './stroom.js';
import { trajecten } from './trajecten.js';
import { volledigeUitstroom } from './volledigeUitstroom.js';

const LEEGE_UITSTROOM = {
  loondienst: 0,
  onderneming: 0,
  opleiding: 0,
  verhuizing: 0,
  overlijden: 0,
  'andere-uitkering': 0,
  detentie: 0,
  'partner-inkomen': 0,
  overig: 0,
};
const NIET_GEMETEN_7 = ['participatie', 'trajecten', 'plaatsingen', 'inBeeld', 'minima', 'schuldhulp', 'allianties'];

/** The keys of §7.3 when there are no §7 facts, exactly as the contract prints them. */
const LEEG_7 = {
  participatie: { gemeten: 0, gestegen: 0, gelijk: 0, gedaald: 0, groteVooruitgang: 0, overgangen: [] },
  trajecten: {},
  plaatsingen: {
    sroi: { inJaar: 0, cumulatief: 0 },
    afspraakbaan: { inJaar: 0, cumulatief: 0 },
    'beschut-nieuw': { inJaar: 0, cumulatief: 0 },
    banenplan: { inJaar: 0, cumulatief: 0 },
  },
  inBeeld: { bijstand: 0, inBeeld: 0, aandeel: null },
  langdurig: { bijstand: 0, langdurig: 0, aandeel: null },
  minima: { huishoudens: 0 },
  schuldhulp: {
    huishoudens: 0,
    beeindigd: { 'minnelijk-geslaagd': 0, 'minnelijk-mislukt': 0, wsnp: 0, uitgevallen: 0, overig: 0 },
    aandeelMinnelijkGeslaagd: null,
  },
  allianties: { inJaar: 0, totaal: 0 },
};

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
    const feiten = [...a.feiten, ...b.feiten];
    const r = jaarrapport(replay(feiten), parametersVoor(2014, {}, '2022-01-01'), { sha256: 'ab', versie: '1.2.3' });
    const laatste = formatInstant(Math.max(...feiten.map((f) => parseInstant(f.recordedAt) ?? 0)));
    expect(JSON.stringify(r)).toBe(
      JSON.stringify({
        jaar: 2014,
        peildatum: '2014-12-31',
        evaluatiedatum: '2015-06-30',
        meetdatum: '2015-06-30',
        kennisdatum: null,
        hervattingsgrens: 0,
        volledigeUitstroom: { loondienst: 2, onderneming: 0, opleiding: 0, totaal: 2 },
        duurzaamheid: { uitstroom: 2, duurzaam: 2, teruggevallen: 0, nogOnbekend: 0, aandeelDuurzaam: 1 },
        cohort: { meetdatum: '2015-06-30', omvang: 2, aanHetWerk: 2, ww: 0, wwb: 0, overig: 0 },
        gedeeltelijkeUitstroom: { loondienst: 1, onderneming: 1, totaal: 2, bijstandshuishoudens: 2, aandeel: 1 },
        gemiddeldInkomen: { maanden: 2, totaalCent: 67_400, gemiddeldCent: 33_700, gemiddeldEuro: 337 },
        bijstandsbestand: { opPeildatum: 0, inJaar: 2 },
        stroom: {
          beginstand: 1,
          instroom: { nieuw: 1, teruggevallen: 0, totaal: 1 },
          uitstroom: { ...LEEGE_UITSTROOM, loondienst: 2, totaal: 2 },
          eindstand: 0,
        },
        ...LEEG_7,
        nietGemeten: NIET_GEMETEN_7,
        bron: {
          feiten: 7,
          huishoudens: 2,
          laatsteRecordedAt: laatste,
          sha256: 'ab',
          meetregels: '2.0',
          versie: '1.2.3',
        },
        diagnose: { genegeerd: 1 },
      }),
    );
  });

  it('has every key of §7.3, zero or empty, when there are no facts at all (MEETREGELS §7.3)', () => {
    const r = jaarrapport(emptyState(), parametersVoor(2014));
    expect(JSON.stringify(r)).toBe(
      JSON.stringify({
        jaar: 2014,
        peildatum: '2014-12-31',
        evaluatiedatum: '2015-06-30',
        meetdatum: '2015-06-30',
        kennisdatum: null,
        hervattingsgrens: 0,
        volledigeUitstroom: { loondienst: 0, onderneming: 0, opleiding: 0, totaal: 0 },
        duurzaamheid: { uitstroom: 0, duurzaam: 0, teruggevallen: 0, nogOnbekend: 0, aandeelDuurzaam: null },
        cohort: { meetdatum: '2015-06-30', omvang: 0, aanHetWerk: 0, ww: 0, wwb: 0, overig: 0 },
        gedeeltelijkeUitstroom: { loondienst: 0, onderneming: 0, totaal: 0, bijstandshuishoudens: 0, aandeel: null },
        gemiddeldInkomen: { maanden: 0, totaalCent: 0, gemiddeldCent: null, gemiddeldEuro: null },
        bijstandsbestand: { opPeildatum: 0, inJaar: 0 },
        stroom: {
          beginstand: 0,
          instroom: { nieuw: 0, teruggevallen: 0, totaal: 0 },
          uitstroom: { ...LEEGE_UITSTROOM, totaal: 0 },
          eindstand: 0,
        },
        ...LEEG_7,
        nietGemeten: ['gedeeltelijkeUitstroom', 'gemiddeldInkomen', ...NIET_GEMETEN_7],
        bron: { feiten: 0, huishoudens: 0, laatsteRecordedAt: null, sha256: null, meetregels: '2.0', versie: null },
        diagnose: { genegeerd: 0 },
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
        expect(participatie(state, p)).toEqual(r.participatie);
        expect(trajecten(state, p)).toEqual(r.trajecten);
        expect(plaatsingen(state, p)).toEqual(r.plaatsingen);
        expect(inBeeld(state, p)).toEqual(r.inBeeld);
        expect(langdurig(state, p)).toEqual(r.langdurig);
        expect(minima(state, p)).toEqual(r.minima);
        expect(schuldhulp(state, p)).toEqual(r.schuldhulp);
        expect(allianties(state, p)).toEqual(r.allianties);
        expect(stroom(state, p)).toEqual(r.stroom);
      }),
      { numRuns: 200 },
    );
  });

  it('a series in one pass (jaarrapporten) equals each year on its own, with and without kennisdatums', () => {
    fc.assert(
      fc.property(
        geldigeGeschiedenis(),
        fc.array(
          fc.record({
            jaar: fc.integer({ min: 2009, max: 2017 }),
            // None, a date, an instant, or relative to the year (each its own cut-off).
            kennisdatum: fc.constantFrom(undefined, '2018-06-30', '2020-01-01T12:00:00Z', '+1', '+2'),
            sha256: fc.constantFrom(undefined, 'ab'.repeat(32)),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (events, vragen) => {
          const state = replay(events);
          const parameters = vragen.map(({ jaar, kennisdatum }) =>
            parametersVoor(jaar, kennisdatum === undefined ? {} : { kennisdatum }),
          );
          const herkomst = vragen.map(({ sha256 }) => (sha256 === undefined ? {} : { sha256, versie: '9.9.9' }));
          const los = parameters.map((p, i) => jaarrapport(state, p, herkomst[i]));
          expect(jaarrapporten(state, parameters, herkomst)).toEqual(los);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('from JavaScript, parameters that resolveParameters did not make, and no state, are named, not a TypeError deep inside', () => {
    const state = emptyState();
    const p = parametersVoor(2015);
    // As plain JavaScript would call it: the Either itself, nothing, a kennisdatum of another kind.
    const call = (parameters: unknown) => () => jaarrapport(state, parameters as typeof p);
    expect(call({ _tag: 'Right', right: p })).toThrow(/dit is het Either van resolveParameters.*right/);
    expect(call(undefined)).toThrow(new RangeError('ongeldige parameters undefined: gebruik resolveParameters'));
    expect(call({ ...p, kennisdatum: 20150101 })).toThrow(/^ongeldige parameters \{.*\}: gebruik resolveParameters$/);
    expect(call({ ...p, kennisdatum: undefined })).toThrow(RangeError);
    // One set where a list belongs.
    expect(() => jaarrapporten(state, p as unknown as (typeof p)[])).toThrow(
      /^jaarrapporten: verwacht een lijst van parameters/,
    );
    expect(jaarrapporten(state, [p])).toEqual([jaarrapport(state, p)]);
    // Something else where the state belongs (a list of facts, nothing): named too.
    for (const [notAState, kind] of [
      [{}, 'object'],
      [[], 'object'],
      [null, 'null'],
      [undefined, 'undefined'],
    ] as const) {
      const message = `geen projectiestate (${kind}): maak er een met emptyState, apply of replay`;
      expect(() => jaarrapport(notAState as unknown as typeof state, p)).toThrow(new TypeError(message));
      expect(() => jaarrapporten(notAState as unknown as typeof state, [p])).toThrow(new TypeError(message));
      expect(() => volledigeUitstroom(notAState as unknown as typeof state, p)).toThrow(new TypeError(message));
    }
  });
});

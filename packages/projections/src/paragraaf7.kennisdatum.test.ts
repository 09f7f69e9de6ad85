// MEETREGELS §7 intro with §2 and §3: retraction (GebeurtenisIngetrokken) and the knowledge
// cut-off (kennisdatum) apply unchanged to every §7 fact and figure. One history, three cut-offs,
// golden values computed by hand (Y = 2014, E = 2015-12-31).
import { decide, type Recorded, streamNameOf } from '@zelfredzaam/domain';
import { isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { replay } from './engine/state.js';
import { HuishoudenFeiten, WerkgeverFeiten } from './fixtures/feiten.js';
import { parametersVoor } from './fixtures/parameters.js';
import { jaarrapport } from './jaarrapport.js';
import type { Jaarrapport } from './types.js';

const at = (datum: string) => ({ recordedAt: `${datum}T12:00:00.000Z` });

// Placements: P2 is retracted in 2015, P3 registered late in 2015.
const p = new HuishoudenFeiten('plaatsing');
p.geplaatst('2014-03-01', 'sroi');
const p2 = p.geplaatst('2014-05-01', 'afspraakbaan');
p.intrekking(p2, at('2015-01-10'));
p.geplaatst('2014-09-01', 'banenplan', at('2015-01-20'));

// In beeld: on bijstand since 2012; the contact of April is retracted in August, the one of
// October registered in January.
const ib = new HuishoudenFeiten('in-beeld');
ib.start('2012-01-01');
const contact = ib.inBeeld('2014-04-01');
ib.intrekking(contact, at('2014-08-01'));
ib.inBeeld('2014-10-01', at('2015-01-20'));

// Langdurig: on bijstand since 2010-06-01; an exit in 2012 and a new start in 2013 turn out to
// be registration errors (both retracted in 2015): then the bijstand never stopped.
const ld = new HuishoudenFeiten('langdurig');
ld.start('2010-06-01');
const exit = ld.beeindigd('2012-01-01', 'verhuizing');
const restart = ld.start('2013-03-01');
ld.intrekking(restart, at('2015-01-25'));
ld.intrekking(exit, at('2015-01-25'));

// Minima: a grant retracted in July; another registered late.
const mi = new HuishoudenFeiten('minima');
const grant = mi.minima('2014-02-01');
mi.intrekking(grant, at('2014-07-01'));
const mi2 = new HuishoudenFeiten('minima-laat');
mi2.minima('2014-08-01', 'Kindpakket', at('2015-01-20'));

// Schuldhulp: an end "geslaagd" retracted and replaced by "mislukt"; another end registered late.
const sh = new HuishoudenFeiten('schuld');
sh.schuldhulp('2014-01-10', 's');
const geslaagd = sh.schuldhulpEinde('2014-06-01', 's', 'minnelijk-geslaagd');
sh.intrekking(geslaagd, at('2014-09-01'));
sh.schuldhulpEinde('2014-10-01', 's', 'minnelijk-mislukt');
const sh2 = new HuishoudenFeiten('schuld-laat');
sh2.schuldhulp('2014-03-01', 's');
sh2.schuldhulpEinde('2014-11-01', 's', 'minnelijk-geslaagd', at('2015-01-20'));

// Trajecten: an end "werk" retracted and replaced by "uitgevallen"; a VAK start registered late.
const tr = new HuishoudenFeiten('traject');
tr.traject('2014-02-01', 't', 'Workfast');
const werk = tr.trajectEinde('2014-05-01', 't', 'werk');
tr.intrekking(werk, at('2014-08-01'));
tr.trajectEinde('2014-09-01', 't', 'uitgevallen');
const tr2 = new HuishoudenFeiten('traject-laat');
tr2.traject('2014-11-01', 't', 'VAK', at('2015-01-20'));

// Participatie: begin 2 (2013); the 4 of May is retracted, the 3 of November registered late.
const pa = new HuishoudenFeiten('participatie');
pa.trede('2013-05-01', 2);
const vier = pa.trede('2014-05-01', 4);
pa.intrekking(vier, at('2014-08-01'));
pa.trede('2014-11-01', 3, at('2015-01-20'));

// Allianties: w1's alliance of March retracted and closed again in October; w2 registered late;
// w3 closed in 2015, before E.
const w1 = new WerkgeverFeiten('wg-1');
const maart = w1.alliantie('2014-03-01');
w1.intrekking(maart, at('2014-09-01'));
w1.alliantie('2014-10-01');
const w2 = new WerkgeverFeiten('wg-2');
w2.alliantie('2014-06-01', at('2015-01-20'));
const w3 = new WerkgeverFeiten('wg-3');
w3.alliantie('2015-03-01');

const streams = [p, ib, ld, mi, mi2, sh, sh2, tr, tr2, pa, w1, w2, w3];
const events: Recorded[] = streams.flatMap((s) => s.feiten);

const rapport = (kennisdatum?: string): Jaarrapport =>
  jaarrapport(
    replay(events),
    parametersVoor(2014, {
      peildatum: '2015-12-31',
      evaluatiedatum: '2015-12-31',
      ...(kennisdatum === undefined ? {} : { kennisdatum }),
    }),
  );

const nulTraject = {
  gestart: 0,
  uitstroomBinnenZesMaanden: 0,
  beeindigd: 0,
  resultaten: { werk: 0, opleiding: 0, ingetrokken: 0, voltooid: 0, uitgevallen: 0 },
  trede: { gemeten: 0, gestegen: 0, groteVooruitgang: 0 },
};
const nulPlaatsing = { inJaar: 0, cumulatief: 0 };
const PLAATSING_NUL = {
  sroi: nulPlaatsing,
  afspraakbaan: nulPlaatsing,
  'beschut-nieuw': nulPlaatsing,
  banenplan: nulPlaatsing,
};
const SCHULD_NUL = { 'minnelijk-geslaagd': 0, 'minnelijk-mislukt': 0, wsnp: 0, uitgevallen: 0, overig: 0 };

/** The §7.3 keys of a report. */
const paragraaf7 = (r: Jaarrapport) => ({
  participatie: r.participatie,
  trajecten: r.trajecten,
  plaatsingen: r.plaatsingen,
  inBeeld: r.inBeeld,
  langdurig: r.langdurig,
  minima: r.minima,
  schuldhulp: r.schuldhulp,
  allianties: r.allianties,
  genegeerd: r.diagnose.genegeerd,
});

describe('MEETREGELS §7 with §2 and §3: retraction and kennisdatum in every §7 figure', () => {
  it('every stream is accepted by the decider, fact by fact in recorded order', () => {
    for (const s of streams) {
      for (let i = 0; i < s.feiten.length; i++) {
        const result = decide(s.feiten.slice(0, i), [s.feiten[i] as Recorded]);
        expect(isRight(result) && result.right.length === 1, `${streamNameOf(s.feiten[i] as Recorded)} #${i}`).toBe(
          true,
        );
      }
    }
  });

  it('without a kennisdatum: retracted facts do not count, late ones do', () => {
    expect(paragraaf7(rapport())).toEqual({
      participatie: {
        gemeten: 1,
        gestegen: 1,
        gelijk: 0,
        gedaald: 0,
        groteVooruitgang: 0,
        overgangen: [{ van: 2, naar: 3, aantal: 1 }],
      },
      trajecten: {
        VAK: { ...nulTraject, gestart: 1 },
        Workfast: { ...nulTraject, gestart: 1, beeindigd: 1, resultaten: { ...nulTraject.resultaten, uitgevallen: 1 } },
      },
      plaatsingen: {
        ...PLAATSING_NUL,
        sroi: { inJaar: 1, cumulatief: 1 },
        banenplan: { inJaar: 1, cumulatief: 1 },
      },
      inBeeld: { bijstand: 2, inBeeld: 1, aandeel: 0.5 },
      langdurig: { bijstand: 2, langdurig: 2, aandeel: 1 },
      minima: { huishoudens: 1 },
      schuldhulp: {
        huishoudens: 2,
        beeindigd: { ...SCHULD_NUL, 'minnelijk-geslaagd': 1, 'minnelijk-mislukt': 1 },
        aandeelMinnelijkGeslaagd: 0.5,
      },
      allianties: { inJaar: 2, totaal: 3 },
      genegeerd: 0,
    });
  });

  it('kennisdatum 2014-06-30: what was known then, retractions of later not yet', () => {
    expect(paragraaf7(rapport('2014-06-30'))).toEqual({
      participatie: {
        gemeten: 1,
        gestegen: 1,
        gelijk: 0,
        gedaald: 0,
        groteVooruitgang: 1,
        overgangen: [{ van: 2, naar: 4, aantal: 1 }],
      },
      trajecten: {
        Workfast: { ...nulTraject, gestart: 1, beeindigd: 1, resultaten: { ...nulTraject.resultaten, werk: 1 } },
      },
      plaatsingen: {
        ...PLAATSING_NUL,
        sroi: { inJaar: 1, cumulatief: 1 },
        afspraakbaan: { inJaar: 1, cumulatief: 1 },
      },
      // The contact of April still stands; the 2013 restart still interrupts the bijstand.
      inBeeld: { bijstand: 2, inBeeld: 1, aandeel: 0.5 },
      langdurig: { bijstand: 2, langdurig: 1, aandeel: 0.5 },
      minima: { huishoudens: 1 },
      schuldhulp: {
        huishoudens: 2,
        beeindigd: { ...SCHULD_NUL, 'minnelijk-geslaagd': 1 },
        aandeelMinnelijkGeslaagd: 1,
      },
      allianties: { inJaar: 1, totaal: 1 },
      genegeerd: 0,
    });
  });

  it('kennisdatum 2014-12-31 (end of that day, Amsterdam): the 2014 retractions count, the 2015 registrations not', () => {
    expect(paragraaf7(rapport('2014-12-31'))).toEqual({
      participatie: { gemeten: 0, gestegen: 0, gelijk: 0, gedaald: 0, groteVooruitgang: 0, overgangen: [] },
      trajecten: {
        Workfast: { ...nulTraject, gestart: 1, beeindigd: 1, resultaten: { ...nulTraject.resultaten, uitgevallen: 1 } },
      },
      plaatsingen: {
        ...PLAATSING_NUL,
        sroi: { inJaar: 1, cumulatief: 1 },
        afspraakbaan: { inJaar: 1, cumulatief: 1 },
      },
      inBeeld: { bijstand: 2, inBeeld: 0, aandeel: 0 },
      langdurig: { bijstand: 2, langdurig: 1, aandeel: 0.5 },
      minima: { huishoudens: 0 },
      schuldhulp: {
        huishoudens: 2,
        beeindigd: { ...SCHULD_NUL, 'minnelijk-mislukt': 1 },
        aandeelMinnelijkGeslaagd: 0,
      },
      allianties: { inJaar: 1, totaal: 1 },
      genegeerd: 0,
    });
  });

  it('a kennisdatum at an instant: one minute before and after a late registration', () => {
    // w2's alliance is recorded at 2015-01-20T12:00Z.
    expect(rapport('2015-01-20T11:59:00Z').allianties).toEqual({ inJaar: 1, totaal: 1 });
    expect(rapport('2015-01-20T12:00:00Z').allianties).toEqual({ inJaar: 2, totaal: 2 });
  });
});

describe('MEETREGELS §7.2 and §5: §7 shares are rounded half up to 4 decimals', () => {
  it('1 of 32 amicable settlements succeeded: 0.03125 → 0.0313; 7 of 32: 0.21875 → 0.2188', () => {
    const huishoudens = (geslaagd: number): Recorded[] =>
      Array.from({ length: 32 }, (_, i) => {
        const h = new HuishoudenFeiten(`s-${i}`);
        h.schuldhulp('2014-01-01', 's');
        h.schuldhulpEinde('2014-06-01', 's', i < geslaagd ? 'minnelijk-geslaagd' : 'minnelijk-mislukt');
        return h.feiten;
      }).flat();
    expect(jaarrapport(replay(huishoudens(1)), parametersVoor(2014)).schuldhulp.aandeelMinnelijkGeslaagd).toBe(0.0313);
    expect(jaarrapport(replay(huishoudens(7)), parametersVoor(2014)).schuldhulp.aandeelMinnelijkGeslaagd).toBe(0.2188);
  });

  it('in beeld and langdurig: 1 of 32 households on bijstand on E → 0.0313', () => {
    const events = Array.from({ length: 32 }, (_, i) => {
      const h = new HuishoudenFeiten(`b-${i}`);
      h.start(i === 0 ? '2011-01-01' : '2014-01-01');
      if (i === 0) h.inBeeld('2014-02-01');
      return h.feiten;
    }).flat();
    const r = jaarrapport(replay(events), parametersVoor(2014));
    expect(r.inBeeld).toEqual({ bijstand: 32, inBeeld: 1, aandeel: 0.0313 });
    expect(r.langdurig).toEqual({ bijstand: 32, langdurig: 1, aandeel: 0.0313 });
  });
});

// MEETREGELS §8, golden: the members and toelichting of every §4 and §7 cell on hand-made
// histories — a same-day return, a WW fall-back, a retracted exit, a late registration and a
// household-month in an exit month among them.
import type { Recorded } from '@zelfredzaam/domain';
import { describe, expect, it } from 'vitest';
import { replay } from '../engine/state.js';
import { HuishoudenFeiten, WerkgeverFeiten } from '../fixtures/feiten.js';
import { parametersVoor } from '../fixtures/parameters.js';
import { jaarrapport } from '../jaarrapport.js';
import type { Parameters } from '../types.js';
import { verklaarHuishouden } from './huishouden.js';
import { type Lid, verklaring, verklaringHerziening, waardeVan } from './verklaring.js';

// a: exit to loondienst, return within the window (the §8 example).
const a = new HuishoudenFeiten('h-a');
const aStart = a.start('2013-05-01');
const aExit = a.loondienst('2014-01-23');
const aTerug = a.terugval('2014-04-23', 'WWB');
const aBeeld = a.inBeeld('2014-06-01');
// b: a same-day return.
const b = new HuishoudenFeiten('h-b');
b.start('2013-01-01');
const bExit = b.onderneming('2014-03-01');
const bTerug = b.terugval('2014-03-01', 'WWB');
// c: a WW fall-back (does not break bijstand-independence).
const c = new HuishoudenFeiten('h-c');
c.start('2013-01-01');
const cExit = c.onderneming('2014-02-10');
const cWw = c.terugval('2014-05-01', 'WW');
// d: an exit retracted after publication.
const d = new HuishoudenFeiten('h-d');
const dStart = d.start('2013-01-01');
const dExit = d.loondienst('2014-06-01');
const dIntrekking = d.intrekking(dExit, { recordedAt: '2015-04-01T09:00:00.000Z' });
// e: a late registration (recorded after publication).
const e = new HuishoudenFeiten('h-e');
e.start('2013-01-01');
const eExit = e.opleiding('2014-09-01', { recordedAt: '2015-04-02T09:00:00.000Z' });
// f: income in the month of the exit (a qualifying household-month), and after it (skipped).
const f = new HuishoudenFeiten('h-f');
const fStart = f.start('2013-01-01');
const fMaart = f.inkomsten('2014-03', 47_500);
const fExit = f.loondienst('2014-03-15');
const fApril = f.inkomsten('2014-04', 30_000);
// g: §7 — assessments, a trajectory ending in work, a placement, minima, debt assistance.
const g = new HuishoudenFeiten('h-g');
const gStart = g.start('2012-01-01');
const gTrede2 = g.trede('2013-06-01', 2);
const gTraject = g.traject('2014-02-01', 't-1', 'VAK');
const gMinima = g.minima('2014-03-01');
const gTrede4 = g.trede('2014-04-20', 4);
const gExit = g.loondienst('2014-05-01');
const gEinde = g.trajectEinde('2014-06-01', 't-1', 'werk');
const gPlaatsing = g.geplaatst('2014-07-01', 'sroi');
const gSchuld = g.schuldhulp('2013-11-01', 's-1');
const gSchuldEinde = g.schuldhulpEinde('2014-10-01', 's-1', 'minnelijk-geslaagd');
// l: bijstand without interruption since 2010 (langdurig).
const l = new HuishoudenFeiten('h-l');
const lStart = l.start('2010-01-01');
// w: an employer's alliance.
const w = new WerkgeverFeiten('w-1');
const wAlliantie = w.alliantie('2014-05-05');

const ALLE: readonly Recorded[] = [a, b, c, d, e, f, g, l, w]
  .flatMap((x) => x.feiten)
  .sort((x, y) => (x.recordedAt < y.recordedAt ? -1 : x.recordedAt > y.recordedAt ? 1 : 0));

const P: Parameters = parametersVoor(2014, {
  peildatum: '2014-12-31',
  evaluatiedatum: '2014-12-31',
  meetdatum: '2015-06-30',
});

const state = replay(ALLE, { eventIds: true });
const v = verklaring(state, P);

/** A cell's members, compactly: who, what decides, why. */
const leden = (cel: string): { wie: string; maand?: string; feit?: string; feiten: string[]; toelichting: string }[] =>
  [...v.leden(cel)].map((x: Lid) => ({
    wie: x.huishouden ?? `werkgever ${x.werkgever}`,
    ...(x.maand === undefined ? {} : { maand: x.maand }),
    ...(x.feit === undefined ? {} : { feit: x.feit }),
    feiten: [...x.feiten],
    toelichting: x.toelichting,
  }));
const wie = (cel: string): string[] => leden(cel).map((x) => x.wie);

describe('verklaring, golden (MEETREGELS §8)', () => {
  it('every cell has as many members as the report says', () => {
    const r = jaarrapport(state, P);
    for (const cel of v.cellen) expect([cel, [...v.leden(cel)].length]).toEqual([cel, waardeVan(r, cel)]);
  });

  it('§4.1 volledige uitstroom: the first qualifying exit in Y decides; a retracted exit counts not', () => {
    expect(leden('volledigeUitstroom.loondienst')).toEqual([
      {
        wie: 'h-a',
        feiten: [aExit.eventId],
        toelichting: 'uitgestroomd naar loondienst op 2014-01-23: de eerste volledige uitstroom in 2014',
      },
      {
        wie: 'h-f',
        feiten: [fExit.eventId],
        toelichting: 'uitgestroomd naar loondienst op 2014-03-15: de eerste volledige uitstroom in 2014',
      },
      {
        wie: 'h-g',
        feiten: [gExit.eventId],
        toelichting: 'uitgestroomd naar loondienst op 2014-05-01: de eerste volledige uitstroom in 2014',
      },
    ]);
    expect(wie('volledigeUitstroom.onderneming')).toEqual(['h-b', 'h-c']);
    expect(wie('volledigeUitstroom.opleiding')).toEqual(['h-e']);
    expect(wie('volledigeUitstroom.totaal')).toEqual(['h-a', 'h-b', 'h-c', 'h-e', 'h-f', 'h-g']);
  });

  it('§4.2 duurzaamheid: a return in the window (also on the exit day) is teruggevallen; WW is not a return', () => {
    expect(leden('duurzaamheid.teruggevallen')).toEqual([
      {
        wie: 'h-a',
        feiten: [aExit.eventId, aTerug.eventId],
        toelichting:
          'uitgestroomd naar loondienst op 2014-01-23; venster tot 2014-07-23; teruggevallen in de bijstand op 2014-04-23',
      },
      {
        wie: 'h-b',
        feiten: [bExit.eventId, bTerug.eventId],
        toelichting:
          'uitgestroomd naar een eigen onderneming op 2014-03-01; venster tot 2014-09-01; teruggevallen in de bijstand op 2014-03-01',
      },
    ]);
    expect(leden('duurzaamheid.duurzaam')).toContainEqual({
      wie: 'h-c',
      feiten: [cExit.eventId],
      toelichting:
        'uitgestroomd naar een eigen onderneming op 2014-02-10; venster tot 2014-08-10; op 2014-12-31 geen terugval in de bijstand',
    });
    expect(wie('duurzaamheid.duurzaam')).toEqual(['h-c', 'h-f', 'h-g']);
    expect(leden('duurzaamheid.nogOnbekend')).toEqual([
      {
        wie: 'h-e',
        feiten: [eExit.eventId],
        toelichting:
          'uitgestroomd naar opleiding op 2014-09-01; venster tot 2015-03-01 is op 2014-12-31 nog niet voorbij, zonder terugval tot dan',
      },
    ]);
    expect(wie('duurzaamheid.uitstroom')).toEqual(['h-a', 'h-b', 'h-c', 'h-e', 'h-f', 'h-g']);
  });

  it('§4.3 cohort: the state on the meetdatum, with the fact that made it', () => {
    expect(leden('cohort.ww')).toEqual([
      {
        wie: 'h-c',
        feiten: [cExit.eventId, cWw.eventId],
        toelichting:
          'uitgestroomd naar een eigen onderneming op 2014-02-10; op meetdatum 2015-06-30 een WW-uitkering sinds 2014-05-01',
      },
    ]);
    expect(wie('cohort.wwb')).toEqual(['h-a', 'h-b']);
    expect(leden('cohort.aanHetWerk')[0]).toEqual({
      wie: 'h-f',
      feiten: [fExit.eventId],
      toelichting:
        'uitgestroomd naar loondienst op 2014-03-15; op meetdatum 2015-06-30 nog aan het werk en uitkeringsonafhankelijk',
    });
    expect(wie('cohort.aanHetWerk')).toEqual(['h-f', 'h-g']);
    expect(wie('cohort.overig')).toEqual([]);
    expect(wie('cohort.omvang')).toEqual(['h-a', 'h-b', 'h-c', 'h-f', 'h-g']);
  });

  it('§4.4 and §4.5: income in the exit month counts, income after the exit is skipped', () => {
    expect(leden('gemiddeldInkomen.maanden')).toEqual([
      {
        wie: 'h-f',
        maand: '2014-03',
        feiten: [fMaart.eventId],
        toelichting:
          'inkomsten in 2014-03: € 475,00 (loondienst € 475,00, onderneming € 0,00), met bijstand op minstens één dag van die maand',
      },
    ]);
    expect(leden('gedeeltelijkeUitstroom.loondienst')).toEqual([
      {
        wie: 'h-f',
        feiten: [fMaart.eventId],
        toelichting:
          '1 maand met bijstand en inkomsten in 2014: loondienst € 475,00, onderneming € 0,00; de grootste bron (bij gelijke stand loondienst) is loondienst',
      },
    ]);
    expect(leden('gedeeltelijkeUitstroom.bijstandshuishoudens').find((x) => x.wie === 'h-f')).toEqual({
      wie: 'h-f',
      feiten: [fStart.eventId, fExit.eventId],
      toelichting: 'bijstand van 2013-01-01 tot 2014-03-15: minstens één dag bijstand in 2014',
    });
    const tijdlijn = verklaarHuishouden(state, P, 'h-f')?.tijdlijn ?? [];
    expect(tijdlijn.find((x) => x.eventId === fApril.eventId)).toMatchObject({
      status: 'overgeslagen',
      waarom: 'overgeslagen: geen dag bijstand in die maand',
    });
  });

  it('§4.7 bijstandsbestand, §7.2 in beeld and langdurig: the spell that decides', () => {
    expect(wie('bijstandsbestand.opPeildatum')).toEqual(['h-a', 'h-b', 'h-d', 'h-l']);
    expect(leden('bijstandsbestand.opPeildatum')[0]).toEqual({
      wie: 'h-a',
      feiten: [aTerug.eventId],
      toelichting: 'bijstand sinds 2014-04-23, ook op de peildatum 2014-12-31',
    });
    expect(wie('bijstandsbestand.inJaar')).toEqual(['h-a', 'h-b', 'h-c', 'h-d', 'h-e', 'h-f', 'h-g', 'h-l']);
    expect(leden('inBeeld.inBeeld')).toEqual([
      {
        wie: 'h-a',
        feiten: [aTerug.eventId, aBeeld.eventId],
        toelichting:
          'bijstand sinds 2014-04-23, ook op de peildatum 2014-12-31; in beeld gebracht op 2014-06-01, binnen die periode',
      },
    ]);
    // h-d: bijstand since 2013-01-01, not yet 3 years on E.
    expect(leden('langdurig.bijstand').find((x) => x.wie === 'h-d')?.feiten).toEqual([dStart.eventId]);
    expect(leden('langdurig.langdurig')).toEqual([
      {
        wie: 'h-l',
        feiten: [lStart.eventId],
        toelichting: 'bijstand sinds 2010-01-01, op de peildatum 2014-12-31 onafgebroken sinds 2011-12-31 of eerder',
      },
    ]);
    expect(wie('langdurig.bijstand')).toEqual(wie('bijstandsbestand.opPeildatum'));
    expect(aStart.eventId).not.toBe(aTerug.eventId);
  });

  it('§7.2 participatie, trajecten, plaatsingen, minima, schuldhulp, allianties', () => {
    const overgang = {
      wie: 'h-g',
      feiten: [gTrede2.eventId, gTrede4.eventId],
      toelichting: 'trede 2 op 2013-06-01 (begin), trede 4 op 2014-04-20 (laatste in het jaar)',
    };
    expect(leden('participatie.overgangen.2-4')).toEqual([overgang]);
    for (const cel of ['gemeten', 'gestegen', 'groteVooruitgang'])
      expect(leden(`participatie.${cel}`)).toEqual([overgang]);
    expect(leden('trajecten.VAK.gestart')).toEqual([
      {
        wie: 'h-g',
        feit: gTraject.eventId,
        feiten: [gTraject.eventId],
        toelichting: 'traject t-1 gestart op 2014-02-01',
      },
    ]);
    expect(leden('trajecten.VAK.uitstroomBinnenZesMaanden')).toEqual([
      {
        wie: 'h-g',
        feit: gTraject.eventId,
        feiten: [gTraject.eventId, gExit.eventId],
        toelichting:
          'traject t-1 gestart op 2014-02-01; uitgestroomd naar loondienst op 2014-05-01, binnen zes maanden (vóór 2014-08-01)',
      },
    ]);
    const beeindigd = {
      wie: 'h-g',
      feit: gEinde.eventId,
      feiten: [gEinde.eventId],
      toelichting: 'traject t-1 (gestart op 2014-02-01) beëindigd op 2014-06-01 met resultaat werk',
    };
    expect(leden('trajecten.VAK.beeindigd')).toEqual([beeindigd]);
    expect(leden('trajecten.VAK.resultaten.werk')).toEqual([beeindigd]);
    expect(leden('trajecten.VAK.trede.groteVooruitgang')).toEqual([
      {
        wie: 'h-g',
        feit: gEinde.eventId,
        feiten: [gTrede2.eventId, gTrede4.eventId, gEinde.eventId],
        toelichting:
          'traject t-1 beëindigd op 2014-06-01; trede 2 op 2013-06-01 bij de start, trede 4 op 2014-04-20 bij het einde',
      },
    ]);
    const plaatsing = {
      wie: 'h-g',
      feit: gPlaatsing.eventId,
      feiten: [gPlaatsing.eventId],
      toelichting: 'geplaatst (sroi) op 2014-07-01',
    };
    expect(leden('plaatsingen.sroi.inJaar')).toEqual([plaatsing]);
    expect(leden('plaatsingen.sroi.cumulatief')).toEqual([plaatsing]);
    expect(leden('minima.huishoudens')).toEqual([
      {
        wie: 'h-g',
        feiten: [gMinima.eventId],
        toelichting: 'minimaregeling toegekend in het jaar: Individuele inkomenstoeslag op 2014-03-01',
      },
    ]);
    expect(leden('schuldhulp.huishoudens')).toEqual([
      {
        wie: 'h-g',
        feiten: [gSchuld.eventId, gSchuldEinde.eventId],
        toelichting:
          'schuldhulptraject s-1 gestart op 2013-11-01, beëindigd op 2014-10-01: loopt op minstens één dag van 2014',
      },
    ]);
    expect(leden('schuldhulp.beeindigd.minnelijk-geslaagd')).toEqual([
      {
        wie: 'h-g',
        feit: gSchuldEinde.eventId,
        feiten: [gSchuldEinde.eventId],
        toelichting:
          'schuldhulptraject s-1 (gestart op 2013-11-01) beëindigd op 2014-10-01 met resultaat minnelijk-geslaagd',
      },
    ]);
    const alliantie = {
      wie: 'werkgever w-1',
      feit: wAlliantie.eventId,
      feiten: [wAlliantie.eventId],
      toelichting: 'alliantie gesloten op 2014-05-05',
    };
    expect(leden('allianties.inJaar')).toEqual([alliantie]);
    expect(leden('allianties.totaal')).toEqual([alliantie]);
    expect(gStart.eventId).toBeDefined();
  });

  it('§4.8 stroom: households at the start and end of Y, each transition in Y a fact (a same-day return on both sides)', () => {
    expect(leden('stroom.uitstroom.onderneming')).toEqual([
      {
        wie: 'h-b',
        feit: bExit.eventId,
        feiten: [bExit.eventId],
        toelichting: 'uitgestroomd naar een eigen onderneming op 2014-03-01',
      },
      {
        wie: 'h-c',
        feit: cExit.eventId,
        feiten: [cExit.eventId],
        toelichting: 'uitgestroomd naar een eigen onderneming op 2014-02-10',
      },
    ]);
    expect(leden('stroom.instroom.teruggevallen')).toEqual([
      {
        wie: 'h-a',
        feit: aTerug.eventId,
        feiten: [aTerug.eventId],
        toelichting: 'teruggevallen in de bijstand op 2014-04-23',
      },
      {
        wie: 'h-b',
        feit: bTerug.eventId,
        feiten: [bTerug.eventId],
        toelichting: 'teruggevallen in de bijstand op 2014-03-01',
      },
    ]);
    // h-d's exit was retracted: no uitstroom; h-c's WW is no instroom.
    expect(wie('stroom.uitstroom.totaal')).toEqual(['h-a', 'h-b', 'h-c', 'h-e', 'h-f', 'h-g']);
    expect(wie('stroom.instroom.nieuw')).toEqual([]);
    expect(wie('stroom.beginstand')).toEqual(['h-a', 'h-b', 'h-c', 'h-d', 'h-e', 'h-f', 'h-g', 'h-l']);
    expect(leden('stroom.eindstand')[0]).toEqual({
      wie: 'h-a',
      feiten: [aTerug.eventId],
      toelichting: 'bijstand sinds 2014-04-23, ook op 2014-12-31',
    });
    expect(wie('stroom.eindstand')).toEqual(['h-a', 'h-b', 'h-d', 'h-l']);
  });

  it('the household timeline marks the retracted exit with its retraction', () => {
    const h = verklaarHuishouden(state, P, 'h-d');
    expect(h?.tijdlijn.map((x) => [x.datum ?? '', x.omschrijving, x.status])).toEqual([
      ['2013-01-01', 'UitkeringGestart', 'gebruikt'],
      ['2014-06-01', 'InLoondienstGetreden, uitkering beëindigd', 'ingetrokken'],
      ['', 'GebeurtenisIngetrokken', 'gebruikt'],
    ]);
    expect(h?.tijdlijn[1]?.waarom).toBe(
      `ingetrokken door ${dIntrekking.eventId} (vastgelegd 2015-04-01T09:00:00.000Z)`,
    );
    expect(h?.cellen.map((x) => x.cel)).toEqual([
      'gedeeltelijkeUitstroom.bijstandshuishoudens',
      'bijstandsbestand.opPeildatum',
      'bijstandsbestand.inJaar',
      'inBeeld.bijstand',
      'langdurig.bijstand',
      'stroom.beginstand',
      'stroom.eindstand',
    ]);
    expect(verklaarHuishouden(state, P, 'h-onbekend')).toBeUndefined();
  });

  it('restated since publication: the retracted exit went, the late registration came, each with the late facts', () => {
    const h = verklaringHerziening(state, { ...P, kennisdatum: '2015-03-01' });
    expect([...h.eraf('volledigeUitstroom.loondienst')]).toEqual([
      {
        huishouden: 'h-d',
        feiten: [dIntrekking.eventId],
        toelichting: 'uitgestroomd naar loondienst op 2014-06-01: de eerste volledige uitstroom in 2014',
      },
    ]);
    expect([...h.erbij('volledigeUitstroom.opleiding')]).toEqual([
      {
        huishouden: 'h-e',
        feiten: [eExit.eventId],
        toelichting: 'uitgestroomd naar opleiding op 2014-09-01: de eerste volledige uitstroom in 2014',
      },
    ]);
    expect([...h.erbij('volledigeUitstroom.totaal')].map((x) => x.huishouden)).toEqual(['h-e']);
    expect([...h.eraf('volledigeUitstroom.totaal')].map((x) => x.huishouden)).toEqual(['h-d']);
    expect([...h.erbij('langdurig.langdurig')]).toEqual([]);
    expect(h.aantalErbij('cohort.aanHetWerk') - h.aantalEraf('cohort.aanHetWerk')).toBe(
      h.nu.cohort.aanHetWerk - h.gepubliceerd.cohort.aanHetWerk,
    );
  });
});

describe('a cell of 100,000 members', () => {
  it('streams its members one at a time, in pseudonym order, as many as the report says', () => {
    const feiten: Recorded[] = [];
    for (let i = 0; i < 100_000; i++) {
      feiten.push({
        type: 'UitkeringGestart',
        huishouden: `h-${String(i).padStart(6, '0')}`,
        datum: '2014-03-01',
        regeling: 'Participatiewet',
        eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        recordedAt: '2014-03-02T09:00:00.000Z',
      } as Recorded);
    }
    const groot = verklaring(replay(feiten, { eventIds: true }), P);
    expect(groot.aantal('bijstandsbestand.inJaar')).toBe(100_000);
    const leden = groot.leden('bijstandsbestand.inJaar');
    let n = 0;
    let vorige = '';
    for (const lid of leden) {
      const wie = lid.huishouden ?? '';
      if (wie <= vorige) throw new Error(`not sorted at ${wie}`);
      vorige = wie;
      n++;
    }
    expect(n).toBe(waardeVan(groot.rapport, 'bijstandsbestand.inJaar'));
  }, 120_000);
});

// The strongest guard: a slow, obviously-correct reference of MEETREGELS §2–§4.7, written from
// the rules and not from the fast code — objects and ISO strings, its own copy of the §2 table,
// luxon for calendar arithmetic and the kennisdatum, and every "bijstand on a day" checked day by
// day. The fast projections must agree with it, per household and in total, on every generated
// history and set of parameters.
import type { Recorded } from '@zelfredzaam/domain';
import { geldigeGeschiedenis } from '@zelfredzaam/domain/testing';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { bijdragen } from './bijdrage.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { zwolleGeschiedenis } from './fixtures/zwolle.js';
import { jaarrapport } from './jaarrapport.js';
import { apply, emptyState, replay } from './state.js';
import type { Bijdrage, Jaarrapport, Parameters } from './types.js';

type Toestand =
  | { readonly fase: 'nooit' }
  | { readonly fase: 'bijstand' }
  | { readonly fase: 'uit'; readonly reden: string }
  | { readonly fase: 'ww' };

const NOOIT: Toestand = { fase: 'nooit' };
const BIJSTAND: Toestand = { fase: 'bijstand' };

/** The §2 lifecycle table, row by row; undefined when the fact is not allowed in that state. */
const volgende = (t: Toestand, feit: Recorded): Toestand | undefined => {
  switch (feit.type) {
    case 'UitkeringGestart':
      return t.fase === 'nooit' || t.fase === 'uit' || t.fase === 'ww' ? BIJSTAND : undefined;
    case 'InLoondienstGetreden':
    case 'EigenOndernemingGestart':
      if (t.fase !== 'bijstand') return undefined;
      if (feit.uitkering === 'loopt-door') return BIJSTAND;
      return { fase: 'uit', reden: feit.type === 'InLoondienstGetreden' ? 'loondienst' : 'onderneming' };
    case 'OpleidingGestart':
      return t.fase === 'bijstand' ? { fase: 'uit', reden: 'opleiding' } : undefined;
    case 'UitkeringBeeindigd':
      return t.fase === 'bijstand' ? { fase: 'uit', reden: feit.reden } : undefined;
    case 'Teruggevallen':
      if (feit.op === 'WWB') return t.fase === 'uit' || t.fase === 'ww' ? BIJSTAND : undefined;
      return t.fase === 'uit' ? { fase: 'ww' } : undefined;
    default:
      return undefined;
  }
};

interface Overgang {
  readonly datum: string;
  readonly van: Toestand;
  readonly naar: Toestand;
}

interface Inkomen {
  readonly maand: string;
  readonly bron: 'loondienst' | 'onderneming';
  readonly bedragCent: number;
}

interface Verwerkt {
  readonly overgangen: readonly Overgang[];
  readonly inkomsten: readonly Inkomen[];
  readonly genegeerd: number;
}

/** The state after every transition dated ≤ day (and ≤ totFeiten: later facts not used). */
const toestandOp = (overgangen: readonly Overgang[], day: string, totFeiten = '9999-12-31'): Toestand => {
  let t: Toestand = NOOIT;
  for (const o of overgangen) if (o.datum <= day && o.datum <= totFeiten) t = o.naar;
  return t;
};

const dagenCache = new Map<string, string[]>();
/** Every date of a year (`YYYY`) or a month (`YYYY-MM`). */
const dagenVan = (periode: string): string[] => {
  const known = dagenCache.get(periode);
  if (known !== undefined) return known;
  const start = DateTime.fromISO(periode.length === 4 ? `${periode}-01-01` : `${periode}-01`, { zone: 'utc' });
  const end = start.plus(periode.length === 4 ? { years: 1 } : { months: 1 });
  const days: string[] = [];
  for (let d = start; d < end; d = d.plus({ days: 1 })) days.push(d.toISODate() ?? '');
  dagenCache.set(periode, days);
  return days;
};

const bijstandOpEenDag = (overgangen: readonly Overgang[], dagen: readonly string[], totFeiten?: string): boolean =>
  dagen.some((d) => toestandOp(overgangen, d, totFeiten).fase === 'bijstand');

/** §2 lenient replay of one household's facts (recorded order, already cut by the kennisdatum). */
const verwerk = (feiten: readonly Recorded[]): Verwerkt => {
  let genegeerd = 0;
  const gezien = new Set<string>();
  const uniek: Recorded[] = [];
  for (const f of feiten) {
    if (gezien.has(f.eventId)) genegeerd++;
    else {
      gezien.add(f.eventId);
      uniek.push(f);
    }
  }
  const ingetrokken = new Set<string>();
  uniek.forEach((f, i) => {
    if (f.type !== 'GebeurtenisIngetrokken') return;
    const doel = uniek.slice(0, i).find((g) => g.eventId === f.ingetrokken);
    if (doel === undefined || doel.type === 'GebeurtenisIngetrokken' || ingetrokken.has(doel.eventId)) genegeerd++;
    else ingetrokken.add(doel.eventId);
  });
  const geldig = uniek.filter((f) => f.type !== 'GebeurtenisIngetrokken' && !ingetrokken.has(f.eventId));

  const levensloop = geldig
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.type !== 'InkomstenOntvangen')
    .sort((a, b) => {
      const da = 'datum' in a.f ? a.f.datum : '';
      const db = 'datum' in b.f ? b.f.datum : '';
      return da < db ? -1 : da > db ? 1 : a.i - b.i;
    });
  const overgangen: Overgang[] = [];
  let t: Toestand = NOOIT;
  for (const { f } of levensloop) {
    const n = volgende(t, f);
    if (n === undefined || !('datum' in f)) {
      genegeerd++;
      continue;
    }
    overgangen.push({ datum: f.datum, van: t, naar: n });
    t = n;
  }

  const inkomsten: Inkomen[] = [];
  for (const f of geldig) {
    if (f.type !== 'InkomstenOntvangen') continue;
    if (bijstandOpEenDag(overgangen, dagenVan(f.maand))) {
      inkomsten.push({ maand: f.maand, bron: f.bron, bedragCent: f.bedragCent });
    } else genegeerd++;
  }
  return { overgangen, inkomsten, genegeerd };
};

const halfOmhoog = (teller: bigint, noemer: bigint): bigint => {
  const rest = teller % noemer;
  const q = (teller - rest) / noemer;
  return 2n * rest >= noemer ? q + 1n : q;
};
const deel4 = (a: number, b: number): number | null =>
  b === 0 ? null : Number(halfOmhoog(BigInt(a) * 10_000n, BigInt(b))) / 10_000;

const grens = (kennisdatum: string): number =>
  /^\d{4}-\d{2}-\d{2}$/.test(kennisdatum)
    ? DateTime.fromISO(kennisdatum, { zone: 'Europe/Amsterdam' }).endOf('day').toMillis()
    : DateTime.fromISO(kennisdatum, { setZone: true }).toMillis();

const isWerk = (t: Toestand): boolean => t.fase === 'uit' && (t.reden === 'loondienst' || t.reden === 'onderneming');

/** The reference: every household's part, then the §5 report as their sums. */
const referentie = (events: readonly Recorded[], p: Parameters): { rapport: Jaarrapport; bijdragen: Bijdrage[] } => {
  const jaar = String(p.jaar);
  const E = p.peildatum;
  const M = p.meetdatum;
  const T = p.kennisdatum === null ? Number.POSITIVE_INFINITY : grens(p.kennisdatum);
  const perHuishouden = new Map<string, Recorded[]>();
  for (const e of events) {
    if (DateTime.fromISO(e.recordedAt).toMillis() > T) continue;
    const list = perHuishouden.get(e.huishouden) ?? [];
    list.push(e);
    perHuishouden.set(e.huishouden, list);
  }
  const result: Bijdrage[] = [];
  for (const [huishouden, feiten] of perHuishouden) {
    const { overgangen, inkomsten, genegeerd } = verwerk(feiten);
    const inJ = (datum: string) => datum.startsWith(`${jaar}-`);
    const exits = overgangen
      .map((o, k) => ({ o, k }))
      .filter(({ o }) => o.van.fase === 'bijstand' && o.naar.fase === 'uit');
    const kwalificerend = exits.filter(
      ({ o }) => o.naar.fase === 'uit' && ['loondienst', 'onderneming', 'opleiding'].includes(o.naar.reden),
    );
    // §4.1
    const eerste = kwalificerend.find(({ o }) => inJ(o.datum));
    const volledigeUitstroom =
      eerste !== undefined && eerste.o.naar.fase === 'uit'
        ? (eerste.o.naar.reden as Bijdrage['volledigeUitstroom'])
        : null;
    // §4.2
    const statussen = kwalificerend
      .filter(({ o }) => inJ(o.datum))
      .map(({ o, k }) => {
        const w = DateTime.fromISO(o.datum, { zone: 'utc' }).plus({ months: 6 }).toISODate() ?? '';
        const terug = overgangen
          .slice(k + 1)
          .some((r) => r.naar.fase === 'bijstand' && r.van.fase !== 'bijstand' && r.datum < w && r.datum <= E);
        if (terug) return 'teruggevallen';
        return E >= w ? 'duurzaam' : 'nogOnbekend';
      });
    const duurzaamheid = statussen.includes('duurzaam')
      ? 'duurzaam'
      : statussen.includes('nogOnbekend')
        ? 'nogOnbekend'
        : statussen.includes('teruggevallen')
          ? 'teruggevallen'
          : null;
    // §4.3
    const inCohort = exits.some(({ o }) => isWerk(o.naar) && inJ(o.datum) && o.datum <= M);
    const opM = toestandOp(overgangen, M);
    const cohort = !inCohort
      ? null
      : opM.fase === 'bijstand'
        ? 'wwb'
        : opM.fase === 'ww'
          ? 'ww'
          : isWerk(opM)
            ? 'aanHetWerk'
            : 'overig';
    // §4.4, §4.5
    let maanden = 0;
    let totaalCent = 0;
    let loondienst = 0;
    let onderneming = 0;
    for (let m = 1; m <= 12; m++) {
      const maand = `${jaar}-${String(m).padStart(2, '0')}`;
      const van = inkomsten.filter((i) => i.maand === maand);
      const som = van.reduce((s, i) => s + i.bedragCent, 0);
      if (som > 0 && bijstandOpEenDag(overgangen, dagenVan(maand))) {
        maanden++;
        totaalCent += som;
        for (const i of van) {
          if (i.bron === 'loondienst') loondienst += i.bedragCent;
          else onderneming += i.bedragCent;
        }
      }
    }
    const gedeeltelijkeUitstroom = maanden === 0 ? null : loondienst >= onderneming ? 'loondienst' : 'onderneming';
    const dagen = dagenVan(jaar);
    result.push({
      huishouden,
      volledigeUitstroom,
      duurzaamheid,
      cohort,
      gedeeltelijkeUitstroom,
      bijstandshuishouden: bijstandOpEenDag(overgangen, dagen),
      maanden,
      totaalCent,
      // §4.7: facts dated after E are not used
      opPeildatum: toestandOp(overgangen, E, E).fase === 'bijstand',
      inJaar: bijstandOpEenDag(overgangen, dagen, E),
      genegeerd,
    });
  }

  const tel = <K extends keyof Bijdrage>(key: K, value: Bijdrage[K]) => result.filter((b) => b[key] === value).length;
  const som = (key: 'maanden' | 'totaalCent' | 'genegeerd') => result.reduce((s, b) => s + b[key], 0);
  const vu = {
    loondienst: tel('volledigeUitstroom', 'loondienst'),
    onderneming: tel('volledigeUitstroom', 'onderneming'),
    opleiding: tel('volledigeUitstroom', 'opleiding'),
  };
  const dz = {
    duurzaam: tel('duurzaamheid', 'duurzaam'),
    teruggevallen: tel('duurzaamheid', 'teruggevallen'),
    nogOnbekend: tel('duurzaamheid', 'nogOnbekend'),
  };
  const co = {
    aanHetWerk: tel('cohort', 'aanHetWerk'),
    ww: tel('cohort', 'ww'),
    wwb: tel('cohort', 'wwb'),
    overig: tel('cohort', 'overig'),
  };
  const gu = {
    loondienst: tel('gedeeltelijkeUitstroom', 'loondienst'),
    onderneming: tel('gedeeltelijkeUitstroom', 'onderneming'),
  };
  const bijstandshuishoudens = tel('bijstandshuishouden', true);
  const maanden = som('maanden');
  const totaalCent = som('totaalCent');
  const rapport: Jaarrapport = {
    jaar: p.jaar,
    peildatum: E,
    meetdatum: M,
    kennisdatum: p.kennisdatum,
    volledigeUitstroom: { ...vu, totaal: vu.loondienst + vu.onderneming + vu.opleiding },
    duurzaamheid: {
      uitstroom: dz.duurzaam + dz.teruggevallen + dz.nogOnbekend,
      ...dz,
      aandeelDuurzaam: deel4(dz.duurzaam, dz.duurzaam + dz.teruggevallen),
    },
    cohort: { meetdatum: M, omvang: co.aanHetWerk + co.ww + co.wwb + co.overig, ...co },
    gedeeltelijkeUitstroom: {
      ...gu,
      totaal: gu.loondienst + gu.onderneming,
      bijstandshuishoudens,
      aandeel: deel4(gu.loondienst + gu.onderneming, bijstandshuishoudens),
    },
    gemiddeldInkomen: {
      maanden,
      totaalCent,
      gemiddeldCent: maanden === 0 ? null : Number(halfOmhoog(BigInt(totaalCent), BigInt(maanden))),
      gemiddeldEuro: maanden === 0 ? null : Number(halfOmhoog(BigInt(totaalCent), BigInt(100 * maanden))),
    },
    bijstandsbestand: { opPeildatum: tel('opPeildatum', true), inJaar: tel('inJaar', true) },
    diagnose: { genegeerd: som('genegeerd') },
  };
  return { rapport, bijdragen: result };
};

const datum = (van: string, tot: string): fc.Arbitrary<string> =>
  fc
    .integer({
      min: DateTime.fromISO(van, { zone: 'utc' }).toMillis() / 86_400_000,
      max: DateTime.fromISO(tot, { zone: 'utc' }).toMillis() / 86_400_000,
    })
    .map((d) => DateTime.fromMillis(d * 86_400_000, { zone: 'utc' }).toISODate() ?? '');

/** Parameters around the generated histories (2010–2017), the edges included. */
const parameters = (events: readonly Recorded[]): fc.Arbitrary<Parameters> => {
  const recorded = events.map((e) => e.recordedAt);
  return fc
    .record({
      jaar: fc.integer({ min: 2009, max: 2018 }),
      peildatum: fc.option(datum('2008-06-01', '2020-12-31')),
      meetdatum: fc.option(datum('2008-06-01', '2020-12-31')),
      kennisdatum: fc.oneof(
        fc.constant(null),
        datum('2009-06-01', '2019-12-31'),
        recorded.length === 0 ? fc.constant(null) : fc.constantFrom(...recorded),
      ),
    })
    .map(({ jaar, peildatum, meetdatum, kennisdatum }) => {
      const E = peildatum ?? `${jaar + 1}-12-31`;
      return { jaar, peildatum: E, meetdatum: meetdatum ?? E, kennisdatum };
    });
};

const opHuishouden = (b: readonly Bijdrage[]): Bijdrage[] =>
  [...b].sort((x, y) => (x.huishouden < y.huishouden ? -1 : x.huishouden > y.huishouden ? 1 : 0));

describe('the fast projections agree with the reference written from MEETREGELS §2–§4.7', () => {
  it('on every generated history and set of parameters, per household and in total', () => {
    fc.assert(
      fc.property(
        geldigeGeschiedenis().chain((events) => fc.tuple(fc.constant(events), parameters(events))),
        ([events, p]) => {
          const state = replay(events);
          const expected = referentie(events, p);
          expect(opHuishouden(bijdragen(state, p))).toEqual(opHuishouden(expected.bijdragen));
          expect(jaarrapport(state, p)).toEqual(expected.rapport);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on histories that were never checked: facts in any order, dropped or repeated', () => {
    fc.assert(
      fc.property(
        geldigeGeschiedenis({ huishoudens: { min: 1, max: 4 } })
          .chain((events) =>
            fc.tuple(
              fc.shuffledSubarray([...events], { minLength: 0, maxLength: events.length }),
              fc.array(fc.nat(), { maxLength: 3 }),
            ),
          )
          .map(([events, repeats]) => {
            const out = [...events];
            for (const r of repeats) if (events.length > 0) out.push(events[r % events.length] as Recorded);
            return out;
          })
          .chain((events) => fc.tuple(fc.constant(events), parameters(events))),
        ([events, p]) => {
          const state = emptyState();
          for (const e of events) apply(state, e);
          const expected = referentie(events, p);
          expect(opHuishouden(bijdragen(state, p))).toEqual(opHuishouden(expected.bijdragen));
          expect(jaarrapport(state, p)).toEqual(expected.rapport);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('at the edges: exits on month ends, returns and peildata a few days around the window end', () => {
    const plus = (datum: string, x: { months?: number; days?: number }): string =>
      DateTime.fromISO(datum, { zone: 'utc' }).plus(x).toISODate() ?? '';
    const geval = fc.record({
      start: datum('2012-06-01', '2014-06-30'),
      naStart: fc.integer({ min: 0, max: 400 }),
      maandEinde: fc.boolean(),
      reden: fc.constantFrom('loondienst', 'onderneming', 'opleiding', 'verhuizing'),
      terug: fc.constantFrom('geen', 'WWB', 'WW', 'WW+WWB', 'start'),
      rondW: fc.integer({ min: -3, max: 3 }),
      inkomsten: fc.array(fc.integer({ min: -2, max: 3 }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(geval, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: -3, max: 3 }),
        (gevallen, rondE) => {
          const events: Recorded[] = [];
          let w = '';
          gevallen.forEach((g, i) => {
            const h = new HuishoudenFeiten(`rand-${i}`);
            h.start(g.start);
            let d = plus(g.start, { days: g.naStart });
            if (g.maandEinde) d = DateTime.fromISO(d, { zone: 'utc' }).endOf('month').toISODate() ?? d;
            for (const m of g.inkomsten) h.inkomsten(plus(d, { months: m }).slice(0, 7), 40_000 + i);
            if (g.reden === 'loondienst') h.loondienst(d);
            else if (g.reden === 'onderneming') h.onderneming(d);
            else if (g.reden === 'opleiding') h.opleiding(d);
            else h.beeindigd(d, 'verhuizing');
            w = plus(d, { months: 6 });
            const r = plus(w, { days: g.rondW });
            if (g.terug === 'WWB') h.terugval(r, 'WWB');
            else if (g.terug === 'start') h.start(r);
            else if (g.terug === 'WW') h.terugval(plus(d, { days: 10 }), 'WW');
            else if (g.terug === 'WW+WWB') {
              h.terugval(d, 'WW');
              h.terugval(r, 'WWB');
            }
            events.push(...h.feiten);
          });
          const E = plus(w, { days: rondE });
          const jaar = Number(E.slice(0, 4)) - 1;
          for (const p of [
            { jaar, peildatum: E, meetdatum: E, kennisdatum: null },
            { jaar: jaar + 1, peildatum: E, meetdatum: E, kennisdatum: null },
          ]) {
            const state = replay(events);
            expect(opHuishouden(bijdragen(state, p))).toEqual(opHuishouden(referentie(events, p).bijdragen));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('on the Zwolle fixture', () => {
    const events = zwolleGeschiedenis();
    const state = replay(events);
    for (const p of [
      { jaar: 2014, peildatum: '2015-12-31', meetdatum: '2015-12-31', kennisdatum: null },
      { jaar: 2012, peildatum: '2013-08-28', meetdatum: '2013-08-28', kennisdatum: null },
      { jaar: 2013, peildatum: '2014-06-30', meetdatum: '2013-12-31', kennisdatum: '2014-03-01' },
    ]) {
      expect(jaarrapport(state, p)).toEqual(referentie(events, p).rapport);
    }
  });
});

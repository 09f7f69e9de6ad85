// The strongest guard: a slow, obviously-correct reference of MEETREGELS §2–§4.7 and §7, written
// from the rules and not from the fast code — objects and ISO strings, its own copy of the §2
// table, luxon for calendar arithmetic and the kennisdatum, every "bijstand on a day" checked day
// by day, and the §7.1 pairing rules on lists of facts. The fast projections must agree with it,
// per household and in total, on every generated history and set of parameters.
import { type Recorded, streamNameOf } from '@zelfredzaam/domain';
import { geldigeGeschiedenis } from '@zelfredzaam/domain/testing';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { bijdragen } from './bijdrage.js';
import { apply, emptyState, replay } from './engine/state.js';
import { HuishoudenFeiten } from './fixtures/feiten.js';
import { zwolleGeschiedenis } from './fixtures/zwolle.js';
import { jaarrapport } from './jaarrapport.js';
import type { Bijdrage, Jaarrapport, Overgang, Parameters, Traject } from './types.js';

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

interface Levensovergang {
  readonly type: Recorded['type'];
  readonly datum: string;
  readonly van: Toestand;
  readonly naar: Toestand;
}

interface Inkomen {
  readonly maand: string;
  readonly bron: 'loondienst' | 'onderneming';
  readonly bedragCent: number;
}

/** A trajectory (or debt trajectory) kept by the §7.1 rules, with its end when it has one. */
interface Loop {
  readonly start: Extract<Recorded, { type: 'TrajectGestart' | 'SchuldhulpGestart' }>;
  readonly einde: Extract<Recorded, { type: 'TrajectBeeindigd' | 'SchuldhulpBeeindigd' }> | undefined;
}

interface Verwerkt {
  readonly overgangen: readonly Levensovergang[];
  readonly inkomsten: readonly Inkomen[];
  /** §7.1: the facts that count, each list in the §1 ordering (datum, then recorded order). */
  readonly treden: readonly Extract<Recorded, { type: 'ParticipatieTredeVastgesteld' }>[];
  readonly trajecten: readonly Loop[];
  readonly geldig: readonly Recorded[];
  readonly genegeerd: number;
}

/** The state after every transition dated ≤ day (and ≤ totFeiten: later facts not used). */
const toestandOp = (overgangen: readonly Levensovergang[], day: string, totFeiten = '9999-12-31'): Toestand => {
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

const bijstandOpEenDag = (
  overgangen: readonly Levensovergang[],
  dagen: readonly string[],
  totFeiten?: string,
): boolean => dagen.some((d) => toestandOp(overgangen, d, totFeiten).fase === 'bijstand');

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

  const levensloop = opDatum(geldig.filter((f) => LEVENSLOOP.includes(f.type)));
  const overgangen: Levensovergang[] = [];
  let t: Toestand = NOOIT;
  for (const f of levensloop) {
    const n = volgende(t, f);
    if (n === undefined || !('datum' in f)) {
      genegeerd++;
      continue;
    }
    overgangen.push({ type: f.type, datum: f.datum, van: t, naar: n });
    t = n;
  }

  const inkomsten: Inkomen[] = [];
  for (const f of geldig) {
    if (f.type !== 'InkomstenOntvangen') continue;
    if (bijstandOpEenDag(overgangen, dagenVan(f.maand))) {
      inkomsten.push({ maand: f.maand, bron: f.bron, bedragCent: f.bedragCent });
    } else genegeerd++;
  }

  // §7.1 in datum order: a start whose trajectId an earlier start holds (of either kind) does not
  // count; an end counts when the start of its own kind with its id is on or before it and has
  // no end yet. Starts first, so a start of the end's own day always counts for it.
  const trajecten: { start: Loop['start']; einde: Loop['einde'] }[] = [];
  for (const f of opDatum(geldig)) {
    if (f.type !== 'TrajectGestart' && f.type !== 'SchuldhulpGestart') continue;
    if (trajecten.some((t) => t.start.trajectId === f.trajectId)) genegeerd++;
    else trajecten.push({ start: f, einde: undefined });
  }
  for (const f of opDatum(geldig)) {
    if (f.type !== 'TrajectBeeindigd' && f.type !== 'SchuldhulpBeeindigd') continue;
    const t = trajecten.find((x) => x.start.trajectId === f.trajectId);
    const soortGelijk = t !== undefined && (t.start.type === 'TrajectGestart') === (f.type === 'TrajectBeeindigd');
    if (t === undefined || !soortGelijk || t.start.datum > f.datum || t.einde !== undefined) genegeerd++;
    else t.einde = f;
  }
  const treden = opDatum(geldig).flatMap((f) => (f.type === 'ParticipatieTredeVastgesteld' ? [f] : []));
  return { overgangen, inkomsten, treden, trajecten, geldig, genegeerd };
};

const LEVENSLOOP: readonly string[] = [
  'UitkeringGestart',
  'InLoondienstGetreden',
  'EigenOndernemingGestart',
  'OpleidingGestart',
  'UitkeringBeeindigd',
  'Teruggevallen',
];

/** Facts in the §1 ordering: by datum, the same datum in recorded (list) order. */
const opDatum = <F extends Recorded>(feiten: readonly F[]): F[] =>
  feiten
    .map((f, i) => ({ f, i }))
    .sort((a, b) => {
      const da = 'datum' in a.f ? a.f.datum : '';
      const db = 'datum' in b.f ? b.f.datum : '';
      return da < db ? -1 : da > db ? 1 : a.i - b.i;
    })
    .map(({ f }) => f);

const plusMaanden = (datum: string, months: number): string =>
  DateTime.fromISO(datum, { zone: 'utc' }).plus({ months }).toISODate() ?? '';
const dagenTussen = (van: string, tot: string): number =>
  DateTime.fromISO(tot, { zone: 'utc' }).diff(DateTime.fromISO(van, { zone: 'utc' }), 'days').days;

/** The spells [start, end) with at least one day of bijstand, from the facts dated ≤ totFeiten. */
const spellsVan = (overgangen: readonly Levensovergang[], totFeiten: string): { start: string; end: string }[] => {
  const spells: { start: string; end: string }[] = [];
  for (const o of overgangen) {
    if (o.datum > totFeiten) break;
    if (o.van.fase !== 'bijstand' && o.naar.fase === 'bijstand') spells.push({ start: o.datum, end: '9999-12-31' });
    else if (o.van.fase === 'bijstand' && o.naar.fase !== 'bijstand') {
      const open = spells[spells.length - 1];
      if (open !== undefined) open.end = o.datum;
    }
  }
  return spells.filter((sp) => sp.start < sp.end);
};

const PLAATSINGEN = ['sroi', 'afspraakbaan', 'beschut-nieuw', 'banenplan'] as const;
const SCHULD = ['minnelijk-geslaagd', 'minnelijk-mislukt', 'wsnp', 'uitgevallen', 'overig'] as const;

const nulTraject = (): { -readonly [K in keyof Traject]: Traject[K] } => ({
  gestart: 0,
  uitstroomBinnenZesMaanden: 0,
  beeindigd: 0,
  resultaten: { werk: 0, opleiding: 0, ingetrokken: 0, voltooid: 0, uitgevallen: 0 },
  trede: { gemeten: 0, gestegen: 0, groteVooruitgang: 0 },
});

const optellen = (a: Traject, b: Traject): Traject => ({
  gestart: a.gestart + b.gestart,
  uitstroomBinnenZesMaanden: a.uitstroomBinnenZesMaanden + b.uitstroomBinnenZesMaanden,
  beeindigd: a.beeindigd + b.beeindigd,
  resultaten: {
    werk: a.resultaten.werk + b.resultaten.werk,
    opleiding: a.resultaten.opleiding + b.resultaten.opleiding,
    ingetrokken: a.resultaten.ingetrokken + b.resultaten.ingetrokken,
    voltooid: a.resultaten.voltooid + b.resultaten.voltooid,
    uitgevallen: a.resultaten.uitgevallen + b.resultaten.uitgevallen,
  },
  trede: {
    gemeten: a.trede.gemeten + b.trede.gemeten,
    gestegen: a.trede.gestegen + b.trede.gestegen,
    groteVooruitgang: a.trede.groteVooruitgang + b.trede.groteVooruitgang,
  },
});

const opSleutel = <T>(record: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

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
  const V = p.evaluatiedatum;
  const M = p.meetdatum;
  const T = p.kennisdatum === null ? Number.POSITIVE_INFINITY : grens(p.kennisdatum);
  const perStroom = new Map<string, Recorded[]>();
  for (const e of events) {
    if (DateTime.fromISO(e.recordedAt).toMillis() > T) continue;
    const list = perStroom.get(streamNameOf(e)) ?? [];
    list.push(e);
    perStroom.set(streamNameOf(e), list);
  }
  const result: Bijdrage[] = [];
  // §4.8 and §5 nietGemeten, summed over the households (and employers for nietGemeten).
  const stroomTotaal = {
    beginstand: 0,
    nieuw: 0,
    teruggevallen: 0,
    uit: {} as Record<string, number>,
    eindstand: 0,
  };
  const soorten = new Set<string>();
  const Y0 = `${jaar}-01-01`;
  const Y1 = `${jaar}-12-31`;
  // §7.2 Allianties: per employer the first alliance in datum order counts; the others are skipped.
  let alliantiesInJaar = 0;
  let alliantiesTotaal = 0;
  let werkgeversGenegeerd = 0;
  for (const [stroom, feiten] of perStroom) {
    if (!stroom.startsWith('werkgever-')) continue;
    const gezien = new Set<string>();
    const uniek = feiten.filter((f) => {
      if (gezien.has(f.eventId)) {
        werkgeversGenegeerd++;
        return false;
      }
      gezien.add(f.eventId);
      return true;
    });
    const ingetrokken = new Set<string>();
    uniek.forEach((f, i) => {
      if (f.type !== 'GebeurtenisIngetrokken') return;
      const doel = uniek.slice(0, i).find((g) => g.eventId === f.ingetrokken);
      if (doel === undefined || doel.type === 'GebeurtenisIngetrokken' || ingetrokken.has(doel.eventId)) {
        werkgeversGenegeerd++;
      } else ingetrokken.add(doel.eventId);
    });
    const gesloten = opDatum(uniek.filter((f) => f.type === 'AllianceGesloten' && !ingetrokken.has(f.eventId)));
    if (gesloten.length > 0) soorten.add('AllianceGesloten');
    werkgeversGenegeerd += Math.max(0, gesloten.length - 1);
    const eerste = gesloten[0];
    if (eerste !== undefined && 'datum' in eerste) {
      if (eerste.datum >= Y0 && eerste.datum <= Y1) alliantiesInJaar++;
      if (eerste.datum <= E) alliantiesTotaal++;
    }
  }
  for (const [stroom, feiten] of perStroom) {
    if (stroom.startsWith('werkgever-')) continue;
    const huishouden = stroom.slice('huishouden-'.length);
    const { overgangen, inkomsten, treden, trajecten, geldig, genegeerd } = verwerk(feiten);
    const inJ = (datum: string) => datum.startsWith(`${jaar}-`);
    for (const f of geldig) soorten.add(f.type);
    // §4.8
    if (toestandOp(overgangen, `${p.jaar - 1}-12-31`).fase === 'bijstand') stroomTotaal.beginstand++;
    if (toestandOp(overgangen, `${jaar}-12-31`).fase === 'bijstand') stroomTotaal.eindstand++;
    for (const o of overgangen) {
      if (!inJ(o.datum)) continue;
      if (o.van.fase !== 'bijstand' && o.naar.fase === 'bijstand') {
        if (o.type === 'UitkeringGestart') stroomTotaal.nieuw++;
        else stroomTotaal.teruggevallen++;
      }
      if (o.van.fase === 'bijstand' && o.naar.fase === 'uit') {
        stroomTotaal.uit[o.naar.reden] = (stroomTotaal.uit[o.naar.reden] ?? 0) + 1;
      }
    }
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
          .some((r) => r.naar.fase === 'bijstand' && r.van.fase !== 'bijstand' && r.datum < w && r.datum <= V);
        if (terug) return 'teruggevallen';
        return V >= w ? 'duurzaam' : 'nogOnbekend';
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
    const opE = toestandOp(overgangen, E, E).fase === 'bijstand';

    // §7.2 Participatiegroei
    const inY = treden.filter((t) => inJ(t.datum));
    const eind = inY[inY.length - 1];
    const voor = treden.filter((t) => t.datum < Y0);
    const begin = voor.length > 0 ? voor[voor.length - 1] : inY[0] !== eind ? inY[0] : undefined;
    const participatie = eind !== undefined && begin !== undefined ? { van: begin.trede, naar: eind.trede } : null;

    // §7.2 Trajecten
    const perSoort: Record<string, Traject> = {};
    for (const { start, einde } of trajecten) {
      if (start.type !== 'TrajectGestart') continue;
      const t = nulTraject();
      if (inJ(start.datum)) {
        t.gestart = 1;
        const w = plusMaanden(start.datum, 6);
        const uit = overgangen.some(
          (o) => o.van.fase === 'bijstand' && isWerk(o.naar) && o.datum >= start.datum && o.datum < w && o.datum <= V,
        );
        t.uitstroomBinnenZesMaanden = uit ? 1 : 0;
      }
      if (einde !== undefined && einde.type === 'TrajectBeeindigd' && inJ(einde.datum)) {
        t.beeindigd = 1;
        t.resultaten = { ...t.resultaten, [einde.resultaat]: 1 };
        const tredeBegin = treden.filter((x) => x.datum <= start.datum).pop();
        const tredeEind = treden.filter((x) => x.datum <= einde.datum).pop();
        if (tredeBegin !== undefined && tredeEind !== undefined && tredeBegin !== tredeEind) {
          t.trede = {
            gemeten: 1,
            gestegen: tredeEind.trede > tredeBegin.trede ? 1 : 0,
            groteVooruitgang: tredeEind.trede - tredeBegin.trede >= 2 ? 1 : 0,
          };
        }
      }
      if (t.gestart === 0 && t.beeindigd === 0) continue;
      perSoort[start.soort] = optellen(perSoort[start.soort] ?? nulTraject(), t);
    }

    // §7.2 Plaatsingen
    const geplaatst = geldig.flatMap((f) => (f.type === 'Geplaatst' ? [f] : []));
    const plaatsingen = Object.fromEntries(
      PLAATSINGEN.map((soort) => [
        soort,
        {
          inJaar: geplaatst.filter((f) => f.soort === soort && inJ(f.datum)).length,
          cumulatief: geplaatst.filter((f) => f.soort === soort && f.datum <= E).length,
        },
      ]),
    ) as Bijdrage['plaatsingen'];

    // §7.2 In beeld: a contact dated inside the spell [start, end) that contains E, and not after E.
    const spells = spellsVan(overgangen, E);
    const spellOpE = spells.find((sp) => sp.start <= E && E < sp.end);
    const inBeeld =
      opE &&
      spellOpE !== undefined &&
      geldig.some((f) => f.type === 'InBeeldGebracht' && f.datum >= spellOpE.start && f.datum <= E);

    // §7.2 Langdurig: the spell containing E, merged back over gaps shorter than hervattingsgrens.
    const grensDagen = p.hervattingsgrens ?? 0;
    let k = spells.findIndex((sp) => sp.start <= E && E < sp.end);
    let langdurigStart = k < 0 ? undefined : spells[k]?.start;
    while (k > 0) {
      const vorige = spells[k - 1];
      const deze = spells[k];
      if (vorige === undefined || deze === undefined || dagenTussen(vorige.end, deze.start) >= grensDagen) break;
      langdurigStart = vorige.start;
      k--;
    }
    const langdurig = opE && langdurigStart !== undefined && langdurigStart <= plusMaanden(E, -36);

    // §7.2 Minima, Schuldhulp
    const minima = geldig.some((f) => f.type === 'MinimaregelingToegekend' && inJ(f.datum));
    const schulden = trajecten.filter((t) => t.start.type === 'SchuldhulpGestart');
    const lopend = schulden.some((t) => t.start.datum <= Y1 && (t.einde === undefined || t.einde.datum >= Y0));
    const beeindigd = Object.fromEntries(
      SCHULD.map((r) => [
        r,
        schulden.filter(
          (t) =>
            t.einde !== undefined &&
            t.einde.type === 'SchuldhulpBeeindigd' &&
            inJ(t.einde.datum) &&
            t.einde.resultaat === r,
        ).length,
      ]),
    ) as Bijdrage['schuldhulp']['beeindigd'];
    result.push({
      huishouden,
      volledigeUitstroom,
      duurzaamheid,
      cohort,
      gedeeltelijkeUitstroom,
      bijstandshuishouden: bijstandOpEenDag(overgangen, dagen),
      maanden,
      totaalCent,
      // §4.7: facts dated after E are not used for opPeildatum; inJaar uses every fact (2.0)
      opPeildatum: toestandOp(overgangen, E, E).fase === 'bijstand',
      inJaar: bijstandOpEenDag(overgangen, dagen),
      participatie,
      trajecten: opSleutel(perSoort),
      plaatsingen,
      inBeeld,
      langdurig,
      minima,
      schuldhulp: { lopend, beeindigd },
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
  const paren = new Map<string, Overgang>();
  for (const b of result) {
    if (b.participatie === null) continue;
    const key = `${b.participatie.van}/${b.participatie.naar}`;
    const o = paren.get(key) ?? { ...b.participatie, aantal: 0 };
    paren.set(key, { ...o, aantal: o.aantal + 1 });
  }
  const overgangen = [...paren.values()].sort((a, b) => a.van - b.van || a.naar - b.naar);
  const gemeten = (f: (o: Overgang) => boolean) => overgangen.filter(f).reduce((s, o) => s + o.aantal, 0);
  const trajectenTotaal: Record<string, Traject> = {};
  for (const b of result) {
    for (const [soort, t] of Object.entries(b.trajecten)) {
      trajectenTotaal[soort] = optellen(trajectenTotaal[soort] ?? nulTraject(), t);
    }
  }
  const sommeer = <K extends string>(keys: readonly K[], f: (b: Bijdrage, k: K) => number) =>
    Object.fromEntries(keys.map((k) => [k, result.reduce((s, b) => s + f(b, k), 0)])) as Record<K, number>;
  const schuldEinde = sommeer(SCHULD, (b, r) => b.schuldhulp.beeindigd[r]);
  const opPeildatum = tel('opPeildatum', true);
  const bekend = [...perStroom.values()].flat();
  const uitstroom = Object.fromEntries(
    [
      'loondienst',
      'onderneming',
      'opleiding',
      'verhuizing',
      'overlijden',
      'andere-uitkering',
      'detentie',
      'partner-inkomen',
      'overig',
    ].map((r) => [r, stroomTotaal.uit[r] ?? 0]),
  ) as Omit<Jaarrapport['stroom']['uitstroom'], 'totaal'>;
  const heeft = (type: Recorded['type']) => soorten.has(type);
  const rapport: Jaarrapport = {
    jaar: p.jaar,
    peildatum: E,
    evaluatiedatum: V,
    meetdatum: M,
    kennisdatum: p.kennisdatum,
    hervattingsgrens: p.hervattingsgrens ?? 0,
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
    bijstandsbestand: { opPeildatum, inJaar: tel('inJaar', true) },
    participatie: {
      gemeten: gemeten(() => true),
      gestegen: gemeten((o) => o.naar > o.van),
      gelijk: gemeten((o) => o.naar === o.van),
      gedaald: gemeten((o) => o.naar < o.van),
      groteVooruitgang: gemeten((o) => o.naar - o.van >= 2),
      overgangen,
    },
    trajecten: opSleutel(trajectenTotaal),
    plaatsingen: Object.fromEntries(
      PLAATSINGEN.map((soort) => [
        soort,
        {
          inJaar: result.reduce((s, b) => s + b.plaatsingen[soort].inJaar, 0),
          cumulatief: result.reduce((s, b) => s + b.plaatsingen[soort].cumulatief, 0),
        },
      ]),
    ) as Jaarrapport['plaatsingen'],
    inBeeld: {
      bijstand: opPeildatum,
      inBeeld: tel('inBeeld', true),
      aandeel: deel4(tel('inBeeld', true), opPeildatum),
    },
    langdurig: {
      bijstand: opPeildatum,
      langdurig: tel('langdurig', true),
      aandeel: deel4(tel('langdurig', true), opPeildatum),
    },
    minima: { huishoudens: tel('minima', true) },
    schuldhulp: {
      huishoudens: result.filter((b) => b.schuldhulp.lopend).length,
      beeindigd: schuldEinde,
      aandeelMinnelijkGeslaagd: deel4(
        schuldEinde['minnelijk-geslaagd'],
        schuldEinde['minnelijk-geslaagd'] + schuldEinde['minnelijk-mislukt'],
      ),
    },
    allianties: { inJaar: alliantiesInJaar, totaal: alliantiesTotaal },
    stroom: {
      beginstand: stroomTotaal.beginstand,
      instroom: {
        nieuw: stroomTotaal.nieuw,
        teruggevallen: stroomTotaal.teruggevallen,
        totaal: stroomTotaal.nieuw + stroomTotaal.teruggevallen,
      },
      uitstroom: { ...uitstroom, totaal: Object.values(uitstroom).reduce((a, b) => a + b, 0) },
      eindstand: stroomTotaal.eindstand,
    },
    nietGemeten: (
      [
        ['gedeeltelijkeUitstroom', 'InkomstenOntvangen'],
        ['gemiddeldInkomen', 'InkomstenOntvangen'],
        ['participatie', 'ParticipatieTredeVastgesteld'],
        ['trajecten', 'TrajectGestart'],
        ['plaatsingen', 'Geplaatst'],
        ['inBeeld', 'InBeeldGebracht'],
        ['minima', 'MinimaregelingToegekend'],
        ['schuldhulp', 'SchuldhulpGestart'],
        ['allianties', 'AllianceGesloten'],
      ] as const
    )
      .filter(([, type]) => !heeft(type))
      .map(([figuur]) => figuur),
    bron: {
      feiten: bekend.length,
      huishoudens: [...perStroom.keys()].filter((k) => !k.startsWith('werkgever-')).length,
      laatsteRecordedAt:
        bekend.length === 0
          ? null
          : (DateTime.fromMillis(Math.max(...bekend.map((e) => DateTime.fromISO(e.recordedAt).toMillis())), {
              zone: 'utc',
            }).toISO() ?? null),
      sha256: null,
      meetregels: '2.0',
      versie: null,
    },
    diagnose: { genegeerd: som('genegeerd') + werkgeversGenegeerd },
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
      evaluatiedatum: fc.option(datum('2008-06-01', '2020-12-31')),
      meetdatum: fc.option(datum('2008-06-01', '2020-12-31')),
      kennisdatum: fc.oneof(
        fc.constant(null),
        datum('2009-06-01', '2019-12-31'),
        recorded.length === 0 ? fc.constant(null) : fc.constantFrom(...recorded),
      ),
      hervattingsgrens: fc.option(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 900 }))),
    })
    .map(({ jaar, peildatum, evaluatiedatum, meetdatum, kennisdatum, hervattingsgrens }) => {
      const E = peildatum ?? `${jaar}-12-31`;
      const V = evaluatiedatum ?? `${jaar + 1}-06-30`;
      return {
        jaar,
        peildatum: E,
        evaluatiedatum: V,
        meetdatum: meetdatum ?? V,
        kennisdatum,
        ...(hervattingsgrens === null ? {} : { hervattingsgrens }),
      };
    });
};

const opHuishouden = (b: readonly Bijdrage[]): Bijdrage[] =>
  [...b].sort((x, y) => (x.huishouden < y.huishouden ? -1 : x.huishouden > y.huishouden ? 1 : 0));

describe('the fast projections agree with the reference written from MEETREGELS §2–§4.7 and §7', () => {
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
            { jaar, peildatum: E, evaluatiedatum: E, meetdatum: E, kennisdatum: null },
            { jaar: jaar + 1, peildatum: E, evaluatiedatum: E, meetdatum: E, kennisdatum: null },
          ]) {
            const state = replay(events);
            expect(opHuishouden(bijdragen(state, p))).toEqual(opHuishouden(referentie(events, p).bijdragen));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('at the §7 edges: gaps around hervattingsgrens, E around three years, exits around six months', () => {
    const plus = (d: string, x: { months?: number; days?: number }): string =>
      DateTime.fromISO(d, { zone: 'utc' }).plus(x).toISODate() ?? '';
    const geval = fc.record({
      start: datum('2010-01-01', '2012-12-31'),
      maandEinde: fc.boolean(),
      duur: fc.integer({ min: 1, max: 600 }),
      gat: fc.integer({ min: 0, max: 12 }),
      uitNa: fc.integer({ min: -3, max: 3 }),
      trede: fc.array(fc.record({ dag: fc.integer({ min: -2, max: 2 }), trede: fc.integer({ min: 1, max: 6 }) }), {
        maxLength: 3,
      }),
      contact: fc.integer({ min: -5, max: 5 }),
      // Assessments around the Workfast trajectory: before its start, on it, during it, on or
      // after its end (its trede is measured only with two different assessments).
      tijdens: fc.array(fc.record({ dag: fc.integer({ min: -3, max: 190 }), trede: fc.integer({ min: 1, max: 6 }) }), {
        maxLength: 3,
      }),
    });
    let gemeten = 0;
    fc.assert(
      fc.property(
        fc.array(geval, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: -2, max: 2 }),
        (gevallen, hervattingsgrens, rondE) => {
          const events: Recorded[] = [];
          const jaren = new Set<number>();
          let E = '';
          gevallen.forEach((g, i) => {
            const h = new HuishoudenFeiten(`rand-${i}`);
            let start = g.start;
            if (g.maandEinde) start = DateTime.fromISO(start, { zone: 'utc' }).endOf('month').toISODate() ?? start;
            h.start(start);
            const einde = plus(start, { days: g.duur });
            h.loondienst(einde);
            const terug = plus(einde, { days: g.gat });
            h.terugval(terug, 'WWB');
            h.traject(start, 't-1', 'VAK');
            // An exit on the last day inside six months after the start, or just outside.
            h.traject(plus(terug, { days: 1 }), 't-2', 'Workfast');
            const t2Einde = plus(plus(terug, { days: 1 }), { months: 6, days: g.uitNa });
            h.trajectEinde(t2Einde, 't-2', 'werk');
            jaren.add(Number(t2Einde.slice(0, 4)));
            h.loondienst(plus(plus(terug, { days: 1 }), { months: 6, days: g.uitNa }));
            for (const t of g.trede) h.trede(plus(start, { days: t.dag }), t.trede);
            for (const t of g.tijdens) h.trede(plus(terug, { days: 1 + t.dag }), t.trede);
            h.inBeeld(plus(terug, { days: g.contact }));
            events.push(...h.feiten);
            E = plus(start, { months: 36, days: rondE });
          });
          jaren.add(Number(E.slice(0, 4)) - 1);
          jaren.add(Number(E.slice(0, 4)));
          for (const jaar of jaren) {
            const p = { jaar, peildatum: E, evaluatiedatum: E, meetdatum: E, kennisdatum: null, hervattingsgrens };
            const state = replay(events);
            const expected = referentie(events, p);
            expect(opHuishouden(bijdragen(state, p))).toEqual(opHuishouden(expected.bijdragen));
            const r = jaarrapport(state, p);
            expect(r).toEqual(expected.rapport);
            gemeten += r.trajecten.Workfast?.trede.gemeten ?? 0;
          }
        },
      ),
      { numRuns: 400 },
    );
    // The trede of an ended trajectory is measured in many of the cases.
    expect(gemeten).toBeGreaterThan(100);
  });

  it('on the Zwolle fixture', () => {
    const events = zwolleGeschiedenis();
    const state = replay(events);
    for (const p of [
      { jaar: 2014, peildatum: '2014-12-31', evaluatiedatum: '2015-06-30', meetdatum: '2015-06-30', kennisdatum: null },
      { jaar: 2012, peildatum: '2012-12-31', evaluatiedatum: '2013-06-30', meetdatum: '2013-08-28', kennisdatum: null },
      {
        jaar: 2013,
        peildatum: '2014-06-30',
        evaluatiedatum: '2013-09-30',
        meetdatum: '2013-12-31',
        kennisdatum: '2014-03-01',
      },
    ] satisfies Parameters[]) {
      expect(jaarrapport(state, p)).toEqual(referentie(events, p).rapport);
    }
  });
});

// MEETREGELS §7.2 Trajecten, per soort; every cell counts trajectories (facts): `gestart` and
// `uitstroomBinnenZesMaanden` the TrajectGestart of a start in Y (the latter when the household
// has an exit to loondienst or onderneming in [start, start + 6 months), d ≤ V); `beeindigd`,
// `resultaten.*` and `trede.*` the TrajectBeeindigd of an end in Y (trede: the last assessment on
// or before the start and the last on or before the end, when both exist and differ).
import { addMonths } from '@zelfredzaam/domain';
import { SOORT_TRAJECT } from '../engine/derive.js';
import { TRAJECT_RESULTATEN } from '../engine/encoding.js';
import type { HuishoudenView } from '../engine/huishouden.js';
import type { Traject, Trajecten } from '../types.js';
import { type Cijfers, dag, type Figuur, figuur, type Indicator, type Tekst, UITSTROOM_NAAR, wis } from './figuur.js';
import { laatsteTredeOp, werkUitstroomBinnenZesMaanden } from './tijdlijn.js';

const LEEG_TRAJECT: Traject = {
  gestart: 0,
  uitstroomBinnenZesMaanden: 0,
  beeindigd: 0,
  resultaten: { werk: 0, opleiding: 0, ingetrokken: 0, voltooid: 0, uitgevallen: 0 },
  trede: { gemeten: 0, gestegen: 0, groteVooruitgang: 0 },
};

/** Every soort of Trajecten in any of the reports, in code point order (as the JSON has them). */
export const trajectSoorten = (rapporten: readonly Cijfers[]): string[] =>
  [...new Set(rapporten.flatMap((r) => Object.keys(r.trajecten)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * One indicator per soort; a year without a start or end of that soort shows zeros (the report
 * has no key for it then).
 */
export const trajectIndicator = (soort: string): Indicator => {
  const t = (r: Cijfers): Traject => r.trajecten[soort] ?? LEEG_TRAJECT;
  return {
    id: `trajecten.${soort}`,
    kort: `Trajecten ${soort}: gestart`,
    titel: `Trajecten ${soort}: gestart, uitstroom naar werk binnen zes maanden, beëindigd`,
    eenheid: 'aantal',
    waarde: (r) => t(r).gestart,
    aantal: (r) => t(r).gestart,
    figuur: 'trajecten',
    details: [
      {
        label: 'naar werk binnen zes maanden',
        eenheid: 'aantal',
        waarde: (r) => t(r).uitstroomBinnenZesMaanden,
      },
      { label: 'beëindigd', eenheid: 'aantal', waarde: (r) => t(r).beeindigd },
      { label: 'waarvan werk', eenheid: 'aantal', waarde: (r) => t(r).resultaten.werk },
      { label: 'waarvan opleiding', eenheid: 'aantal', waarde: (r) => t(r).resultaten.opleiding },
      { label: 'waarvan ingetrokken', eenheid: 'aantal', waarde: (r) => t(r).resultaten.ingetrokken },
      { label: 'waarvan voltooid', eenheid: 'aantal', waarde: (r) => t(r).resultaten.voltooid },
      { label: 'waarvan uitgevallen', eenheid: 'aantal', waarde: (r) => t(r).resultaten.uitgevallen },
      { label: 'trede gemeten (beëindigd)', eenheid: 'aantal', waarde: (r) => t(r).trede.gemeten },
      { label: 'trede gestegen', eenheid: 'aantal', waarde: (r) => t(r).trede.gestegen },
      { label: 'grote vooruitgang (≥ 2 treden)', eenheid: 'aantal', waarde: (r) => t(r).trede.groteVooruitgang },
    ],
  };
};

// The counters of one soort, by slot.
const TJ_GESTART = 0;
const TJ_UITSTROOM = 1;
const TJ_BEEINDIGD = 2;
/** … + the resultaat's index in TRAJECT_RESULTATEN. */
const TJ_RESULTAAT = 3;
const TJ_GEMETEN = TJ_RESULTAAT + TRAJECT_RESULTATEN.length;
const TJ_GESTEGEN = TJ_GEMETEN + 1;
const TJ_GROOT = TJ_GEMETEN + 2;
const TRAJECT_SLOTS = TJ_GROOT + 1;
/** A household's part: [k, (soort, TRAJECT_SLOTS counters) × k]. */
const ENTRY = 1 + TRAJECT_SLOTS;
let deel = new Float64Array(64);

/** One soort's figure from its counters. */
const trajectUit = (c: Float64Array, at: number): Traject => {
  const n = (slot: number) => c[at + slot] as number;
  const resultaat = (r: (typeof TRAJECT_RESULTATEN)[number]) => n(TJ_RESULTAAT + TRAJECT_RESULTATEN.indexOf(r));
  return {
    gestart: n(TJ_GESTART),
    uitstroomBinnenZesMaanden: n(TJ_UITSTROOM),
    beeindigd: n(TJ_BEEINDIGD),
    resultaten: {
      werk: resultaat('werk'),
      opleiding: resultaat('opleiding'),
      ingetrokken: resultaat('ingetrokken'),
      voltooid: resultaat('voltooid'),
      uitgevallen: resultaat('uitgevallen'),
    },
    trede: { gemeten: n(TJ_GEMETEN), gestegen: n(TJ_GESTEGEN), groteVooruitgang: n(TJ_GROOT) },
  };
};

const GESTART: Tekst = ([id = 0, start = 0], n) => `traject ${n.trajectIds[id]} gestart op ${dag(start)}`;
const UITSTROOM: Tekst = ([id = 0, start = 0, w = 0, state = 0, d = 0], n) =>
  `traject ${n.trajectIds[id]} gestart op ${dag(start)}; uitgestroomd naar ${UITSTROOM_NAAR[state]} op ${dag(d)}, binnen zes maanden (vóór ${dag(w)})`;
const BEEINDIGD: Tekst = ([id = 0, start = 0, end = 0, resultaat = 0], n) =>
  `traject ${n.trajectIds[id]} (gestart op ${dag(start)}) beëindigd op ${dag(end)} met resultaat ${TRAJECT_RESULTATEN[resultaat]}`;
const TREDE: Tekst = ([id = 0, end = 0, van = 0, d1 = 0, naar = 0, d2 = 0], n) =>
  `traject ${n.trajectIds[id]} beëindigd op ${dag(end)}; trede ${van} op ${dag(d1)} bij de start, trede ${naar} op ${dag(d2)} bij het einde`;

export const TRAJECT_CELLEN = [
  'gestart',
  'uitstroomBinnenZesMaanden',
  'beeindigd',
  ...TRAJECT_RESULTATEN.map((r) => `resultaten.${r}`),
  'trede.gemeten',
  'trede.gestegen',
  'trede.groteVooruitgang',
];

/** Positions in §1 order (datum, then recorded order). */
const opDatum = (h: HuishoudenView, feiten: number[]): number[] =>
  feiten.sort((a, b) => h.wanneer(a) - h.wanneer(b) || a - b);

export const trajecten: Figuur<Trajecten, 'trajecten'> = figuur({
  naam: 'trajecten',
  sectie: '7.2',
  titel: 'Trajecten',
  feitSoort: SOORT_TRAJECT,
  perSoort: true,
  cellen: (r) => Object.keys(r.trajecten).flatMap((soort) => TRAJECT_CELLEN.map((c) => `trajecten.${soort}.${c}`)),
  verklaar(h, p, leden) {
    const soorten = leden.namen.soorten;
    for (let k = 0; k < h.trajecten; k++) {
      const j = h.trajectStart(k);
      const e = h.trajectEinde(k);
      const start = h.wanneer(j);
      const end = e < 0 ? Number.POSITIVE_INFINITY : h.wanneer(e);
      const id = h.bedrag(j);
      const pad = `trajecten.${soorten[h.extra(j)]}`;
      if (start >= p.y0 && start <= p.y1) {
        leden.lid(`${pad}.gestart`, [j], GESTART, [id, start], { feit: j });
        // MEETREGELS 2.0: the exit with d in [start, start + 6 months) and d ≤ V.
        const w = addMonths(start, 6);
        const x = werkUitstroomBinnenZesMaanden(h, start, p);
        if (x >= 0) {
          leden.lid(
            `${pad}.uitstroomBinnenZesMaanden`,
            opDatum(h, [j, h.feitVan(x)]),
            UITSTROOM,
            [id, start, w, h.toestand(x), h.dag(x)],
            { feit: j },
          );
        }
      }
      if (e < 0 || end < p.y0 || end > p.y1) continue;
      const resultaat = h.extra(e);
      const args = [id, start, end, resultaat];
      leden.lid(`${pad}.beeindigd`, [e], BEEINDIGD, args, { feit: e });
      leden.lid(`${pad}.resultaten.${TRAJECT_RESULTATEN[resultaat]}`, [e], BEEINDIGD, args, { feit: e });
      const begin = laatsteTredeOp(h, start);
      const eind = laatsteTredeOp(h, end);
      if (begin < 0 || eind === begin) continue;
      const b = h.trede(begin);
      const t = h.trede(eind);
      const feiten = opDatum(h, [b, t, e]);
      const tArgs = [id, end, h.bedrag(b), h.wanneer(b), h.bedrag(t), h.wanneer(t)];
      leden.lid(`${pad}.trede.gemeten`, feiten, TREDE, tArgs, { feit: e });
      const stijging = h.bedrag(t) - h.bedrag(b);
      if (stijging > 0) leden.lid(`${pad}.trede.gestegen`, feiten, TREDE, tArgs, { feit: e });
      if (stijging >= 2) leden.lid(`${pad}.trede.groteVooruitgang`, feiten, TREDE, tArgs, { feit: e });
    }
  },

  // Its part is per soort (perSleutel): no slots of its own.
  slots: 0,
  bijdrage: () => {},
  sleutelSlots: TRAJECT_SLOTS,
  perSleutel(h, p) {
    if (h.trajecten === 0) return undefined;
    if (deel.length < 1 + ENTRY * h.trajecten)
      deel = new Float64Array(Math.max(1 + ENTRY * h.trajecten, 2 * deel.length));
    const out = deel;
    let k = 0;
    for (let i = 0; i < h.trajecten; i++) {
      const start = h.trajectStart(i);
      const end = h.trajectEinde(i);
      const gestart = start >= p.y0 && start <= p.y1;
      const beeindigd = end >= p.y0 && end <= p.y1;
      if (!gestart && !beeindigd) continue;
      const soort = h.trajectSoort(i);
      let at = -1;
      for (let q = 0; q < k && at < 0; q++) if (out[1 + ENTRY * q] === soort) at = q;
      if (at < 0) {
        at = k++;
        out[1 + ENTRY * at] = soort;
        wis(out, 2 + ENTRY * at, ENTRY - 1);
      }
      const c = 2 + ENTRY * at;
      if (gestart) {
        out[c + TJ_GESTART] = (out[c + TJ_GESTART] as number) + 1;
        // MEETREGELS 2.0: the exit with d in [start, start + 6 months) and d ≤ V.
        if (werkUitstroomBinnenZesMaanden(h, start, p) >= 0) {
          out[c + TJ_UITSTROOM] = (out[c + TJ_UITSTROOM] as number) + 1;
        }
      }
      if (beeindigd) {
        out[c + TJ_BEEINDIGD] = (out[c + TJ_BEEINDIGD] as number) + 1;
        const r = c + TJ_RESULTAAT + h.trajectResultaat(i);
        out[r] = (out[r] as number) + 1;
        const begin = laatsteTredeOp(h, start);
        const eind = laatsteTredeOp(h, end);
        if (begin >= 0 && eind !== begin) {
          out[c + TJ_GEMETEN] = (out[c + TJ_GEMETEN] as number) + 1;
          const stijging = h.trede(eind) - h.trede(begin);
          if (stijging > 0) out[c + TJ_GESTEGEN] = (out[c + TJ_GESTEGEN] as number) + 1;
          if (stijging >= 2) out[c + TJ_GROOT] = (out[c + TJ_GROOT] as number) + 1;
        }
      }
    }
    out[0] = k;
    return k > 0 ? out : undefined;
  },
  uit(s) {
    const entries: [string, Traject][] = [];
    for (const [code, counters] of s.perSleutel) {
      // A soort whose trajectories all left the year again (live updates) has no key.
      if ((counters[TJ_GESTART] as number) === 0 && (counters[TJ_BEEINDIGD] as number) === 0) continue;
      entries.push([s.soorten[code] ?? String(code), trajectUit(counters, 0)]);
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  },
  labels: {
    indicatoren: (rapporten) => trajectSoorten(rapporten).map(trajectIndicator),
  },
});

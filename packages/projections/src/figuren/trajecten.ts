// MEETREGELS §7.2 Trajecten, per soort; every cell counts trajectories (facts): `gestart` and
// `uitstroomBinnenZesMaanden` the TrajectGestart of a start in Y (the latter when the household
// has an exit to loondienst or onderneming in [start, start + 6 months), d ≤ V); `beeindigd`,
// `resultaten.*` and `trede.*` the TrajectBeeindigd of an end in Y (trede: the last assessment on
// or before the start and the last on or before the end, when both exist and differ).
import { addMonths, STATE_UIT_LOONDIENST, STATE_UIT_ONDERNEMING } from '@zelfredzaam/domain';
import { TRAJECT_RESULTATEN } from '../engine/encoding.js';
import type { HuishoudenView } from '../engine/huishouden.js';
import { dag, type Figuur, type Tekst, UITSTROOM_NAAR } from './figuur.js';

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

/** The first exit to loondienst or onderneming with d in [van, tot), or −1. */
const werkUitstroomIn = (h: HuishoudenView, van: number, tot: number): number => {
  for (let k = 0; k < h.transities; k++) {
    const d = h.dag(k);
    if (d >= tot) return -1;
    const state = h.toestand(k);
    if (d >= van && (state === STATE_UIT_LOONDIENST || state === STATE_UIT_ONDERNEMING)) return k;
  }
  return -1;
};

/** The index of the last assessment dated on or before `day`, or −1. */
const laatsteTredeOp = (h: HuishoudenView, day: number): number => {
  let last = -1;
  for (let k = 0; k < h.tredes && h.wanneer(h.trede(k)) <= day; k++) last = k;
  return last;
};

/** Positions in §1 order (datum, then recorded order). */
const opDatum = (h: HuishoudenView, feiten: number[]): number[] =>
  feiten.sort((a, b) => h.wanneer(a) - h.wanneer(b) || a - b);

export const trajecten: Figuur = {
  naam: 'trajecten',
  sectie: '7.2',
  titel: 'Trajecten',
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
        const x = werkUitstroomIn(h, start, Math.min(w, p.v + 1));
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
};

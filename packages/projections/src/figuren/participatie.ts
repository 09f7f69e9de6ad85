// MEETREGELS §7.2 Participatiegroei: `eind` = the last assessment in Y; `begin` = the last before
// Y, or else the first in Y when that is not `eind`. Measured households count in `gemeten`, in
// one of gestegen / gelijk / gedaald, in groteVooruitgang when eind − begin ≥ 2, and in the cell
// of their transition `participatie.overgangen.VAN-NAAR`.
import { dag, type Figuur, type Tekst } from './figuur.js';

const OVERGANG: Tekst = ([van = 0, d1 = 0, naar = 0, d2 = 0]) =>
  `trede ${van} op ${dag(d1)} (begin), trede ${naar} op ${dag(d2)} (laatste in het jaar)`;

export const participatie: Figuur = {
  naam: 'participatie',
  sectie: '7.2',
  titel: 'Participatiegroei',
  cellen: (r) => [
    ...['gemeten', 'gestegen', 'gelijk', 'gedaald', 'groteVooruitgang'].map((c) => `participatie.${c}`),
    ...r.participatie.overgangen.map((o) => `participatie.overgangen.${o.van}-${o.naar}`),
  ],
  verklaar(h, p, leden) {
    let voor = -1;
    let eerste = -1;
    let laatste = -1;
    for (let k = 0; k < h.tredes; k++) {
      const d = h.wanneer(h.trede(k));
      if (d > p.y1) break;
      if (d < p.y0) voor = k;
      else {
        if (eerste < 0) eerste = k;
        laatste = k;
      }
    }
    if (laatste < 0) return;
    const begin = voor >= 0 ? voor : eerste !== laatste ? eerste : -1;
    if (begin < 0) return;
    const b = h.trede(begin);
    const e = h.trede(laatste);
    const van = h.bedrag(b);
    const naar = h.bedrag(e);
    const feiten = [b, e];
    const args = [van, h.wanneer(b), naar, h.wanneer(e)];
    leden.lid('participatie.gemeten', feiten, OVERGANG, args);
    leden.lid(`participatie.${naar > van ? 'gestegen' : naar === van ? 'gelijk' : 'gedaald'}`, feiten, OVERGANG, args);
    if (naar - van >= 2) leden.lid('participatie.groteVooruitgang', feiten, OVERGANG, args);
    leden.lid(`participatie.overgangen.${van}-${naar}`, feiten, OVERGANG, args);
  },
};

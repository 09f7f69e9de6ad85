// MEETREGELS §7.2 Plaatsingen, per soort: facts, not households. `inJaar`: each Geplaatst dated
// in Y; `cumulatief`: each dated on or before E.
import { PLAATSING_SOORTEN } from '../engine/encoding.js';
import { dag, type Figuur, type Tekst } from './figuur.js';

const GEPLAATST: Tekst = ([soort = 0, d = 0]) => `geplaatst (${PLAATSING_SOORTEN[soort]}) op ${dag(d)}`;

export const plaatsingen: Figuur = {
  naam: 'plaatsingen',
  sectie: '7.2',
  titel: 'Plaatsingen',
  cellen: () => PLAATSING_SOORTEN.flatMap((s) => [`plaatsingen.${s}.inJaar`, `plaatsingen.${s}.cumulatief`]),
  verklaar(h, p, leden) {
    for (let k = 0; k < h.plaatsingen; k++) {
      const j = h.plaatsing(k);
      const d = h.wanneer(j);
      const soort = h.extra(j);
      if (d >= p.y0 && d <= p.y1) {
        leden.lid(`plaatsingen.${PLAATSING_SOORTEN[soort]}.inJaar`, [j], GEPLAATST, [soort, d], { feit: j });
      }
      if (d <= p.e) {
        leden.lid(`plaatsingen.${PLAATSING_SOORTEN[soort]}.cumulatief`, [j], GEPLAATST, [soort, d], { feit: j });
      }
    }
  },
};

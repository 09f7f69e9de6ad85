// MEETREGELS §7.2 Plaatsingen, per soort: facts, not households. `inJaar`: each Geplaatst dated
// in Y; `cumulatief`: each dated on or before E.

import { SOORT_PLAATSING } from '../engine/derive.js';
import { PLAATSING_SOORTEN } from '../engine/encoding.js';
import type { Plaatsingen } from '../types.js';
import { dag, type Figuur, figuur, type Indicator, type Tekst } from './figuur.js';

/** One indicator per soort (the documents show each soort apart). */
const plaatsingIndicator = (soort: keyof Plaatsingen, naam: string): Indicator => ({
  id: `plaatsingen.${soort}`,
  kort: `Plaatsingen ${naam}`,
  titel: `Plaatsingen ${naam}: geplaatst in het jaar (plaatsingen, geen huishoudens)`,
  eenheid: 'aantal',
  waarde: (r) => r.plaatsingen[soort].inJaar,
  aantal: (r) => r.plaatsingen[soort].inJaar,
  figuur: 'plaatsingen',
  details: [
    { label: 'cumulatief tot de peildatum', eenheid: 'aantal', waarde: (r) => r.plaatsingen[soort].cumulatief },
  ],
});

const SOORTEN = PLAATSING_SOORTEN.length;

const GEPLAATST: Tekst = ([soort = 0, d = 0]) => `geplaatst (${PLAATSING_SOORTEN[soort]}) op ${dag(d)}`;

export const plaatsingen: Figuur<Plaatsingen, 'plaatsingen'> = figuur({
  naam: 'plaatsingen',
  sectie: '7.2',
  titel: 'Plaatsingen',
  feitSoort: SOORT_PLAATSING,
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

  // Its part: per soort (PLAATSING_SOORTEN order) the placements in Y, then per soort those up to E.
  slots: 2 * SOORTEN,
  bijdrage(h, p, out, at) {
    for (let i = 0; i < h.plaatsingen; i++) {
      const d = h.plaatsingDag(i);
      const soort = h.plaatsingSoort(i);
      if (d >= p.y0 && d <= p.y1) out[at + soort] = (out[at + soort] as number) + 1;
      if (d <= p.e) out[at + SOORTEN + soort] = (out[at + SOORTEN + soort] as number) + 1;
    }
  },
  uit(s) {
    const soort = (naam: (typeof PLAATSING_SOORTEN)[number]) => {
      const i = PLAATSING_SOORTEN.indexOf(naam);
      return { inJaar: s.n(i), cumulatief: s.n(SOORTEN + i) };
    };
    return {
      sroi: soort('sroi'),
      afspraakbaan: soort('afspraakbaan'),
      'beschut-nieuw': soort('beschut-nieuw'),
      banenplan: soort('banenplan'),
    };
  },
  labels: {
    indicatoren: () => [
      plaatsingIndicator('sroi', 'SROI'),
      plaatsingIndicator('afspraakbaan', 'afspraakbanen'),
      plaatsingIndicator('beschut-nieuw', 'beschut werk nieuw'),
      plaatsingIndicator('banenplan', 'banenplan'),
    ],
  },
});

// MEETREGELS §4.2 Duurzaamheid: per qualifying exit in Y the window [d, w), w = d + 6 months;
// teruggevallen when a return follows at r < w and r ≤ the evaluatiedatum V; else duurzaam when
// V ≥ w; else nogOnbekend. A household is duurzaam if one exit is, else nogOnbekend if one
// is, else teruggevallen; `uitstroom` holds them all.
import { addMonths } from '@zelfredzaam/domain';
import { aandeel } from '../afronding.js';
import type { Duurzaamheid } from '../types.js';
import { dag, een, type Figuur, figuur, type Tekst, UITSTROOM_NAAR } from './figuur.js';
import {
  DUURZAAM as DUURZAAM_NA,
  TERUGGEVALLEN as TERUGGEVALLEN_NA,
  terugkeerNa,
  uitkomstVan,
  volgendeUitstroom,
} from './tijdlijn.js';

const DUURZAAM: Tekst = ([state = 0, d = 0, w = 0, v = 0, r = -1]) =>
  `uitgestroomd naar ${UITSTROOM_NAAR[state]} op ${dag(d)}; venster tot ${dag(w)}; ` +
  (r < 0
    ? `op ${dag(v)} geen terugval in de bijstand`
    : `pas teruggevallen in de bijstand op ${dag(r)}, na het venster`);
const NOG_ONBEKEND: Tekst = ([state = 0, d = 0, w = 0, v = 0]) =>
  `uitgestroomd naar ${UITSTROOM_NAAR[state]} op ${dag(d)}; venster tot ${dag(w)} is op ${dag(v)} nog niet voorbij, zonder terugval tot dan`;
const TERUGGEVALLEN: Tekst = (a) => {
  const parts: string[] = [];
  for (let i = 0; i + 3 < a.length; i += 4) {
    parts.push(
      `uitgestroomd naar ${UITSTROOM_NAAR[a[i] ?? 0]} op ${dag(a[i + 1] ?? 0)}; venster tot ${dag(a[i + 2] ?? 0)}; teruggevallen in de bijstand op ${dag(a[i + 3] ?? 0)}`,
    );
  }
  return parts.join('; daarna ');
};

export const duurzaamheid: Figuur<Duurzaamheid, 'duurzaamheid'> = figuur({
  naam: 'duurzaamheid',
  sectie: '4.2',
  titel: 'Duurzaamheid',
  cellen: () => ['uitstroom', 'duurzaam', 'teruggevallen', 'nogOnbekend'].map((c) => `duurzaamheid.${c}`),
  verklaar(h, p, leden) {
    const v = p.v;
    let onbekend = -1;
    let onbekendW = 0;
    const terug: number[] = [];
    const terugFeiten: number[] = [];
    for (let k = volgendeUitstroom(h, 0, p); k >= 0; k = volgendeUitstroom(h, k + 1, p)) {
      const state = h.toestand(k);
      const d = h.dag(k);
      const w = addMonths(d, 6);
      const q = terugkeerNa(h, k);
      const uitkomst = uitkomstVan(h, k, p);
      if (uitkomst === TERUGGEVALLEN_NA) {
        terug.push(state, d, w, h.dag(q));
        terugFeiten.push(h.feitVan(k), h.feitVan(q));
      } else if (uitkomst === DUURZAAM_NA) {
        const args = [state, d, w, v, q < 0 ? -1 : h.dag(q)];
        leden.lid('duurzaamheid.duurzaam', [h.feitVan(k)], DUURZAAM, args);
        leden.lid('duurzaamheid.uitstroom', [h.feitVan(k)], DUURZAAM, args);
        return;
      } else if (onbekend < 0) {
        onbekend = k;
        onbekendW = w;
      }
    }
    if (onbekend >= 0) {
      const args = [h.toestand(onbekend), h.dag(onbekend), onbekendW, v];
      leden.lid('duurzaamheid.nogOnbekend', [h.feitVan(onbekend)], NOG_ONBEKEND, args);
      leden.lid('duurzaamheid.uitstroom', [h.feitVan(onbekend)], NOG_ONBEKEND, args);
    } else if (terug.length > 0) {
      leden.lid('duurzaamheid.teruggevallen', terugFeiten, TERUGGEVALLEN, terug);
      leden.lid('duurzaamheid.uitstroom', terugFeiten, TERUGGEVALLEN, terug);
    }
  },

  // Its part: 1 in one of duurzaam, teruggevallen, nogOnbekend.
  slots: 3,
  bijdrage(h, p, out, at) {
    let nogOnbekend = false;
    let teruggevallen = false;
    for (let k = volgendeUitstroom(h, 0, p); k >= 0; k = volgendeUitstroom(h, k + 1, p)) {
      const uitkomst = uitkomstVan(h, k, p);
      if (uitkomst === DUURZAAM_NA) return een(out, at, 0);
      if (uitkomst === TERUGGEVALLEN_NA) teruggevallen = true;
      else nogOnbekend = true;
    }
    if (nogOnbekend) een(out, at, 2);
    else if (teruggevallen) een(out, at, 1);
  },
  uit(s) {
    const duurzaam = s.n(0);
    const teruggevallen = s.n(1);
    const nogOnbekend = s.n(2);
    return {
      uitstroom: duurzaam + teruggevallen + nogOnbekend,
      duurzaam,
      teruggevallen,
      nogOnbekend,
      aandeelDuurzaam: aandeel(duurzaam, duurzaam + teruggevallen),
    };
  },
  labels: {
    indicatoren: () => [
      {
        id: 'duurzaamheid',
        kort: 'Duurzaam uitgestroomd (aandeel)',
        titel: 'Duurzaam uitgestroomd: aandeel minimaal een half jaar uit de bijstand',
        eenheid: 'aandeel',
        waarde: (r) => r.duurzaamheid.aandeelDuurzaam,
        aantal: (r) => r.duurzaamheid.duurzaam,
        aandeel: (r) => r.duurzaamheid.aandeelDuurzaam,
        details: [
          { label: 'duurzaam', eenheid: 'aantal', waarde: (r) => r.duurzaamheid.duurzaam },
          { label: 'teruggevallen', eenheid: 'aantal', waarde: (r) => r.duurzaamheid.teruggevallen },
          { label: 'nog onbekend', eenheid: 'aantal', waarde: (r) => r.duurzaamheid.nogOnbekend },
        ],
      },
    ],
  },
});

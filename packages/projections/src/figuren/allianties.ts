// MEETREGELS §7.2 Allianties: employers (entries name the `werkgever`), each by its kept
// AllianceGesloten: `inJaar` when dated in Y, `totaal` when dated on or before E.

import { SOORT_ALLIANTIE } from '../engine/derive.js';
import type { Allianties } from '../types.js';
import { dag, type Figuur, figuur, type Tekst } from './figuur.js';

const GESLOTEN: Tekst = ([d = 0]) => `alliantie gesloten op ${dag(d)}`;

export const allianties: Figuur<Allianties, 'allianties'> = figuur({
  naam: 'allianties',
  sectie: '7.2',
  titel: 'Allianties',
  feitSoort: SOORT_ALLIANTIE,
  cellen: () => ['allianties.inJaar', 'allianties.totaal'],
  verklaar(h, p, leden) {
    const j = h.alliantie;
    if (j < 0) return;
    const d = h.wanneer(j);
    if (d >= p.y0 && d <= p.y1) leden.lid('allianties.inJaar', [j], GESLOTEN, [d], { feit: j });
    if (d <= p.e) leden.lid('allianties.totaal', [j], GESLOTEN, [d], { feit: j });
  },

  // Its part (an employer's): 1 when its alliance is dated in Y, 1 when on or before E.
  slots: 2,
  bijdrage(h, p, out, at) {
    const d = h.alliantieDag();
    if (d >= p.y0 && d <= p.y1) out[at] = (out[at] as number) + 1;
    if (d <= p.e) out[at + 1] = (out[at + 1] as number) + 1;
  },
  uit: (s) => ({ inJaar: s.n(0), totaal: s.n(1) }),
  labels: {
    indicatoren: () => [
      {
        id: 'allianties',
        kort: 'Allianties met werkgevers (totaal)',
        titel: 'Allianties met werkgevers: gesloten tot de peildatum',
        eenheid: 'aantal',
        waarde: (r) => r.allianties.totaal,
        aantal: (r) => r.allianties.totaal,
        figuur: 'allianties',
        details: [{ label: 'gesloten in het jaar', eenheid: 'aantal', waarde: (r) => r.allianties.inJaar }],
      },
    ],
  },
});

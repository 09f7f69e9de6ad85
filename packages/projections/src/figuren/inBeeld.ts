// MEETREGELS §7.2 In beeld: of the households with bijstand on E (`bijstand`), those with an
// InBeeldGebracht in the spell containing E, dated on or before E (`inBeeld`).

import { aandeel } from '../afronding.js';
import { SOORT_IN_BEELD } from '../engine/derive.js';
import type { InBeeld } from '../types.js';
import { bijstandOpPeildatum } from './bijstandsbestand.js';
import { dag, een, type Figuur, figuur, type Tekst } from './figuur.js';
import { spellOp } from './tijdlijn.js';

const IN_BEELD: Tekst = ([start = 0, d = 0, e = 0]) =>
  `bijstand sinds ${dag(start)}, ook op de peildatum ${dag(e)}; in beeld gebracht op ${dag(d)}, binnen die periode`;

export const inBeeld: Figuur<InBeeld, 'inBeeld'> = figuur({
  naam: 'inBeeld',
  sectie: '7.2',
  titel: 'In beeld',
  feitSoort: SOORT_IN_BEELD,
  cellen: () => ['inBeeld.bijstand', 'inBeeld.inBeeld'],
  verklaar(h, p, leden) {
    if (!bijstandOpPeildatum(h, p, leden, 'inBeeld.bijstand')) return;
    const k = spellOp(h, p.e);
    const start = h.dag(k);
    for (let i = 0; i < h.inBeeld; i++) {
      const j = h.inBeeldFeit(i);
      const d = h.wanneer(j);
      if (d >= start && d <= p.e) {
        const feiten = [h.feitVan(k), j].sort((a, b) => h.wanneer(a) - h.wanneer(b) || a - b);
        leden.lid('inBeeld.inBeeld', feiten, IN_BEELD, [start, d, p.e]);
        return;
      }
    }
  },

  // Its part: 1 for bijstand on E, 1 when brought in beeld (day in [start of that spell, E]).
  slots: 2,
  bijdrage(h, p, out, at) {
    const k = spellOp(h, p.e);
    if (k < 0) return;
    const start = h.dag(k);
    let inBeeld = 0;
    for (let i = 0; i < h.contacten && inBeeld === 0; i++) {
      const d = h.contactDag(i);
      if (d >= start && d <= p.e) inBeeld = 1;
    }
    een(out, at, 0);
    out[at + 1] = (out[at + 1] as number) + inBeeld;
  },
  uit: (s) => ({ bijstand: s.n(0), inBeeld: s.n(1), aandeel: aandeel(s.n(1), s.n(0)) }),
  labels: {
    indicatoren: () => [
      {
        id: 'inBeeld',
        kort: 'In beeld (aandeel)',
        titel: 'In beeld: aandeel huishoudens met bijstand op de peildatum dat in beeld is gebracht',
        eenheid: 'aandeel',
        waarde: (r) => r.inBeeld.aandeel,
        aantal: (r) => r.inBeeld.inBeeld,
        aandeel: (r) => r.inBeeld.aandeel,
        figuur: 'inBeeld',
        details: [
          { label: 'in beeld', eenheid: 'aantal', waarde: (r) => r.inBeeld.inBeeld },
          { label: 'met bijstand op de peildatum', eenheid: 'aantal', waarde: (r) => r.inBeeld.bijstand },
        ],
      },
    ],
  },
});

// MEETREGELS §7.2 Minima: the households with a MinimaregelingToegekend dated in Y.

import { SOORT_MINIMA } from '../engine/derive.js';
import type { Minima } from '../types.js';
import { dag, een, type Figuur, figuur, type Tekst } from './figuur.js';

const TOEGEKEND: Tekst = (a, n) =>
  a.length === 0
    ? ''
    : `minimaregeling toegekend in het jaar: ${Array.from({ length: a.length / 2 }, (_, i) => `${n.regelingen[a[2 * i] ?? 0]} op ${dag(a[2 * i + 1] ?? 0)}`).join(', ')}`;

export const minima: Figuur<Minima, 'minima'> = figuur({
  naam: 'minima',
  sectie: '7.2',
  titel: 'Minima',
  feitSoort: SOORT_MINIMA,
  cellen: () => ['minima.huishoudens'],
  verklaar(h, p, leden) {
    const feiten: number[] = [];
    for (let k = 0; k < h.minima; k++) {
      const j = h.minimaFeit(k);
      const d = h.wanneer(j);
      if (d >= p.y0 && d <= p.y1) feiten.push(j);
    }
    if (feiten.length === 0) return;
    feiten.sort((a, b) => h.wanneer(a) - h.wanneer(b) || a - b);
    leden.lid(
      'minima.huishoudens',
      feiten,
      TOEGEKEND,
      feiten.flatMap((j) => [h.bedrag(j), h.wanneer(j)]),
    );
  },

  // Its part: 1 when granted a minima scheme in Y.
  slots: 1,
  bijdrage(h, p, out, at) {
    for (let i = 0; i < h.toekenningen; i++) {
      const d = h.toekenningDag(i);
      if (d >= p.y0 && d <= p.y1) {
        een(out, at, 0);
        return;
      }
    }
  },
  uit: (s) => ({ huishoudens: s.n(0) }),
  labels: {
    indicatoren: () => [
      {
        id: 'minima',
        kort: 'Minimaregelingen: huishoudens',
        titel: 'Minimaregelingen: huishoudens met een toegekende regeling in het jaar',
        eenheid: 'aantal',
        waarde: (r) => r.minima.huishoudens,
        aantal: (r) => r.minima.huishoudens,
        figuur: 'minima',
        details: [],
      },
    ],
  },
});

// MEETREGELS §7.2 In beeld: of the households with bijstand on E (`bijstand`), those with an
// InBeeldGebracht in the spell containing E, dated on or before E (`inBeeld`).
import { bijstandOpPeildatum } from './bijstandsbestand.js';
import { dag, type Figuur, type Tekst } from './figuur.js';

const IN_BEELD: Tekst = ([start = 0, d = 0, e = 0]) =>
  `bijstand sinds ${dag(start)}, ook op de peildatum ${dag(e)}; in beeld gebracht op ${dag(d)}, binnen die periode`;

export const inBeeld: Figuur = {
  naam: 'inBeeld',
  sectie: '7.2',
  titel: 'In beeld',
  cellen: () => ['inBeeld.bijstand', 'inBeeld.inBeeld'],
  verklaar(h, p, leden) {
    if (!bijstandOpPeildatum(h, p, leden, 'inBeeld.bijstand')) return;
    const k = h.spellOp(p.e);
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
};

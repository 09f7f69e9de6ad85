// MEETREGELS §7.2 Allianties: employers (entries name the `werkgever`), each by its kept
// AllianceGesloten: `inJaar` when dated in Y, `totaal` when dated on or before E.
import { dag, type Figuur, type Tekst } from './figuur.js';

const GESLOTEN: Tekst = ([d = 0]) => `alliantie gesloten op ${dag(d)}`;

export const allianties: Figuur = {
  naam: 'allianties',
  sectie: '7.2',
  titel: 'Allianties',
  cellen: () => ['allianties.inJaar', 'allianties.totaal'],
  verklaar(h, p, leden) {
    const j = h.alliantie;
    if (j < 0) return;
    const d = h.wanneer(j);
    if (d >= p.y0 && d <= p.y1) leden.lid('allianties.inJaar', [j], GESLOTEN, [d], { feit: j });
    if (d <= p.e) leden.lid('allianties.totaal', [j], GESLOTEN, [d], { feit: j });
  },
};

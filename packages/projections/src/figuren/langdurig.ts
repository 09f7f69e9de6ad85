// MEETREGELS §7.2 Langdurig: of the households with bijstand on E (`bijstand`), those whose
// spell containing E started on or before E − 3 years (`langdurig`); spells separated by a gap
// shorter than `hervattingsgrens` days count as one.
import { aandeel } from '../afronding.js';
import type { Langdurig } from '../types.js';
import { bijstandOpPeildatum } from './bijstandsbestand.js';
import { dag, een, type Figuur, figuur, type Tekst } from './figuur.js';
import { langdurigBegin, spellOp } from './tijdlijn.js';

const LANGDURIG: Tekst = ([start = 0, e = 0, e3 = 0, laatste = -1, grens = 0]) =>
  `bijstand sinds ${dag(start)}, op de peildatum ${dag(e)} onafgebroken sinds ${dag(e3)} of eerder` +
  (laatste < 0 ? '' : ` (hervat op ${dag(laatste)} na een onderbreking korter dan ${grens} dagen)`);

export const langdurig: Figuur<Langdurig, 'langdurig'> = figuur({
  naam: 'langdurig',
  sectie: '7.2',
  titel: 'Langdurig',
  cellen: () => ['langdurig.bijstand', 'langdurig.langdurig'],
  verklaar(h, p, leden) {
    if (!bijstandOpPeildatum(h, p, leden, 'langdurig.bijstand')) return;
    const mergedK = langdurigBegin(h, p);
    if (mergedK < 0 || h.dag(mergedK) > p.e3) return;
    // The spell containing E itself (a later one than mergedK when merged).
    const spellK = spellOp(h, p.e);
    const feiten = mergedK === spellK ? [h.feitVan(mergedK)] : [h.feitVan(mergedK), h.feitVan(spellK)];
    leden.lid('langdurig.langdurig', feiten, LANGDURIG, [
      h.dag(mergedK),
      p.e,
      p.e3,
      mergedK === spellK ? -1 : h.dag(spellK),
      p.hervattingsgrens,
    ]);
  },

  // Its part: 1 for bijstand on E, 1 when that (merged) spell started on or before E − 3 years.
  slots: 2,
  bijdrage(h, p, out, at) {
    const k = langdurigBegin(h, p);
    if (k < 0) return;
    een(out, at, 0);
    if (h.dag(k) <= p.e3) een(out, at, 1);
  },
  uit: (s) => ({ bijstand: s.n(0), langdurig: s.n(1), aandeel: aandeel(s.n(1), s.n(0)) }),
  labels: {
    indicatoren: () => [
      {
        id: 'langdurig',
        kort: 'Langdurig afhankelijk (≥ 3 jaar)',
        titel: 'Langdurig financieel afhankelijk: op de peildatum 3 jaar of langer onafgebroken bijstand',
        eenheid: 'aantal',
        waarde: (r) => r.langdurig.langdurig,
        aantal: (r) => r.langdurig.langdurig,
        aandeel: (r) => r.langdurig.aandeel,
        details: [
          { label: 'aandeel van het bijstandsbestand', eenheid: 'aandeel', waarde: (r) => r.langdurig.aandeel },
          { label: 'met bijstand op de peildatum', eenheid: 'aantal', waarde: (r) => r.langdurig.bijstand },
        ],
      },
    ],
  },
});

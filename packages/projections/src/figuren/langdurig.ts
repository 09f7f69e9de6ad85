// MEETREGELS §7.2 Langdurig: of the households with bijstand on E (`bijstand`), those whose
// spell containing E started on or before E − 3 years (`langdurig`); spells separated by a gap
// shorter than `hervattingsgrens` days count as one.
import { STATE_BIJSTAND } from '@zelfredzaam/domain';
import { aandeel } from '../afronding.js';
import type { RecordView } from '../engine/record.js';
import type { Peil } from '../parameters.js';
import type { Langdurig } from '../types.js';
import { bijstandOpPeildatum } from './bijstandsbestand.js';
import { dag, type Figuur, figuur, type Tekst } from './figuur.js';

/** The start of the (merged) spell that contains E, or +∞ when there is no bijstand on E. */
const langdurigStart = (h: RecordView, p: Peil): number => {
  let bijstand = false;
  let spellStart = 0;
  let mergedStart = 0;
  // The last spell with a day of bijstand: its merged start and its end.
  let previousStart = Number.NaN;
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < h.transities; k++) {
    const day = h.dag(k);
    if (day > p.e) break;
    const next = h.toestand(k) === STATE_BIJSTAND;
    if (!bijstand && next) {
      spellStart = day;
      mergedStart = day - previousEnd < p.hervattingsgrens ? previousStart : day;
    } else if (bijstand && !next && day > spellStart) {
      previousStart = mergedStart;
      previousEnd = day;
    }
    bijstand = next;
  }
  return bijstand ? mergedStart : Number.POSITIVE_INFINITY;
};

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
    // langdurig.ts's langdurigStartVan, with the transitions kept.
    let bijstand = false;
    let spellStart = 0;
    let spellK = -1;
    let mergedK = -1;
    let previousK = -1;
    let previousEnd = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < h.transities; k++) {
      const d = h.dag(k);
      if (d > p.e) break;
      const next = h.toestand(k) === STATE_BIJSTAND;
      if (!bijstand && next) {
        spellStart = d;
        spellK = k;
        mergedK = d - previousEnd < p.hervattingsgrens ? previousK : k;
      } else if (bijstand && !next && d > spellStart) {
        previousK = mergedK;
        previousEnd = d;
      }
      bijstand = next;
    }
    if (!bijstand || mergedK < 0 || h.dag(mergedK) > p.e3) return;
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
    const start = langdurigStart(h, p);
    if (start === Number.POSITIVE_INFINITY) return false;
    out[at] = 1;
    out[at + 1] = start <= p.e3 ? 1 : 0;
    return true;
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

// MEETREGELS §4.7 Bijstandsbestand: `opPeildatum`, bijstand on E (facts dated after E not used);
// `inJaar`, bijstand on a day of Y (every fact, §3 2.0). Shared with §4.4 (`bijstandshuishoudens`, every fact) and
// §7.2 In beeld and Langdurig (`bijstand`: bijstand on E).
import type { HuishoudenView } from '../engine/huishouden.js';
import type { Peil } from '../parameters.js';
import type { Bijstandsbestand } from '../types.js';
import { dag, type Figuur, figuur, type Leden, type Tekst } from './figuur.js';
import { bijstandOp, spellIn, spellOp } from './tijdlijn.js';

const OP_PEILDATUM: Tekst = ([start = 0, e = 0]) => `bijstand sinds ${dag(start)}, ook op de peildatum ${dag(e)}`;
const IN_PERIODE: Tekst = ([start = 0, eind = -1, jaar = 0]) =>
  eind < 0
    ? `bijstand sinds ${dag(start)}: minstens één dag bijstand in ${jaar}`
    : `bijstand van ${dag(start)} tot ${dag(eind)}: minstens één dag bijstand in ${jaar}`;

/** Member of `cel` when h has bijstand on E: the start of the spell containing E. */
export const bijstandOpPeildatum = (h: HuishoudenView, p: Peil, leden: Leden, cel: string): boolean => {
  const k = spellOp(h, p.e);
  if (k < 0) return false;
  leden.lid(cel, [h.feitVan(k)], OP_PEILDATUM, [h.dag(k), p.e]);
  return true;
};

/**
 * Member of `cel` when h has bijstand on a day of Y (every fact dated in Y, MEETREGELS 2.0 §3):
 * the start of that spell and, when there is one, its end.
 */
export const bijstandInJaar = (h: HuishoudenView, p: Peil, leden: Leden, cel: string): void => {
  const k = spellIn(h, p.y0, p.y1);
  if (k < 0) return;
  const end = h.eindeVan(k);
  if (end >= 0) {
    leden.lid(cel, [h.feitVan(k), h.feitVan(end)], IN_PERIODE, [h.dag(k), h.dag(end), p.jaar]);
  } else leden.lid(cel, [h.feitVan(k)], IN_PERIODE, [h.dag(k), -1, p.jaar]);
};

export const bijstandsbestand: Figuur<Bijstandsbestand, 'bijstandsbestand'> = figuur({
  naam: 'bijstandsbestand',
  sectie: '4.7',
  titel: 'Bijstandsbestand',
  cellen: () => ['bijstandsbestand.opPeildatum', 'bijstandsbestand.inJaar'],
  verklaar(h, p, leden) {
    bijstandOpPeildatum(h, p, leden, 'bijstandsbestand.opPeildatum');
    // MEETREGELS 2.0 §3: "in Y" uses every fact dated in Y, whatever E.
    bijstandInJaar(h, p, leden, 'bijstandsbestand.inJaar');
  },

  // Its part: 1 for bijstand on E, 1 for bijstand on a day of Y (every fact, §3 2.0).
  slots: 2,
  bijdrage(h, p, out, at) {
    const opPeildatum = bijstandOp(h, p.e);
    const inJaar = spellIn(h, p.y0, p.y1) >= 0;
    if (opPeildatum) out[at] = (out[at] as number) + 1;
    if (inJaar) out[at + 1] = (out[at + 1] as number) + 1;
  },
  uit: (s) => ({ opPeildatum: s.n(0), inJaar: s.n(1) }),
  labels: {
    indicatoren: () => [
      {
        id: 'bijstandsbestand',
        kort: 'Bijstandsbestand op peildatum',
        titel: 'Bijstandsbestand: huishoudens met bijstand op de peildatum',
        eenheid: 'aantal',
        waarde: (r) => r.bijstandsbestand.opPeildatum,
        aantal: (r) => r.bijstandsbestand.opPeildatum,
        details: [{ label: 'met bijstand in het jaar', eenheid: 'aantal', waarde: (r) => r.bijstandsbestand.inJaar }],
      },
    ],
  },
});

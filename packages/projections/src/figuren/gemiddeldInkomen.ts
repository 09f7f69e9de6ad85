// MEETREGELS §4.5 Gemiddeld inkomen: `maanden` counts the qualifying household-months of §4.4 in
// Y, one entry per (huishouden, maand). (`totaalCent` is a sum of money, no cell.)

import { gemiddelde } from '../afronding.js';
import { SOORT_INKOMSTEN } from '../engine/derive.js';
import type { GemiddeldInkomen } from '../types.js';
import { euro, type Figuur, figuur, maand, type Tekst } from './figuur.js';

const MAAND: Tekst = ([m = 0, loon = 0, ond = 0]) =>
  `inkomsten in ${maand(m)}: ${euro(loon + ond)} (loondienst ${euro(loon)}, onderneming ${euro(ond)}), met bijstand op minstens één dag van die maand`;

export const gemiddeldInkomen: Figuur<GemiddeldInkomen, 'gemiddeldInkomen'> = figuur({
  naam: 'gemiddeldInkomen',
  sectie: '4.5',
  titel: 'Gemiddeld inkomen',
  feitSoort: SOORT_INKOMSTEN,
  cellen: () => ['gemiddeldInkomen.maanden'],
  verklaar(h, p, leden) {
    for (let i = 0; i < h.maanden; i++) {
      const m = h.maand(i);
      if (Math.floor(m / 12) !== p.jaar) continue;
      const feiten: number[] = [];
      for (let q = 0; q < h.maandFeiten(i); q++) feiten.push(h.maandFeit(i, q));
      leden.lid('gemiddeldInkomen.maanden', feiten, MAAND, [m, h.loondienstCent(i), h.ondernemingCent(i)], {
        maand: m,
      });
    }
  },

  // Its part: the household's qualifying household-months of Y and their income in cents.
  slots: 2,
  bijdrage(h, p, out, at) {
    const y = h.inkomenJaar(p.jaar);
    if (y < 0) return;
    out[at] = (out[at] as number) + h.maanden(y);
    out[at + 1] = (out[at + 1] as number) + h.loondienstCent(y) + h.ondernemingCent(y);
  },
  uit(s) {
    const maanden = s.n(0);
    const totaalCent = s.n(1);
    return {
      maanden,
      totaalCent,
      gemiddeldCent: gemiddelde(totaalCent, maanden),
      gemiddeldEuro: gemiddelde(totaalCent, 100 * maanden),
    };
  },
  labels: {
    indicatoren: () => [
      {
        id: 'gemiddeldInkomen',
        kort: 'Gemiddeld inkomen per maand',
        titel: 'Gemiddeld inkomen per maand naast de bijstand',
        eenheid: 'euro',
        waarde: (r) => r.gemiddeldInkomen.gemiddeldEuro,
        aantal: (r) => r.gemiddeldInkomen.gemiddeldEuro,
        figuur: 'gemiddeldInkomen',
        details: [{ label: 'maanden met inkomsten', eenheid: 'aantal', waarde: (r) => r.gemiddeldInkomen.maanden }],
      },
    ],
  },
});

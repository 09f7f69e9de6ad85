// MEETREGELS §4.4 Gedeeltelijke uitstroom: a household with a qualifying household-month in Y
// (bijstand on a day of the month, income > 0) counts once, under the source with the larger
// income over those months (a tie goes to loondienst); `bijstandshuishoudens`: bijstand on a day
// of Y, every fact used.

import { aandeel } from '../afronding.js';
import { SOORT_INKOMSTEN } from '../engine/derive.js';
import type { GedeeltelijkeUitstroom } from '../types.js';
import { bijstandInJaar } from './bijstandsbestand.js';
import { een, euro, type Figuur, figuur, type Tekst } from './figuur.js';
import { spellIn } from './tijdlijn.js';

const BRON: Tekst = ([maanden = 0, loon = 0, ond = 0, jaar = 0]) =>
  `${maanden} ${maanden === 1 ? 'maand' : 'maanden'} met bijstand en inkomsten in ${jaar}: loondienst ${euro(loon)}, onderneming ${euro(ond)}; ` +
  `de grootste bron (bij gelijke stand loondienst) is ${loon >= ond ? 'loondienst' : 'onderneming'}`;

export const gedeeltelijkeUitstroom: Figuur<GedeeltelijkeUitstroom, 'gedeeltelijkeUitstroom'> = figuur({
  naam: 'gedeeltelijkeUitstroom',
  sectie: '4.4',
  titel: 'Gedeeltelijke uitstroom',
  feitSoort: SOORT_INKOMSTEN,
  cellen: () =>
    ['loondienst', 'onderneming', 'totaal', 'bijstandshuishoudens'].map((c) => `gedeeltelijkeUitstroom.${c}`),
  verklaar(h, p, leden) {
    let maanden = 0;
    let loon = 0;
    let ond = 0;
    const feiten: number[] = [];
    for (let i = 0; i < h.maanden; i++) {
      if (Math.floor(h.maand(i) / 12) !== p.jaar) continue;
      maanden++;
      loon += h.loondienstCent(i);
      ond += h.ondernemingCent(i);
      for (let q = 0; q < h.maandFeiten(i); q++) feiten.push(h.maandFeit(i, q));
    }
    if (maanden > 0) {
      const args = [maanden, loon, ond, p.jaar];
      leden.lid(`gedeeltelijkeUitstroom.${loon >= ond ? 'loondienst' : 'onderneming'}`, feiten, BRON, args);
      leden.lid('gedeeltelijkeUitstroom.totaal', feiten, BRON, args);
    }
    bijstandInJaar(h, p, leden, 'gedeeltelijkeUitstroom.bijstandshuishoudens');
  },

  // Its part: 1 in loondienst or onderneming (the larger source), and 1 when a bijstandshuishouden.
  slots: 3,
  bijdrage(h, p, out, at) {
    const y = h.inkomenJaar(p.jaar);
    // MEETREGELS 2.0 §3: "in Y" uses every fact dated in Y, whatever E.
    const bijstand = spellIn(h, p.y0, p.y1) >= 0;
    if (y >= 0) een(out, at, h.loondienstCent(y) >= h.ondernemingCent(y) ? 0 : 1);
    if (bijstand) een(out, at, 2);
  },
  uit(s) {
    const loondienst = s.n(0);
    const onderneming = s.n(1);
    const bijstandshuishoudens = s.n(2);
    return {
      loondienst,
      onderneming,
      totaal: loondienst + onderneming,
      bijstandshuishoudens,
      aandeel: aandeel(loondienst + onderneming, bijstandshuishoudens),
    };
  },
  labels: {
    indicatoren: () => [
      {
        id: 'gedeeltelijkeUitstroom',
        kort: 'Gedeeltelijke uitstroom (aandeel)',
        titel: 'Gedeeltelijke uitstroom: aandeel bijstandshuishoudens met inkomsten uit loondienst of onderneming',
        eenheid: 'aandeel',
        waarde: (r) => r.gedeeltelijkeUitstroom.aandeel,
        aantal: (r) => r.gedeeltelijkeUitstroom.totaal,
        aandeel: (r) => r.gedeeltelijkeUitstroom.aandeel,
        figuur: 'gedeeltelijkeUitstroom',
        details: [
          { label: 'huishoudens met inkomsten', eenheid: 'aantal', waarde: (r) => r.gedeeltelijkeUitstroom.totaal },
          { label: 'waarvan loondienst', eenheid: 'aantal', waarde: (r) => r.gedeeltelijkeUitstroom.loondienst },
          {
            label: 'waarvan eigen onderneming',
            eenheid: 'aantal',
            waarde: (r) => r.gedeeltelijkeUitstroom.onderneming,
          },
          {
            label: 'bijstandshuishoudens in het jaar',
            eenheid: 'aantal',
            waarde: (r) => r.gedeeltelijkeUitstroom.bijstandshuishoudens,
          },
        ],
      },
    ],
  },
});

// MEETREGELS §4.1 Volledige uitstroom: a household counts once, under the reason of its first
// qualifying exit (loondienst, onderneming, opleiding) with d in Y; `totaal` holds them all.
import { STATE_UIT_LOONDIENST } from '@zelfredzaam/domain';
import type { VolledigeUitstroom } from '../types.js';
import { dag, een, type Figuur, figuur, REDEN_VAN_STATE, type Tekst, UITSTROOM_NAAR } from './figuur.js';
import { eersteUitstroom } from './tijdlijn.js';

const UIT: Tekst = ([state = 0, d = 0, jaar = 0]) =>
  `uitgestroomd naar ${UITSTROOM_NAAR[state]} op ${dag(d)}: de eerste volledige uitstroom in ${jaar}`;

export const volledigeUitstroom: Figuur<VolledigeUitstroom, 'volledigeUitstroom'> = figuur({
  naam: 'volledigeUitstroom',
  sectie: '4.1',
  titel: 'Volledige uitstroom',
  cellen: () => ['loondienst', 'onderneming', 'opleiding', 'totaal'].map((c) => `volledigeUitstroom.${c}`),
  verklaar(h, p, leden) {
    const k = eersteUitstroom(h, p);
    if (k < 0) return;
    const state = h.toestand(k);
    const args = [state, h.dag(k), p.jaar];
    leden.lid(`volledigeUitstroom.${REDEN_VAN_STATE[state]}`, [h.feitVan(k)], UIT, args);
    leden.lid('volledigeUitstroom.totaal', [h.feitVan(k)], UIT, args);
  },

  // Its part: 1 in the slot of the reason (state code − STATE_UIT_LOONDIENST).
  slots: 3,
  bijdrage(h, p, out, at) {
    const k = eersteUitstroom(h, p);
    if (k >= 0) een(out, at, h.toestand(k) - STATE_UIT_LOONDIENST);
  },
  uit(s) {
    const loondienst = s.n(0);
    const onderneming = s.n(1);
    const opleiding = s.n(2);
    return { loondienst, onderneming, opleiding, totaal: loondienst + onderneming + opleiding };
  },
  labels: {
    indicatoren: () => [
      {
        id: 'volledigeUitstroom',
        kort: 'Volledige uitstroom',
        titel: 'Volledige uitstroom: huishoudens uit de bijstand door loondienst, onderneming of opleiding',
        eenheid: 'aantal',
        waarde: (r) => r.volledigeUitstroom.totaal,
        aantal: (r) => r.volledigeUitstroom.totaal,
        details: [
          { label: 'waarvan loondienst', eenheid: 'aantal', waarde: (r) => r.volledigeUitstroom.loondienst },
          { label: 'waarvan eigen onderneming', eenheid: 'aantal', waarde: (r) => r.volledigeUitstroom.onderneming },
          { label: 'waarvan opleiding', eenheid: 'aantal', waarde: (r) => r.volledigeUitstroom.opleiding },
        ],
      },
    ],
  },
});

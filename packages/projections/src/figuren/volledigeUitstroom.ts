// MEETREGELS §4.1 Volledige uitstroom: a household counts once, under the reason of its first
// qualifying exit (loondienst, onderneming, opleiding) with d in Y; `totaal` holds them all.
import { isQualifyingExitState } from '@zelfredzaam/domain';
import { dag, type Figuur, REDEN_VAN_STATE, type Tekst, UITSTROOM_NAAR } from './figuur.js';

const UIT: Tekst = ([state = 0, d = 0, jaar = 0]) =>
  `uitgestroomd naar ${UITSTROOM_NAAR[state]} op ${dag(d)}: de eerste volledige uitstroom in ${jaar}`;

export const volledigeUitstroom: Figuur = {
  naam: 'volledigeUitstroom',
  sectie: '4.1',
  titel: 'Volledige uitstroom',
  cellen: () => ['loondienst', 'onderneming', 'opleiding', 'totaal'].map((c) => `volledigeUitstroom.${c}`),
  verklaar(h, p, leden) {
    for (let k = 0; k < h.transities; k++) {
      const d = h.dag(k);
      if (d > p.y1) return;
      const state = h.toestand(k);
      if (d < p.y0 || !isQualifyingExitState(state)) continue;
      const args = [state, d, p.jaar];
      leden.lid(`volledigeUitstroom.${REDEN_VAN_STATE[state]}`, [h.feitVan(k)], UIT, args);
      leden.lid('volledigeUitstroom.totaal', [h.feitVan(k)], UIT, args);
      return;
    }
  },
};

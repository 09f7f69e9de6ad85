// MEETREGELS §4.8 Stroom: `beginstand` and `eindstand` count households (bijstand on (Y−1)-12-31,
// on Y-12-31); `instroom.*` and `uitstroom.*` count facts: each transition into bijstand dated in
// Y (`nieuw`: UitkeringGestart, `teruggevallen`: Teruggevallen op WWB) and each exit dated in Y,
// per reason. E and V do not apply.
import { isUitState, STATE_BIJSTAND, TRANSITION_TERUGVAL_WWB, UIT_REDENEN } from '@zelfredzaam/domain';
import type { HuishoudenView } from '../engine/huishouden.js';
import type { Leden } from './figuur.js';
import { dag, type Figuur, REDEN_VAN_STATE, type Tekst, UITSTROOM_NAAR } from './figuur.js';

const STAND: Tekst = ([start = 0, d = 0]) => `bijstand sinds ${dag(start)}, ook op ${dag(d)}`;
const NIEUW: Tekst = ([d = 0]) => `uitkering gestart op ${dag(d)}`;
const TERUG: Tekst = ([d = 0]) => `teruggevallen in de bijstand op ${dag(d)}`;
const UIT: Tekst = ([state = 0, d = 0]) => `uitgestroomd naar ${UITSTROOM_NAAR[state]} op ${dag(d)}`;

/** Member of `cel` when h has bijstand on `day` (every fact): the start of that spell. */
const stand = (h: HuishoudenView, day: number, leden: Leden, cel: string): void => {
  const k = h.spellOp(day);
  if (k >= 0) leden.lid(cel, [h.feitVan(k)], STAND, [h.dag(k), day]);
};

export const stroom: Figuur = {
  naam: 'stroom',
  sectie: '4.8',
  titel: 'Stroom',
  cellen: () => [
    'stroom.beginstand',
    'stroom.instroom.nieuw',
    'stroom.instroom.teruggevallen',
    'stroom.instroom.totaal',
    ...UIT_REDENEN.map((r) => `stroom.uitstroom.${r}`),
    'stroom.uitstroom.totaal',
    'stroom.eindstand',
  ],
  verklaar(h, p, leden) {
    stand(h, p.y0 - 1, leden, 'stroom.beginstand');
    for (let k = 0; k < h.transities; k++) {
      const d = h.dag(k);
      if (d > p.y1) break;
      if (d < p.y0) continue;
      const j = h.feitVan(k);
      const state = h.toestand(k);
      if (state === STATE_BIJSTAND) {
        const terug = h.soort(j) === TRANSITION_TERUGVAL_WWB;
        leden.lid(`stroom.instroom.${terug ? 'teruggevallen' : 'nieuw'}`, [j], terug ? TERUG : NIEUW, [d], { feit: j });
        leden.lid('stroom.instroom.totaal', [j], terug ? TERUG : NIEUW, [d], { feit: j });
      } else if (isUitState(state)) {
        leden.lid(`stroom.uitstroom.${REDEN_VAN_STATE[state]}`, [j], UIT, [state, d], { feit: j });
        leden.lid('stroom.uitstroom.totaal', [j], UIT, [state, d], { feit: j });
      }
    }
    stand(h, p.y1, leden, 'stroom.eindstand');
  },
};

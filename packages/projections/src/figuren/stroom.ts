// MEETREGELS §4.8 Stroom: `beginstand` and `eindstand` count households (bijstand on (Y−1)-12-31,
// on Y-12-31); `instroom.*` and `uitstroom.*` count facts: each transition into bijstand dated in
// Y (`nieuw`: UitkeringGestart, `teruggevallen`: Teruggevallen op WWB) and each exit dated in Y,
// per reason. E and V do not apply.
import {
  isUitState,
  STATE_BIJSTAND,
  STATE_UIT_LOONDIENST,
  TRANSITION_TERUGVAL_WWB,
  UIT_REDENEN,
  type UitReden,
} from '@zelfredzaam/domain';
import type { HuishoudenView } from '../engine/huishouden.js';
import type { Stroom } from '../types.js';
import type { Cijfers, Leden } from './figuur.js';
import { dag, een, type Figuur, figuur, REDEN_VAN_STATE, type Tekst, UITSTROOM_NAAR } from './figuur.js';
import { spellOp } from './tijdlijn.js';

/** The exit reasons as the documents name them (§4.8 uitstroom). */
const REDENEN: readonly [UitReden, string][] = [
  ['loondienst', 'naar loondienst'],
  ['onderneming', 'naar een eigen onderneming'],
  ['opleiding', 'naar een opleiding'],
  ['verhuizing', 'verhuisd'],
  ['overlijden', 'overleden'],
  ['andere-uitkering', 'naar een andere uitkering'],
  ['detentie', 'detentie'],
  ['partner-inkomen', 'inkomen van de partner'],
  ['overig', 'overige redenen'],
];

// A household's part, by slot.
const ST_BEGIN = 0;
const ST_NIEUW = 1;
const ST_TERUGGEVALLEN = 2;
/** … + the reason's index in UIT_REDENEN. */
const ST_UIT = 3;
const ST_EIND = ST_UIT + UIT_REDENEN.length;
const STROOM_SLOTS = ST_EIND + 1;

const STAND: Tekst = ([start = 0, d = 0]) => `bijstand sinds ${dag(start)}, ook op ${dag(d)}`;
const NIEUW: Tekst = ([d = 0]) => `uitkering gestart op ${dag(d)}`;
const TERUG: Tekst = ([d = 0]) => `teruggevallen in de bijstand op ${dag(d)}`;
const UIT: Tekst = ([state = 0, d = 0]) => `uitgestroomd naar ${UITSTROOM_NAAR[state]} op ${dag(d)}`;

/** Member of `cel` when h has bijstand on `day` (every fact): the start of that spell. */
const stand = (h: HuishoudenView, day: number, leden: Leden, cel: string): void => {
  const k = spellOp(h, day);
  if (k >= 0) leden.lid(cel, [h.feitVan(k)], STAND, [h.dag(k), day]);
};

export const stroom: Figuur<Stroom, 'stroom'> = figuur({
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

  // Its part: 1 for beginstand, its starts (nieuw, teruggevallen), its exits per reason, 1 for eindstand.
  slots: STROOM_SLOTS,
  bijdrage(h, p, out, at) {
    // One pass over the transitions up to Y-12-31: the state on (Y−1)-12-31 (bijstandOp's), the
    // transitions dated in Y, and the state on Y-12-31.
    let bijstand = false;
    let instroom = 0;
    let k = 0;
    for (; k < h.transities; k++) {
      const day = h.dag(k);
      if (day >= p.y0) break;
      bijstand = h.toestand(k) === STATE_BIJSTAND;
    }
    if (bijstand) een(out, at, ST_BEGIN);
    for (; k < h.transities; k++) {
      const day = h.dag(k);
      if (day > p.y1) break;
      const state = h.toestand(k);
      bijstand = state === STATE_BIJSTAND;
      if (bijstand) instroom++;
      else if (isUitState(state)) {
        const slot = at + ST_UIT + state - STATE_UIT_LOONDIENST;
        out[slot] = (out[slot] as number) + 1;
      }
    }
    if (bijstand) een(out, at, ST_EIND);
    // The transitions into bijstand that are a Teruggevallen op WWB, by their days.
    let teruggevallen = 0;
    for (let i = 0; i < h.terugvallen(); i++) {
      const day = h.terugvalDag(i);
      if (day >= p.y0 && day <= p.y1) teruggevallen++;
    }
    out[at + ST_TERUGGEVALLEN] = (out[at + ST_TERUGGEVALLEN] as number) + teruggevallen;
    out[at + ST_NIEUW] = (out[at + ST_NIEUW] as number) + instroom - teruggevallen;
  },
  uit(s) {
    const uitstroom = {} as Record<UitReden | 'totaal', number>;
    let totaal = 0;
    UIT_REDENEN.forEach((reden, i) => {
      uitstroom[reden] = s.n(ST_UIT + i);
      totaal += s.n(ST_UIT + i);
    });
    uitstroom.totaal = totaal;
    const nieuw = s.n(ST_NIEUW);
    const teruggevallen = s.n(ST_TERUGGEVALLEN);
    return {
      beginstand: s.n(ST_BEGIN),
      instroom: { nieuw, teruggevallen, totaal: nieuw + teruggevallen },
      uitstroom,
      eindstand: s.n(ST_EIND),
    };
  },
  // No indicator (no norm): an overview section of the flow, after §4.7.
  labels: {
    indicatoren: () => [],
    overzicht: {
      titel: 'Verloop van het bijstandsbestand',
      rijen: [
        { label: 'Beginstand (31 december van het jaar ervoor)', niveau: 0, waarde: (r) => r.stroom.beginstand },
        { label: 'Instroom', niveau: 0, waarde: (r) => r.stroom.instroom.totaal },
        { label: 'nieuwe uitkering', niveau: 1, waarde: (r) => r.stroom.instroom.nieuw },
        { label: 'opnieuw in de bijstand na uitstroom', niveau: 1, waarde: (r) => r.stroom.instroom.teruggevallen },
        { label: 'Uitstroom', niveau: 0, waarde: (r) => r.stroom.uitstroom.totaal },
        ...REDENEN.map(([reden, label]) => ({
          label,
          niveau: 1 as const,
          waarde: (r: Cijfers) => r.stroom.uitstroom[reden],
        })),
        { label: 'Eindstand (31 december)', niveau: 0, waarde: (r) => r.stroom.eindstand },
      ],
      voetnoten: ['Beginstand + instroom − uitstroom = eindstand; instroom en uitstroom tellen elke overgang.'],
    },
  },
});

// MEETREGELS §4.2 Duurzaamheid — "duurzaam bijstandsonafhankelijk (minimaal een half jaar uit de
// uitkeringssituatie)".
// For a qualifying exit at d the window ends at w = d + 6 calendar months (clamped to the month's
// end). At the evaluatiedatum V (§3, 2.0) it is `teruggevallen` when a return (a transition into
// bijstand: UitkeringGestart or Teruggevallen op WWB; WW is not one) follows it in the timeline at
// r with r < w and r ≤ V; else `duurzaam` when V ≥ w; else `nogOnbekend`. The returns that follow an
// exit come in date order, so the first one decides. A household of §4.1 is duurzaam if one of
// its qualifying exits in Y is, else nogOnbekend if one is, else teruggevallen.
import { addMonths, isQualifyingExitState, STATE_BIJSTAND } from '@zelfredzaam/domain';
import { aandeel } from './afronding.js';
import { forEachHuishouden } from './engine/cache.js';
import { record } from './engine/record.js';
import type { ProjectionState } from './engine/state.js';
import { type Peil, peilVan } from './parameters.js';
import type { Duurzaamheid, Parameters } from './types.js';

export const DUURZAAM = 1;
export const TERUGGEVALLEN = 2;
export const NOG_ONBEKEND = 3;

/** The household's status of §4.2 (DUURZAAM, TERUGGEVALLEN, NOG_ONBEKEND), or 0 when not in §4.1. */
export const duurzaamheidVan = (buf: Float64Array, off: number, peil: Peil): number => {
  const h = record.zet(buf, off);
  let nogOnbekend = false;
  let teruggevallen = false;
  for (let k = 0; k < h.transities; k++) {
    const d = h.dag(k);
    if (d > peil.y1) break;
    if (d < peil.y0 || !isQualifyingExitState(h.toestand(k))) continue;
    const w = addMonths(d, 6);
    // The first return into bijstand after this exit decides.
    let r = Number.POSITIVE_INFINITY;
    for (let q = k + 1; q < h.transities; q++) {
      if (h.toestand(q) === STATE_BIJSTAND) {
        r = h.dag(q);
        break;
      }
    }
    if (r < w && r <= peil.v) teruggevallen = true;
    else if (peil.v >= w) return DUURZAAM;
    else nogOnbekend = true;
  }
  if (nogOnbekend) return NOG_ONBEKEND;
  return teruggevallen ? TERUGGEVALLEN : 0;
};

export const duurzaamheidUit = (duurzaam: number, teruggevallen: number, nogOnbekend: number): Duurzaamheid => ({
  uitstroom: duurzaam + teruggevallen + nogOnbekend,
  duurzaam,
  teruggevallen,
  nogOnbekend,
  aandeelDuurzaam: aandeel(duurzaam, duurzaam + teruggevallen),
});

/** §4.2 on its own. */
export const duurzaamheid = (state: ProjectionState, parameters: Parameters): Duurzaamheid => {
  const peil = peilVan(parameters);
  let duurzaam = 0;
  let teruggevallen = 0;
  let nogOnbekend = 0;
  forEachHuishouden(state, peil.cutoff, (buf, off) => {
    const status = duurzaamheidVan(buf, off, peil);
    if (status === DUURZAAM) duurzaam++;
    else if (status === TERUGGEVALLEN) teruggevallen++;
    else if (status === NOG_ONBEKEND) nogOnbekend++;
  });
  return duurzaamheidUit(duurzaam, teruggevallen, nogOnbekend);
};

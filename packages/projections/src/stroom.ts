// MEETREGELS §4.8 Stroom — beginstand + instroom − uitstroom = eindstand.
// The flow of Y, for reconciling the figures with the benefits administration. `beginstand`: the
// huishoudens with bijstand on (Y−1)-12-31; `instroom`: the transitions into bijstand dated in Y,
// each counted: `nieuw` (UitkeringGestart), `teruggevallen` (Teruggevallen op WWB); `uitstroom`:
// the exits dated in Y, each counted, per reason (loondienst, onderneming, opleiding and every
// UitkeringBeeindigd reden); `eindstand`: the huishoudens with bijstand on Y-12-31. A household's
// transitions alternate into and out of bijstand, so per household, and so in total,
// eindstand = beginstand + instroom − uitstroom (a start and an exit on one day count on both
// sides). E and V do not apply: every fact dated in Y counts.
import { isUitState, STATE_BIJSTAND, STATE_UIT_LOONDIENST, UIT_REDENEN, type UitReden } from '@zelfredzaam/domain';
import { forEachHuishouden } from './engine/cache.js';
import { record } from './engine/record.js';
import type { ProjectionState } from './engine/state.js';
import { type Peil, peilVan } from './parameters.js';
import type { Parameters, Stroom } from './types.js';

// A household's part, by slot.
export const ST_BEGIN = 0;
export const ST_NIEUW = 1;
export const ST_TERUGGEVALLEN = 2;
/** … + the reason's index in UIT_REDENEN. */
export const ST_UIT = 3;
export const ST_EIND = ST_UIT + UIT_REDENEN.length;
export const STROOM_SLOTS = ST_EIND + 1;

/** Writes the household's part of §4.8 into out[at …] (STROOM_SLOTS numbers). */
export const stroomVan = (buf: Float64Array, off: number, peil: Peil, out: Float64Array, at: number): void => {
  out.fill(0, at, at + STROOM_SLOTS);
  const h = record.zet(buf, off);
  out[at + ST_BEGIN] = h.bijstandOp(peil.y0 - 1) ? 1 : 0;
  out[at + ST_EIND] = h.bijstandOp(peil.y1) ? 1 : 0;
  let instroom = 0;
  for (let k = 0; k < h.transities; k++) {
    const day = h.dag(k);
    if (day > peil.y1) break;
    if (day < peil.y0) continue;
    const state = h.toestand(k);
    if (state === STATE_BIJSTAND) instroom++;
    else if (isUitState(state)) {
      const slot = at + ST_UIT + state - STATE_UIT_LOONDIENST;
      out[slot] = (out[slot] as number) + 1;
    }
  }
  // The transitions into bijstand that are a Teruggevallen op WWB, by their days.
  let teruggevallen = 0;
  for (let i = 0; i < h.terugvallen(); i++) {
    const day = h.terugvalDag(i);
    if (day >= peil.y0 && day <= peil.y1) teruggevallen++;
  }
  out[at + ST_TERUGGEVALLEN] = teruggevallen;
  out[at + ST_NIEUW] = instroom - teruggevallen;
};

/** The figure from its counters (`c(slot)`). */
export const stroomUit = (c: (slot: number) => number): Stroom => {
  const uitstroom = {} as Record<UitReden | 'totaal', number>;
  let totaal = 0;
  UIT_REDENEN.forEach((reden, i) => {
    uitstroom[reden] = c(ST_UIT + i);
    totaal += c(ST_UIT + i);
  });
  uitstroom.totaal = totaal;
  const nieuw = c(ST_NIEUW);
  const teruggevallen = c(ST_TERUGGEVALLEN);
  return {
    beginstand: c(ST_BEGIN),
    instroom: { nieuw, teruggevallen, totaal: nieuw + teruggevallen },
    uitstroom,
    eindstand: c(ST_EIND),
  };
};

/** §4.8 on its own. */
export const stroom = (state: ProjectionState, parameters: Parameters): Stroom => {
  const peil = peilVan(parameters);
  const part = new Float64Array(STROOM_SLOTS);
  const t = new Float64Array(STROOM_SLOTS);
  forEachHuishouden(state, peil.cutoff, (buf, off) => {
    stroomVan(buf, off, peil, part, 0);
    for (let i = 0; i < STROOM_SLOTS; i++) t[i] = (t[i] as number) + (part[i] as number);
  });
  return stroomUit((slot) => t[slot] as number);
};

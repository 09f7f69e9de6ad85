// MEETREGELS §4.1 Volledige uitstroom — "afname aantal bijstandsafhankelijke huishoudens door
// inkomsten uit loondienst of onderneming of het volgen van een opleiding".
// The distinct huishoudens with at least one qualifying exit (bijstand → uit(loondienst |
// onderneming | opleiding)) with d in Y, each once, under the reason of its first such exit in
// timeline order (§1). Every fact counts here, also one dated after the peildatum (§3).
import {
  isQualifyingExitState,
  STATE_UIT_LOONDIENST,
  STATE_UIT_ONDERNEMING,
  STATE_UIT_OPLEIDING,
} from '@zelfredzaam/domain';
import { forEachHuishouden } from './engine/cache.js';
import { record } from './engine/record.js';
import type { ProjectionState } from './engine/state.js';
import { type Peil, peilVan } from './parameters.js';
import type { Parameters, VolledigeUitstroom } from './types.js';

/** The state code uit(reden) of the household's first qualifying exit with d in Y, or 0. */
export const uitstroomRedenVan = (buf: Float64Array, off: number, peil: Peil): number => {
  const h = record.zet(buf, off);
  for (let k = 0; k < h.transities; k++) {
    const day = h.dag(k);
    if (day > peil.y1) break;
    const state = h.toestand(k);
    if (day >= peil.y0 && isQualifyingExitState(state)) return state;
  }
  return 0;
};

export const volledigeUitstroomUit = (
  loondienst: number,
  onderneming: number,
  opleiding: number,
): VolledigeUitstroom => ({ loondienst, onderneming, opleiding, totaal: loondienst + onderneming + opleiding });

/** §4.1 on its own. */
export const volledigeUitstroom = (state: ProjectionState, parameters: Parameters): VolledigeUitstroom => {
  const peil = peilVan(parameters);
  let loondienst = 0;
  let onderneming = 0;
  let opleiding = 0;
  forEachHuishouden(state, peil.cutoff, (buf, off) => {
    const reden = uitstroomRedenVan(buf, off, peil);
    if (reden === STATE_UIT_LOONDIENST) loondienst++;
    else if (reden === STATE_UIT_ONDERNEMING) onderneming++;
    else if (reden === STATE_UIT_OPLEIDING) opleiding++;
  });
  return volledigeUitstroomUit(loondienst, onderneming, opleiding);
};

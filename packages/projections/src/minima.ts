// MEETREGELS §7.2 Minima: the distinct households with a MinimaregelingToegekend (any scheme) with
// datum in Y. Every fact in Y counts (as in §4.1), also one dated after the peildatum.
import { forEachHuishouden } from './engine/cache.js';
import { num, S7_MINIMA, sectie7 } from './engine/derive.js';
import type { ProjectionState } from './engine/state.js';
import { type Peil, peilVan } from './parameters.js';
import type { Minima, Parameters } from './types.js';

/** True when the household was granted a minima scheme in Y; `m`: where its grants start (S7_MINIMA). */
export const minimaVan = (buf: Float64Array, m: number, peil: Peil): boolean => {
  const n = num(buf, m);
  for (let i = 0; i < n; i++) {
    const day = num(buf, m + 1 + i);
    if (day >= peil.y0 && day <= peil.y1) return true;
  }
  return false;
};

export const minimaUit = (huishoudens: number): Minima => ({ huishoudens });

/** §7.2 Minima on its own. */
export const minima = (state: ProjectionState, parameters: Parameters): Minima => {
  const peil = peilVan(parameters);
  let huishoudens = 0;
  forEachHuishouden(state, peil.cutoff, (buf, off) => {
    const m = sectie7(buf, off, S7_MINIMA);
    if (m >= 0 && minimaVan(buf, m, peil)) huishoudens++;
  });
  return minimaUit(huishoudens);
};

// MEETREGELS §7.2 Allianties — Zwolle: 47 allianties met werkgevers (norm 50).
// `inJaar`: the employers whose alliance (AllianceGesloten, the first one kept by the lenient
// replay) is dated in Y (every fact in Y counts); `totaal`: those closed on or before the
// peildatum E. An employer is not a household: it counts in no other figure.
import { forEachHuishouden } from './engine/cache.js';
import { num, S7_ALLIANTIES, sectie7 } from './engine/derive.js';
import type { ProjectionState } from './engine/state.js';
import { type Peil, peilVan } from './parameters.js';
import type { Allianties, Parameters } from './types.js';

/**
 * The day of the employer's alliance, or +∞ when it has none (every household: none); `a`: where
 * its alliances start (derive.ts S7_ALLIANTIES).
 */
export const alliantieDagVan = (buf: Float64Array, a: number): number =>
  num(buf, a) > 0 ? num(buf, a + 1) : Number.POSITIVE_INFINITY;

export const alliantieInJaar = (day: number, peil: Peil): boolean => day >= peil.y0 && day <= peil.y1;
export const alliantieTotaal = (day: number, peil: Peil): boolean => day <= peil.e;

export const alliantiesUit = (inJaar: number, totaal: number): Allianties => ({ inJaar, totaal });

/** §7.2 Allianties on its own. */
export const allianties = (state: ProjectionState, parameters: Parameters): Allianties => {
  const peil = peilVan(parameters);
  let inJaar = 0;
  let totaal = 0;
  forEachHuishouden(state, peil.cutoff, (buf, off) => {
    const a = sectie7(buf, off, S7_ALLIANTIES);
    const day = a < 0 ? Number.POSITIVE_INFINITY : alliantieDagVan(buf, a);
    if (alliantieInJaar(day, peil)) inJaar++;
    if (alliantieTotaal(day, peil)) totaal++;
  });
  return alliantiesUit(inJaar, totaal);
};

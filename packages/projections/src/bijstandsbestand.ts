// MEETREGELS §4.7 Bijstandsbestand — "totaal aantal personen met een bijstandsuitkering".
// `opPeildatum`: the distinct huishoudens with bijstand on E. `inJaar`: those with bijstand on at
// least one day of Y. Facts dated after E are not used for `opPeildatum` (§3): the state on E is
// that after the facts dated ≤ E. `inJaar` uses every fact dated in Y, whatever E (§3, 2.0). Days of bijstand are those of the spells, half-open
// [start, end): a start and an exit on the same day give none.
import { STATE_BIJSTAND } from '@zelfredzaam/domain';
import { forEachHuishouden } from './engine/cache.js';
import { record } from './engine/record.js';
import type { ProjectionState } from './engine/state.js';
import { peilVan } from './parameters.js';
import type { Bijstandsbestand, Parameters } from './types.js';

/** True when the household has bijstand on `day`: its state after all facts dated ≤ day. */
export const bijstandOp = (buf: Float64Array, off: number, day: number): boolean =>
  record.zet(buf, off).bijstandOp(day);

/**
 * True when the household has bijstand on at least one day of [van, tot], in the timeline of
 * its facts dated ≤ totFeiten (+∞: every fact).
 */
export const bijstandInPeriode = (
  buf: Float64Array,
  off: number,
  van: number,
  tot: number,
  totFeiten: number,
): boolean => {
  const h = record.zet(buf, off);
  let bijstand = false;
  let spellStart = 0;
  for (let k = 0; k < h.transities; k++) {
    const day = h.dag(k);
    if (day > totFeiten || day > tot) break;
    const next = h.toestand(k) === STATE_BIJSTAND;
    if (!bijstand && next) spellStart = day;
    else if (bijstand && !next && spellStart < day && day > van) return true;
    bijstand = next;
  }
  // A spell still open where the timeline (or the period) stops reaches into the period.
  return bijstand;
};

export const bijstandsbestandUit = (opPeildatum: number, inJaar: number): Bijstandsbestand => ({
  opPeildatum,
  inJaar,
});

/** §4.7 on its own. */
export const bijstandsbestand = (state: ProjectionState, parameters: Parameters): Bijstandsbestand => {
  const peil = peilVan(parameters);
  let opPeildatum = 0;
  let inJaar = 0;
  forEachHuishouden(state, peil.cutoff, (buf, off) => {
    if (bijstandOp(buf, off, peil.e)) opPeildatum++;
    if (bijstandInPeriode(buf, off, peil.y0, peil.y1, Number.POSITIVE_INFINITY)) inJaar++;
  });
  return bijstandsbestandUit(opPeildatum, inJaar);
};

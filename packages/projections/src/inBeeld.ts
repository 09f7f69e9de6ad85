// MEETREGELS §7.2 In beeld — Groningen: "% inwoners met uitkering dat via Kansen in Kaart in beeld
// is".
// Of the households with bijstand on the peildatum E (§4.7 `opPeildatum`: facts after E are not
// used), `inBeeld` counts those with an InBeeldGebracht inside the spell that contains E: dated on
// or after that spell's start and on or before E (a contact dated after E is not yet known on E).
// `aandeel` = inBeeld / bijstand, rounded half up to 4 decimals; null when 0/0.
import { STATE_BIJSTAND } from '@zelfredzaam/domain';
import { aandeel } from './afronding.js';
import { bijstandOp } from './bijstandsbestand.js';
import { forEachHuishouden } from './engine/cache.js';
import { num, S7_IN_BEELD, sectie7 } from './engine/derive.js';
import { record } from './engine/record.js';
import type { ProjectionState } from './engine/state.js';
import { type Peil, peilVan } from './parameters.js';
import type { InBeeld, Parameters } from './types.js';

/** The first day of the spell that contains `day`, or −∞ when there is no bijstand on it. */
export const spellStartOp = (buf: Float64Array, off: number, day: number): number => {
  const h = record.zet(buf, off);
  let bijstand = false;
  let start = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < h.transities && h.dag(k) <= day; k++) {
    const next = h.toestand(k) === STATE_BIJSTAND;
    if (!bijstand && next) start = h.dag(k);
    bijstand = next;
  }
  return bijstand ? start : Number.NEGATIVE_INFINITY;
};

/**
 * True when the household was brought in beeld in the spell containing E, which starts on
 * `start` (spellStartOp; −∞: no bijstand on E); `b`: where its contacts start (derive.ts
 * S7_IN_BEELD).
 */
export const inBeeldVan = (buf: Float64Array, b: number, start: number, peil: Peil): boolean => {
  const n = num(buf, b);
  if (start === Number.NEGATIVE_INFINITY) return false;
  for (let i = 0; i < n; i++) {
    const day = num(buf, b + 1 + i);
    if (day >= start && day <= peil.e) return true;
  }
  return false;
};

export const inBeeldUit = (bijstand: number, inBeeld: number): InBeeld => ({
  bijstand,
  inBeeld,
  aandeel: aandeel(inBeeld, bijstand),
});

/** §7.2 In beeld on its own. */
export const inBeeld = (state: ProjectionState, parameters: Parameters): InBeeld => {
  const peil = peilVan(parameters);
  let bijstand = 0;
  let inBeeld = 0;
  forEachHuishouden(state, peil.cutoff, (buf, off) => {
    if (bijstandOp(buf, off, peil.e)) bijstand++;
    const b = sectie7(buf, off, S7_IN_BEELD);
    if (b >= 0 && inBeeldVan(buf, b, spellStartOp(buf, off, peil.e), peil)) inBeeld++;
  });
  return inBeeldUit(bijstand, inBeeld);
};

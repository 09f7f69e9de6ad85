// MEETREGELS §7.2 Langdurig — Groningen: "langdurig financieel afhankelijk (≥ 3 jaar)".
// Of the households with bijstand on the peildatum E (facts after E are not used), `langdurig`
// counts those whose bijstand has lasted without interruption at least 3 years on E: the spell
// containing E started on or before E minus 3 calendar years (clamped: 2016-02-29 − 3 years =
// 2013-02-28). Spells separated by a gap shorter than `hervattingsgrens` days count as one: the
// gap is the number of days without bijstand between one spell's end (its first day without) and
// the next start, so an exit and a return on the same day leave a gap of 0, which merges from a
// hervattingsgrens of 1 on (default 0: no merging). A spell without a day of bijstand ([d, d))
// is no spell here. `aandeel` = langdurig / bijstand, half up to 4 decimals; null when 0/0.
import { STATE_BIJSTAND } from '@zelfredzaam/domain';
import { aandeel } from './afronding.js';
import { bijstandOp } from './bijstandsbestand.js';
import { forEachHuishouden } from './engine/cache.js';
import { record } from './engine/record.js';
import type { ProjectionState } from './engine/state.js';
import { type Peil, peilVan } from './parameters.js';
import type { Langdurig, Parameters } from './types.js';

/** The start of the (merged) spell that contains E, or +∞ when there is no bijstand on E. */
export const langdurigStartVan = (buf: Float64Array, off: number, peil: Peil): number => {
  const h = record.zet(buf, off);
  let bijstand = false;
  let spellStart = 0;
  let mergedStart = 0;
  // The last spell with a day of bijstand: its merged start and its end.
  let previousStart = Number.NaN;
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < h.transities; k++) {
    const day = h.dag(k);
    if (day > peil.e) break;
    const next = h.toestand(k) === STATE_BIJSTAND;
    if (!bijstand && next) {
      spellStart = day;
      mergedStart = day - previousEnd < peil.hervattingsgrens ? previousStart : day;
    } else if (bijstand && !next && day > spellStart) {
      previousStart = mergedStart;
      previousEnd = day;
    }
    bijstand = next;
  }
  return bijstand ? mergedStart : Number.POSITIVE_INFINITY;
};

/** True when the household has bijstand on E without interruption since E minus 3 years or earlier. */
export const langdurigVan = (buf: Float64Array, off: number, peil: Peil): boolean =>
  langdurigStartVan(buf, off, peil) <= peil.e3;

export const langdurigUit = (bijstand: number, langdurig: number): Langdurig => ({
  bijstand,
  langdurig,
  aandeel: aandeel(langdurig, bijstand),
});

/** §7.2 Langdurig on its own. */
export const langdurig = (state: ProjectionState, parameters: Parameters): Langdurig => {
  const peil = peilVan(parameters);
  let bijstand = 0;
  let langdurig = 0;
  forEachHuishouden(state, peil.cutoff, (buf, off) => {
    if (bijstandOp(buf, off, peil.e)) bijstand++;
    if (langdurigVan(buf, off, peil)) langdurig++;
  });
  return langdurigUit(bijstand, langdurig);
};

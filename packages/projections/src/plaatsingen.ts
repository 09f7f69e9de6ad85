// MEETREGELS §7.2 Plaatsingen, per soort (sroi, afspraakbaan, beschut-nieuw, banenplan) — the
// placements as Groningen counts them: facts, not distinct households.
// `inJaar`: the Geplaatst facts with datum in Y (every fact in Y counts, as in §4.1);
// `cumulatief`: those from the first fact up to the peildatum E (datum ≤ E).
import { forEachHuishouden } from './engine/cache.js';
import { num, PLAATSING_ENTRY, S7_PLAATSINGEN, sectie7 } from './engine/derive.js';
import { PLAATSING_SOORTEN } from './engine/encoding.js';
import type { ProjectionState } from './engine/state.js';
import { type Peil, peilVan } from './parameters.js';
import type { Parameters, Plaatsingen } from './types.js';

export const SOORTEN = PLAATSING_SOORTEN.length;

/**
 * Writes the household's placements into out[at …]: per soort (PLAATSING_SOORTEN order) the
 * number in Y, then per soort the number up to E. `p`: where its placements start (S7_PLAATSINGEN).
 */
export const plaatsingenVan = (buf: Float64Array, p: number, peil: Peil, out: Float64Array, at: number): void => {
  for (let i = at; i < at + 2 * SOORTEN; i++) out[i] = 0;
  const n = num(buf, p);
  for (let i = 0; i < n; i++) {
    const day = num(buf, p + 1 + PLAATSING_ENTRY * i);
    const soort = num(buf, p + 2 + PLAATSING_ENTRY * i);
    if (day >= peil.y0 && day <= peil.y1) out[at + soort] = num(out, at + soort) + 1;
    if (day <= peil.e) out[at + SOORTEN + soort] = num(out, at + SOORTEN + soort) + 1;
  }
};

/** The figure from the counts (`inJaar(s)`, `cumulatief(s)` by index in PLAATSING_SOORTEN). */
export const plaatsingenUit = (inJaar: (s: number) => number, cumulatief: (s: number) => number): Plaatsingen => {
  const soort = (s: number) => ({ inJaar: inJaar(s), cumulatief: cumulatief(s) });
  return {
    sroi: soort(PLAATSING_SOORTEN.indexOf('sroi')),
    afspraakbaan: soort(PLAATSING_SOORTEN.indexOf('afspraakbaan')),
    'beschut-nieuw': soort(PLAATSING_SOORTEN.indexOf('beschut-nieuw')),
    banenplan: soort(PLAATSING_SOORTEN.indexOf('banenplan')),
  };
};

/** §7.2 Plaatsingen on its own. */
export const plaatsingen = (state: ProjectionState, parameters: Parameters): Plaatsingen => {
  const peil = peilVan(parameters);
  const totals = new Float64Array(2 * SOORTEN);
  const part = new Float64Array(2 * SOORTEN);
  forEachHuishouden(state, peil.cutoff, (buf, off) => {
    const p = sectie7(buf, off, S7_PLAATSINGEN);
    if (p < 0) return;
    plaatsingenVan(buf, p, peil, part, 0);
    for (let i = 0; i < totals.length; i++) totals[i] = (totals[i] as number) + (part[i] as number);
  });
  return plaatsingenUit(
    (s) => totals[s] as number,
    (s) => totals[SOORTEN + s] as number,
  );
};

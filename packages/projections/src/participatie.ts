// MEETREGELS §7.2 Participatiegroei — Zwolle doel 2.2.2: "participatiegroei bij tenminste 200
// bijstandsgerechtigden".
// Per household: `eind` = its last assessment (ParticipatieTredeVastgesteld) with datum in Y;
// `begin` = its last assessment before Y-01-01, or else its first assessment in Y if that is not
// `eind` itself ("last" and "first" in the §1 ordering: datum, then recorded order). A household
// without `eind` or `begin` is not measured. Every fact in Y counts (as §4.1 does), also one dated
// after the peildatum. Output: gemeten, gestegen (eind > begin), gelijk, gedaald,
// groteVooruitgang (eind − begin ≥ 2), and `overgangen`: every (begin, eind) pair that occurs,
// sorted by van, then naar.
import { forEachHuishouden } from './engine/cache.js';
import { ASSESSMENT_ENTRY, num, S7_ASSESSMENTS, sectie7 } from './engine/derive.js';
import type { ProjectionState } from './engine/state.js';
import { type Peil, peilVan } from './parameters.js';
import type { Overgang, Parameters, Participatie } from './types.js';

/** A (begin, eind) pair of treden (1–6) as one number; 0 is no pair. */
export const PAAR_BASIS = 8;
export const PAREN = PAAR_BASIS * PAAR_BASIS;

/** The trede of the k-th assessment (timeline order) of a record whose assessments start at `a`. */
export const tredeAt = (buf: Float64Array, a: number, k: number): number => num(buf, a + 1 + ASSESSMENT_ENTRY * k + 1);
export const tredeDayAt = (buf: Float64Array, a: number, k: number): number => num(buf, a + 1 + ASSESSMENT_ENTRY * k);

/**
 * The household's (begin, eind) as begin · 8 + eind, or 0 when it is not measured; `a` is where
 * its assessments start (derive.ts S7_ASSESSMENTS).
 */
export const participatieVan = (buf: Float64Array, a: number, peil: Peil): number => {
  const n = num(buf, a);
  let voor = -1;
  let eerste = -1;
  let laatste = -1;
  for (let k = 0; k < n; k++) {
    const day = tredeDayAt(buf, a, k);
    if (day > peil.y1) break;
    if (day < peil.y0) voor = k;
    else {
      if (eerste < 0) eerste = k;
      laatste = k;
    }
  }
  if (laatste < 0) return 0;
  const begin = voor >= 0 ? voor : eerste !== laatste ? eerste : -1;
  if (begin < 0) return 0;
  return tredeAt(buf, a, begin) * PAAR_BASIS + tredeAt(buf, a, laatste);
};

/** The figure from the number of households per pair (index begin · 8 + eind). */
export const participatieUit = (perPaar: (paar: number) => number): Participatie => {
  let gemeten = 0;
  let gestegen = 0;
  let gelijk = 0;
  let gedaald = 0;
  let groteVooruitgang = 0;
  const overgangen: Overgang[] = [];
  for (let van = 1; van < PAAR_BASIS; van++) {
    for (let naar = 1; naar < PAAR_BASIS; naar++) {
      const aantal = perPaar(van * PAAR_BASIS + naar);
      if (aantal === 0) continue;
      overgangen.push({ van, naar, aantal });
      gemeten += aantal;
      if (naar > van) gestegen += aantal;
      else if (naar === van) gelijk += aantal;
      else gedaald += aantal;
      if (naar - van >= 2) groteVooruitgang += aantal;
    }
  }
  return { gemeten, gestegen, gelijk, gedaald, groteVooruitgang, overgangen };
};

/** §7.2 Participatiegroei on its own. */
export const participatie = (state: ProjectionState, parameters: Parameters): Participatie => {
  const peil = peilVan(parameters);
  const perPaar = new Float64Array(PAREN);
  forEachHuishouden(state, peil.cutoff, (buf, off) => {
    const a = sectie7(buf, off, S7_ASSESSMENTS);
    const paar = a < 0 ? 0 : participatieVan(buf, a, peil);
    if (paar !== 0) perPaar[paar] = (perPaar[paar] as number) + 1;
  });
  return participatieUit((paar) => perPaar[paar] as number);
};

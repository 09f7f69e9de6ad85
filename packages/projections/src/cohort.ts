// MEETREGELS §4.3 Cohortstatus op meetdatum — "313 personen zijn in loondienst getreden of zijn
// een eigen onderneming gestart. Op meetdatum 28 augustus 2013 zijn 222 personen nog aan het werk
// en uitkeringsonafhankelijk. 46 personen ontvangen een WW-uitkering en 45 personen een
// WWB-uitkering."
// The cohort: the distinct huishoudens with an exit with reason loondienst or onderneming, with d
// in Y and d ≤ M (any such exit, not only the first). The status of each is its state after all
// facts with datum ≤ M: bijstand → wwb, ww → ww, uit(loondienst | onderneming) → aanHetWerk, any
// other uit → overig.
import {
  STATE_BIJSTAND,
  STATE_NOOIT,
  STATE_UIT_LOONDIENST,
  STATE_UIT_ONDERNEMING,
  STATE_WW,
} from '@zelfredzaam/domain';
import { forEachHuishouden } from './engine/cache.js';
import { record } from './engine/record.js';
import type { ProjectionState } from './engine/state.js';
import { type Peil, peilVan } from './parameters.js';
import type { Cohort, Parameters } from './types.js';

export const AAN_HET_WERK = 1;
export const WW = 2;
export const WWB = 3;
export const OVERIG = 4;

/** The household's status on M (AAN_HET_WERK, WW, WWB, OVERIG), or 0 when it is not in the cohort. */
export const cohortStatusVan = (buf: Float64Array, off: number, peil: Peil): number => {
  const h = record.zet(buf, off);
  let inCohort = false;
  let state = STATE_NOOIT;
  for (let k = 0; k < h.transities; k++) {
    const day = h.dag(k);
    if (day > peil.m) break;
    state = h.toestand(k);
    if ((state === STATE_UIT_LOONDIENST || state === STATE_UIT_ONDERNEMING) && day >= peil.y0 && day <= peil.y1) {
      inCohort = true;
    }
  }
  if (!inCohort) return 0;
  if (state === STATE_BIJSTAND) return WWB;
  if (state === STATE_WW) return WW;
  return state === STATE_UIT_LOONDIENST || state === STATE_UIT_ONDERNEMING ? AAN_HET_WERK : OVERIG;
};

export const cohortUit = (meetdatum: string, aanHetWerk: number, ww: number, wwb: number, overig: number): Cohort => ({
  meetdatum,
  omvang: aanHetWerk + ww + wwb + overig,
  aanHetWerk,
  ww,
  wwb,
  overig,
});

/** §4.3 on its own. */
export const cohort = (state: ProjectionState, parameters: Parameters): Cohort => {
  const peil = peilVan(parameters);
  let aanHetWerk = 0;
  let ww = 0;
  let wwb = 0;
  let overig = 0;
  forEachHuishouden(state, peil.cutoff, (buf, off) => {
    const status = cohortStatusVan(buf, off, peil);
    if (status === AAN_HET_WERK) aanHetWerk++;
    else if (status === WW) ww++;
    else if (status === WWB) wwb++;
    else if (status === OVERIG) overig++;
  });
  return cohortUit(parameters.meetdatum, aanHetWerk, ww, wwb, overig);
};

// MEETREGELS §7.2 Schuldhulp — Groningen: "78 %, 84 %" geslaagde minnelijke schuldregelingen.
// `huishoudens`: the distinct households with a debt trajectory (SchuldhulpGestart kept by the
// lenient replay) running on at least one day of Y: start ≤ Y-12-31 and no end before Y-01-01
// (an end on Y-01-01 itself still counts). `beeindigd`: per resultaat, the debt trajectories with
// end in Y (trajectories, not households). `aandeelMinnelijkGeslaagd` = minnelijk-geslaagd /
// (minnelijk-geslaagd + minnelijk-mislukt), half up to 4 decimals; null when 0/0. Every fact
// counts, also one dated after the peildatum.
import { aandeel } from './afronding.js';
import { forEachHuishouden } from './engine/cache.js';
import { num, S7_SCHULDHULP, SCHULDHULP_ENTRY, sectie7 } from './engine/derive.js';
import { SCHULDHULP_RESULTATEN } from './engine/encoding.js';
import type { ProjectionState } from './engine/state.js';
import { type Peil, peilVan } from './parameters.js';
import type { Parameters, Schuldhulp } from './types.js';

export const RESULTATEN = SCHULDHULP_RESULTATEN.length;

/**
 * Writes the household's part into out[at …]: 1 when a debt trajectory runs on a day of Y, then
 * per resultaat (SCHULDHULP_RESULTATEN order) its debt trajectories ended in Y. `s`: where its
 * debt trajectories start (derive.ts S7_SCHULDHULP).
 */
export const schuldhulpVan = (buf: Float64Array, s: number, peil: Peil, out: Float64Array, at: number): void => {
  for (let i = at; i <= at + RESULTATEN; i++) out[i] = 0;
  const n = num(buf, s);
  for (let i = 0; i < n; i++) {
    const e = s + 1 + SCHULDHULP_ENTRY * i;
    const start = num(buf, e);
    const end = num(buf, e + 1);
    if (start <= peil.y1 && end >= peil.y0) out[at] = 1;
    if (end >= peil.y0 && end <= peil.y1) {
      const slot = at + 1 + num(buf, e + 2);
      out[slot] = num(out, slot) + 1;
    }
  }
};

/** The figure from the households and the ends per resultaat (by index in SCHULDHULP_RESULTATEN). */
export const schuldhulpUit = (huishoudens: number, beeindigd: (r: number) => number): Schuldhulp => {
  const r = (resultaat: (typeof SCHULDHULP_RESULTATEN)[number]) => beeindigd(SCHULDHULP_RESULTATEN.indexOf(resultaat));
  const geslaagd = r('minnelijk-geslaagd');
  const mislukt = r('minnelijk-mislukt');
  return {
    huishoudens,
    beeindigd: {
      'minnelijk-geslaagd': geslaagd,
      'minnelijk-mislukt': mislukt,
      wsnp: r('wsnp'),
      uitgevallen: r('uitgevallen'),
      overig: r('overig'),
    },
    aandeelMinnelijkGeslaagd: aandeel(geslaagd, geslaagd + mislukt),
  };
};

/** §7.2 Schuldhulp on its own. */
export const schuldhulp = (state: ProjectionState, parameters: Parameters): Schuldhulp => {
  const peil = peilVan(parameters);
  const totals = new Float64Array(1 + RESULTATEN);
  const part = new Float64Array(1 + RESULTATEN);
  forEachHuishouden(state, peil.cutoff, (buf, off) => {
    const s = sectie7(buf, off, S7_SCHULDHULP);
    if (s < 0) return;
    schuldhulpVan(buf, s, peil, part, 0);
    for (let i = 0; i < totals.length; i++) totals[i] = (totals[i] as number) + (part[i] as number);
  });
  return schuldhulpUit(totals[0] as number, (r) => totals[1 + r] as number);
};

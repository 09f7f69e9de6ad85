// MEETREGELS §5: the report, every figure of §4 for one year and one set of parameters (§3), in
// one pass over the households. Each figure's rule lives in its own file; the figures computed
// on their own give the same numbers (jaarrapport.test.ts).
import { BIJDRAGE_SIZE, bijdrageVan, Telling } from './bijdrage.js';
import { forEachHuishouden } from './cache.js';
import { peilVan } from './parameters.js';
import type { ProjectionState } from './state.js';
import type { Jaarrapport, Parameters } from './types.js';

/** The §5 JSON object for `parameters` (resolve them with `resolveParameters`). Never replays. */
export const jaarrapport = (state: ProjectionState, parameters: Parameters): Jaarrapport => {
  const peil = peilVan(parameters);
  const telling = new Telling();
  const b = new Float64Array(BIJDRAGE_SIZE);
  forEachHuishouden(state, peil.cutoff, (buf, off) => {
    bijdrageVan(buf, off, peil, b, 0);
    telling.voegToe(b, 0, 1);
  });
  return telling.rapport(peil);
};

// MEETREGELS §5 and §7.3: the report, every figure of §4 and §7.2 for one year and one set of
// parameters (§3), in one pass over the households (and employers) of the one fold, asking every
// figure of the registry (figuren/) for its part. The figures computed on their own give the
// same numbers (jaarrapport.test.ts).
import { type BronHerkomst, bronUitState } from './bron.js';
import { forEachHuishouden } from './engine/cache.js';
import { record } from './engine/record.js';
import type { ProjectionState } from './engine/state.js';
import { peilVan } from './parameters.js';
import { Telling } from './telling.js';
import type { Jaarrapport, Parameters } from './types.js';

/**
 * The §5 JSON object for `parameters` (resolve them with `resolveParameters`). Never replays.
 * `herkomst`: the SHA-256 of the facts (bron.ts BronHash, sha256Van) and the tool's version for
 * `bron`; null there when not given.
 */
export const jaarrapport = (
  state: ProjectionState,
  parameters: Parameters,
  herkomst: BronHerkomst = {},
): Jaarrapport => {
  const peil = peilVan(parameters);
  const telling = new Telling();
  forEachHuishouden(state, peil.cutoff, (buf, off) => telling.telMee(record.zet(buf, off), peil));
  return telling.rapport(peil, state.soorten.list, bronUitState(state, peil.cutoff, herkomst));
};

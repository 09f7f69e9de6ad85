// MEETREGELS §7.2 Plaatsingen, per soort (sroi, afspraakbaan, beschut-nieuw, banenplan) — the
// placements as Groningen counts them: facts, not distinct households.
// `inJaar`: the Geplaatst facts with datum in Y (every fact in Y counts, as in §4.1);
// `cumulatief`: those from the first fact up to the peildatum E (datum ≤ E).
// The figure lives in figuren/plaatsingen.ts (its rule, its cells, its §5 object, its labels); this is
// the figure on its own, a public name of the library.
import type { ProjectionState } from './engine/state.js';
import { plaatsingen as figuur } from './figuren/plaatsingen.js';
import { figuurAlleen } from './telling.js';
import type { Parameters, Plaatsingen } from './types.js';

/** The figure on its own, for `parameters` (resolve them with `resolveParameters`). Never replays. */
export const plaatsingen = (state: ProjectionState, parameters: Parameters): Plaatsingen =>
  figuurAlleen(figuur, state, parameters);

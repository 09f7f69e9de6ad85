// MEETREGELS §4.7 Bijstandsbestand — "totaal aantal personen met een bijstandsuitkering".
// `opPeildatum`: the distinct huishoudens with bijstand on E. `inJaar`: those with bijstand on at
// least one day of Y. Facts dated after E are not used for `opPeildatum` (§3): the state on E is
// that after the facts dated ≤ E. `inJaar` uses every fact dated in Y, whatever E (§3, 2.0). Days of bijstand are those of the spells, half-open
// [start, end): a start and an exit on the same day give none.
// The figure lives in figuren/bijstandsbestand.ts (its rule, its cells, its §5 object, its labels); this is
// the figure on its own, a public name of the library.
import type { ProjectionState } from './engine/state.js';
import { bijstandsbestand as figuur } from './figuren/bijstandsbestand.js';
import { figuurAlleen } from './telling.js';
import type { Bijstandsbestand, Parameters } from './types.js';

/** The figure on its own, for `parameters` (resolve them with `resolveParameters`). Never replays. */
export const bijstandsbestand = (state: ProjectionState, parameters: Parameters): Bijstandsbestand =>
  figuurAlleen(figuur, state, parameters);

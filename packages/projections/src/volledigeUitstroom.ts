// MEETREGELS §4.1 Volledige uitstroom — "afname aantal bijstandsafhankelijke huishoudens door
// inkomsten uit loondienst of onderneming of het volgen van een opleiding".
// The distinct huishoudens with at least one qualifying exit (bijstand → uit(loondienst |
// onderneming | opleiding)) with d in Y, each once, under the reason of its first such exit in
// timeline order (§1). Every fact counts here, also one dated after the peildatum (§3).
// The figure lives in figuren/volledigeUitstroom.ts (its rule, its cells, its §5 object, its labels); this is
// the figure on its own, a public name of the library.
import type { ProjectionState } from './engine/state.js';
import { volledigeUitstroom as figuur } from './figuren/volledigeUitstroom.js';
import { figuurAlleen } from './telling.js';
import type { Parameters, VolledigeUitstroom } from './types.js';

/** The figure on its own, for `parameters` (resolve them with `resolveParameters`). Never replays. */
export const volledigeUitstroom = (state: ProjectionState, parameters: Parameters): VolledigeUitstroom =>
  figuurAlleen(figuur, state, parameters);

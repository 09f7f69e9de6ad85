// MEETREGELS §7.2 Minima: the distinct households with a MinimaregelingToegekend (any scheme) with
// datum in Y. Every fact in Y counts (as in §4.1), also one dated after the peildatum.
// The figure lives in figuren/minima.ts (its rule, its cells, its §5 object, its labels); this is
// the figure on its own, a public name of the library.
import type { ProjectionState } from './engine/state.js';
import { minima as figuur } from './figuren/minima.js';
import { figuurAlleen } from './telling.js';
import type { Minima, Parameters } from './types.js';

/** The figure on its own, for `parameters` (resolve them with `resolveParameters`). Never replays. */
export const minima = (state: ProjectionState, parameters: Parameters): Minima =>
  figuurAlleen(figuur, state, parameters);

// MEETREGELS §7.2 Allianties — Zwolle: 47 allianties met werkgevers (norm 50).
// `inJaar`: the employers whose alliance (AllianceGesloten, the first one kept by the lenient
// replay) is dated in Y (every fact in Y counts); `totaal`: those closed on or before the
// peildatum E. An employer is not a household: it counts in no other figure.
// The figure lives in figuren/allianties.ts (its rule, its cells, its §5 object, its labels); this is
// the figure on its own, a public name of the library.
import type { ProjectionState } from './engine/state.js';
import { allianties as figuur } from './figuren/allianties.js';
import { figuurAlleen } from './telling.js';
import type { Allianties, Parameters } from './types.js';

/** The figure on its own, for `parameters` (resolve them with `resolveParameters`). Never replays. */
export const allianties = (state: ProjectionState, parameters: Parameters): Allianties =>
  figuurAlleen(figuur, state, parameters);

// MEETREGELS §7.2 Schuldhulp — Groningen: "78 %, 84 %" geslaagde minnelijke schuldregelingen.
// `huishoudens`: the distinct households with a debt trajectory (SchuldhulpGestart kept by the
// lenient replay) running on at least one day of Y: start ≤ Y-12-31 and no end before Y-01-01
// (an end on Y-01-01 itself still counts). `beeindigd`: per resultaat, the debt trajectories with
// end in Y (trajectories, not households). `aandeelMinnelijkGeslaagd` = minnelijk-geslaagd /
// (minnelijk-geslaagd + minnelijk-mislukt), half up to 4 decimals; null when 0/0. Every fact
// counts, also one dated after the peildatum.
// The figure lives in figuren/schuldhulp.ts (its rule, its cells, its §5 object, its labels); this is
// the figure on its own, a public name of the library.
import type { ProjectionState } from './engine/state.js';
import { schuldhulp as figuur } from './figuren/schuldhulp.js';
import { figuurAlleen } from './telling.js';
import type { Parameters, Schuldhulp } from './types.js';

/** The figure on its own, for `parameters` (resolve them with `resolveParameters`). Never replays. */
export const schuldhulp = (state: ProjectionState, parameters: Parameters): Schuldhulp =>
  figuurAlleen(figuur, state, parameters);

// MEETREGELS §4.2 Duurzaamheid — "duurzaam bijstandsonafhankelijk (minimaal een half jaar uit de
// uitkeringssituatie)".
// For a qualifying exit at d the window ends at w = d + 6 calendar months (clamped to the month's
// end). At the evaluatiedatum V (§3, 2.0) it is `teruggevallen` when a return (a transition into
// bijstand: UitkeringGestart or Teruggevallen op WWB; WW is not one) follows it in the timeline at
// r with r < w and r ≤ V; else `duurzaam` when V ≥ w; else `nogOnbekend`. The returns that follow an
// exit come in date order, so the first one decides. A household of §4.1 is duurzaam if one of
// its qualifying exits in Y is, else nogOnbekend if one is, else teruggevallen.
// The figure lives in figuren/duurzaamheid.ts (its rule, its cells, its §5 object, its labels); this is
// the figure on its own, a public name of the library.
import type { ProjectionState } from './engine/state.js';
import { duurzaamheid as figuur } from './figuren/duurzaamheid.js';
import { figuurAlleen } from './telling.js';
import type { Duurzaamheid, Parameters } from './types.js';

/** The figure on its own, for `parameters` (resolve them with `resolveParameters`). Never replays. */
export const duurzaamheid = (state: ProjectionState, parameters: Parameters): Duurzaamheid =>
  figuurAlleen(figuur, state, parameters);

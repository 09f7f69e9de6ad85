// MEETREGELS §4.8 Stroom — beginstand + instroom − uitstroom = eindstand.
// The flow of Y, for reconciling the figures with the benefits administration. `beginstand`: the
// huishoudens with bijstand on (Y−1)-12-31; `instroom`: the transitions into bijstand dated in Y,
// each counted: `nieuw` (UitkeringGestart), `teruggevallen` (Teruggevallen op WWB); `uitstroom`:
// the exits dated in Y, each counted, per reason (loondienst, onderneming, opleiding and every
// UitkeringBeeindigd reden); `eindstand`: the huishoudens with bijstand on Y-12-31. A household's
// transitions alternate into and out of bijstand, so per household, and so in total,
// eindstand = beginstand + instroom − uitstroom (a start and an exit on one day count on both
// sides). E and V do not apply: every fact dated in Y counts.
// The figure lives in figuren/stroom.ts (its rule, its cells, its §5 object, its labels); this is
// the figure on its own, a public name of the library.
import type { ProjectionState } from './engine/state.js';
import { stroom as figuur } from './figuren/stroom.js';
import { figuurAlleen } from './telling.js';
import type { Parameters, Stroom } from './types.js';

/** The figure on its own, for `parameters` (resolve them with `resolveParameters`). Never replays. */
export const stroom = (state: ProjectionState, parameters: Parameters): Stroom =>
  figuurAlleen(figuur, state, parameters);

// MEETREGELS §7.2 In beeld — Groningen: "% inwoners met uitkering dat via Kansen in Kaart in beeld
// is".
// Of the households with bijstand on the peildatum E (§4.7 `opPeildatum`: facts after E are not
// used), `inBeeld` counts those with an InBeeldGebracht inside the spell that contains E: dated on
// or after that spell's start and on or before E (a contact dated after E is not yet known on E).
// `aandeel` = inBeeld / bijstand, rounded half up to 4 decimals; null when 0/0.
// The figure lives in figuren/inBeeld.ts (its rule, its cells, its §5 object, its labels); this is
// the figure on its own, a public name of the library.
import type { ProjectionState } from './engine/state.js';
import { inBeeld as figuur } from './figuren/inBeeld.js';
import { figuurAlleen } from './telling.js';
import type { InBeeld, Parameters } from './types.js';

/** The figure on its own, for `parameters` (resolve them with `resolveParameters`). Never replays. */
export const inBeeld = (state: ProjectionState, parameters: Parameters): InBeeld =>
  figuurAlleen(figuur, state, parameters);

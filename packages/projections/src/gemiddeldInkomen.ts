// MEETREGELS §4.5 Gemiddeld inkomen — "de hoogte van dit inkomen per maand".
// Over the qualifying household-months of §4.4: `totaalCent` = their earned income (both
// sources), `maanden` = their number, `gemiddeldCent` = totaalCent / maanden rounded half up to a
// cent, `gemiddeldEuro` = totaalCent / (100 · maanden) rounded half up to a euro (from the total,
// not from the rounded cents); both null when maanden = 0.
// The figure lives in figuren/gemiddeldInkomen.ts (its rule, its cells, its §5 object, its labels); this is
// the figure on its own, a public name of the library.
import type { ProjectionState } from './engine/state.js';
import { gemiddeldInkomen as figuur } from './figuren/gemiddeldInkomen.js';
import { figuurAlleen } from './telling.js';
import type { GemiddeldInkomen, Parameters } from './types.js';

/** The figure on its own, for `parameters` (resolve them with `resolveParameters`). Never replays. */
export const gemiddeldInkomen = (state: ProjectionState, parameters: Parameters): GemiddeldInkomen =>
  figuurAlleen(figuur, state, parameters);

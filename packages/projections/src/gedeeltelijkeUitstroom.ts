// MEETREGELS §4.4 Gedeeltelijke uitstroom — "aandeel bijstandsafhankelijke huishoudens met
// inkomsten uit loondienst of onderneming".
// A qualifying household-month (h, m): m in Y, h has bijstand on at least one day of m, and its
// InkomstenOntvangen for m (all reports summed) total more than 0. The distinct huishoudens with
// one count, each under the source with the larger income over its qualifying household-months
// of Y (a tie goes to loondienst). `bijstandshuishoudens`: the huishoudens with bijstand on at
// least one day of Y; every fact counts here (§3), so it equals §4.7 `inJaar` only when the
// peildatum is on or after Y-12-31. `aandeel` = totaal / bijstandshuishoudens.
// The figure lives in figuren/gedeeltelijkeUitstroom.ts (its rule, its cells, its §5 object, its labels); this is
// the figure on its own, a public name of the library.
import type { ProjectionState } from './engine/state.js';
import { gedeeltelijkeUitstroom as figuur } from './figuren/gedeeltelijkeUitstroom.js';
import { figuurAlleen } from './telling.js';
import type { GedeeltelijkeUitstroom, Parameters } from './types.js';

/** The figure on its own, for `parameters` (resolve them with `resolveParameters`). Never replays. */
export const gedeeltelijkeUitstroom = (state: ProjectionState, parameters: Parameters): GedeeltelijkeUitstroom =>
  figuurAlleen(figuur, state, parameters);

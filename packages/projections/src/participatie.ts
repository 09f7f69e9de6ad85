// MEETREGELS §7.2 Participatiegroei — Zwolle doel 2.2.2: "participatiegroei bij tenminste 200
// bijstandsgerechtigden".
// Per household: `eind` = its last assessment (ParticipatieTredeVastgesteld) with datum in Y;
// `begin` = its last assessment before Y-01-01, or else its first assessment in Y if that is not
// `eind` itself ("last" and "first" in the §1 ordering: datum, then recorded order). A household
// without `eind` or `begin` is not measured. Every fact in Y counts (as §4.1 does), also one dated
// after the peildatum. Output: gemeten, gestegen (eind > begin), gelijk, gedaald,
// groteVooruitgang (eind − begin ≥ 2), and `overgangen`: every (begin, eind) pair that occurs,
// sorted by van, then naar.
// The figure lives in figuren/participatie.ts (its rule, its cells, its §5 object, its labels); this is
// the figure on its own, a public name of the library.
import type { ProjectionState } from './engine/state.js';
import { participatie as figuur } from './figuren/participatie.js';
import { figuurAlleen } from './telling.js';
import type { Parameters, Participatie } from './types.js';

/** The figure on its own, for `parameters` (resolve them with `resolveParameters`). Never replays. */
export const participatie = (state: ProjectionState, parameters: Parameters): Participatie =>
  figuurAlleen(figuur, state, parameters);

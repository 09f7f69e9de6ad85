// MEETREGELS §7.2 Trajecten, per soort — Zwolle: Workfast "574 trajecten beëindigd; 271 personen
// vonden werk, 229 aanvragen werden ingetrokken"; VAK "72 personen … na een halfjaar 57
// uitgestroomd naar werk"; Pauropus "118 deelnemers, 38 procent grote vooruitgang, van trede 2
// naar trede 4".
// Per soort: `gestart`: the trajectories (TrajectGestart kept by the lenient replay) with start in
// Y; `uitstroomBinnenZesMaanden`: of those, the ones whose household has an exit with reason
// loondienst or onderneming with d in [start, start + 6 calendar months) (clamped month arithmetic,
// as in §4.2) and d ≤ the evaluatiedatum V (§3, 2.0); `beeindigd`: the trajectories with
// end in Y, and per `resultaat` how many of those; `trede`, for the ones ended in Y: `begin` = the
// last assessment on or before the start, `eind` = the last on or before the end (§1 ordering),
// measured when both exist and are different assessments: gemeten, gestegen (eind > begin),
// groteVooruitgang (eind − begin ≥ 2). The report has a key for every soort with a start or an
// end in Y.
// The figure lives in figuren/trajecten.ts (its rule, its cells, its §5 object, its labels); this is
// the figure on its own, a public name of the library.
import type { ProjectionState } from './engine/state.js';
import { trajecten as figuur } from './figuren/trajecten.js';
import { figuurAlleen } from './telling.js';
import type { Parameters, Trajecten } from './types.js';

/** The figure on its own, for `parameters` (resolve them with `resolveParameters`). Never replays. */
export const trajecten = (state: ProjectionState, parameters: Parameters): Trajecten =>
  figuurAlleen(figuur, state, parameters);

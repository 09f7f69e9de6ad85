// MEETREGELS §4.3 Cohortstatus op meetdatum — "313 personen zijn in loondienst getreden of zijn
// een eigen onderneming gestart. Op meetdatum 28 augustus 2013 zijn 222 personen nog aan het werk
// en uitkeringsonafhankelijk. 46 personen ontvangen een WW-uitkering en 45 personen een
// WWB-uitkering."
// The cohort: the distinct huishoudens with an exit with reason loondienst or onderneming, with d
// in Y and d ≤ M (any such exit, not only the first). The status of each is its state after all
// facts with datum ≤ M: bijstand → wwb, ww → ww, uit(loondienst | onderneming) → aanHetWerk, any
// other uit → overig.
// The figure lives in figuren/cohort.ts (its rule, its cells, its §5 object, its labels); this is
// the figure on its own, a public name of the library.
import type { ProjectionState } from './engine/state.js';
import { cohort as figuur } from './figuren/cohort.js';
import { figuurAlleen } from './telling.js';
import type { Cohort, Parameters } from './types.js';

/** The figure on its own, for `parameters` (resolve them with `resolveParameters`). Never replays. */
export const cohort = (state: ProjectionState, parameters: Parameters): Cohort =>
  figuurAlleen(figuur, state, parameters);

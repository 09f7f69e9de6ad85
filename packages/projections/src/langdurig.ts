// MEETREGELS §7.2 Langdurig — Groningen: "langdurig financieel afhankelijk (≥ 3 jaar)".
// Of the households with bijstand on the peildatum E (facts after E are not used), `langdurig`
// counts those whose bijstand has lasted without interruption at least 3 years on E: the spell
// containing E started on or before E minus 3 calendar years (clamped: 2016-02-29 − 3 years =
// 2013-02-28). Spells separated by a gap shorter than `hervattingsgrens` days count as one: the
// gap is the number of days without bijstand between one spell's end (its first day without) and
// the next start, so an exit and a return on the same day leave a gap of 0, which merges from a
// hervattingsgrens of 1 on (default 0: no merging). A spell without a day of bijstand ([d, d))
// is no spell here. `aandeel` = langdurig / bijstand, half up to 4 decimals; null when 0/0.
// The figure lives in figuren/langdurig.ts (its rule, its cells, its §5 object, its labels); this is
// the figure on its own, a public name of the library.
import type { ProjectionState } from './engine/state.js';
import { langdurig as figuur } from './figuren/langdurig.js';
import { figuurAlleen } from './telling.js';
import type { Langdurig, Parameters } from './types.js';

/** The figure on its own, for `parameters` (resolve them with `resolveParameters`). Never replays. */
export const langdurig = (state: ProjectionState, parameters: Parameters): Langdurig =>
  figuurAlleen(figuur, state, parameters);

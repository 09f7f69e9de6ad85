// The derived records of the households (derive.ts), kept up to date lazily: a query first
// re-derives the dirty households, then reads every record. Under a kennisdatum a household with
// a fact recorded after it is derived on the fly from its known facts instead (not cached).
import { deriveHousehold, recordBound } from './derive.js';
import type { ProjectionState } from './state.js';

const COMPACT_AFTER = 1 << 20;

const ensureDerivedRoom = (state: ProjectionState, room: number): void => {
  const needed = state.derivedUsed + room;
  if (needed <= state.derived.length) return;
  const grown = new Float64Array(Math.max(needed, state.derived.length * 2));
  grown.set(state.derived.subarray(0, state.derivedUsed));
  state.derived = grown;
};

/** Rewrites the records in household order without the garbage of re-derived ones. */
const compact = (state: ProjectionState): void => {
  const live = state.derivedUsed - state.derivedGarbage;
  const next = new Float64Array(Math.max(1 << 16, Math.ceil(live * 1.5)));
  let used = 0;
  for (let h = 0; h < state.households; h++) {
    const at = state.derivedAt[h] as number;
    if (at < 0) continue;
    const length = state.derivedLength[h] as number;
    next.set(state.derived.subarray(at, at + length), used);
    state.derivedAt[h] = used;
    used += length;
  }
  state.derived = next;
  state.derivedUsed = used;
  state.derivedGarbage = 0;
};

/** Re-derives household h (all its facts) into the cache. */
export const deriveCached = (state: ProjectionState, h: number): void => {
  ensureDerivedRoom(state, recordBound(state.count[h] as number));
  const at = state.derivedUsed;
  const length = deriveHousehold(state, h, Number.POSITIVE_INFINITY, state.derived, at);
  if ((state.derivedAt[h] as number) >= 0) state.derivedGarbage += state.derivedLength[h] as number;
  state.derivedAt[h] = at;
  state.derivedLength[h] = length;
  state.derivedUsed = at + length;
  state.dirty[h] = 0;
  // Live updates re-derive one household at a time; the garbage they leave is bounded here.
  if (state.derivedGarbage > COMPACT_AFTER && 2 * state.derivedGarbage > state.derivedUsed) compact(state);
};

/**
 * Brings every household's derived record up to date. Queries do this themselves; call it to
 * pay the cost at a moment of your choice (e.g. right after a replay).
 */
export const settle = (state: ProjectionState): void => {
  for (let k = 0; k < state.dirtyCount; k++) {
    const h = state.dirtyList[k] as number;
    if (state.dirty[h] === 1) deriveCached(state, h);
  }
  state.dirtyCount = 0;
};

/** Where a household's record can be read; reused by every call (read it before the next). */
export interface View {
  buf: Float64Array;
  off: number;
}

const view: View = { buf: new Float64Array(0), off: 0 };
let onTheFly = new Float64Array(256);

/**
 * Household h's record as known at `cutoff` (ms; +∞ for no kennisdatum), or undefined when none
 * of its facts was recorded by then. The returned view is overwritten by the next call.
 */
export const viewOf = (state: ProjectionState, h: number, cutoff: number): View | undefined => {
  if ((state.minRecordedAt[h] as number) > cutoff) return undefined;
  if ((state.maxRecordedAt[h] as number) <= cutoff) {
    if (state.dirty[h] === 1) deriveCached(state, h);
    view.buf = state.derived;
    view.off = state.derivedAt[h] as number;
    return view;
  }
  const room = recordBound(state.count[h] as number);
  if (room > onTheFly.length) onTheFly = new Float64Array(Math.max(room, onTheFly.length * 2));
  deriveHousehold(state, h, cutoff, onTheFly, 0);
  view.buf = onTheFly;
  view.off = 0;
  return view;
};

/** Calls `visit` with the record of every household that has a fact known at `cutoff`. */
export const forEachHuishouden = (
  state: ProjectionState,
  cutoff: number,
  visit: (buf: Float64Array, off: number, h: number) => void,
): void => {
  settle(state);
  for (let h = 0; h < state.households; h++) {
    const v = viewOf(state, h, cutoff);
    if (v !== undefined) visit(v.buf, v.off, h);
  }
};

/** Stores a record derived elsewhere (a merged or transferred state) as household h's, clean. */
export const storeDerived = (state: ProjectionState, h: number, record: Float64Array): void => {
  ensureDerivedRoom(state, record.length);
  if ((state.derivedAt[h] as number) >= 0) state.derivedGarbage += state.derivedLength[h] as number;
  state.derived.set(record, state.derivedUsed);
  state.derivedAt[h] = state.derivedUsed;
  state.derivedLength[h] = record.length;
  state.derivedUsed += record.length;
  state.dirty[h] = 0;
};

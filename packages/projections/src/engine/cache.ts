// The derived records of the households (derive.ts), kept up to date lazily: a query first
// re-derives the dirty households, then reads every record. Under a kennisdatum a household with
// a fact recorded after it is derived on the fly from its known facts instead (not cached).
// Records are appended to segments that never move (no copy when the cache grows, and a merge
// takes another state's segments over as they are, transfer.ts).
import { deriveHousehold, lastRecordedRange, recordBound } from './derive.js';
import {
  H_COUNT,
  H_DERIVED_AT,
  H_DERIVED_LENGTH,
  H_DERIVED_SEGMENT,
  H_DIRTY,
  HOUSE_INTS,
  type ProjectionState,
  reserveRecordedRange,
} from './state.js';

const COMPACT_AFTER = 1 << 20;
const FIRST_SEGMENT = 1 << 13;
/** Segments grow up to this many numbers (8 MiB); a larger record gets a segment of its own size. */
const MAX_SEGMENT = 1 << 20;

/** A segment with room for `room` more numbers: the last one, or a new one. */
const ensureDerivedRoom = (state: ProjectionState, room: number): Float64Array => {
  const segments = state.derivedSegments;
  const last = segments[segments.length - 1];
  if (last !== undefined && state.segmentUsed + room <= last.length) return last;
  const size = Math.max(room, last === undefined ? FIRST_SEGMENT : Math.min(MAX_SEGMENT, 2 * last.length));
  const segment = new Float64Array(size);
  segments.push(segment);
  state.segmentUsed = 0;
  return segment;
};

/** The segment of household h's record. */
export const segmentOf = (state: ProjectionState, h: number): Float64Array =>
  state.derivedSegments[state.house[h * HOUSE_INTS + H_DERIVED_SEGMENT] as number] as Float64Array;

/** Stores household h's new record as the [at, at + length) of the last segment, clean. */
const place = (state: ProjectionState, h: number, at: number, length: number): void => {
  const house = state.house;
  const r = h * HOUSE_INTS;
  if ((house[r + H_DERIVED_AT] as number) >= 0) state.derivedGarbage += house[r + H_DERIVED_LENGTH] as number;
  house[r + H_DERIVED_AT] = at;
  house[r + H_DERIVED_LENGTH] = length;
  house[r + H_DERIVED_SEGMENT] = state.derivedSegments.length - 1;
  house[r + H_DIRTY] = 0;
  state.segmentUsed = at + length;
  state.derivedUsed += length;
};

/** Rewrites the records in household order without the garbage of re-derived ones. */
const compact = (state: ProjectionState): void => {
  const old = state.derivedSegments;
  state.derivedSegments = [];
  state.segmentUsed = 0;
  state.derivedUsed = 0;
  state.derivedGarbage = 0;
  const house = state.house;
  for (let h = 0; h < state.households; h++) {
    const r = h * HOUSE_INTS;
    const at = house[r + H_DERIVED_AT] as number;
    if (at < 0) continue;
    const length = house[r + H_DERIVED_LENGTH] as number;
    const from = old[house[r + H_DERIVED_SEGMENT] as number] as Float64Array;
    const segment = ensureDerivedRoom(state, length);
    const to = state.segmentUsed;
    segment.set(from.subarray(at, at + length), to);
    house[r + H_DERIVED_AT] = -1;
    place(state, h, to, length);
  }
};

/** Re-derives household h (all its facts) into the cache. */
export const deriveCached = (state: ProjectionState, h: number): void => {
  const segment = ensureDerivedRoom(state, recordBound(state.house[h * HOUSE_INTS + H_COUNT] as number));
  const at = state.segmentUsed;
  const length = deriveHousehold(state, h, Number.POSITIVE_INFINITY, segment, at);
  place(state, h, at, length);
  reserveRecordedRange(state, h);
  state.recordedRange[2 * h] = lastRecordedRange[0] as number;
  state.recordedRange[2 * h + 1] = lastRecordedRange[1] as number;
  // Live updates re-derive one household at a time; the garbage they leave is bounded here.
  if (state.derivedGarbage > COMPACT_AFTER && 2 * state.derivedGarbage > state.derivedUsed) compact(state);
};

/**
 * Brings every household's derived record up to date. Queries do this themselves; call it to
 * pay the cost at a moment of your choice (e.g. right after a replay).
 */
export const settle = (state: ProjectionState): void => {
  const house = state.house;
  for (let k = 0; k < state.dirtyCount; k++) {
    const h = state.dirtyList[k] as number;
    if (house[h * HOUSE_INTS + H_DIRTY] === 1) deriveCached(state, h);
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
  const r = h * HOUSE_INTS;
  // Its recordedAt range is kept with its record.
  if (state.house[r + H_DIRTY] === 1) deriveCached(state, h);
  if ((state.recordedRange[2 * h] as number) > cutoff) return undefined;
  if ((state.recordedRange[2 * h + 1] as number) <= cutoff) {
    view.buf = segmentOf(state, h);
    view.off = state.house[r + H_DERIVED_AT] as number;
    return view;
  }
  const room = recordBound(state.house[r + H_COUNT] as number);
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
  // Every report and figure reads the households here: from JavaScript, anything may come.
  // (By shape, not instanceof: a state made by another copy of the package is a state too.)
  const shape = state as Partial<ProjectionState> | null;
  if (typeof shape !== 'object' || shape === null || !(shape.house instanceof Int32Array)) {
    throw new TypeError(
      `geen projectiestate (${shape === null ? 'null' : typeof shape}): maak er een met emptyState, apply of replay`,
    );
  }
  settle(state);
  // Every household is clean now: viewOf's first steps, written out (this runs per household).
  const house = state.house;
  const range = state.recordedRange;
  const segments = state.derivedSegments;
  for (let h = 0; h < state.households; h++) {
    if ((range[2 * h] as number) > cutoff) continue;
    const r = h * HOUSE_INTS;
    if ((range[2 * h + 1] as number) <= cutoff) {
      visit(segments[house[r + H_DERIVED_SEGMENT] as number] as Float64Array, house[r + H_DERIVED_AT] as number, h);
    } else {
      const v = viewOf(state, h, cutoff);
      if (v !== undefined) visit(v.buf, v.off, h);
    }
  }
};

// States built over disjoint sets of households (e.g. by worker threads, partitioned by a hash
// of the household; issue 6) merge into one, and a state travels between threads as its own
// buffers (fact chunks, household records, derived-record segments), transferred, not copied.
// A merge takes those buffers over as they are: a household's blocks keep their places, only its
// head moves (its blocks point on relative to it, state.ts), so merging costs a pass over the
// households, not over the facts, and no fact is held twice. The interned strings of §7.1 travel
// as their lists; a merge renumbers them into the target's (facts and derived records both).
import { settle } from './cache.js';
import { num, S7_TRAJECTEN, sectie7, TRAJECT_ENTRY } from './derive.js';
import {
  extraOf,
  KIND_MINIMA,
  KIND_SCHULDHULP_EINDE,
  KIND_SCHULDHULP_START,
  KIND_TRAJECT_EINDE,
  KIND_TRAJECT_START,
  kindOf,
  withExtra,
} from './encoding.js';
import {
  appendFact,
  CHUNK_SIZE,
  emptyState,
  F_AMOUNT,
  F_ID,
  F_KIND,
  F_RECORDED_AT,
  F_WHEN,
  FACT_FLOATS,
  FACT_INTS,
  FactChunk,
  forEachRun,
  forEachRunOf,
  H_COUNT,
  H_DERIVED_AT,
  H_DERIVED_LENGTH,
  H_DERIVED_SEGMENT,
  H_DIRTY,
  H_END,
  H_HEAD,
  H_NEXT,
  HOUSE_INTS,
  householdIndex,
  type Interning,
  markDirty,
  type ProjectionState,
  reserveHouseholds,
  reserveRecordedRange,
} from './state.js';

/** A settled state as its buffers (see ProjectionState for their meaning). */
export interface TransferableState {
  /** The keys of the households (and of the employers, §7.1: see state.ts). */
  readonly huishoudens: readonly string[];
  /** The households' records (HOUSE_INTS slots each), all clean. */
  readonly house: Int32Array;
  readonly recordedRange: Float64Array;
  readonly chunks: readonly ArrayBuffer[];
  readonly facts: number;
  readonly places: number;
  readonly derivedSegments: readonly Float64Array<ArrayBuffer>[];
  readonly segmentUsed: number;
  readonly derivedUsed: number;
  readonly derivedGarbage: number;
  /** §7.1: the interned trajectIds, soorten and regelingen, by their numbers. */
  readonly trajectIds: readonly string[];
  readonly soorten: readonly string[];
  readonly regelingen: readonly string[];
}

/**
 * The state as its buffers, derived records brought up to date first (so a worker pays for
 * them). The form shares the state's buffers: pass `transferList(t)` to postMessage to move them
 * without copying, or merge it (which takes them over); the state is not to be used after either.
 */
export const toTransferable = (state: ProjectionState): TransferableState => {
  settle(state);
  return {
    huishoudens: [...state.ids],
    house: state.house,
    recordedRange: state.recordedRange,
    chunks: state.chunks.map((c) => c.ints.buffer),
    facts: state.facts,
    places: state.places,
    derivedSegments: [...state.derivedSegments],
    segmentUsed: state.segmentUsed,
    derivedUsed: state.derivedUsed,
    derivedGarbage: state.derivedGarbage,
    trajectIds: [...state.trajectIds.list],
    soorten: [...state.soorten.list],
    regelingen: [...state.regelingen.list],
  };
};

/** The buffers of a transferable state, for postMessage's transfer list. */
export const transferList = (t: TransferableState): ArrayBuffer[] => [
  t.house.buffer as ArrayBuffer,
  t.recordedRange.buffer as ArrayBuffer,
  ...t.chunks,
  ...t.derivedSegments.map((s) => s.buffer as ArrayBuffer),
];

/** A copy of a transferable state that shares no buffer with it. */
const copyOf = (t: TransferableState): TransferableState => ({
  ...t,
  house: t.house.slice(),
  recordedRange: t.recordedRange.slice(),
  chunks: t.chunks.map((c) => c.slice(0)),
  derivedSegments: t.derivedSegments.map((s) => s.slice()),
});

/** The target's number of each source string; undefined when every number stays the same. */
const renumbering = (target: Interning, source: readonly string[]): Int32Array | undefined => {
  const map = new Int32Array(source.length);
  let same = true;
  source.forEach((text, code) => {
    map[code] = target.code(text);
    if (map[code] !== code) same = false;
  });
  return same ? undefined : map;
};

const renumber = (map: Int32Array | undefined, code: number): number =>
  map === undefined ? code : (map[code] ?? code);

/**
 * Renumbers the interned codes in the fact places [from, to) (unused places hold zeros: kind 0 is
 * a lifecycle transition, which carries no code).
 */
const renumberFacts = (
  chunks: readonly FactChunk[],
  from: number,
  to: number,
  soorten: Int32Array | undefined,
  trajectIds: Int32Array | undefined,
  regelingen: Int32Array | undefined,
): void => {
  for (let i = from; i < to; i++) {
    const chunk = chunks[Math.floor(i / CHUNK_SIZE)] as FactChunk;
    const o = (i % CHUNK_SIZE) * FACT_INTS;
    const kind = chunk.ints[o + F_KIND] as number;
    const base = kindOf(kind);
    if (base === KIND_TRAJECT_START) chunk.ints[o + F_KIND] = withExtra(base, renumber(soorten, extraOf(kind)));
    if (
      base === KIND_TRAJECT_START ||
      base === KIND_TRAJECT_EINDE ||
      base === KIND_SCHULDHULP_START ||
      base === KIND_SCHULDHULP_EINDE
    ) {
      chunk.ints[o + F_AMOUNT] = renumber(trajectIds, chunk.ints[o + F_AMOUNT] as number);
    } else if (base === KIND_MINIMA)
      chunk.ints[o + F_AMOUNT] = renumber(regelingen, chunk.ints[o + F_AMOUNT] as number);
  }
};

/** The trajectories' soorten in a derived record are numbers of its state: renumbered in place. */
const renumberRecord = (record: Float64Array, off: number, soorten: Int32Array): void => {
  const t = sectie7(record, off, S7_TRAJECTEN);
  for (let i = 0; t >= 0 && i < num(record, t); i++) {
    const at = t + 1 + TRAJECT_ENTRY * i + 1;
    record[at] = renumber(soorten, num(record, at));
  }
};

/**
 * Adds the households of `source` to `target` (mutated and returned), taking the source's buffers
 * over (do not use the state `source` came from afterwards). Meant for disjoint sets of
 * households; a household in both gets `source`'s facts after its own, as if recorded later.
 */
export const mergeTransferable = (target: ProjectionState, source: TransferableState): ProjectionState => {
  const trajectIds = renumbering(target.trajectIds, source.trajectIds);
  const soorten = renumbering(target.soorten, source.soorten);
  const regelingen = renumbering(target.regelingen, source.regelingen);
  // The source's chunks follow the target's: its places move by `base`.
  const base = target.chunks.length * CHUNK_SIZE;
  for (const buffer of source.chunks) target.chunks.push(new FactChunk(buffer));
  if (source.chunks.length > 0) target.places = base + source.places;
  if (soorten !== undefined || trajectIds !== undefined || regelingen !== undefined) {
    renumberFacts(target.chunks, base, base + source.places, soorten, trajectIds, regelingen);
  }
  // And its segments follow the target's.
  const segmentBase = target.derivedSegments.length;
  if (source.derivedSegments.length > 0) {
    target.derivedSegments.push(...source.derivedSegments);
    target.segmentUsed = source.segmentUsed;
  }
  target.derivedUsed += source.derivedUsed;
  target.derivedGarbage += source.derivedGarbage;
  reserveHouseholds(target, target.households + source.huishoudens.length);
  const from = source.house;
  source.huishoudens.forEach((huishouden, s) => {
    const h = householdIndex(target, huishouden);
    const house = target.house;
    const r = h * HOUSE_INTS;
    const q = s * HOUSE_INTS;
    const count = from[q + H_COUNT] as number;
    if (house[r + H_COUNT] === 0) {
      // New to the target: its blocks and its record are taken over where they are.
      house[r + H_HEAD] = (from[q + H_HEAD] as number) + base;
      house[r + H_NEXT] = (from[q + H_NEXT] as number) + base;
      house[r + H_END] = (from[q + H_END] as number) + base;
      house[r + H_COUNT] = count;
      target.facts += count;
      const at = from[q + H_DERIVED_AT] as number;
      if (at >= 0) {
        house[r + H_DERIVED_AT] = at;
        house[r + H_DERIVED_LENGTH] = from[q + H_DERIVED_LENGTH] as number;
        house[r + H_DERIVED_SEGMENT] = (from[q + H_DERIVED_SEGMENT] as number) + segmentBase;
        house[r + H_DIRTY] = 0;
        reserveRecordedRange(target, h);
        target.recordedRange[2 * h] = source.recordedRange[2 * s] as number;
        target.recordedRange[2 * h + 1] = source.recordedRange[2 * s + 1] as number;
        if (soorten !== undefined) {
          renumberRecord(target.derivedSegments[house[r + H_DERIVED_SEGMENT] as number] as Float64Array, at, soorten);
        }
      } else if (count > 0) markDirty(target, h);
      return;
    }
    // In both: the source's facts are appended (its blocks and record become garbage).
    target.derivedGarbage += from[q + H_DERIVED_LENGTH] as number;
    forEachRunOf(target.chunks, (from[q + H_HEAD] as number) + base, count, (chunk, first, take) => {
      for (let o = first; o < first + take; o++) {
        appendFact(
          target,
          h,
          chunk.ints[o * FACT_INTS + F_KIND] as number,
          chunk.ints[o * FACT_INTS + F_WHEN] as number,
          chunk.ints[o * FACT_INTS + F_AMOUNT] as number,
          chunk.floats[o * FACT_FLOATS + F_RECORDED_AT] as number,
          chunk.floats[o * FACT_FLOATS + F_ID] as number,
        );
      }
    });
  });
  return target;
};

/** A state from its transferable form (taking its buffers over). */
export const fromTransferable = (t: TransferableState): ProjectionState => mergeTransferable(emptyState(), t);

/** Adds the households of `source` to `target` (mutated and returned); `source` stays as it was. */
export const mergeStates = (target: ProjectionState, source: ProjectionState): ProjectionState =>
  mergeTransferable(target, copyOf(toTransferable(source)));

/** The facts of a state as columns, household after household, each in recorded order (for tests and checks). */
export interface FactColumns {
  readonly huishoudens: readonly string[];
  /** Number of facts of each household. */
  readonly aantallen: Int32Array;
  readonly kind: Int32Array;
  readonly when: Int32Array;
  readonly amount: Int32Array;
  readonly recordedAt: Float64Array;
  readonly id: Float64Array;
}

export const factColumns = (state: ProjectionState): FactColumns => {
  const n = state.households;
  const aantallen = new Int32Array(n);
  const kind = new Int32Array(state.facts);
  const when = new Int32Array(state.facts);
  const amount = new Int32Array(state.facts);
  const recordedAt = new Float64Array(state.facts);
  const id = new Float64Array(state.facts);
  let f = 0;
  for (let h = 0; h < n; h++) {
    aantallen[h] = state.house[h * HOUSE_INTS + H_COUNT] as number;
    forEachRun(state, h, (chunk, first, take) => {
      for (let o = first; o < first + take; o++, f++) {
        kind[f] = chunk.ints[o * FACT_INTS + F_KIND] as number;
        when[f] = chunk.ints[o * FACT_INTS + F_WHEN] as number;
        amount[f] = chunk.ints[o * FACT_INTS + F_AMOUNT] as number;
        recordedAt[f] = chunk.floats[o * FACT_FLOATS + F_RECORDED_AT] as number;
        id[f] = chunk.floats[o * FACT_FLOATS + F_ID] as number;
      }
    });
  }
  return { huishoudens: [...state.ids], aantallen, kind, when, amount, recordedAt, id };
};

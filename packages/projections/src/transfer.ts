// States built over disjoint sets of households (e.g. by worker threads, partitioned by a hash
// of the household; issue 6) merge into one, and a state travels between threads as a few typed
// arrays whose buffers can be transferred instead of copied. The interned strings of §7.1 travel
// as their lists; a merge renumbers them into the target's (facts and derived records both).
import { settle, storeDerived } from './cache.js';
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
  blockSize,
  CHUNK_BITS,
  CHUNK_MASK,
  emptyState,
  F_AMOUNT,
  F_ID,
  F_KIND,
  F_NEXT,
  F_RECORDED_AT,
  F_WHEN,
  FACT_FLOATS,
  FACT_INTS,
  type FactChunk,
  householdIndex,
  type Interning,
  type ProjectionState,
} from './state.js';

/** A state as plain typed arrays: facts household by household, each in recorded order. */
export interface TransferableState {
  /** The keys of the households (and of the employers, §7.1: see state.ts). */
  readonly huishoudens: readonly string[];
  /** Number of facts of each household. */
  readonly aantallen: Int32Array;
  /** Each fact's kind, with the code above it (encoding.ts). */
  readonly kind: Int32Array;
  readonly when: Int32Array;
  readonly amount: Int32Array;
  readonly recordedAt: Float64Array;
  readonly id: Float64Array;
  /** Each household's derived record, one after the other. */
  readonly derivedLength: Int32Array;
  readonly derived: Float64Array;
  /** §7.1: the interned trajectIds, soorten and regelingen, by their numbers. */
  readonly trajectIds: readonly string[];
  readonly soorten: readonly string[];
  readonly regelingen: readonly string[];
}

/**
 * The state as typed arrays (derived records brought up to date first, so a worker pays for
 * them). Pass `transferList(t)` to postMessage to move the buffers without copying.
 */
export const toTransferable = (state: ProjectionState): TransferableState => {
  settle(state);
  const n = state.households;
  const aantallen = new Int32Array(n);
  const kind = new Int32Array(state.facts);
  const when = new Int32Array(state.facts);
  const amount = new Int32Array(state.facts);
  const recordedAt = new Float64Array(state.facts);
  const id = new Float64Array(state.facts);
  const derivedLength = new Int32Array(n);
  let derivedTotal = 0;
  for (let h = 0; h < n; h++) derivedTotal += state.derivedLength[h] as number;
  const derived = new Float64Array(derivedTotal);
  let f = 0;
  let d = 0;
  for (let h = 0; h < n; h++) {
    aantallen[h] = state.count[h] as number;
    let remaining = state.count[h] as number;
    for (let block = state.head[h] as number, b = 0; remaining > 0; b++) {
      const chunk = state.chunks[block >>> CHUNK_BITS] as FactChunk;
      const first = block & CHUNK_MASK;
      const take = Math.min(blockSize(b), remaining);
      for (let o = first; o < first + take; o++, f++) {
        kind[f] = chunk.ints[o * FACT_INTS + F_KIND] as number;
        when[f] = chunk.ints[o * FACT_INTS + F_WHEN] as number;
        amount[f] = chunk.ints[o * FACT_INTS + F_AMOUNT] as number;
        recordedAt[f] = chunk.floats[o * FACT_FLOATS + F_RECORDED_AT] as number;
        id[f] = chunk.floats[o * FACT_FLOATS + F_ID] as number;
      }
      remaining -= take;
      block = chunk.ints[first * FACT_INTS + F_NEXT] as number;
    }
    const at = state.derivedAt[h] as number;
    const length = state.derivedLength[h] as number;
    derived.set(state.derived.subarray(at, at + length), d);
    derivedLength[h] = length;
    d += length;
  }
  return {
    huishoudens: [...state.ids],
    aantallen,
    kind,
    when,
    amount,
    recordedAt,
    id,
    derivedLength,
    derived,
    trajectIds: [...state.trajectIds.list],
    soorten: [...state.soorten.list],
    regelingen: [...state.regelingen.list],
  };
};

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

/** The buffers of a transferable state, for postMessage's transfer list. */
export const transferList = (t: TransferableState): ArrayBuffer[] =>
  [t.aantallen, t.kind, t.when, t.amount, t.recordedAt, t.id, t.derivedLength, t.derived].map(
    (a) => a.buffer as ArrayBuffer,
  );

/**
 * Adds the households of `source` to `target` (mutated and returned). Meant for disjoint sets of
 * households; a household in both gets `source`'s facts after its own, as if recorded later.
 */
export const mergeTransferable = (target: ProjectionState, source: TransferableState): ProjectionState => {
  const trajectIds = renumbering(target.trajectIds, source.trajectIds);
  const soorten = renumbering(target.soorten, source.soorten);
  const regelingen = renumbering(target.regelingen, source.regelingen);
  let f = 0;
  let d = 0;
  source.huishoudens.forEach((huishouden, s) => {
    const h = householdIndex(target, huishouden);
    const isNew = target.count[h] === 0;
    const count = source.aantallen[s] as number;
    for (let k = 0; k < count; k++, f++) {
      let kind = source.kind[f] as number;
      let amount = source.amount[f] as number;
      const base = kindOf(kind);
      if (base === KIND_TRAJECT_START) kind = withExtra(base, renumber(soorten, extraOf(kind)));
      if (
        base === KIND_TRAJECT_START ||
        base === KIND_TRAJECT_EINDE ||
        base === KIND_SCHULDHULP_START ||
        base === KIND_SCHULDHULP_EINDE
      ) {
        amount = renumber(trajectIds, amount);
      } else if (base === KIND_MINIMA) amount = renumber(regelingen, amount);
      appendFact(
        target,
        h,
        kind,
        source.when[f] as number,
        amount,
        source.recordedAt[f] as number,
        source.id[f] as number,
      );
    }
    const length = source.derivedLength[s] as number;
    // A household new to the target keeps its derived record; a shared one is derived again.
    if (isNew && length > 0) {
      let record = source.derived.subarray(d, d + length);
      if (soorten !== undefined) {
        // The trajectories' soorten in the record are numbers of the source.
        record = record.slice();
        const t = sectie7(record, 0, S7_TRAJECTEN);
        for (let i = 0; t >= 0 && i < num(record, t); i++) {
          const at = t + 1 + TRAJECT_ENTRY * i + 1;
          record[at] = renumber(soorten, num(record, at));
        }
      }
      storeDerived(target, h, record);
    }
    d += length;
  });
  return target;
};

/** A state from its transferable form. */
export const fromTransferable = (t: TransferableState): ProjectionState => mergeTransferable(emptyState(), t);

/** Adds the households of `source` to `target` (mutated and returned); see mergeTransferable. */
export const mergeStates = (target: ProjectionState, source: ProjectionState): ProjectionState =>
  mergeTransferable(target, toTransferable(source));

// States built over disjoint sets of households (e.g. by worker threads, partitioned by a hash
// of the household; issue 6) merge into one, and a state travels between threads as a few typed
// arrays whose buffers can be transferred instead of copied.
import { settle, storeDerived } from './cache.js';
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
  type ProjectionState,
} from './state.js';

/** A state as plain typed arrays: facts household by household, each in recorded order. */
export interface TransferableState {
  readonly huishoudens: readonly string[];
  /** Number of facts of each household. */
  readonly aantallen: Int32Array;
  readonly kind: Uint8Array;
  readonly when: Int32Array;
  readonly amount: Int32Array;
  readonly recordedAt: Float64Array;
  readonly id: Float64Array;
  /** Each household's derived record, one after the other. */
  readonly derivedLength: Int32Array;
  readonly derived: Float64Array;
}

/**
 * The state as typed arrays (derived records brought up to date first, so a worker pays for
 * them). Pass `transferList(t)` to postMessage to move the buffers without copying.
 */
export const toTransferable = (state: ProjectionState): TransferableState => {
  settle(state);
  const n = state.households;
  const aantallen = new Int32Array(n);
  const kind = new Uint8Array(state.facts);
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
  return { huishoudens: [...state.ids], aantallen, kind, when, amount, recordedAt, id, derivedLength, derived };
};

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
  let f = 0;
  let d = 0;
  source.huishoudens.forEach((huishouden, s) => {
    const h = householdIndex(target, huishouden);
    const isNew = target.count[h] === 0;
    const count = source.aantallen[s] as number;
    for (let k = 0; k < count; k++, f++) {
      appendFact(
        target,
        h,
        source.kind[f] as number,
        source.when[f] as number,
        source.amount[f] as number,
        source.recordedAt[f] as number,
        source.id[f] as number,
      );
    }
    const length = source.derivedLength[s] as number;
    // A household new to the target keeps its derived record; a shared one is derived again.
    if (isNew && length > 0) storeDerived(target, h, source.derived.subarray(d, d + length));
    d += length;
  });
  return target;
};

/** A state from its transferable form. */
export const fromTransferable = (t: TransferableState): ProjectionState => mergeTransferable(emptyState(), t);

/** Adds the households of `source` to `target` (mutated and returned); see mergeTransferable. */
export const mergeStates = (target: ProjectionState, source: ProjectionState): ProjectionState =>
  mergeTransferable(target, toTransferable(source));

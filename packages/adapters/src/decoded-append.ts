// The stores' append without decoding, for callers inside this package that have decoded every
// fact already (recordFacts, the NDJSON import): the public `append` decodes each fact it is
// given (boundary.ts); deciding a chunk and then decoding it again would only cost time. Keyed
// by a symbol that is not exported from the package, so no caller outside it can skip the check.
import type { AppendOutcome, EventStore, StreamWrite } from './port.js';

export const APPEND_DECODED: unique symbol = Symbol('zelfredzaam.appendDecoded');

export interface DecodedAppend {
  [APPEND_DECODED](writes: readonly StreamWrite[]): Promise<readonly AppendOutcome[]>;
}

const hasDecodedAppend = (store: EventStore): store is EventStore & DecodedAppend =>
  typeof (store as Partial<DecodedAppend>)[APPEND_DECODED] === 'function';

/** Appends writes whose facts were decoded by this package; any other store decodes them again. */
export const appendDecoded = (store: EventStore, writes: readonly StreamWrite[]): Promise<readonly AppendOutcome[]> =>
  hasDecodedAppend(store) ? store[APPEND_DECODED](writes) : store.append(writes);

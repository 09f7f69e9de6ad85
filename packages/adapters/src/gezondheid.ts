// A readiness check for a service that holds a store (issue 14, point 3): is the store reachable,
// which version its tables have (SQL stores), and the position of the last fact it holds.
// Never throws: an unreachable store is an answer, with the reason in Dutch.
import type { EventStore, Position } from './port.js';

/** What a store of this package says about itself; keyed by a symbol that is not exported. */
export const STORE_STATUS: unique symbol = Symbol('zelfredzaam.storeStatus');

export interface StoreStatus {
  /** The version of the store's tables (SQL stores); undefined where there are none. */
  readonly schemaVersion: number | undefined;
  /** The position of the last fact in recorded order; undefined for an empty store. */
  readonly lastPosition: Position | undefined;
}

export interface StoreWithStatus {
  [STORE_STATUS](): Promise<StoreStatus>;
}

export interface Gezondheid {
  /** The store answered. */
  readonly bereikbaar: boolean;
  readonly store: string;
  readonly schemaVersion: number | undefined;
  readonly laatstePositie: Position | undefined;
  /** How long the check took, in milliseconds. */
  readonly duurMs: number;
  /** Why the store did not answer (its first line; never a connection string). */
  readonly fout?: string;
}

const hasStatus = (store: EventStore): store is EventStore & StoreWithStatus =>
  typeof (store as Partial<StoreWithStatus>)[STORE_STATUS] === 'function';

/** The last event of a store of another package, through the port alone (reads everything). */
const lastByReading = async (store: EventStore): Promise<Position | undefined> => {
  let last: Position | undefined;
  for await (const batch of store.readAll({ batchSize: 10_000 })) last = batch[batch.length - 1]?.position ?? last;
  return last;
};

/** Whether `store` answers, its schema version and its last position (for a readiness probe). */
export const gezondheid = async (store: EventStore): Promise<Gezondheid> => {
  const started = performance.now();
  try {
    const status = hasStatus(store)
      ? await store[STORE_STATUS]()
      : { schemaVersion: undefined, lastPosition: await lastByReading(store) };
    return {
      bereikbaar: true,
      store: store.kind,
      schemaVersion: status.schemaVersion,
      laatstePositie: status.lastPosition,
      duurMs: performance.now() - started,
    };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    return {
      bereikbaar: false,
      store: store.kind,
      schemaVersion: undefined,
      laatstePositie: undefined,
      duurMs: performance.now() - started,
      fout: message.replace(/\/\/([^:@/]*):[^@/]*@/g, '//$1:***@'),
    };
  }
};

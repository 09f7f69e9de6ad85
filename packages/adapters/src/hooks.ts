// Observing the library (issue 14, point 3): one small interface of callbacks that recordFacts,
// the NDJSON import, a store wrapped by `observeStore` and the CLI's replay and report call. Every
// hook is optional and called synchronously; a hook that throws is ignored (observing must never
// change what is stored). The OpenTelemetry integration (`@zelfredzaam/adapters/opentelemetry`)
// is one implementation; the CLI's `--log json` another.
import { APPEND_DECODED, type DecodedAppend } from './decoded-append.js';
import { STORE_STATUS, type StoreWithStatus } from './gezondheid.js';
import type { EventStore, Position, StreamWrite } from './port.js';

export interface AppendObserved {
  /** The store's kind (`memory`, `postgres`, `pglite`, `esdb`, …). */
  readonly store: string;
  /** Stream writes in the append. */
  readonly writes: number;
  /** Facts stored by it. */
  readonly appended: number;
  /** How long the append took, in milliseconds. */
  readonly durationMs: number;
}

export interface RefusalObserved {
  /** A decider code (MEETREGELS §2, §7.1), `ONGELDIG`, `GELIJKTIJDIG`, or a line code of the import. */
  readonly code: string;
  /** The household (or employer) pseudonym, when known and valid. */
  readonly huishouden: string | undefined;
  /** The Dutch message; never a personal value. */
  readonly bericht: string;
  /** 1-based line of an NDJSON import. */
  readonly line?: number;
  /** 0-based place of the fact in a recordFacts call. */
  readonly index?: number;
}

export interface RetryObserved {
  readonly stream: string;
  /** The round about to start (2 for the first retry). */
  readonly attempt: number;
}

export interface LagObserved {
  readonly store: string;
  readonly position: Position;
  /** Milliseconds between the fact's recordedAt and its delivery to the subscriber. */
  readonly lagMs: number;
}

export interface Hooks {
  readonly onAppend?: (event: AppendObserved) => void;
  readonly onRefusal?: (event: RefusalObserved) => void;
  readonly onRetry?: (event: RetryObserved) => void;
  readonly onSubscriptionLag?: (event: LagObserved) => void;
  /**
   * Runs `work` as one named operation (`zelfredzaam.record`, `zelfredzaam.import`,
   * `zelfredzaam.replay`, `zelfredzaam.report`): a tracer opens a span around it.
   */
  readonly span?: <T>(
    name: string,
    attributes: Readonly<Record<string, string | number>>,
    work: () => Promise<T>,
  ) => Promise<T>;
}

/** Calls a hook; an exception of the hook is swallowed. */
export const notify = <E>(hook: ((event: E) => void) | undefined, event: E): void => {
  if (hook === undefined) return;
  try {
    hook(event);
  } catch {
    // An observer's failure is not the caller's.
  }
};

/** `work` inside the hooks' span, or just `work`. */
export const inSpan = <T>(
  hooks: Hooks | undefined,
  name: string,
  attributes: Readonly<Record<string, string | number>>,
  work: () => Promise<T>,
): Promise<T> => (hooks?.span === undefined ? work() : hooks.span(name, attributes, work));

/** Several hook sets as one: each event goes to all of them, spans nest in the given order. */
export const combineHooks = (...all: readonly (Hooks | undefined)[]): Hooks => {
  const sets = all.filter((h): h is Hooks => h !== undefined);
  const each =
    <K extends 'onAppend' | 'onRefusal' | 'onRetry' | 'onSubscriptionLag'>(key: K) =>
    (event: Parameters<NonNullable<Hooks[K]>>[0]): void => {
      for (const set of sets) notify(set[key] as ((e: typeof event) => void) | undefined, event);
    };
  return {
    onAppend: each('onAppend'),
    onRefusal: each('onRefusal'),
    onRetry: each('onRetry'),
    onSubscriptionLag: each('onSubscriptionLag'),
    span: <T>(name: string, attributes: Readonly<Record<string, string | number>>, work: () => Promise<T>) =>
      sets.reduceRight<() => Promise<T>>((inner, set) => () => inSpan(set, name, attributes, inner), work)(),
  };
};

const lagOf = (recordedAt: string, now: number): number => Math.max(0, now - Date.parse(recordedAt));

/**
 * The store with hooks: every append reports its latency and what it stored (`onAppend`), every
 * event a subscription delivers its lag (`onSubscriptionLag`). Everything else is the store's own.
 */
export const observeStore = (store: EventStore, hooks: Hooks, now: () => number = Date.now): EventStore => {
  const timed = async <T extends readonly { status: string }[]>(writes: number, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const outcomes = await work();
    let appended = 0;
    for (const outcome of outcomes as readonly { status: string; appended?: readonly unknown[] }[])
      appended += outcome.appended?.length ?? 0;
    notify(hooks.onAppend, { store: store.kind, writes, appended, durationMs: performance.now() - started });
    return outcomes;
  };
  const observed: EventStore = {
    kind: store.kind,
    append: (writes) => timed(Array.isArray(writes) ? writes.length : 0, () => store.append(writes)),
    appendToStream: async (stream, expectedRevision, events) => {
      const started = performance.now();
      const stored = await store.appendToStream(stream, expectedRevision, events);
      notify(hooks.onAppend, {
        store: store.kind,
        writes: 1,
        appended: stored.length,
        durationMs: performance.now() - started,
      });
      return stored;
    },
    readStream: (stream) => store.readStream(stream),
    readStreams: (streams) => store.readStreams(streams),
    readAll: (options) => store.readAll(options),
    subscribe: (options) => ({
      async *[Symbol.asyncIterator]() {
        for await (const stored of store.subscribe(options)) {
          notify(hooks.onSubscriptionLag, {
            store: store.kind,
            position: stored.position,
            lagMs: lagOf(stored.event.recordedAt, now()),
          });
          yield stored;
        }
      },
    }),
    loadCheckpoint: (subscriber) => store.loadCheckpoint(subscriber),
    saveCheckpoint: (subscriber, position) => store.saveCheckpoint(subscriber, position),
    close: () => store.close(),
  };
  // Keep what the store can do beyond the port (this package's stores: appending decoded facts
  // without decoding again, and their status for gezondheid).
  const inner = store as Partial<DecodedAppend & StoreWithStatus>;
  const decodedAppend = inner[APPEND_DECODED];
  const status = inner[STORE_STATUS];
  return Object.assign(
    observed,
    decodedAppend === undefined
      ? {}
      : {
          [APPEND_DECODED]: (writes: readonly StreamWrite[]) =>
            timed(writes.length, () => decodedAppend.call(store, writes)),
        },
    status === undefined ? {} : { [STORE_STATUS]: () => status.call(store) },
  );
};

// The EventStore port over EventStoreDB (issue 4, point 3) through @eventstore/db-client.
//
// - One stream per household under the port's own name (`huishouden-<id>`, category
//   `huishouden`), and one per employer (`werkgever-<id>`, category `werkgever`, MEETREGELS §7.1),
//   after an optional namespace that lets several stores share one server.
// - Expected revisions map one to one: `no_stream` → NO_STREAM, a number → that revision,
//   `any` → ANY semantics; the client's WrongExpectedVersionError becomes the port's conflict.
// - Idempotency by eventId per stream: the stream's ids are read first and facts it already
//   holds are left out; the rest is appended with the revision that was read, so nobody can
//   slip the same id in between. The eventId is also the event's id, so the server itself
//   recognises a repeated append. EventStoreDB has no index of event ids across streams: an
//   eventId reused in *another* stream cannot be detected here (PostgreSQL and memory can).
// - readAll reads $all in pages and keeps our streams of both categories (the client's readAll
//   has no server-side filter); subscribe is subscribeToAll with a stream-name prefix filter. Positions are the
//   opaque `commit/prepare`.
// - A subscriber's checkpoint is the last event of its own stream
//   `zelfredzaam-checkpoint-<subscriber>`, outside our categories, so neither readAll nor
//   subscribe ever returns it.
// Needs EventStoreDB 22.6 or later: older servers send no $all position with stream reads.
import { randomUUID } from 'node:crypto';
// Only types come from the client package: at run time the adapter uses the client it is given
// (`eventStoreDbStore`), so `@kurrent/kurrentdb-client` works the same; `openEventStoreDb` loads
// `@eventstore/db-client` when called.
import type { AllStreamResolvedEvent, EventStoreDBClient, ReadPosition, RecordedEvent } from '@eventstore/db-client';
import { type Identified, STREAM_PREFIXES } from '@zelfredzaam/domain';
import { decodeWrites } from '../boundary.js';
import { APPEND_DECODED } from '../decoded-append.js';
import { STORE_STATUS, type StoreStatus } from '../gezondheid.js';
import type {
  AppendOutcome,
  EventStore,
  ExpectedRevision,
  Position,
  ReadAllOptions,
  StoredEvent,
  StreamWrite,
  SubscribeOptions,
} from '../port.js';
import { CorruptStoredEventError, unreadableOf, WrongExpectedRevisionError } from '../port.js';
import { toEventData, toRecorded } from './codec.js';
import { comparePositions, formatPosition, knownPosition, type LogPosition, parsePosition } from './position.js';

export interface EventStoreDbOptions {
  /**
   * Put before every stream name (e.g. `gemeente-zwolle.`), so several stores or test runs can
   * share one server without seeing each other's facts. Default: none.
   */
  readonly namespace?: string;
  /** The clock for recordedAt when a fact has none (milliseconds since the epoch). */
  readonly now?: () => number;
}

/** The household category. */
export const HOUSEHOLD_PREFIX = 'huishouden-';
/** The categories of our streams (households, employers): the streams readAll and subscribe return. */
export const CATEGORY_PREFIXES: readonly string[] = STREAM_PREFIXES;
export const CHECKPOINT_PREFIX = 'zelfredzaam-checkpoint-';
const CHECKPOINT_TYPE = 'CheckpointSaved';
const DEFAULT_BATCH_SIZE = 1000;
/** $all holds other streams too; read at least this many events per round trip. */
const MIN_PAGE_SIZE = 1000;
/** Streams read or written at the same time by readStreams and append. */
const PARALLEL_STREAMS = 16;
/** Rounds of read-then-append for an `any` write that keeps meeting other writers. */
const MAX_ANY_ATTEMPTS = 20;

type Revision = number | 'no_stream';

// The client's constants (the same strings in @eventstore/db-client and @kurrent/kurrentdb-client).
const START = 'start';
const END = 'end';
const FORWARDS = 'forwards';
const BACKWARDS = 'backwards';
const NO_STREAM = 'no_stream' as const;

/** What the adapter uses of a client: @eventstore/db-client's EventStoreDBClient or KurrentDB's client. */
export type EsdbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'setStreamMetadata' | 'dispose'
>;

/** The client's error type (`stream-not-found`, `wrong-expected-version`), checked by value, not by class. */
const errorType = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'type' in error && typeof error.type === 'string'
    ? error.type
    : undefined;
const isStreamNotFound = (error: unknown): boolean => errorType(error) === 'stream-not-found';
const isWrongExpectedVersion = (
  error: unknown,
): error is { readonly actualVersion?: unknown; readonly actualState?: unknown } =>
  errorType(error) === 'wrong-expected-version';

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

const revisionMatches = (expected: ExpectedRevision, actual: Revision): boolean =>
  expected === 'any' || expected === actual;

const checkExpected = (expected: ExpectedRevision): void => {
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new RangeError(`verwachte revisie ${expected}: verwacht een geheel getal ≥ 0, 'no_stream' of 'any'`);
  }
};

/** Runs `work` on every item with at most `limit` at a time; results keep the items' order. */
const mapLimit = async <T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      const item = items[index];
      if (item !== undefined) results[index] = await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

class EventStoreDbStore implements EventStore {
  readonly kind = 'esdb';
  private readonly namespace: string;
  /** The server names' prefixes of our categories (namespace included). */
  private readonly categoryPrefixes: readonly string[];
  private readonly now: () => number;
  /** Ends the live subscriptions when the store closes. */
  private readonly subscriptions = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly client: EsdbClient,
    private readonly owned: boolean,
    options: EventStoreDbOptions,
  ) {
    this.namespace = options.namespace ?? '';
    this.categoryPrefixes = CATEGORY_PREFIXES.map((prefix) => `${this.namespace}${prefix}`);
    this.now = options.now ?? Date.now;
  }

  // ── names ─────────────────────────────────────────────────────────────────────────────

  private serverName(stream: string): string {
    if (!CATEGORY_PREFIXES.some((prefix) => stream.startsWith(prefix))) {
      throw new RangeError(
        `stream ${stream}: verwacht een stream ${CATEGORY_PREFIXES.map((p) => `${p}<id>`).join(' of ')} (zie streamNameOf)`,
      );
    }
    return `${this.namespace}${stream}`;
  }

  /** The port's name of a server stream, or undefined when it is not one of our streams. */
  private portName(serverName: string): string | undefined {
    return this.categoryPrefixes.some((prefix) => serverName.startsWith(prefix))
      ? serverName.slice(this.namespace.length)
      : undefined;
  }

  private checkpointStream(subscriber: string): string {
    if (subscriber === '') throw new RangeError('een abonnee heeft een naam nodig');
    return `${this.namespace}${CHECKPOINT_PREFIX}${subscriber}`;
  }

  // ── reading ───────────────────────────────────────────────────────────────────────────

  private toStored(event: RecordedEvent, stream: string): StoredEvent {
    const position = knownPosition(event.position);
    const revision = Number(event.revision);
    if (position === undefined) {
      throw new CorruptStoredEventError(
        stream,
        revision,
        'de server gaf geen positie (EventStoreDB 22.6 of later nodig)',
      );
    }
    try {
      return { stream, revision, position: formatPosition(position), event: toRecorded(event, stream) };
    } catch (error) {
      if (!(error instanceof CorruptStoredEventError)) throw error;
      throw new CorruptStoredEventError(stream, revision, error.reason, formatPosition(position), event.id);
    }
  }

  /** A server stream's events from a revision on, undecoded; empty when the stream does not exist. */
  private async readRaw(serverName: string, fromRevision = 0n, maxCount?: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(serverName, {
        fromRevision: fromRevision === 0n ? START : fromRevision,
        direction: FORWARDS,
        ...(maxCount === undefined ? {} : { maxCount }),
      });
      for await (const resolved of read) if (resolved.event !== undefined) events.push(resolved.event);
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return events;
  }

  async readStream(stream: string): Promise<readonly StoredEvent[]> {
    const events = await this.readRaw(this.serverName(stream));
    return events.map((event) => this.toStored(event, stream));
  }

  async readStreams(streams: readonly string[]): Promise<ReadonlyMap<string, readonly StoredEvent[]>> {
    // EventStoreDB reads one stream per call; the calls share one connection.
    const unique = [...new Set(streams)];
    const read = await mapLimit(unique, PARALLEL_STREAMS, (stream) => this.readStream(stream));
    return new Map(unique.map((stream, i) => [stream, read[i] ?? []]));
  }

  /** One page of $all from a position (inclusive), collected before anyone sees it. */
  private async readAllPage(from: ReadPosition, count: number): Promise<AllStreamResolvedEvent[]> {
    const page: AllStreamResolvedEvent[] = [];
    for await (const resolved of this.client.readAll({ fromPosition: from, maxCount: count, direction: FORWARDS })) {
      page.push(resolved);
    }
    return page;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<readonly StoredEvent[]> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize ${batchSize}: verwacht ≥ 1`);
    // `after` is exclusive; reading $all from a position includes the event at it.
    let seen: LogPosition | undefined = options.after === undefined ? undefined : parsePosition(options.after);
    const pageSize = Math.max(batchSize, MIN_PAGE_SIZE);
    let batch: StoredEvent[] = [];
    for (;;) {
      const count = seen === undefined ? pageSize : pageSize + 1;
      const page = await this.readAllPage(seen ?? START, count);
      let last: LogPosition | undefined;
      for (const { event } of page) {
        if (event === undefined) continue;
        last = event.position;
        if (seen !== undefined && comparePositions(event.position, seen) <= 0) continue;
        const stream = this.portName(event.streamId);
        if (stream === undefined) continue;
        try {
          batch.push(this.toStored(event, stream));
        } catch (error) {
          if (options.onUnreadable === undefined || !(error instanceof CorruptStoredEventError)) throw error;
          options.onUnreadable(unreadableOf(error));
        }
        if (batch.length === batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (page.length < count || last === undefined) break;
      seen = last;
    }
    if (batch.length > 0) yield batch;
  }

  async *subscribe(options: SubscribeOptions = {}): AsyncIterable<StoredEvent> {
    const { signal } = options;
    if (signal?.aborted === true || this.closed) return;
    const after = options.after === undefined ? undefined : parsePosition(options.after);
    const subscription = this.client.subscribeToAll({
      fromPosition: after ?? START,
      filter: { filterOn: 'streamName', prefixes: [...this.categoryPrefixes], checkpointInterval: 1 },
    });
    const events = subscription[Symbol.asyncIterator]();
    let stopRequested = false;
    let stop = (): void => {};
    const stopped = new Promise<'stopped'>((resolve) => {
      stop = () => {
        stopRequested = true;
        resolve('stopped');
      };
    });
    signal?.addEventListener('abort', stop, { once: true });
    this.subscriptions.add(stop);
    try {
      while (!stopRequested) {
        const next = events.next();
        // A pending next() is left behind when the subscription stops; it settles on unsubscribe.
        next.catch(() => {});
        const result = await Promise.race([next, stopped]);
        // Events already buffered are not handed out once the subscription is stopped.
        if (result === 'stopped' || result.done === true || stopRequested) return;
        const event = result.value.event;
        if (event === undefined) continue;
        // Subscriptions start after `after` already; this guards servers that include it.
        if (after !== undefined && comparePositions(event.position, after) <= 0) continue;
        const stream = this.portName(event.streamId);
        if (stream === undefined) continue;
        let stored: StoredEvent;
        try {
          stored = this.toStored(event, stream);
        } catch (error) {
          // As readAll: an unreadable fact goes to onUnreadable and is skipped, else it ends the subscription.
          if (options.onUnreadable === undefined || !(error instanceof CorruptStoredEventError)) throw error;
          options.onUnreadable(unreadableOf(error));
          continue;
        }
        yield stored;
      }
    } finally {
      signal?.removeEventListener('abort', stop);
      this.subscriptions.delete(stop);
      await subscription.unsubscribe();
      subscription.destroy();
    }
  }

  // ── appending ─────────────────────────────────────────────────────────────────────────

  /** Decodes every fact first (boundary.ts); nothing is stored when one does not decode. */
  async append(writes: unknown): Promise<readonly AppendOutcome[]> {
    return this[APPEND_DECODED](decodeWrites(writes));
  }

  async [APPEND_DECODED](writes: readonly StreamWrite[]): Promise<readonly AppendOutcome[]> {
    for (const write of writes) {
      this.serverName(write.stream);
      checkExpected(write.expectedRevision);
    }
    // Writes to different streams go in parallel; writes to one stream keep their order.
    const byStream = new Map<string, number[]>();
    writes.forEach((write, index) => {
      byStream.set(write.stream, [...(byStream.get(write.stream) ?? []), index]);
    });
    const outcomes: AppendOutcome[] = new Array(writes.length);
    await mapLimit([...byStream.values()], PARALLEL_STREAMS, async (indices) => {
      for (const index of indices) {
        const write = writes[index];
        if (write !== undefined) outcomes[index] = await this.appendWrite(write);
      }
    });
    return outcomes;
  }

  async appendToStream(
    stream: string,
    expectedRevision: ExpectedRevision,
    events: unknown,
  ): Promise<readonly StoredEvent[]> {
    const [outcome] = await this.append([{ stream, expectedRevision, events }]);
    if (outcome === undefined) throw new Error(`stream ${stream}: geen uitkomst van append`);
    if (outcome.status === 'conflict')
      throw new WrongExpectedRevisionError(stream, expectedRevision, outcome.actualRevision);
    return outcome.appended;
  }

  private async appendWrite(write: StreamWrite): Promise<AppendOutcome> {
    const serverName = this.serverName(write.stream);
    const conflict = (actualRevision: Revision): AppendOutcome => ({
      status: 'conflict',
      stream: write.stream,
      expectedRevision: write.expectedRevision,
      actualRevision,
    });
    for (let attempt = 1; ; attempt++) {
      const existing = await this.readRaw(serverName);
      const last = existing[existing.length - 1];
      const current: Revision = last === undefined ? 'no_stream' : Number(last.revision);
      if (!revisionMatches(write.expectedRevision, current)) return conflict(current);
      const held = new Set(existing.map((event) => event.id));
      const fresh: Identified[] = [];
      for (const event of write.events) {
        if (held.has(event.eventId)) continue;
        held.add(event.eventId);
        fresh.push(event);
      }
      if (fresh.length === 0) return { status: 'ok', stream: write.stream, appended: [] };
      const now = this.now();
      try {
        // Always the revision just read: the ids checked above are then exactly what is there.
        const expected = current === 'no_stream' ? NO_STREAM : BigInt(current);
        // `expectedRevision` for @eventstore/db-client, `streamState` for @kurrent/kurrentdb-client;
        // each client ignores the other's option.
        const options = { expectedRevision: expected, streamState: expected };
        const result = await this.client.appendToStream(
          serverName,
          fresh.map((event) => toEventData(event, now)),
          options,
        );
        const first = result.nextExpectedRevision - BigInt(fresh.length) + 1n;
        const stored = await this.readRaw(serverName, first, fresh.length);
        return {
          status: 'ok',
          stream: write.stream,
          appended: stored.map((event) => this.toStored(event, write.stream)),
        };
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        // db-client names the stream's revision actualVersion; the KurrentDB client actualState.
        const actual = error.actualVersion ?? error.actualState;
        // A caller who asked for a revision gets the conflict; for `any`, read again and retry.
        if (write.expectedRevision !== 'any')
          return conflict(typeof actual === 'bigint' ? Number(actual) : 'no_stream');
        if (attempt >= MAX_ANY_ATTEMPTS) {
          throw new Error(`stream ${write.stream}: na ${attempt} pogingen nog steeds gelijktijdige schrijvers`);
        }
      }
    }
  }

  /** The position of our last fact: $all read backwards, at most a few pages, for one of our streams. */
  async [STORE_STATUS](): Promise<StoreStatus> {
    for await (const resolved of this.client.readAll({
      fromPosition: END,
      direction: BACKWARDS,
      maxCount: 5 * MIN_PAGE_SIZE,
    })) {
      const event = resolved.event;
      if (event !== undefined && this.portName(event.streamId) !== undefined) {
        const position = knownPosition(event.position);
        return {
          schemaVersion: undefined,
          lastPosition: position === undefined ? undefined : formatPosition(position),
        };
      }
    }
    // None of ours in the last events read (or an empty server): the server answered all the same.
    return { schemaVersion: undefined, lastPosition: undefined };
  }

  // ── checkpoints ───────────────────────────────────────────────────────────────────────

  async loadCheckpoint(subscriber: string): Promise<Position | undefined> {
    const name = this.checkpointStream(subscriber);
    const last: RecordedEvent[] = [];
    try {
      // Read to the end: a read left early keeps its gRPC call open, and dispose() waits for it.
      const read = this.client.readStream(name, { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
      for await (const { event } of read) if (event !== undefined) last.push(event);
    } catch (error) {
      if (isStreamNotFound(error)) return undefined;
      throw error;
    }
    const event = last[0];
    if (event === undefined) return undefined;
    const position = isObject(event.data) ? event.data.position : undefined;
    if (typeof position !== 'string') {
      throw new CorruptStoredEventError(name, Number(event.revision), 'het checkpoint heeft geen positie');
    }
    return formatPosition(parsePosition(position));
  }

  async saveCheckpoint(subscriber: string, position: Position): Promise<void> {
    const name = this.checkpointStream(subscriber);
    const checked = formatPosition(parsePosition(position));
    const result = await this.client.appendToStream(name, {
      id: randomUUID(),
      contentType: 'application/json',
      type: CHECKPOINT_TYPE,
      data: { position: checked },
      metadata: undefined,
    });
    // Only the last checkpoint counts; let the server scavenge the older ones.
    if (result.nextExpectedRevision === 0n) await this.client.setStreamMetadata(name, { maxCount: 1 });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.subscriptions) stop();
    if (this.owned) await this.client.dispose();
  }
}

/**
 * Opens the EventStoreDB store at an `esdb://` or `esdb+discover://` connection string, e.g.
 * `esdb://127.0.0.1:2113?tls=false`, through `@eventstore/db-client` (loaded now; it must be
 * installed). The client connects on first use and is disposed of with the store.
 */
export const openEventStoreDb = async (
  connectionString: string,
  options: EventStoreDbOptions = {},
): Promise<EventStore> => {
  const { EventStoreDBClient } = await import('@eventstore/db-client');
  return new EventStoreDbStore(EventStoreDBClient.connectionString(connectionString), true, options);
};

/**
 * The store over a client the caller made and owns (an `EventStoreDBClient` of
 * `@eventstore/db-client`, or a `KurrentDBClient` of `@kurrent/kurrentdb-client`): its own
 * connection settings, credentials and TLS. Closing the store does not dispose of the client.
 */
export const eventStoreDbStore = (client: EsdbClient, options: EventStoreDbOptions = {}): EventStore =>
  new EventStoreDbStore(client, false, options);

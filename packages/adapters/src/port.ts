// The one event-store port (STYLE §5). Every adapter implements exactly this and passes the
// same contract suite; an adapter adds no behaviour the interface does not promise.
// Appending facts for users goes through `recordFacts` (record.ts), which runs the decider;
// the raw `append` here only enforces revisions and eventId idempotency.
import { type Identified, maskBsn, type Recorded } from '@zelfredzaam/domain';

export interface PositionBrand {
  readonly Position: unique symbol;
}
/**
 * A global position in recorded order. Opaque: only the store that produced it can interpret
 * it; it round-trips through a string so a subscriber can store it as a checkpoint.
 */
export type Position = string & PositionBrand;

/** A stored fact with its place in its stream and in the whole store. */
export interface StoredEvent {
  /** The stream name, e.g. `huishouden-h-0001` (see streamNameOf). */
  readonly stream: string;
  /** 0-based revision within the stream. */
  readonly revision: number;
  /** Global position, increasing in recorded (append) order. */
  readonly position: Position;
  readonly event: Recorded;
}

/** `no_stream`: the stream must not exist yet; a number: the revision of its last event; `any`: no check. */
export type ExpectedRevision = 'any' | 'no_stream' | number;

/** One stream's part of an append: atomic on its own. */
export interface StreamWrite {
  readonly stream: string;
  readonly expectedRevision: ExpectedRevision;
  /** Facts without recordedAt get the store's current time on append. */
  readonly events: readonly Identified[];
}

export type AppendOutcome =
  | {
      readonly status: 'ok';
      readonly stream: string;
      /** What was stored, in order; facts whose eventId the stream already held are left out. */
      readonly appended: readonly StoredEvent[];
    }
  | {
      readonly status: 'conflict';
      readonly stream: string;
      readonly expectedRevision: ExpectedRevision;
      /** The stream's actual last revision, or `no_stream`. */
      readonly actualRevision: number | 'no_stream';
    };

/** Thrown by `appendToStream` when the expected revision does not match. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly stream: string,
    readonly expectedRevision: ExpectedRevision,
    readonly actualRevision: number | 'no_stream',
  ) {
    super(
      `stream ${stream}: verwachte revisie ${String(expectedRevision)}, maar de stream staat op ${String(actualRevision)} (gelijktijdige schrijver)`,
    );
  }
}

/** Thrown when an eventId is already stored in another stream (a different fact). */
export class EventIdConflictError extends Error {
  override readonly name = 'EventIdConflictError';
  constructor(
    readonly eventId: string,
    readonly stream: string,
    readonly existingStream: string,
  ) {
    super(`eventId ${eventId} voor stream ${stream} is al gebruikt in stream ${existingStream}`);
  }
}

/**
 * A stream name safe to print: a stored fact that no longer decodes may name a household with a
 * BSN in its id (stored before the codec refused it), so every BSN and every run of nine or more
 * digits, with or without separators, is left out (issue 17, point 7).
 */
export const shownStream = (stream: string): string =>
  maskBsn(stream).replace(/\d(?:[ .\-_/]?\d){8,}/g, '[cijfers verwijderd]');

/** Thrown when a stored event read back is not a fact of the catalogue (a corrupt row or record). */
export class CorruptStoredEventError extends Error {
  override readonly name = 'CorruptStoredEventError';
  constructor(
    readonly stream: string,
    readonly revision: number,
    readonly reason: string,
    /** The store's position of the event, when known. */
    readonly position?: Position,
    /** The event's id as the store keeps it beside the fact, when known. */
    readonly eventId?: string,
  ) {
    super(
      `${position === undefined ? '' : `positie ${position}, `}stream ${shownStream(stream)}, revisie ${revision}: opgeslagen gebeurtenis onleesbaar — ${reason}`,
    );
  }
}

/** A stored event that does not decode, as readAll reports it to `onUnreadable`. */
export interface UnreadableEvent {
  /** The raw stream name (print it with shownStream: it may hold a BSN). */
  readonly stream: string;
  readonly revision: number;
  readonly position: Position | undefined;
  readonly eventId: string | undefined;
  /** Why it does not decode (Dutch; never a field's value). */
  readonly reason: string;
}

export const unreadableOf = (error: CorruptStoredEventError): UnreadableEvent => ({
  stream: error.stream,
  revision: error.revision,
  position: error.position,
  eventId: error.eventId,
  reason: error.reason,
});

export interface ReadAllOptions {
  /** Start after this position (exclusive); from the beginning when absent. */
  readonly after?: Position;
  /** Events per batch (default 1000). */
  readonly batchSize?: number;
  /**
   * A stored event that no longer decodes (a codec that became stricter, a row changed by hand)
   * is passed here and skipped, and reading goes on (issue 17, point 7); without it, readAll
   * throws a CorruptStoredEventError at that event.
   */
  readonly onUnreadable?: (event: UnreadableEvent) => void;
}

export interface SubscribeOptions extends ReadAllOptions {
  /** Stops the subscription; the iterator then ends. */
  readonly signal?: AbortSignal;
}

export interface EventStore {
  /** `memory`, `postgres`, `pglite` or `esdb`. */
  readonly kind: string;
  /**
   * Every fact is decoded first with the codecs of the NDJSON import (any value is accepted:
   * a caller from JavaScript is checked too); a fact that does not decode, or lacks an eventId,
   * rejects the whole call with an OngeldigeFeitenError and nothing is stored; a malformed write
   * (no stream name, a bad expected revision, a fact in another household's stream) with a TypeError.
   * Appends each write atomically when its expected revision matches; writes are independent
   * (one may conflict while another is stored). Facts whose eventId the stream already holds
   * are skipped (idempotent); an eventId held by another stream is an EventIdConflictError
   * where the store can see it (memory, PostgreSQL, PGlite).
   */
  append(writes: unknown): Promise<readonly AppendOutcome[]>;
  /** One write; throws WrongExpectedRevisionError on a conflict. */
  appendToStream(stream: string, expectedRevision: ExpectedRevision, events: unknown): Promise<readonly StoredEvent[]>;
  /** The stream's events in revision order; empty when it does not exist. */
  readStream(stream: string): Promise<readonly StoredEvent[]>;
  /** Several streams at once (one round trip where the store allows). */
  readStreams(streams: readonly string[]): Promise<ReadonlyMap<string, readonly StoredEvent[]>>;
  /** Every event of our streams in recorded order, in batches. */
  readAll(options?: ReadAllOptions): AsyncIterable<readonly StoredEvent[]>;
  /** Catch-up, then live: every event after `after`, then each new one as it is appended. */
  subscribe(options?: SubscribeOptions): AsyncIterable<StoredEvent>;
  /**
   * The latest recordedAt of the stored facts (of those before position `before` when given),
   * undefined when there are none (issue 17). A store that can answer without reading every fact
   * implements it; for the others, `latestRecordedAt` (latest-recorded-at.ts) reads them.
   */
  latestRecordedAt?(before?: Position): Promise<string | undefined>;
  /** A subscriber's durable checkpoint, kept in the same store. */
  loadCheckpoint(subscriber: string): Promise<Position | undefined>;
  saveCheckpoint(subscriber: string, position: Position): Promise<void>;
  close(): Promise<void>;
}

/**
 * A store that can set a stored event that no longer decodes aside (the SQL stores): out of the
 * log into a table of its own, kept as it was (issue 17, point 7).
 */
export interface SetsAsideUnreadable {
  setAsideUnreadable(position: Position): Promise<UnreadableEvent>;
}

export const canSetAside = (store: EventStore): store is EventStore & SetsAsideUnreadable =>
  typeof (store as Partial<SetsAsideUnreadable>).setAsideUnreadable === 'function';

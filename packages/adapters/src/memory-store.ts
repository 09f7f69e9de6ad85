// The EventStore port in memory (issue 4, point 3): for tests and library use. It keeps the
// same promises as the durable stores: revisions, eventId idempotency (and the cross-stream
// check), recorded order, catch-up-then-live subscriptions, checkpoints.
import type { Recorded } from '@zelfredzaam/domain';
import { appendOne, planAppend } from './append-plan.js';
import { decodeWrites } from './boundary.js';
import { openCompactMemoryStore } from './compact-memory-store.js';
import { APPEND_DECODED } from './decoded-append.js';
import { recordedAtOf, withRecordedAt } from './envelope.js';
import { InMemoryLog, indexAfter, positionOf } from './memory-log.js';
import type { AppendOutcome, EventStore, ExpectedRevision, ReadAllOptions, StoredEvent, StreamWrite } from './port.js';
import { checkBatchSize } from './read-all.js';

export interface MemoryStoreOptions {
  /** The clock for recordedAt when a fact has none (milliseconds since the epoch). */
  readonly now?: () => number;
  /**
   * Keep the facts compactly in Buffers and typed arrays, off the JS heap, and decode a stream
   * when it is read (compact-memory-store.ts): for millions of facts, e.g. `report --from FILE`.
   * Slower to read; the same promises.
   */
  readonly compact?: boolean;
}

class MemoryStore extends InMemoryLog implements EventStore {
  readonly kind = 'memory';
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  /** eventId → stream that holds it. */
  private readonly ids = new Map<string, string>();

  constructor(private readonly now: () => number) {
    super();
  }

  protected get size(): number {
    return this.log.length;
  }

  /** Decodes every fact first (boundary.ts); nothing is stored when one does not decode. */
  async append(writes: unknown): Promise<readonly AppendOutcome[]> {
    this.checkOpen();
    return this[APPEND_DECODED](decodeWrites(writes));
  }

  async [APPEND_DECODED](writes: readonly StreamWrite[]): Promise<readonly AppendOutcome[]> {
    this.checkOpen();
    const plan = planAppend(
      writes,
      (stream) => {
        const length = this.streams.get(stream)?.length ?? 0;
        return length === 0 ? 'no_stream' : length - 1;
      },
      (eventId) => this.ids.get(eventId),
    );
    const recordedAt = recordedAtOf(this.now());
    const outcomes = plan.map((planned): AppendOutcome => {
      if (planned.status === 'conflict') return planned;
      const appended = planned.events.map((event, i) =>
        this.store(planned.stream, planned.firstRevision + i, withRecordedAt(event, recordedAt)),
      );
      return { status: 'ok', stream: planned.stream, appended };
    });
    if (outcomes.some((o) => o.status === 'ok' && o.appended.length > 0)) this.changes.notify();
    return outcomes;
  }

  private store(stream: string, revision: number, event: Recorded): StoredEvent {
    const stored: StoredEvent = { stream, revision, position: positionOf(this.log.length), event };
    this.log.push(stored);
    let events = this.streams.get(stream);
    if (events === undefined) {
      events = [];
      this.streams.set(stream, events);
    }
    events.push(stored);
    this.ids.set(event.eventId, stream);
    return stored;
  }

  appendToStream(stream: string, expectedRevision: ExpectedRevision, events: unknown): Promise<readonly StoredEvent[]> {
    return appendOne((writes) => this.append(writes), stream, expectedRevision, events);
  }

  async readStream(stream: string): Promise<readonly StoredEvent[]> {
    this.checkOpen();
    return [...(this.streams.get(stream) ?? [])];
  }

  async readStreams(streams: readonly string[]): Promise<ReadonlyMap<string, readonly StoredEvent[]>> {
    this.checkOpen();
    return new Map(streams.map((stream) => [stream, [...(this.streams.get(stream) ?? [])]]));
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<readonly StoredEvent[]> {
    this.checkOpen();
    const batchSize = checkBatchSize(options.batchSize);
    let index = indexAfter(options.after);
    while (index < this.log.length) {
      const batch = this.log.slice(index, index + batchSize);
      index += batch.length;
      yield batch;
    }
  }
}

/** A new, empty in-memory store (compact with `compact: true`). */
export const openMemoryStore = (options: MemoryStoreOptions = {}): EventStore =>
  options.compact === true
    ? openCompactMemoryStore(options.now === undefined ? {} : { now: options.now })
    : new MemoryStore(options.now ?? Date.now);

// What the two in-memory stores share (memory-store.ts keeps facts as objects,
// compact-memory-store.ts off the heap): positions as 1-based indexes into one log, checkpoints in
// a map, catch-up-then-live subscriptions, and closing.
import { STORE_STATUS, type StoreStatus } from './gezondheid.js';
import type { Position, ReadAllOptions, StoredEvent, SubscribeOptions } from './port.js';
import { ChangeSignal, catchUpThenLive } from './subscription.js';

/** Positions are 1-based indexes into the log, as decimal strings. */
export const positionOf = (index: number): Position => String(index + 1) as Position;

/** The log index after a position; a position this kind of store never gave is refused. */
export const indexAfter = (position: Position | undefined): number => {
  if (position === undefined) return 0;
  const n = Number(position);
  if (!Number.isSafeInteger(n) || n < 0 || String(n) !== position) {
    throw new RangeError(`positie ${JSON.stringify(position)} komt niet uit deze (geheugen)opslag`);
  }
  return n;
};

export abstract class InMemoryLog {
  private readonly checkpoints = new Map<string, Position>();
  protected readonly changes = new ChangeSignal();
  protected closed = false;

  abstract readAll(options?: ReadAllOptions): AsyncIterable<readonly StoredEvent[]>;

  subscribe(options: SubscribeOptions = {}): AsyncIterable<StoredEvent> {
    return catchUpThenLive(
      {
        readAll: (o) => this.readAll(o),
        changes: this.changes,
        pollIntervalMs: 60_000,
        isClosed: () => this.closed,
      },
      options,
    );
  }

  /** Facts in the log. */
  protected abstract get size(): number;

  async [STORE_STATUS](): Promise<StoreStatus> {
    this.checkOpen();
    return { schemaVersion: undefined, lastPosition: this.size === 0 ? undefined : positionOf(this.size - 1) };
  }

  async loadCheckpoint(subscriber: string): Promise<Position | undefined> {
    this.checkOpen();
    return this.checkpoints.get(subscriber);
  }

  async saveCheckpoint(subscriber: string, position: Position): Promise<void> {
    this.checkOpen();
    indexAfter(position);
    this.checkpoints.set(subscriber, position);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.changes.notify();
  }

  protected checkOpen(): void {
    if (this.closed) throw new Error('de (geheugen)opslag is gesloten');
  }
}

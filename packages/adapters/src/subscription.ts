// Catch-up-then-live subscriptions, shared by the stores that read their own log: read every
// batch after the last position seen, then wait for a change (an append here, a notification,
// or a poll) and read again. Stopping is prompt: an abort ends the wait at once.
import type { Position, ReadAllOptions, StoredEvent, SubscribeOptions, UnreadableEvent } from './port.js';

/** Wakes waiting subscribers when something may have been appended. */
export class ChangeSignal {
  private waiters = new Set<() => void>();
  /** Counts notifications, so a reader can tell whether one came while it was reading. */
  private count = 0;

  get version(): number {
    return this.count;
  }

  /** Wakes everyone waiting now. */
  notify(): void {
    this.count++;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next notify after `since` (at once if one came already), after `timeoutMs`, or on abort. */
  wait(since: number, signal: AbortSignal | undefined, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
      if (signal?.aborted === true || this.count !== since) done();
    });
  }
}

export interface SubscriptionSource {
  readAll(options: ReadAllOptions): AsyncIterable<readonly StoredEvent[]>;
  readonly changes: ChangeSignal;
  /** How long to wait without a notification before reading again (covers lost notifications). */
  readonly pollIntervalMs: number;
  /** True once the store is closed: the subscription then ends. */
  isClosed(): boolean;
}

export async function* catchUpThenLive(
  source: SubscriptionSource,
  options: SubscribeOptions,
): AsyncGenerator<StoredEvent> {
  const { signal } = options;
  let after: Position | undefined = options.after;
  const stopped = (): boolean => signal?.aborted === true || source.isClosed();
  const reading = readOptions(options);
  while (!stopped()) {
    let seen = false;
    const version = source.changes.version;
    for await (const batch of source.readAll(after === undefined ? reading : { ...reading, after })) {
      for (const event of batch) {
        if (stopped()) return;
        yield event;
        after = event.position;
        seen = true;
      }
    }
    // Wait only when there was nothing new: a full read may have more behind it.
    if (!seen && !stopped()) await source.changes.wait(version, signal, source.pollIntervalMs);
  }
}

/**
 * What each read of a subscription asks of readAll: its batch size, and its `onUnreadable`, which
 * hears of each unreadable fact once. (The next read starts after the last fact handed out, so a
 * skipped fact at the end of what was stored is read, and skipped, again: only until the next
 * fact comes, and reported only the first time.)
 */
const readOptions = (options: SubscribeOptions): ReadAllOptions => {
  const onUnreadable = options.onUnreadable;
  const reported = new Set<string>();
  return {
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(onUnreadable === undefined
      ? {}
      : {
          onUnreadable: (event: UnreadableEvent): void => {
            const key = event.position ?? `${event.stream}\u0000${event.revision}`;
            if (reported.has(key)) return;
            reported.add(key);
            onUnreadable(event);
          },
        }),
  };
};

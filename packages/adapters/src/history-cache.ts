// The stored histories of the households an import has seen, kept between its chunks (issue 6):
// deciding a chunk needs each of its households' whole history, and reading those again from
// the store for every chunk made the import slow down as the histories grew (at 1M facts, 6.8
// rows read per fact imported). A history is kept with the revision it was read or appended at;
// an append with that revision is the guard, so another writer in between shows up as a
// conflict and that household is read again (record.ts). Bounded: the least recently used
// households are dropped once the facts held pass `maxFacts`, so memory does not grow with the
// file.
import type { Identified } from '@zelfredzaam/domain';
import type { EventStore, StoredEvent } from './port.js';

/** A stream's history at a revision: the revision of its last fact, or `no_stream`. */
export interface KnownHistory {
  readonly events: Identified[];
  revision: number | 'no_stream';
}

interface Entry {
  readonly history: KnownHistory;
  /** The round (call of `histories`) it was last used in. */
  used: number;
}

/**
 * About 250–300 bytes of heap per kept fact (the decoded fact, its slot, the entry): the default
 * holds some 20 MB, so a 200 MB import stays under the heap bound of
 * tests/hardening-memory.int.test.ts (96 MB) with room to spare.
 */
export const DEFAULT_CACHED_FACTS = 64_000;

const historyOf = (stored: readonly StoredEvent[]): KnownHistory => {
  const last = stored[stored.length - 1];
  return { events: stored.map((s) => s.event), revision: last === undefined ? 'no_stream' : last.revision };
};

export class HistoryCache {
  private readonly entries = new Map<string, Entry>();
  private facts = 0;
  private round = 0;
  /** Histories being read ahead for a coming chunk, by stream, until taken. */
  private ahead = new Map<string, Promise<ReadonlyMap<string, KnownHistory> | undefined>>();

  constructor(private readonly maxFacts = DEFAULT_CACHED_FACTS) {}

  /** The facts held (for tests and tuning). */
  get size(): number {
    return this.facts;
  }

  /** The kept history of `stream`, marked as used now. */
  get(stream: string): KnownHistory | undefined {
    const entry = this.entries.get(stream);
    if (entry === undefined) return undefined;
    entry.used = this.round;
    return entry.history;
  }

  /** Keeps `history` as the stream's history; drops the least recently used beyond the bound. */
  set(stream: string, history: KnownHistory): void {
    this.delete(stream);
    this.entries.set(stream, { history, used: this.round });
    this.facts += history.events.length;
    this.evict();
  }

  delete(stream: string): void {
    const entry = this.entries.get(stream);
    if (entry === undefined) return;
    this.entries.delete(stream);
    this.facts -= entry.history.events.length;
  }

  /**
   * Beyond the bound, drops the least recently used histories down to 7/8 of it: at once, so
   * the cost of finding them (a sort) is shared by a few rounds.
   */
  private evict(): void {
    if (this.facts <= this.maxFacts) return;
    const byUse = [...this.entries].sort((a, b) => a[1].used - b[1].used);
    const target = Math.floor((this.maxFacts * 7) / 8);
    for (const [stream, entry] of byUse) {
      if (this.facts <= target) break;
      this.entries.delete(stream);
      this.facts -= entry.history.events.length;
    }
  }

  /**
   * Starts reading the histories of `streams` that are not kept (in one readStreams), for a
   * coming call of `histories`: the store reads them while this process decides the chunk before.
   * Replaces what an earlier call read ahead and was not taken.
   */
  readAhead(store: EventStore, streams: Iterable<string>): void {
    const missing = new Set<string>();
    for (const stream of streams) if (!this.entries.has(stream)) missing.add(stream);
    this.ahead = new Map();
    if (missing.size === 0) return;
    // An error is not thrown here: the histories are then read when they are needed.
    const read = readHistories(store, [...missing]).catch(() => undefined);
    for (const stream of missing) this.ahead.set(stream, read);
  }

  /**
   * The histories of `streams`: kept ones as they are, the others read ahead or read now (in one
   * readStreams), and kept. `fresh`: all read now (after a conflict with another writer).
   */
  async histories(store: EventStore, streams: readonly string[], fresh = false): Promise<Map<string, KnownHistory>> {
    this.round++;
    const result = new Map<string, KnownHistory>();
    const waiting = new Set<Promise<ReadonlyMap<string, KnownHistory> | undefined>>();
    for (const stream of streams) {
      const aheadRead = this.ahead.get(stream);
      if (aheadRead === undefined) continue;
      this.ahead.delete(stream);
      waiting.add(aheadRead);
    }
    const readAhead = fresh ? [] : await Promise.all(waiting);
    const missing: string[] = [];
    for (const stream of streams) {
      // A kept history is never older than one read ahead: ours are appended to the kept one.
      let known = fresh ? undefined : this.get(stream);
      for (let i = 0; known === undefined && i < readAhead.length; i++) known = readAhead[i]?.get(stream);
      if (known === undefined) missing.push(stream);
      else result.set(stream, known);
    }
    if (missing.length > 0) {
      for (const [stream, history] of await readHistories(store, missing)) result.set(stream, history);
    }
    for (const [stream, history] of result)
      if (this.entries.get(stream)?.history !== history) this.set(stream, history);
    return result;
  }

  /**
   * Adds what an append stored to the kept history it was decided against (in place: the cache
   * owns its histories, and deciding copies them); drops the stream when it is not kept as that.
   */
  appended(stream: string, before: KnownHistory | undefined, stored: readonly StoredEvent[]): void {
    const last = stored[stored.length - 1];
    const entry = this.entries.get(stream);
    if (before === undefined || entry?.history !== before || last === undefined) {
      this.delete(stream);
      return;
    }
    for (const s of stored) before.events.push(s.event);
    before.revision = last.revision;
    entry.used = this.round;
    this.facts += stored.length;
    this.evict();
  }
}

const readHistories = async (store: EventStore, streams: readonly string[]): Promise<Map<string, KnownHistory>> => {
  const result = new Map<string, KnownHistory>();
  for (const [stream, stored] of await store.readStreams(streams)) result.set(stream, historyOf(stored));
  return result;
};

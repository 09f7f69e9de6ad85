// The stored histories of the households an import has seen, kept between its chunks (issue 6,
// issue 16 point 3): deciding a chunk needs each of its households' whole history, and reading
// those again from the store (and decoding every row) for every chunk a household returns in made
// the import slow down as the histories grew. What is kept is only what the decider needs: every
// household's timeline in one Tijdlijnen (the domain's timelines of many streams in shared typed
// arrays) with its eventIds in an open-addressing table of 128-bit words, both off the JS heap
// (some 60 bytes per fact), and the revision it was read or appended at. An append with that
// revision is the guard: another writer in between shows up as a conflict, and that household is
// dropped and read again (record.ts). Bounded: past `maxFacts` everything is dropped at once (the
// households are then read again as they come), so memory does not grow with the file.
import { EventIdTable, type Identified, Tijdlijnen } from '@zelfredzaam/domain';
import type { Beslisser } from './decide-per-fact.js';
import type { EventStore, StoredEvent } from './port.js';
import { StreamTable } from './stream-table.js';

/**
 * A stream's history at a revision, as one round of deciding sees it. Ask the cache for a
 * timeline to decide on (`tijdlijn`); after deciding, tell it what was decided (`tentative`).
 */
export interface KnownHistory {
  readonly stream: string;
  /** The revision of its last fact, or `no_stream`. */
  readonly revision: number | 'no_stream';
  /**
   * The stored facts, only for a history that does not hold by the rules as a whole (a store
   * written without the decider): no timeline can hold it, `decide` judges against the facts.
   * Empty otherwise.
   */
  readonly events: readonly Identified[];
  /** Whether it is kept as a timeline (else `events` holds it). */
  readonly kept: boolean;
  /** Whether the stream holds a fact with this eventId. */
  has(eventId: string): boolean;
}

/** The facts kept by default: some 60 bytes each off the heap (timelines, eventIds, room), so about 150 MB at most. */
export const DEFAULT_CACHED_FACTS = 2_000_000;

/** The households kept by default (see the constructor of HistoryCache). */
export const DEFAULT_CACHED_STREAMS = 100_000;

/** The kept streams: their timelines, by stream number, and per number its revision. */
class Store {
  readonly ids = new EventIdTable();
  readonly lijnen = new Tijdlijnen(this.ids);
  readonly slotOf = new StreamTable();
  /** Per stream number its revision (−1: no_stream). */
  revision = new Int32Array(1024);
  /** Facts kept of live streams, and of dropped ones (their room is not given back). */
  facts = 0;
  deadFacts = 0;

  /** A new stream number for `stream` (holding nothing yet). */
  open(stream: string, revision: number | 'no_stream'): number {
    const s = this.lijnen.nieuw();
    if (s >= this.revision.length) {
      const grown = new Int32Array(2 * this.revision.length);
      grown.set(this.revision);
      this.revision = grown;
    }
    this.slotOf.set(stream, s);
    this.revision[s] = revision === 'no_stream' ? -1 : revision;
    return s;
  }

  /** Drops a stream: its eventIds no longer found, its room left behind. */
  close(stream: string): void {
    const s = this.slotOf.get(stream);
    if (s === undefined) return;
    this.slotOf.delete(stream);
    const n = this.lijnen.size(s);
    this.ids.dropStream(s);
    this.facts -= n;
    this.deadFacts += n;
  }
}

/** One stream of the kept timelines, to decide on. */
const beslisserOf = (lijnen: Tijdlijnen, s: number): Beslisser => ({
  beslis: (feit, opnemen) => lijnen.beslis(s, feit, opnemen),
});

/** What one round knows of a stream: its number in the store it is kept in (when kept). */
class Known implements KnownHistory {
  constructor(
    readonly stream: string,
    readonly revision: number | 'no_stream',
    readonly events: readonly Identified[],
    readonly kept: boolean,
    /** The store it is kept in (one dropped since is never changed again by the cache). */
    readonly home: Store | undefined,
    readonly s: number,
    /** The facts kept when this was made. */
    readonly size: number,
  ) {}

  has(eventId: string): boolean {
    if (!this.kept) return this.events.some((e) => e.eventId === eventId);
    return this.home?.lijnen.heeft(this.s, eventId) ?? false;
  }
}

export class HistoryCache {
  private store = new Store();
  /** Histories being read ahead for a coming chunk, by stream, until taken. */
  private ahead = new Map<string, Promise<ReadonlyMap<string, readonly StoredEvent[]> | undefined>>();

  /** A counter of marks and drops, and per stream when it was last dropped (drops are rare: conflicts, failures). */
  private tick = 0;
  private readonly dropped = new Map<string, number>();
  /**
   * Per stream how many unfinished chunks wrote it tentatively: the store may not hold those facts
   * yet, so such a stream is read from the store only after the chunks before have finished.
   */
  private readonly pending = new StreamTable();

  constructor(
    private readonly maxFacts = DEFAULT_CACHED_FACTS,
    /**
     * The households kept: a timeline with §7.1 trajectories holds a few Maps on the heap (the
     * domain's Tijdlijnen), some 400 bytes, so the heap stays under the memory test's bound.
     */
    private readonly maxStreams = DEFAULT_CACHED_STREAMS,
  ) {}

  /** The facts kept (for tests and tuning). */
  get size(): number {
    return this.store.facts;
  }

  /** The kept stream's eventIds and revision (for tests), undefined when it is not kept. */
  kept(stream: string): { readonly eventIds: string[]; readonly revision: number | 'no_stream' } | undefined {
    const store = this.store;
    const s = store.slotOf.get(stream);
    if (s === undefined) return undefined;
    const eventIds: string[] = [];
    for (let g = 0; g < store.ids.size; g++) {
      if (store.ids.streamOf(g) === s) eventIds[store.ids.indexOf(g)] = store.ids.eventIdOf(g);
    }
    const revision = store.revision[s] as number;
    return { eventIds, revision: revision < 0 ? 'no_stream' : revision };
  }

  /**
   * Drops the stream: what is kept of it may not be what is stored (an append that conflicted,
   * failed or stored less than decided). A chunk decided on it before is then decided again (`holds`).
   */
  delete(stream: string): void {
    const kept = this.store.slotOf.has(stream);
    // Only what a chunk may have been decided on needs remembering: a stream kept, or one an
    // unfinished chunk wrote (kept in a store dropped since).
    if (kept || this.pending.has(stream)) this.dropped.set(stream, ++this.tick);
    this.store.close(stream);
  }

  /** Drops everything kept (the histories are read again as they come). */
  clear(): void {
    this.store = new Store();
  }

  private get overfull(): boolean {
    const s = this.store;
    return s.facts > this.maxFacts || s.slotOf.size > this.maxStreams || (s.deadFacts > 1024 && s.deadFacts > s.facts);
  }

  /**
   * Starts reading the histories of `streams` that are not kept (in one readStreams), for a
   * coming call of `histories`: the store reads them while this process decides the chunk before.
   * Replaces what an earlier call read ahead and was not taken.
   */
  readAhead(store: EventStore, streams: Iterable<string>): void {
    const missing = new Set<string>();
    for (const stream of streams) if (!this.store.slotOf.has(stream)) missing.add(stream);
    this.ahead = new Map();
    if (missing.size === 0) return;
    // An error is not thrown here: the histories are then read when they are needed.
    const read = store.readStreams([...missing]).catch(() => undefined);
    for (const stream of missing) this.ahead.set(stream, read);
  }

  /**
   * The histories of `streams`: kept ones as they are, the others read ahead or read now (in one
   * readStreams), and kept. `fresh`: all read now (after a conflict with another writer).
   */
  /** A chunk wrote `stream` tentatively; `unpend` when it is done with it. */
  pend(stream: string): void {
    this.pending.set(stream, (this.pending.get(stream) ?? 0) + 1);
  }

  unpend(stream: string): void {
    const count = this.pending.get(stream) ?? 0;
    if (count <= 1) this.pending.delete(stream);
    else this.pending.set(stream, count - 1);
  }

  /**
   * The histories of `streams`: kept ones as they are, the others read ahead or read now (in one
   * readStreams), and kept. `fresh`: all read now (after a conflict with another writer).
   * `settled`: when the chunks before have finished; a stream one of them may still be writing is
   * read only then (what the store holds before is not what this chunk must be decided on).
   */
  async histories(
    store: EventStore,
    streams: readonly string[],
    fresh = false,
    settled?: Promise<unknown>,
  ): Promise<Map<string, KnownHistory>> {
    // The bound, kept when a round begins: past it everything is dropped at once.
    if (this.overfull) this.clear();
    const waiting = new Set<Promise<ReadonlyMap<string, readonly StoredEvent[]> | undefined>>();
    for (const stream of streams) {
      const aheadRead = this.ahead.get(stream);
      if (aheadRead === undefined) continue;
      this.ahead.delete(stream);
      if (!fresh) waiting.add(aheadRead);
    }
    const readAhead = await Promise.all(waiting);
    const storedOf = (stream: string): readonly StoredEvent[] | undefined => {
      let stored: readonly StoredEvent[] | undefined;
      for (let i = 0; stored === undefined && i < readAhead.length; i++) stored = readAhead[i]?.get(stream);
      return stored;
    };
    const missing: string[] = [];
    let waitFirst = false;
    for (const stream of streams) {
      if (this.store.slotOf.has(stream) && !fresh) continue;
      const pending = this.pending.has(stream);
      if (pending) waitFirst = true;
      if (fresh || pending || storedOf(stream) === undefined) missing.push(stream);
    }
    if (waitFirst && settled !== undefined) await settled.catch(() => {});
    const read = missing.length > 0 ? await store.readStreams(missing) : undefined;
    // Made after the last wait, with nothing in between until they are decided on: a kept history
    // cannot change under them (another chunk's append may change the cache while this one reads).
    const result = new Map<string, KnownHistory>();
    for (const stream of streams) {
      if (result.has(stream)) continue;
      const stored = read?.get(stream);
      if (fresh) {
        result.set(stream, this.load(stream, stored ?? []));
        continue;
      }
      // A kept history is never older than one read: ours are added to the kept one.
      const known = this.knownOf(stream);
      if (known !== undefined) result.set(stream, known);
      else if (stored === undefined && this.pending.has(stream)) {
        // Kept when this began, dropped while it waited: read it now.
        result.set(stream, this.load(stream, (await store.readStreams([stream])).get(stream) ?? []));
      } else result.set(stream, this.load(stream, stored ?? storedOf(stream) ?? []));
    }
    return result;
  }

  /** The kept stream as this round sees it. */
  private knownOf(stream: string): Known | undefined {
    const store = this.store;
    const s = store.slotOf.get(stream);
    if (s === undefined) return undefined;
    const revision = store.revision[s] as number;
    return new Known(stream, revision < 0 ? 'no_stream' : revision, [], true, store, s, store.lijnen.size(s));
  }

  /** A history read from the store, kept as a timeline when it holds by the rules. */
  private load(stream: string, stored: readonly StoredEvent[]): Known {
    this.delete(stream);
    const events = stored.map((e) => e.event);
    const last = stored[stored.length - 1];
    const revision = last === undefined ? 'no_stream' : last.revision;
    // No dropping here: the streams of this round were found kept or missing before (the bound
    // is kept when a round begins, see `histories`).
    const store = this.store;
    const s = store.open(stream, revision);
    store.lijnen.reserveer(s, events.length);
    let holds = true;
    for (const feit of events) {
      if (!store.lijnen.neemOp(s, feit)) {
        holds = false;
        break;
      }
    }
    if (!holds || !store.lijnen.isGeldig(s)) {
      // Judged by `decide` against the facts, as before any timeline.
      store.close(stream);
      return new Known(stream, revision, events, false, undefined, -1, 0);
    }
    store.facts += events.length;
    return new Known(stream, revision, [], true, store, s, events.length);
  }

  /**
   * The kept timeline of the history to decide on (deciding adds to it at once: see
   * `tentative`); undefined for a history kept as facts (`events`).
   */
  tijdlijn(history: KnownHistory): Beslisser | undefined {
    if (!(history instanceof Known) || !history.kept || history.home === undefined) return undefined;
    const store = history.home;
    if (store.slotOf.get(history.stream) !== history.s || store.lijnen.size(history.s) !== history.size) {
      // Its stream was dropped or grown in this round: deciding on it would be deciding on the wrong history.
      throw new Error(`history-cache: de bewaarde geschiedenis van ${history.stream} is intussen veranderd`);
    }
    return beslisserOf(store.lijnen, history.s);
  }

  /**
   * What was decided on `tijdlijn(history)`: the facts `fresh` it took in are kept as the
   * stream's history now, before the append that stores them (issue 16: the next chunk is decided
   * while this one is appended). The append's outcome settles it: `confirmed` when all was stored,
   * else the stream is dropped (`delete`). Returns the mark of what was decided on.
   */
  tentative(
    history: KnownHistory,
    tijdlijn: Beslisser | undefined,
    fresh: readonly Identified[],
  ): DecidedOn | undefined {
    if (!(history instanceof Known) || tijdlijn === undefined || history.home === undefined) {
      this.delete(history.stream);
      return undefined;
    }
    const store = history.home;
    const revision = (history.revision === 'no_stream' ? -1 : history.revision) + fresh.length;
    if (store.lijnen.size(history.s) !== history.size + fresh.length) {
      this.delete(history.stream);
      return undefined;
    }
    // A store dropped since (to stay within the bound) is not changed: right, but no longer kept.
    if (store === this.store && store.slotOf.get(history.stream) === history.s) {
      store.revision[history.s] = revision;
      store.facts += fresh.length;
    }
    return { tick: ++this.tick, revision };
  }

  /** The mark of a history decided on without adding to it. */
  unchanged(history: KnownHistory): DecidedOn | undefined {
    if (!(history instanceof Known) || history.home === undefined) return undefined;
    return { tick: ++this.tick, revision: history.revision === 'no_stream' ? -1 : history.revision };
  }

  /**
   * Whether what the stream was decided on (`mark`) still holds: false once a chunk before, whose
   * kept facts it was decided on, turned out not to store them as decided (the stream was then
   * dropped). Dropping everything to stay within the bound does not count: what was kept was
   * right. A history kept as facts (no mark) is never held.
   */
  holds(stream: string, mark: DecidedOn | undefined): boolean {
    return mark !== undefined && (this.dropped.get(stream) ?? -1) < mark.tick;
  }

  /** The append stored what `tentative` kept: `last` must be the revision kept, else the stream is dropped. */
  confirmed(stream: string, mark: DecidedOn | undefined, last: number | undefined): void {
    if (!this.holds(stream, mark) || mark?.revision !== last) this.delete(stream);
  }
}

/** When a kept history was decided on (a tick of the cache), and its revision with what was decided. */
export interface DecidedOn {
  readonly tick: number;
  readonly revision: number;
}

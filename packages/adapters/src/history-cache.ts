// The stored histories of the households an import has seen, kept between its chunks (issue 6,
// issue 16 point 3): deciding a chunk needs each of its households' whole history, and reading
// those again from the store (and decoding every row) for every chunk a household returns in made
// the import slow down as the histories grew. What is kept is only what the decider needs: each
// household's timeline frozen into numbers (Tijdlijn.bevries: three per fact) in one typed-array
// arena, and its eventIds in an open-addressing table of 128-bit words, both off the JS heap
// (about 60 bytes per fact), with the revision it was read or appended at. An append with that
// revision is the guard: another writer in between shows up as a conflict, and that household is
// dropped and read again (record.ts). Bounded: past `maxFacts` everything is dropped at once (the
// households are then read again as they come), so memory does not grow with the file.
import { type EventIdIndex, type Identified, Tijdlijn } from '@zelfredzaam/domain';
import type { EventStore, StoredEvent } from './port.js';

/**
 * A stream's history at a revision, as one round of deciding sees it. Ask the cache for a
 * timeline to decide on (`tijdlijn`); after an append, give that timeline back (`appended`).
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

/** The facts kept by default: about 60 bytes each off the heap (arena, eventIds, slack), so some 120 MB at most. */
export const DEFAULT_CACHED_FACTS = 2_000_000;

/** Three numbers per fact: Tijdlijn.bevries's layout. */
const WIDTH = 3;

const hexValue = (c: number): number => (c <= 57 ? c - 48 : (c | 0x20) - 87);

/** The four 32-bit words of a UUID (either case; the dashes skipped). */
const parseUuid = (eventId: string, into: Uint32Array): boolean => {
  let word = 0;
  let digits = 0;
  let k = 0;
  for (let i = 0; i < eventId.length; i++) {
    const c = eventId.charCodeAt(i);
    if (c === 45) continue;
    const v = hexValue(c);
    if (!(v >= 0 && v < 16) || k === 4) return false;
    word = ((word << 4) | v) >>> 0;
    if (++digits === 8) {
      into[k++] = word;
      word = 0;
      digits = 0;
    }
  }
  return k === 4 && digits === 0;
};

const HEX = '0123456789abcdef';

/**
 * The eventIds of the kept facts: per fact number its UUID words, its owner (a stream's slot, or
 * −1 once dropped) and its index in the stream; found through an open-addressing table.
 */
class IdTable {
  words = new Uint32Array(4 * 1024);
  owner = new Int32Array(1024);
  local = new Int32Array(1024);
  /** Fact number + 1 per slot, 0 empty; at most half full. */
  slots = new Int32Array(2048);
  size = 0;
  dead = 0;
  private readonly probe = new Uint32Array(4);

  private hashOf(w: Uint32Array, at: number): number {
    const h =
      Math.imul((w[at] as number) ^ Math.imul(w[at + 1] as number, 0x9e3779b1), 0x85ebca6b) ^
      (w[at + 2] as number) ^
      (w[at + 3] as number);
    return (h ^ (h >>> 15)) & (this.slots.length - 1);
  }

  /** The index in `owner`'s stream of the fact with this eventId, or −1. */
  find(eventId: string, owner: number): number {
    const w = this.probe;
    if (!parseUuid(eventId, w)) return -1;
    const mask = this.slots.length - 1;
    const words = this.words;
    for (let slot = this.hashOf(w, 0); ; slot = (slot + 1) & mask) {
      const g = (this.slots[slot] as number) - 1;
      if (g < 0) return -1;
      const at = 4 * g;
      if (
        this.owner[g] === owner &&
        words[at] === w[0] &&
        words[at + 1] === w[1] &&
        words[at + 2] === w[2] &&
        words[at + 3] === w[3]
      ) {
        return this.local[g] as number;
      }
    }
  }

  /** Adds the eventId of fact `index` of `owner`'s stream; its fact number. */
  add(eventId: string, owner: number, index: number): number {
    if (!parseUuid(eventId, this.probe)) throw new RangeError(`eventId ${JSON.stringify(eventId)} is geen UUID`);
    if (2 * (this.size + 1) > this.slots.length) this.grow();
    const g = this.size++;
    if (g === this.owner.length) {
      const words = new Uint32Array(8 * g);
      words.set(this.words);
      this.words = words;
      const owners = new Int32Array(2 * g);
      owners.set(this.owner);
      this.owner = owners;
      const locals = new Int32Array(2 * g);
      locals.set(this.local);
      this.local = locals;
    }
    this.words.set(this.probe, 4 * g);
    this.owner[g] = owner;
    this.local[g] = index;
    this.place(g);
    return g;
  }

  drop(g: number): void {
    if ((this.owner[g] as number) < 0) return;
    this.owner[g] = -1;
    this.dead++;
  }

  private place(g: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashOf(this.words, 4 * g);
    while ((this.slots[slot] as number) !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = g + 1;
  }

  private grow(): void {
    this.slots = new Int32Array(2 * this.slots.length);
    for (let g = 0; g < this.size; g++) this.place(g);
  }

  eventIdOf(g: number): string {
    let text = '';
    for (let k = 0; k < 4; k++) {
      const word = this.words[4 * g + k] as number;
      for (let shift = 28; shift >= 0; shift -= 4) {
        const position = text.length;
        if (position === 8 || position === 13 || position === 18 || position === 23) text += '-';
        text += HEX[(word >>> shift) & 15];
      }
    }
    return text;
  }
}

/** The kept streams: per slot where its facts lie in the arena, and its revision. */
class Store {
  readonly ids = new IdTable();
  readonly slotOf = new Map<string, number>();
  names: string[] = [];
  start = new Int32Array(1024);
  length = new Int32Array(1024);
  capacity = new Int32Array(1024);
  /** −1: no_stream. */
  revision = new Int32Array(1024);
  trajectIds = new Map<number, [number, string][]>();
  arena = new Float64Array(WIDTH * 4096);
  /** Fact number (in `ids`) per arena place. */
  factNo = new Int32Array(4096);
  /** Arena places used (live or left behind by a stream that moved). */
  used = 0;
  /** Facts kept. */
  facts = 0;

  /** A new slot for `stream` (holding nothing yet). */
  open(stream: string, revision: number | 'no_stream'): number {
    const slot = this.names.length;
    if (slot === this.start.length) {
      const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(2 * a.length);
        b.set(a);
        return b;
      };
      this.start = grow(this.start);
      this.length = grow(this.length);
      this.capacity = grow(this.capacity);
      this.revision = grow(this.revision);
    }
    this.names.push(stream);
    this.slotOf.set(stream, slot);
    this.start[slot] = 0;
    this.length[slot] = 0;
    this.capacity[slot] = 0;
    this.revision[slot] = revision === 'no_stream' ? -1 : revision;
    return slot;
  }

  /** Drops a stream: its eventIds no longer found, its arena places left behind. */
  close(stream: string): void {
    const slot = this.slotOf.get(stream);
    if (slot === undefined) return;
    this.slotOf.delete(stream);
    const start = this.start[slot] as number;
    const n = this.length[slot] as number;
    for (let i = 0; i < n; i++) this.ids.drop(this.factNo[start + i] as number);
    this.facts -= n;
    this.length[slot] = 0;
    this.capacity[slot] = 0;
    this.trajectIds.delete(slot);
  }

  /** Room for `n` facts of `slot` (its facts moved to the arena's end when they do not fit). */
  reserve(slot: number, n: number): void {
    if (n <= (this.capacity[slot] as number)) return;
    const capacity = Math.max(4, n + (n >>> 1));
    if (this.used + capacity > this.factNo.length) this.growArena(this.used + capacity);
    const from = this.start[slot] as number;
    const live = this.length[slot] as number;
    this.arena.copyWithin(WIDTH * this.used, WIDTH * from, WIDTH * (from + live));
    this.factNo.copyWithin(this.used, from, from + live);
    this.start[slot] = this.used;
    this.capacity[slot] = capacity;
    this.used += capacity;
  }

  /** A larger arena, or the same size compacted when most of it was left behind. */
  private growArena(need: number): void {
    let live = 0;
    for (const slot of this.slotOf.values()) live += this.capacity[slot] as number;
    let size = this.factNo.length;
    while (size < live + (need - this.used)) size *= 2;
    if (live + (need - this.used) > size / 2) size *= 2;
    const arena = new Float64Array(WIDTH * size);
    const factNo = new Int32Array(size);
    let at = 0;
    for (const slot of this.slotOf.values()) {
      const from = this.start[slot] as number;
      const n = this.length[slot] as number;
      arena.set(this.arena.subarray(WIDTH * from, WIDTH * (from + n)), WIDTH * at);
      factNo.set(this.factNo.subarray(from, from + n), at);
      this.start[slot] = at;
      at += this.capacity[slot] as number;
    }
    this.arena = arena;
    this.factNo = factNo;
    this.used = at;
  }
}

/** A kept stream's eventIds as a timeline finds them; the facts it adds while deciding stay its own. */
class SlotIds implements EventIdIndex {
  private added: Map<string, number> | undefined;
  private addedIds: string[] | undefined;

  constructor(
    private readonly store: Store,
    private readonly slot: number,
    /** The facts frozen: indexes below it are in the table. */
    private readonly frozen: number,
    private readonly factNo: Int32Array,
    private readonly start: number,
  ) {}

  get(eventId: string): number | undefined {
    const own = this.added?.get(eventId);
    if (own !== undefined) return own;
    const index = this.store.ids.find(eventId, this.slot);
    return index < 0 ? undefined : index;
  }

  set(eventId: string, index: number): void {
    this.added ??= new Map();
    this.addedIds ??= [];
    this.added.set(eventId, index);
    this.addedIds[index - this.frozen] = eventId;
  }

  eventIdAt(index: number): string {
    if (index >= this.frozen) return this.addedIds?.[index - this.frozen] ?? '';
    return this.store.ids.eventIdOf(this.factNo[this.start + index] as number);
  }
}

/** What one round knows of a stream: its slot (when kept) at a generation of the cache. */
class Known implements KnownHistory {
  /** A timeline built while reading, handed out once before thawing is needed. */
  spare: Tijdlijn | undefined;

  constructor(
    readonly stream: string,
    readonly revision: number | 'no_stream',
    readonly events: readonly Identified[],
    readonly kept: boolean,
    /** The store it is kept in (a cache dropped since then no longer knows it). */
    readonly home: Store | undefined,
    readonly slot: number,
    /** The facts kept when this was made. */
    readonly size: number,
    spare: Tijdlijn | undefined,
  ) {
    this.spare = spare;
  }

  has(eventId: string): boolean {
    if (!this.kept) return this.events.some((e) => e.eventId === eventId);
    if (this.spare !== undefined) return this.spare.heeft(eventId);
    const index = this.home?.ids.find(eventId, this.slot) ?? -1;
    return index >= 0 && index < this.size;
  }
}

export class HistoryCache {
  private store = new Store();
  /** Histories being read ahead for a coming chunk, by stream, until taken. */
  private ahead = new Map<string, Promise<ReadonlyMap<string, readonly StoredEvent[]> | undefined>>();

  /**
   * Whether a stream this cache has not seen is taken to have no facts, without reading it (an
   * import into a store that held no facts when it began). Only an assumption: the append's
   * expected revision `no_stream` checks it, and a household that another writer did write is
   * read and decided again. Off for good once the cache dropped a stream (it has then seen
   * streams it no longer knows).
   */
  private assumeNew = false;
  /** A counter of marks and drops, and per stream when it was last dropped (drops are rare: conflicts, failures). */
  private tick = 0;
  private readonly dropped = new Map<string, number>();

  constructor(private readonly maxFacts = DEFAULT_CACHED_FACTS) {}

  /** From now on a stream never seen is taken to be empty (see `assumeNew`). */
  assumeUnseenEmpty(): void {
    this.assumeNew = this.store.facts === 0 && this.store.slotOf.size === 0 && this.store.ids.dead === 0;
  }

  /** The facts kept (for tests and tuning). */
  get size(): number {
    return this.store.facts;
  }

  /** The kept stream's eventIds and revision (for tests), undefined when it is not kept. */
  kept(stream: string): { readonly eventIds: string[]; readonly revision: number | 'no_stream' } | undefined {
    const s = this.store;
    const slot = s.slotOf.get(stream);
    if (slot === undefined) return undefined;
    const start = s.start[slot] as number;
    const eventIds: string[] = [];
    for (let i = 0; i < (s.length[slot] as number); i++) eventIds.push(s.ids.eventIdOf(s.factNo[start + i] as number));
    const revision = s.revision[slot] as number;
    return { eventIds, revision: revision < 0 ? 'no_stream' : revision };
  }

  /**
   * Drops the stream: what is kept of it may not be what is stored (an append that conflicted,
   * failed or stored less than decided). A chunk decided on it before is then decided again (`holds`).
   */
  delete(stream: string): void {
    if (this.store.slotOf.has(stream)) this.assumeNew = false;
    this.dropped.set(stream, ++this.tick);
    this.store.close(stream);
  }

  /** Drops everything kept (the histories are read again as they come). */
  clear(): void {
    this.assumeNew = false;
    this.store = new Store();
  }

  private get overfull(): boolean {
    const s = this.store;
    return s.facts > this.maxFacts || (s.ids.dead > 1024 && s.ids.dead > s.facts);
  }

  /**
   * Starts reading the histories of `streams` that are not kept (in one readStreams), for a
   * coming call of `histories`: the store reads them while this process decides the chunk before.
   * Replaces what an earlier call read ahead and was not taken.
   */
  readAhead(store: EventStore, streams: Iterable<string>): void {
    const missing = new Set<string>();
    if (!this.assumeNew) for (const stream of streams) if (!this.store.slotOf.has(stream)) missing.add(stream);
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
  async histories(store: EventStore, streams: readonly string[], fresh = false): Promise<Map<string, KnownHistory>> {
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
    for (const stream of streams) {
      if (fresh || (!this.store.slotOf.has(stream) && storedOf(stream) === undefined && !this.assumeNew)) {
        missing.push(stream);
      }
    }
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
      else result.set(stream, this.load(stream, stored ?? storedOf(stream) ?? []));
    }
    return result;
  }

  /** The kept stream as this round sees it. */
  private knownOf(stream: string): Known | undefined {
    const s = this.store;
    const slot = s.slotOf.get(stream);
    if (slot === undefined) return undefined;
    const revision = s.revision[slot] as number;
    return new Known(
      stream,
      revision < 0 ? 'no_stream' : revision,
      [],
      true,
      s,
      slot,
      s.length[slot] as number,
      undefined,
    );
  }

  /** A history read from the store, kept as a timeline when it holds by the rules. */
  private load(stream: string, stored: readonly StoredEvent[]): Known {
    this.delete(stream);
    const events = stored.map((e) => e.event);
    const last = stored[stored.length - 1];
    const revision = last === undefined ? 'no_stream' : last.revision;
    const tijdlijn = Tijdlijn.van(events);
    if (tijdlijn === undefined) return new Known(stream, revision, events, false, undefined, -1, 0, undefined);
    // No dropping here: the streams of this round were found kept or missing before (the bound
    // is kept when a round begins, see `histories`).
    const s = this.store;
    const slot = s.open(stream, revision);
    this.freeze(slot, tijdlijn, 0, events);
    return new Known(stream, revision, [], true, s, slot, events.length, tijdlijn);
  }

  /** Writes the timeline's numbers into the slot and adds the eventIds of its facts from `from` on. */
  private freeze(slot: number, tijdlijn: Tijdlijn, from: number, added: readonly { readonly eventId: string }[]): void {
    const s = this.store;
    const { getallen, trajectIds } = tijdlijn.bevries();
    const n = getallen.length / WIDTH;
    s.reserve(slot, n);
    const start = s.start[slot] as number;
    s.arena.set(getallen, WIDTH * start);
    for (let i = from; i < n; i++) {
      const feit = added[i - from];
      if (feit === undefined) throw new Error('history-cache: een feit van de tijdlijn zonder eventId');
      s.factNo[start + i] = s.ids.add(feit.eventId, slot, i);
    }
    s.facts += n - from;
    s.length[slot] = n;
    if (trajectIds === undefined) s.trajectIds.delete(slot);
    else s.trajectIds.set(slot, trajectIds);
  }

  /**
   * A timeline of the history to decide on, owned by the caller (deciding grows it); undefined
   * for a history kept as facts (`events`). Each call gives a new one, as the history is kept.
   */
  tijdlijn(history: KnownHistory): Tijdlijn | undefined {
    if (!(history instanceof Known) || !history.kept) return undefined;
    const spare = history.spare;
    if (spare !== undefined) {
      history.spare = undefined;
      return spare;
    }
    // Thawed from the store it was kept in: one that was dropped since (clear) is never changed.
    const s = history.home;
    const slot = history.slot;
    if (s === undefined || s.slotOf.get(history.stream) !== slot || (s.length[slot] as number) !== history.size) {
      // Its stream was dropped or grown in this round: deciding on it would be deciding on the wrong history.
      throw new Error(`history-cache: de bewaarde geschiedenis van ${history.stream} is intussen veranderd`);
    }
    const start = s.start[slot] as number;
    return Tijdlijn.ontdooi(
      history.stream,
      s.arena,
      start,
      start + history.size,
      s.trajectIds.get(slot),
      new SlotIds(s, slot, history.size, s.factNo, start),
    );
  }

  /**
   * Keeps what was decided on `tijdlijn` (from `tijdlijn(history)`, grown by exactly `fresh`) as
   * the stream's history now, before the append that stores it (issue 16: the next chunk is
   * decided while this one is appended). The append's outcome settles it: `confirmed` when all
   * was stored, else the stream is dropped (`delete`). Returns the mark of the state decided on.
   */
  tentative(
    history: KnownHistory,
    tijdlijn: Tijdlijn | undefined,
    fresh: readonly Identified[],
  ): DecidedOn | undefined {
    const s = this.store;
    if (history instanceof Known && history.home !== s && tijdlijn?.size === history.size + fresh.length) {
      // Dropped to stay within the bound since it was read: right, but no longer kept.
      const revision = history.revision === 'no_stream' ? -1 : history.revision;
      return { tick: ++this.tick, revision: revision + fresh.length };
    }
    if (
      !(history instanceof Known) ||
      tijdlijn === undefined ||
      history.home !== s ||
      s.slotOf.get(history.stream) !== history.slot ||
      (s.length[history.slot] as number) !== history.size ||
      tijdlijn.size !== history.size + fresh.length
    ) {
      this.delete(history.stream);
      return undefined;
    }
    this.freeze(history.slot, tijdlijn, history.size, fresh);
    const revision = history.revision === 'no_stream' ? -1 : history.revision;
    s.revision[history.slot] = revision + fresh.length;
    return { tick: ++this.tick, revision: revision + fresh.length };
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

// The EventStore port in memory, compact (issue 7, point 3): for `report --from FILE`, which must
// keep every accepted fact (the decider needs each household's history) while its memory use
// stays off the JS heap. No JS object is kept per fact or per stream:
// - each fact is one short JSON array (its type's number, recordedAt and its field values in
//   canonical order, no key names) in large Buffer slabs; its eventId (16 bytes), stream,
//   revision and the position of the stream's previous fact sit in typed arrays;
// - stream names sit as UTF-16 code units in one typed array, found through an open-addressing
//   table of stream numbers; eventIds through an open-addressing table of positions.
// A stream is decoded when it is read (with the domain's decodeRecorded, like any store).
// What grows: about 48 bytes per fact plus its JSON array (some 50–90 bytes for the catalogue's
// facts), and about 16 bytes per stream plus two per character of its name, all in
// ArrayBuffers (typed arrays double when full); the heap holds only what is being read or
// appended. It keeps the memory store's promises (the same contract suite).
import {
  decodeRecorded,
  describeDecodeError,
  encode,
  type FeitType,
  feitTypes,
  fieldOrder,
  type Recorded,
} from '@zelfredzaam/domain';
import { appendOne, planAppend } from './append-plan.js';
import { decodeWrites } from './boundary.js';
import { APPEND_DECODED } from './decoded-append.js';
import { recordedAtOf, withRecordedAt } from './envelope.js';
import { InMemoryLog, indexAfter, positionOf } from './memory-log.js';
import {
  type AppendOutcome,
  CorruptStoredEventError,
  type EventStore,
  type ExpectedRevision,
  type ReadAllOptions,
  type StoredEvent,
  type StreamWrite,
  unreadableOf,
} from './port.js';
import { checkBatchSize } from './read-all.js';

export interface CompactMemoryStoreOptions {
  /** The clock for recordedAt when a fact has none (milliseconds since the epoch). */
  readonly now?: () => number;
}

/** Bytes per slab of encoded facts; a fact longer than this gets a slab of its own. */
const SLAB_BYTES = 4 * 1024 * 1024;
const INITIAL = 1024;

const grownInt32 = (a: Int32Array, size: number): Int32Array<ArrayBuffer> => {
  const b = new Int32Array(size);
  b.set(a);
  return b;
};
const grownUint32 = (a: Uint32Array, size: number): Uint32Array<ArrayBuffer> => {
  const b = new Uint32Array(size);
  b.set(a);
  return b;
};
const grownUint16 = (a: Uint16Array, size: number): Uint16Array<ArrayBuffer> => {
  const b = new Uint16Array(size);
  b.set(a);
  return b;
};

const TYPE_NUMBER = new Map<string, number>(feitTypes.map((type, i) => [type, i]));

const HEX = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The four 32-bit words of a canonical UUID. */
const uuidWords = (id: string, out: Uint32Array, at: number): void => {
  if (!HEX.test(id)) throw new RangeError(`eventId ${JSON.stringify(id)} is geen UUID in kleine letters`);
  out[at] = Number.parseInt(id.slice(0, 8), 16);
  out[at + 1] = Number.parseInt(id.slice(9, 13) + id.slice(14, 18), 16);
  out[at + 2] = Number.parseInt(id.slice(19, 23) + id.slice(24, 28), 16);
  out[at + 3] = Number.parseInt(id.slice(28, 36), 16);
};

/** Two hex digits per byte value: formatting an eventId is on the read path of every fact. */
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

const hex4 = (n: number): string => `${HEX_BYTE[(n >>> 8) & 0xff]}${HEX_BYTE[n & 0xff]}`;

const uuidOf = (words: Uint32Array, at: number): string => {
  const a = words[at] ?? 0;
  const b = words[at + 1] ?? 0;
  const c = words[at + 2] ?? 0;
  const d = words[at + 3] ?? 0;
  return `${hex4(a >>> 16)}${hex4(a)}-${hex4(b >>> 16)}-${hex4(b)}-${hex4(c >>> 16)}-${hex4(c)}${hex4(d >>> 16)}${hex4(d)}`;
};

const mix = (h: number): number => {
  let x = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
};

class CompactMemoryStore extends InMemoryLog implements EventStore {
  readonly kind = 'memory';

  // ── facts, by 0-based index in the log ─────────────────────────────────────────────────
  private facts = 0;
  private slabs: Buffer[] = [];
  private slabUsed = SLAB_BYTES;
  private factSlab = new Uint32Array(INITIAL);
  private factOffset = new Uint32Array(INITIAL);
  private factLength = new Uint32Array(INITIAL);
  private factStream = new Int32Array(INITIAL);
  private factRevision = new Int32Array(INITIAL);
  /** The index of the stream's previous fact, −1 for its first. */
  private factPrevious = new Int32Array(INITIAL);
  private factId = new Uint32Array(4 * INITIAL);
  /** Open addressing: fact index + 1 per slot, 0 when empty; at most half full. */
  private idSlots = new Int32Array(2 * INITIAL);

  // ── streams, by number ────────────────────────────────────────────────────────────────
  private streams = 0;
  private streamLast = new Int32Array(INITIAL);
  private streamCount = new Int32Array(INITIAL);
  private streamNameAt = new Uint32Array(INITIAL);
  private streamNameLength = new Uint32Array(INITIAL);
  private names = new Uint16Array(16 * INITIAL);
  private namesUsed = 0;
  /** Open addressing: stream number + 1 per slot, 0 when empty; at most half full. */
  private streamSlots = new Int32Array(2 * INITIAL);

  private readonly key = new Uint32Array(4);

  constructor(private readonly now: () => number) {
    super();
  }

  protected get size(): number {
    return this.facts;
  }

  // ── streams ───────────────────────────────────────────────────────────────────────────

  private nameHash(name: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
    return mix(h);
  }

  private nameEquals(stream: number, name: string): boolean {
    const length = this.streamNameLength[stream] ?? 0;
    if (length !== name.length) return false;
    const at = this.streamNameAt[stream] ?? 0;
    for (let i = 0; i < length; i++) if (this.names[at + i] !== name.charCodeAt(i)) return false;
    return true;
  }

  private nameOf(stream: number): string {
    const at = this.streamNameAt[stream] ?? 0;
    const length = this.streamNameLength[stream] ?? 0;
    let name = '';
    // In pieces: String.fromCharCode takes its arguments on the stack.
    for (let i = 0; i < length; i += 4096) {
      name += String.fromCharCode(...this.names.subarray(at + i, at + Math.min(length, i + 4096)));
    }
    return name;
  }

  /** The stream's number, or −1 when it has no facts. */
  private streamNumber(name: string): number {
    const mask = this.streamSlots.length - 1;
    for (let slot = this.nameHash(name) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.streamSlots[slot] ?? 0;
      if (entry === 0) return -1;
      if (this.nameEquals(entry - 1, name)) return entry - 1;
    }
  }

  private addStream(name: string): number {
    if (this.streams === this.streamLast.length) {
      const size = this.streams * 2;
      this.streamLast = grownInt32(this.streamLast, size);
      this.streamCount = grownInt32(this.streamCount, size);
      this.streamNameAt = grownUint32(this.streamNameAt, size);
      this.streamNameLength = grownUint32(this.streamNameLength, size);
    }
    while (this.namesUsed + name.length > this.names.length) {
      this.names = grownUint16(this.names, this.names.length * 2);
    }
    const stream = this.streams++;
    for (let i = 0; i < name.length; i++) this.names[this.namesUsed + i] = name.charCodeAt(i);
    this.streamNameAt[stream] = this.namesUsed;
    this.streamNameLength[stream] = name.length;
    this.namesUsed += name.length;
    this.streamLast[stream] = -1;
    this.streamCount[stream] = 0;
    if (2 * this.streams > this.streamSlots.length) {
      this.streamSlots = new Int32Array(this.streamSlots.length * 2);
      for (let s = 0; s < this.streams - 1; s++) this.placeStream(s, this.nameOf(s));
    }
    this.placeStream(stream, name);
    return stream;
  }

  private placeStream(stream: number, name: string): void {
    const mask = this.streamSlots.length - 1;
    let slot = this.nameHash(name) & mask;
    while ((this.streamSlots[slot] ?? 0) !== 0) slot = (slot + 1) & mask;
    this.streamSlots[slot] = stream + 1;
  }

  private revisionOf(name: string): number | 'no_stream' {
    const stream = this.streamNumber(name);
    const count = stream < 0 ? 0 : (this.streamCount[stream] ?? 0);
    return count === 0 ? 'no_stream' : count - 1;
  }

  // ── eventIds ──────────────────────────────────────────────────────────────────────────

  private idHash(words: Uint32Array, at: number): number {
    return mix(
      (words[at] ?? 0) ^
        Math.imul(words[at + 1] ?? 0, 0x9e3779b1) ^
        Math.imul(words[at + 2] ?? 0, 0x85ebca6b) ^
        Math.imul(words[at + 3] ?? 0, 0xc2b2ae35),
    );
  }

  /** The index of the fact with this eventId, or −1. */
  private factWithId(eventId: string): number {
    uuidWords(eventId, this.key, 0);
    const mask = this.idSlots.length - 1;
    for (let slot = this.idHash(this.key, 0) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.idSlots[slot] ?? 0;
      if (entry === 0) return -1;
      const at = 4 * (entry - 1);
      if (
        this.factId[at] === this.key[0] &&
        this.factId[at + 1] === this.key[1] &&
        this.factId[at + 2] === this.key[2] &&
        this.factId[at + 3] === this.key[3]
      ) {
        return entry - 1;
      }
    }
  }

  private placeId(fact: number): void {
    const mask = this.idSlots.length - 1;
    let slot = this.idHash(this.factId, 4 * fact) & mask;
    while ((this.idSlots[slot] ?? 0) !== 0) slot = (slot + 1) & mask;
    this.idSlots[slot] = fact + 1;
  }

  // ── facts ─────────────────────────────────────────────────────────────────────────────

  private growFacts(): void {
    const size = this.factSlab.length * 2;
    this.factSlab = grownUint32(this.factSlab, size);
    this.factOffset = grownUint32(this.factOffset, size);
    this.factLength = grownUint32(this.factLength, size);
    this.factStream = grownInt32(this.factStream, size);
    this.factRevision = grownInt32(this.factRevision, size);
    this.factPrevious = grownInt32(this.factPrevious, size);
    this.factId = grownUint32(this.factId, 4 * size);
  }

  /**
   * The fact as a JSON array: the type's number, recordedAt, then each field in canonical order
   * (no key names; the eventId is kept in factId).
   */
  private static fieldsOf(event: Recorded): string {
    const source = encode(event);
    const values: unknown[] = [TYPE_NUMBER.get(event.type), event.recordedAt];
    for (const key of fieldOrder[event.type]) values.push(source[key] ?? null);
    while (values.length > 2 && values[values.length - 1] === null) values.pop();
    return JSON.stringify(values);
  }

  private store(streamName: string, event: Recorded): StoredEvent {
    if (this.facts === this.factSlab.length) this.growFacts();
    const fact = this.facts;
    const text = CompactMemoryStore.fieldsOf(event);
    const length = Buffer.byteLength(text, 'utf8');
    if (this.slabUsed + length > (this.slabs[this.slabs.length - 1]?.length ?? 0)) {
      this.slabs.push(Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, length)));
      this.slabUsed = 0;
    }
    const slab = this.slabs.length - 1;
    this.slabs[slab]?.write(text, this.slabUsed, length, 'utf8');
    this.factSlab[fact] = slab;
    this.factOffset[fact] = this.slabUsed;
    this.factLength[fact] = length;
    this.slabUsed += length;

    let stream = this.streamNumber(streamName);
    if (stream < 0) stream = this.addStream(streamName);
    const revision = this.streamCount[stream] ?? 0;
    this.factStream[fact] = stream;
    this.factRevision[fact] = revision;
    this.factPrevious[fact] = this.streamLast[stream] ?? -1;
    this.streamLast[stream] = fact;
    this.streamCount[stream] = revision + 1;
    uuidWords(event.eventId, this.factId, 4 * fact);
    this.facts++;
    if (2 * this.facts > this.idSlots.length) {
      this.idSlots = new Int32Array(this.idSlots.length * 2);
      for (let f = 0; f < this.facts; f++) this.placeId(f);
    } else {
      this.placeId(fact);
    }
    return { stream: streamName, revision, position: positionOf(fact), event };
  }

  /** The stored fact at `fact` (of the stream named `stream`), decoded. */
  private read(fact: number, stream: string): StoredEvent {
    const revision = this.factRevision[fact] ?? 0;
    const slab = this.slabs[this.factSlab[fact] ?? 0];
    const offset = this.factOffset[fact] ?? 0;
    const values: unknown = JSON.parse(slab?.toString('utf8', offset, offset + (this.factLength[fact] ?? 0)) ?? 'null');
    const type: FeitType | undefined = Array.isArray(values) ? feitTypes[Number(values[0])] : undefined;
    if (type === undefined || !Array.isArray(values)) {
      throw new CorruptStoredEventError(stream, revision, 'onleesbare opgeslagen velden', positionOf(fact));
    }
    const raw: Record<string, unknown> = { type };
    const keys = fieldOrder[type];
    for (let i = 0; i < keys.length; i++) {
      const value: unknown = values[i + 2];
      const key = keys[i];
      if (key !== undefined && value !== null && value !== undefined) raw[key] = value;
    }
    raw.eventId = uuidOf(this.factId, 4 * fact);
    raw.recordedAt = values[1];
    const decoded = decodeRecorded(raw);
    if (decoded._tag === 'Left')
      throw new CorruptStoredEventError(
        stream,
        revision,
        describeDecodeError(decoded.left),
        positionOf(fact),
        typeof raw.eventId === 'string' ? raw.eventId : undefined,
      );
    return { stream, revision, position: positionOf(fact), event: decoded.right };
  }

  // ── the port ──────────────────────────────────────────────────────────────────────────

  /** Decodes every fact first (boundary.ts); nothing is stored when one does not decode. */
  async append(writes: unknown): Promise<readonly AppendOutcome[]> {
    this.checkOpen();
    return this[APPEND_DECODED](decodeWrites(writes));
  }

  async [APPEND_DECODED](writes: readonly StreamWrite[]): Promise<readonly AppendOutcome[]> {
    this.checkOpen();
    const plan = planAppend(
      writes,
      (stream) => this.revisionOf(stream),
      (eventId) => {
        const fact = this.factWithId(eventId);
        return fact < 0 ? undefined : this.nameOf(this.factStream[fact] ?? 0);
      },
    );
    const recordedAt = recordedAtOf(this.now());
    const outcomes = plan.map((planned): AppendOutcome => {
      if (planned.status === 'conflict') return planned;
      const appended = planned.events.map((event) => this.store(planned.stream, withRecordedAt(event, recordedAt)));
      return { status: 'ok', stream: planned.stream, appended };
    });
    if (outcomes.some((o) => o.status === 'ok' && o.appended.length > 0)) this.changes.notify();
    return outcomes;
  }

  appendToStream(stream: string, expectedRevision: ExpectedRevision, events: unknown): Promise<readonly StoredEvent[]> {
    return appendOne((writes) => this.append(writes), stream, expectedRevision, events);
  }

  async readStream(stream: string): Promise<readonly StoredEvent[]> {
    this.checkOpen();
    return this.readOne(stream);
  }

  private readOne(name: string): StoredEvent[] {
    const stream = this.streamNumber(name);
    if (stream < 0) return [];
    const count = this.streamCount[stream] ?? 0;
    const facts = new Array<number>(count);
    let fact = this.streamLast[stream] ?? -1;
    for (let i = count - 1; i >= 0 && fact >= 0; i--) {
      facts[i] = fact;
      fact = this.factPrevious[fact] ?? -1;
    }
    return facts.map((f) => this.read(f, name));
  }

  async readStreams(streams: readonly string[]): Promise<ReadonlyMap<string, readonly StoredEvent[]>> {
    this.checkOpen();
    return new Map(streams.map((stream) => [stream, this.readOne(stream)]));
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<readonly StoredEvent[]> {
    this.checkOpen();
    const batchSize = checkBatchSize(options.batchSize);
    let index = indexAfter(options.after);
    while (index < this.facts) {
      const end = Math.min(this.facts, index + batchSize);
      const batch: StoredEvent[] = [];
      // A stream's name is built once per batch, not once per fact.
      const names = new Map<number, string>();
      for (let fact = index; fact < end; fact++) {
        const stream = this.factStream[fact] ?? 0;
        let name = names.get(stream);
        if (name === undefined) {
          name = this.nameOf(stream);
          names.set(stream, name);
        }
        if (options.onUnreadable === undefined) {
          batch.push(this.read(fact, name));
          continue;
        }
        try {
          batch.push(this.read(fact, name));
        } catch (error) {
          if (!(error instanceof CorruptStoredEventError)) throw error;
          options.onUnreadable(unreadableOf(error));
        }
      }
      index = end;
      if (batch.length > 0) yield batch;
    }
  }
}

/** A new, empty in-memory store that keeps its facts compactly, off the JS heap. */
export const openCompactMemoryStore = (options: CompactMemoryStoreOptions = {}): EventStore =>
  new CompactMemoryStore(options.now ?? Date.now);

// The eventIds a part of `report --from` has accepted, off the JS heap (issue 16: the heap must
// not grow with the facts): each UUID as four 32-bit words, found through an open-addressing
// table of fact numbers; per fact its stream and its place in the stream. About 32 bytes per fact
// in typed arrays, where a Map of strings took some 110 bytes of heap.
import type { EventIdIndex } from '@zelfredzaam/domain';

const hexValue = (c: number): number => (c <= 57 ? c - 48 : c - 87);

const HEX = '0123456789abcdef';

export class EventIdTable implements EventIdIndex {
  /** Per fact number: the UUID's words, its stream and its index in the stream. */
  private words: Uint32Array;
  private stream: Int32Array;
  private local: Int32Array;
  /** Fact number + 1 per slot; 0 is empty. Kept at most half full. */
  private slots: Int32Array;
  size = 0;
  private readonly probe = new Uint32Array(4);

  /** `expected`: about how many facts will come (the table then need not grow while they do). */
  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected) capacity *= 2;
    this.words = new Uint32Array(4 * capacity);
    this.stream = new Int32Array(capacity);
    this.local = new Int32Array(capacity);
    this.slots = new Int32Array(2 * capacity);
  }

  /** The four words of a canonical (lower-case) UUID. */
  private parse(eventId: string): Uint32Array {
    const w = this.probe;
    let word = 0;
    let digits = 0;
    let k = 0;
    for (let i = 0; i < eventId.length; i++) {
      const c = eventId.charCodeAt(i);
      if (c === 45) continue;
      word = ((word << 4) | hexValue(c)) >>> 0;
      if (++digits === 8) {
        w[k++] = word;
        word = 0;
        digits = 0;
      }
    }
    return w;
  }

  private slotOf(w: Uint32Array): number {
    const h =
      Math.imul((w[0] as number) ^ Math.imul(w[1] as number, 0x9e3779b1), 0x85ebca6b) ^
      (w[2] as number) ^
      (w[3] as number);
    return (h ^ (h >>> 15)) & (this.slots.length - 1);
  }

  /** The fact number of an eventId, or −1. */
  find(eventId: string): number {
    const w = this.parse(eventId);
    const mask = this.slots.length - 1;
    for (let slot = this.slotOf(w); ; slot = (slot + 1) & mask) {
      const g = (this.slots[slot] as number) - 1;
      if (g < 0) return -1;
      const at = 4 * g;
      if (
        this.words[at] === w[0] &&
        this.words[at + 1] === w[1] &&
        this.words[at + 2] === w[2] &&
        this.words[at + 3] === w[3]
      ) {
        return g;
      }
    }
  }

  /** Adds an eventId (not yet in the table) of `stream` at `index`; returns its fact number. */
  add(eventId: string, stream: number, index: number): number {
    if (2 * (this.size + 1) > this.slots.length) this.grow();
    const g = this.size++;
    if (g === this.stream.length) {
      const words = new Uint32Array(8 * g);
      words.set(this.words);
      this.words = words;
      const streams = new Int32Array(2 * g);
      streams.set(this.stream);
      this.stream = streams;
      const locals = new Int32Array(2 * g);
      locals.set(this.local);
      this.local = locals;
    }
    const w = this.parse(eventId);
    this.words.set(w, 4 * g);
    this.stream[g] = stream;
    this.local[g] = index;
    this.place(g);
    return g;
  }

  private place(g: number): void {
    const mask = this.slots.length - 1;
    const w = this.words.subarray(4 * g, 4 * g + 4);
    let slot = this.slotOf(w);
    while ((this.slots[slot] as number) !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = g + 1;
  }

  private grow(): void {
    this.slots = new Int32Array(2 * this.slots.length);
    for (let g = 0; g < this.size; g++) this.place(g);
  }

  streamOf(g: number): number {
    return this.stream[g] as number;
  }

  indexOf(g: number): number {
    return this.local[g] as number;
  }

  /** The eventId of fact number g. */
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

  /** A 53-bit key of fact number g (for the check across parts). */
  keyOf(g: number): number {
    const at = 4 * g;
    const hi = ((this.words[at] as number) ^ (this.words[at + 2] as number)) >>> 0;
    const lo = ((this.words[at + 1] as number) ^ (this.words[at + 3] as number)) & 0x1fffff;
    return hi * 0x200000 + lo;
  }
}

// EventIds off the JS heap (issue 16: the heap must not grow with the facts), for the timelines
// of Tijdlijnen: each UUID as four 32-bit words, found through an open-addressing table of fact
// numbers; per fact its stream (−1 once dropped) and its place in the stream. About 32 bytes per
// fact in typed arrays, where a Map of strings took some 110 bytes of heap. One table for
// `report --from`'s parts and the importer's history cache.
import type { EventIdIndex } from './tijdlijn.js';

const hexValue = (c: number): number => (c <= 57 ? c - 48 : (c | 0x20) - 87);

const HEX = '0123456789abcdef';

/** The four 32-bit words of a UUID (either case; dashes skipped); false when it is not one. */
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

export class EventIdTable implements EventIdIndex {
  /** Per fact number: the UUID's words, its stream (−1 once dropped) and its index in the stream. */
  private words: Uint32Array;
  private owner: Int32Array;
  private local: Int32Array;
  /** Fact number + 1 per slot; 0 is empty. Kept at most half full. */
  private slots: Int32Array;
  /** Facts added (dropped ones included). */
  size = 0;
  private readonly probe = new Uint32Array(4);
  /** The eventId whose words `probe` holds: `add` after `find` of the same one parses it once. */
  private parsed: string | undefined = undefined;

  /** `expected`: about how many facts will come (the table then need not grow while they do). */
  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected) capacity *= 2;
    this.words = new Uint32Array(4 * capacity);
    this.owner = new Int32Array(capacity);
    this.local = new Int32Array(capacity);
    this.slots = new Int32Array(2 * capacity);
  }

  private slotOf(w: Uint32Array, at: number): number {
    const h =
      Math.imul((w[at] as number) ^ Math.imul(w[at + 1] as number, 0x9e3779b1), 0x85ebca6b) ^
      (w[at + 2] as number) ^
      (w[at + 3] as number);
    return (h ^ (h >>> 15)) & (this.slots.length - 1);
  }

  /** The number of the live fact with this eventId, or −1. */
  find(eventId: string): number {
    const w = this.probe;
    if (!this.parse(eventId)) return -1;
    const mask = this.slots.length - 1;
    const words = this.words;
    for (let slot = this.slotOf(w, 0); ; slot = (slot + 1) & mask) {
      const g = (this.slots[slot] as number) - 1;
      if (g < 0) return -1;
      const at = 4 * g;
      if (
        (this.owner[g] as number) >= 0 &&
        words[at] === w[0] &&
        words[at + 1] === w[1] &&
        words[at + 2] === w[2] &&
        words[at + 3] === w[3]
      ) {
        return g;
      }
    }
  }

  /** Adds an eventId (not held live yet) of `stream` at `index`; returns its fact number. */
  add(eventId: string, stream: number, index: number): number {
    if (!this.parse(eventId)) throw new RangeError(`eventId ${JSON.stringify(eventId)} is geen UUID`);
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
    this.owner[g] = stream;
    this.local[g] = index;
    this.place(g);
    return g;
  }

  /** The words of `eventId` into `probe`; false when it is not a UUID. */
  private parse(eventId: string): boolean {
    if (eventId === this.parsed) return true;
    const ok = parseUuid(eventId, this.probe);
    this.parsed = ok ? eventId : undefined;
    return ok;
  }

  /** Drops every fact of `stream` (rare: a conflict or a failed append; a scan of the table). */
  dropStream(stream: number): void {
    for (let g = 0; g < this.size; g++) if (this.owner[g] === stream) this.owner[g] = -1;
  }

  private place(g: number): void {
    const mask = this.slots.length - 1;
    let slot = this.slotOf(this.words, 4 * g);
    while ((this.slots[slot] as number) !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = g + 1;
  }

  private grow(): void {
    this.slots = new Int32Array(2 * this.slots.length);
    for (let g = 0; g < this.size; g++) this.place(g);
  }

  streamOf(g: number): number {
    return this.owner[g] as number;
  }

  indexOf(g: number): number {
    return this.local[g] as number;
  }

  /** The eventId of fact number g, in the canonical lower-case form. */
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

  /** A 53-bit key of fact number g (for `report --from`'s check across parts). */
  keyOf(g: number): number {
    const at = 4 * g;
    const hi = ((this.words[at] as number) ^ (this.words[at + 2] as number)) >>> 0;
    const lo = ((this.words[at + 1] as number) ^ (this.words[at + 3] as number)) & 0x1fffff;
    return hi * 0x200000 + lo;
  }
}

// MEETREGELS §6: a line without `eventId` gets one derived from the line's content and the
// number of identical lines before it in the file, so a re-import adds nothing and two identical
// facts in one file both count. The id is a UUID v5 (SHA-1) in a namespace of our own over the
// bytes it is derived from (the k-th repeat, k ≥ 1, over the bytes, a LF and k).
//
// "The line's content" (issue 17, point 6) is the canonical form of the decoded fact: its fields
// in canonical order, no whitespace, recordedAt in its canonical form, written as JSON
// (`canonicalBytes`), so field order, spacing, escapes and trailing blanks do not matter and a
// reformatted file re-imports as nothing new. A line that was already in canonical form gets the
// id it got before; `derivation: 'oud'` (`--afleiding oud`) still derives from the exact bytes,
// for re-importing a file first imported with that derivation.
//
// Counting identical lines needs to remember every distinct line seen without an eventId. It is
// kept compact: 12 bytes per line in typed arrays (a 64-bit digest prefix and a count), outside
// the JS heap, never the line itself. Two different lines sharing a 64-bit prefix (odds about
// n²/2⁶⁵) would only shift the later one's count: its id stays unique (its bytes differ) and
// the same file still gives the same ids.
import { type EventId, EventId as EventIdCodec, encode, type Incoming } from '@zelfredzaam/domain';
import { parse, stringify, v5 } from 'uuid';

/** The namespace of derived eventIds (fixed forever: changing it would change every derived id). */
export const LINE_NAMESPACE = '7bed0acb-5e84-4e58-90fc-8b1c6899377d';
const NAMESPACE_BYTES = parse(LINE_NAMESPACE);

const asEventId = (text: string): EventId => {
  if (!EventIdCodec.is(text)) throw new Error(`afgeleide eventId ${text} is geen UUID in kleine letters`);
  return text;
};

/** How a missing eventId is derived: from the decoded fact's canonical form, or (before issue 17) the line's bytes. */
export type Derivation = 'canoniek' | 'oud';

/** The canonical form of a decoded fact, as UTF-8: what its derived eventId is computed over. */
export const canonicalBytes = (feit: Incoming): Buffer => Buffer.from(JSON.stringify(encode(feit)), 'utf8');

/** Counts occurrences of 64-bit keys: an open-addressing table that doubles when half full. */
class OccurrenceCounter {
  private keys = new Uint32Array(2 * 1024);
  private counts = new Uint32Array(1024);
  private size = 0;

  /** How often the key was seen before; counts this sighting. */
  next(hi: number, lo: number): number {
    if (2 * (this.size + 1) > this.counts.length) this.grow();
    const mask = this.counts.length - 1;
    // Counts are stored plus one, so 0 marks an empty slot.
    for (let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask; ; slot = (slot + 1) & mask) {
      const count = this.counts[slot] ?? 0;
      if (count === 0) {
        this.keys[2 * slot] = hi;
        this.keys[2 * slot + 1] = lo;
        this.counts[slot] = 1;
        this.size++;
        return 0;
      }
      if (this.keys[2 * slot] === hi && this.keys[2 * slot + 1] === lo) {
        this.counts[slot] = count + 1;
        return count;
      }
    }
  }

  private grow(): void {
    const keys = this.keys;
    const counts = this.counts;
    this.keys = new Uint32Array(keys.length * 2);
    this.counts = new Uint32Array(counts.length * 2);
    const mask = this.counts.length - 1;
    for (let old = 0; old < counts.length; old++) {
      const count = counts[old] ?? 0;
      if (count === 0) continue;
      const hi = keys[2 * old] ?? 0;
      const lo = keys[2 * old + 1] ?? 0;
      let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
      while ((this.counts[slot] ?? 0) !== 0) slot = (slot + 1) & mask;
      this.keys[2 * slot] = hi;
      this.keys[2 * slot + 1] = lo;
      this.counts[slot] = count;
    }
  }
}

/** Derives eventIds for the lines of one file, in file order. */
export class LineIdentities {
  private readonly counter = new OccurrenceCounter();
  private readonly digest = new Uint8Array(16);

  /**
   * The eventId of a line without one: `bytes` are what it is derived from (canonicalBytes of
   * the decoded fact; with the old derivation, the line's exact bytes without terminator).
   */
  derive(bytes: Uint8Array): EventId {
    const first = v5(bytes, NAMESPACE_BYTES, this.digest);
    // 64 bits of the SHA-1 that the version and variant bits do not touch.
    const hi = ((first[0] ?? 0) << 24) | ((first[1] ?? 0) << 16) | ((first[2] ?? 0) << 8) | (first[3] ?? 0);
    const lo = ((first[10] ?? 0) << 24) | ((first[11] ?? 0) << 16) | ((first[12] ?? 0) << 8) | (first[13] ?? 0);
    const before = this.counter.next(hi >>> 0, lo >>> 0);
    if (before === 0) return asEventId(stringify(first));
    return asEventId(v5(Buffer.concat([bytes, Buffer.from(`\n${before}`, 'utf8')]), NAMESPACE_BYTES));
  }
}

// A number per stream name, off the JS heap (issue 16: an import keeps something of every
// household it has seen; a Map of strings cost some 100 bytes of heap per household, which put a
// large city's import over the memory test's heap bound). The names' UTF-16 code units lie in one
// typed array, found through an open-addressing table of entry numbers. A deleted name keeps its
// entry (marked absent) and gets it back when set again; `clear` gives everything back.

const ABSENT = -2;

const hashOf = (name: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) & 0x7fffffff;
};

export class StreamTable {
  private units = new Uint16Array(16 * 1024);
  private used = 0;
  /** Per entry: where its name begins, its length, its value (ABSENT when deleted). */
  private begin = new Int32Array(1024);
  private length = new Int32Array(1024);
  private values = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private entries = 0;
  private live = 0;
  /** Entry number + 1 per slot, 0 empty; at most half full. */
  private slots = new Int32Array(2048);

  /** The names with a value. */
  get size(): number {
    return this.live;
  }

  private matches(e: number, name: string): boolean {
    if (this.length[e] !== name.length) return false;
    const at = this.begin[e] as number;
    for (let i = 0; i < name.length; i++) if (this.units[at + i] !== name.charCodeAt(i)) return false;
    return true;
  }

  /** The entry of `name`, or −1. */
  private find(name: string): number {
    const mask = this.slots.length - 1;
    for (let slot = hashOf(name) & mask; ; slot = (slot + 1) & mask) {
      const e = (this.slots[slot] as number) - 1;
      if (e < 0) return -1;
      if (this.matches(e, name)) return e;
    }
  }

  /** The value of `name` (≥ −1), or undefined. */
  get(name: string): number | undefined {
    const e = this.find(name);
    if (e < 0) return undefined;
    const value = this.values[e] as number;
    return value === ABSENT ? undefined : value;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Sets the value of `name` (a whole number ≥ −1). */
  set(name: string, value: number): void {
    let e = this.find(name);
    if (e < 0) e = this.add(name);
    if (this.values[e] === ABSENT) this.live++;
    this.values[e] = value;
  }

  delete(name: string): void {
    const e = this.find(name);
    if (e < 0 || this.values[e] === ABSENT) return;
    this.values[e] = ABSENT;
    this.live--;
  }

  clear(): void {
    this.units = new Uint16Array(16 * 1024);
    this.used = 0;
    this.begin = new Int32Array(1024);
    this.length = new Int32Array(1024);
    this.values = new Int32Array(1024);
    this.hashes = new Int32Array(1024);
    this.entries = 0;
    this.live = 0;
    this.slots = new Int32Array(2048);
  }

  private add(name: string): number {
    if (this.used + name.length > this.units.length) {
      let size = this.units.length;
      while (this.used + name.length > size) size *= 2;
      const units = new Uint16Array(size);
      units.set(this.units.subarray(0, this.used));
      this.units = units;
    }
    for (let i = 0; i < name.length; i++) this.units[this.used + i] = name.charCodeAt(i);
    const e = this.entries++;
    if (e === this.begin.length) {
      const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(2 * a.length);
        b.set(a);
        return b;
      };
      this.begin = grow(this.begin);
      this.length = grow(this.length);
      this.values = grow(this.values);
      this.hashes = grow(this.hashes);
    }
    const hash = hashOf(name);
    this.begin[e] = this.used;
    this.length[e] = name.length;
    this.values[e] = ABSENT;
    this.hashes[e] = hash;
    this.used += name.length;
    if (2 * this.entries > this.slots.length) {
      this.slots = new Int32Array(2 * this.slots.length);
      for (let other = 0; other < e; other++) this.place(other, this.hashes[other] as number);
    }
    this.place(e, hash);
    return e;
  }

  private place(e: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while ((this.slots[slot] as number) !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = e + 1;
  }
}

// The rows of a periods import kept between reading and reconciling: the files are streamed, but
// a household's rows may be anywhere in them (a case system sorts as it likes, income often by
// month), so every readable row is kept, compactly: a few 32-bit numbers in typed arrays (outside
// the JS heap; about 28 bytes a period row and 24 an income row with the grouping index), never
// the row's text; the households' pseudonyms interned in a byte arena (Namen), also off the heap.

/** A column of 32-bit integers that doubles when full. */
export class Kolom {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  at(index: number): number {
    return this.data[index] ?? 0;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** Bytes held (capacity, not length). */
  get bytes(): number {
    return this.data.byteLength;
  }
}

/** Rows of several columns, and per household the indexes of its rows (after `groepeer`). */
export class Rijen<C extends string> {
  readonly kolommen: Readonly<Record<C, Kolom>>;
  private readonly names: readonly C[];
  private readonly huishouden = new Kolom();
  private start: Int32Array = new Int32Array(0);
  private order: Int32Array = new Int32Array(0);

  constructor(names: readonly C[]) {
    const kolommen = {} as Record<C, Kolom>;
    for (const name of names) kolommen[name] = new Kolom();
    this.kolommen = kolommen;
    this.names = [...names];
  }

  get length(): number {
    return this.huishouden.length;
  }

  add(huishouden: number, values: Readonly<Record<C, number>>): void {
    this.huishouden.push(huishouden);
    for (const name of this.names) this.kolommen[name].push(values[name]);
  }

  /** Indexes the rows by household (a counting sort: rows of one household in file order). */
  groepeer(households: number): void {
    const start = new Int32Array(households + 1);
    for (let i = 0; i < this.length; i++)
      start[this.huishouden.at(i) + 1] = (start[this.huishouden.at(i) + 1] ?? 0) + 1;
    for (let h = 0; h < households; h++) start[h + 1] = (start[h + 1] ?? 0) + (start[h] ?? 0);
    const next = start.slice(0, households);
    const order = new Int32Array(this.length);
    for (let i = 0; i < this.length; i++) {
      const h = this.huishouden.at(i);
      const at = next[h] ?? 0;
      order[at] = i;
      next[h] = at + 1;
    }
    this.start = start;
    this.order = order;
  }

  /** The row indexes of a household, in file order (after `groepeer`). */
  van(huishouden: number): Int32Array {
    return this.order.subarray(this.start[huishouden] ?? 0, this.start[huishouden + 1] ?? 0);
  }

  get bytes(): number {
    let total = this.huishouden.bytes + this.start.byteLength + this.order.byteLength;
    for (const name of Object.keys(this.kolommen) as C[]) total += this.kolommen[name].bytes;
    return total;
  }
}

/**
 * The households' pseudonyms, interned off the JS heap: their characters in one byte arena and
 * an open-addressing table of numbers, so the heap does not grow with the number of households.
 * Only for ASCII ids (a HuishoudenId is checked before it is interned).
 */
export class Namen {
  private arena = new Uint8Array(1 << 16);
  private used = 0;
  private start = new Int32Array(1024);
  private size = new Uint8Array(1024);
  /** Number + 1 per slot; 0 is empty. */
  private table = new Int32Array(2048);
  length = 0;

  private static hash(id: string): number {
    let h = 2166136261;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
    return h >>> 0;
  }

  private equals(n: number, id: string): boolean {
    if ((this.size[n] ?? 0) !== id.length) return false;
    const at = this.start[n] ?? 0;
    for (let i = 0; i < id.length; i++) if (this.arena[at + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  /** The number of an id: the same id, the same number; new ids numbered 0, 1, 2, … */
  nummer(id: string): number {
    if (2 * (this.length + 1) > this.table.length) this.grow();
    const mask = this.table.length - 1;
    for (let slot = Namen.hash(id) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot] ?? 0;
      if (entry === 0) {
        const n = this.add(id);
        this.table[slot] = n + 1;
        return n;
      }
      if (this.equals(entry - 1, id)) return entry - 1;
    }
  }

  naam(n: number): string {
    const at = this.start[n] ?? 0;
    return Buffer.from(this.arena.buffer, this.arena.byteOffset + at, this.size[n] ?? 0).toString('latin1');
  }

  get bytes(): number {
    return this.arena.byteLength + this.start.byteLength + this.size.byteLength + this.table.byteLength;
  }

  private add(id: string): number {
    if (id.length > 255) throw new RangeError('pseudoniem langer dan 255 tekens');
    while (this.used + id.length > this.arena.length) {
      const grown = new Uint8Array(this.arena.length * 2);
      grown.set(this.arena);
      this.arena = grown;
    }
    const n = this.length++;
    if (n >= this.start.length) {
      const start = new Int32Array(this.start.length * 2);
      start.set(this.start);
      this.start = start;
      const size = new Uint8Array(this.size.length * 2);
      size.set(this.size);
      this.size = size;
    }
    this.start[n] = this.used;
    this.size[n] = id.length;
    for (let i = 0; i < id.length; i++) this.arena[this.used + i] = id.charCodeAt(i);
    this.used += id.length;
    return n;
  }

  private grow(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let n = 0; n < this.length; n++) {
      let slot = Namen.hash(this.naam(n)) & mask;
      while ((table[slot] ?? 0) !== 0) slot = (slot + 1) & mask;
      table[slot] = n + 1;
    }
    this.table = table;
  }
}

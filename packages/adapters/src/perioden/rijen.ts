// The rows of a periods import kept between reading and reconciling: the files are streamed, but
// a household's rows may be anywhere in them (a case system sorts as it likes, income often by
// month), so every readable row is kept, compactly: a few 32-bit numbers in typed arrays (outside
// the JS heap; about 24 bytes a period row and 20 an income row), never the row's text. Only
// the households' pseudonyms are JS strings (an index from pseudonym to number).

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
  private readonly huishouden = new Kolom();
  private start: Int32Array = new Int32Array(0);
  private order: Int32Array = new Int32Array(0);

  constructor(names: readonly C[]) {
    const kolommen = {} as Record<C, Kolom>;
    for (const name of names) kolommen[name] = new Kolom();
    this.kolommen = kolommen;
  }

  get length(): number {
    return this.huishouden.length;
  }

  add(huishouden: number, values: Readonly<Record<C, number>>): void {
    this.huishouden.push(huishouden);
    for (const name of Object.keys(this.kolommen) as C[]) this.kolommen[name].push(values[name]);
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

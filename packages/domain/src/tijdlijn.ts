// MEETREGELS §2 and §7.1: the decider of decider.ts, kept as a growing timeline of one stream so
// that a new fact costs O(log n), not a copy and a check of the whole history (issue 16, issue 17
// point 4). It gives the same verdict and the same refusal, word for word, as
// `decide(history, [feit])` (decider.test.ts proves it on generated histories).
//
// Why checking a little is checking everything: the history is valid before a fact comes in, and
// every row of the lifecycle table ends in a state fixed by the transition alone (stateAfter). So
// inserting a fact (or removing one by a retraction) can break only itself and the next lifecycle
// fact after it; the days whose bijstand changes lie between the two, and when there is a next
// fact that fits, bijstand stays as it was on every day (no transition fits after both a
// bijstand and a non-bijstand state). Only an insertion or removal at the end of the lifecycle can
// take bijstand away from later months, and then only income of those months can break.
// Trajectories and alliances are kept by id: a fact can collide with one other fact at most.
//
// Facts are kept compactly, off the JS heap: many streams' timelines share a few typed arrays
// (Tijdlijnen: five 32-bit numbers per fact, one per lifecycle or income fact in its sorted list),
// so a reader deciding hundreds of thousands of households keeps every one ready without a heap
// object per household (issue 16: no freezing and thawing of timelines). `Tijdlijn` is one
// stream's timeline on a store of its own.
import { dayOf, firstDayOfMonth, isoDateOf, isoMonthOf, monthIndexOf, monthIndexOfDay } from './calendar.js';
import { fieldOrder } from './decode.js';
import { type FeitType, feitTypes, type Identified, subjectOf } from './events.js';
import {
  isLevensloopFeit,
  ruleOfStep,
  STATE_BIJSTAND,
  STATE_NOOIT,
  stateAfter,
  step,
  transitionOf,
} from './lifecycle.js';
import { type FeitAanduiding, type Weigering, type WeigeringCode, weigering } from './weigering.js';

/**
 * Where timelines find their facts by eventId: one table for every stream of a Tijdlijnen (a
 * fact's number in it gives its stream and its index there), so a fact costs one entry.
 */
export interface EventIdIndex {
  /** The number of the fact with this eventId, in any stream, or −1. */
  find(eventId: string): number;
  /** The stream of fact number g. */
  streamOf(g: number): number;
  /** The index of fact number g in its stream. */
  indexOf(g: number): number;
  /** Adds an eventId not yet held, of `stream` at `index`; gives its fact number. */
  add(eventId: string, stream: number, index: number): number;
  /** The eventId of fact number g (to name it in a refusal). */
  eventIdOf(g: number): string;
}

/** A Map of eventIds: the default index. */
class MapIndex implements EventIdIndex {
  private readonly map = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly streams: number[] = [];
  private readonly indexes: number[] = [];
  find(eventId: string): number {
    return this.map.get(eventId) ?? -1;
  }
  streamOf(g: number): number {
    return this.streams[g] ?? -1;
  }
  indexOf(g: number): number {
    return this.indexes[g] ?? -1;
  }
  add(eventId: string, stream: number, index: number): number {
    const g = this.ids.length;
    this.map.set(eventId, g);
    this.ids.push(eventId);
    this.streams.push(stream);
    this.indexes.push(index);
    return g;
  }
  eventIdOf(g: number): string {
    return this.ids[g] ?? '';
  }
}

/** A verdict on one fact: appended (`nieuw`), already there with the same content (`bekend`), or refused. */
export type Uitspraak = 'nieuw' | 'bekend' | Weigering;

const TYPE_CODE = new Map<string, number>(feitTypes.map((type, i) => [type, i]));

// Packed per fact: type code (bits 0–4), transition + 1 (bits 5–9, 0 for a non-lifecycle fact),
// retracted (bit 10).
const TYPE_MASK = 0x1f;
const TRANSITION_SHIFT = 5;
const TRANSITION_MASK = 0x1f;
const RETRACTED = 1 << 10;

/** The two 32-bit halves of the last contentHash. */
let hashA = 0;
let hashB = 0;

/** A 64-bit hash of a fact's own content (its fields, in canonical order, without the envelope), into hashA/hashB. */
const contentHash = (feit: Identified): void => {
  const source = feit as unknown as Readonly<Record<string, unknown>>;
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (const key of fieldOrder[feit.type]) {
    const value = source[key];
    // A tag per field and per kind of value: "1" and 1, or a missing field and an empty one, differ.
    const tag = value === undefined ? 1 : typeof value === 'number' ? 2 : 3;
    a = Math.imul(a ^ tag, 0x01000193);
    b = Math.imul(b ^ tag, 0x5bd1e995);
    const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 13;
    }
  }
  hashA = a | 0;
  hashB = b | 0;
};

const isStart = (type: FeitType): boolean => type === 'TrajectGestart' || type === 'SchuldhulpGestart';
const isEnd = (type: FeitType): boolean => type === 'TrajectBeeindigd' || type === 'SchuldhulpBeeindigd';
const matchingStart = (end: FeitType): FeitType =>
  end === 'SchuldhulpBeeindigd' ? 'SchuldhulpGestart' : 'TrajectGestart';

/**
 * Many growing lists of 32-bit numbers in one typed array, and per list its begin, length and room
 * in another: a list that outgrows its room moves to the end (twice the room), and the array is
 * compacted when a third of it is left behind. No heap object per list (and only two typed arrays
 * for all of them: a timeline of one stream is cheap to make).
 */
class Lijsten {
  data: Int32Array;
  /** Per list: begin, length, room (in numbers). */
  meta: Int32Array;
  private used = 0;
  private garbage = 0;

  /** `lists`, `numbers`: the room to start with. */
  constructor(lists: number, numbers: number) {
    this.data = new Int32Array(numbers);
    this.meta = new Int32Array(3 * lists);
  }

  /** Makes room for lists [0, lists). */
  lijsten(lists: number): void {
    if (3 * lists <= this.meta.length) return;
    let n = this.meta.length;
    while (n < 3 * lists) n *= 2;
    const meta = new Int32Array(n);
    meta.set(this.meta);
    this.meta = meta;
  }

  /** Room for `extra` more numbers in list l (its begin may move). */
  reserveer(l: number, extra: number): void {
    const meta = this.meta;
    const room = meta[3 * l + 2] as number;
    const length = meta[3 * l + 1] as number;
    if (length + extra <= room) return;
    let next = room < 4 ? 4 : 2 * room;
    while (next < length + extra) next *= 2;
    const begin = meta[3 * l] as number;
    // The last list in the array grows where it is.
    if (room > 0 && begin + room === this.used && begin + next <= this.data.length) {
      this.used = begin + next;
      meta[3 * l + 2] = next;
      return;
    }
    if (3 * this.garbage > this.used) this.compact();
    if (this.used + next > this.data.length) {
      let size = Math.max(16, this.data.length);
      while (this.used + next > size) size *= 2;
      const data = new Int32Array(size);
      data.set(this.data.subarray(0, this.used));
      this.data = data;
    }
    const from = meta[3 * l] as number;
    this.data.copyWithin(this.used, from, from + length);
    this.garbage += room;
    meta[3 * l] = this.used;
    meta[3 * l + 2] = next;
    this.used += next;
  }

  /** Copies every list together (each keeps its room), leaving out the rooms left behind. */
  private compact(): void {
    const data = new Int32Array(this.data.length);
    const meta = this.meta;
    let used = 0;
    for (let l = 0; 3 * l < meta.length; l++) {
      const room = meta[3 * l + 2] as number;
      if (room === 0) continue;
      const from = meta[3 * l] as number;
      data.set(this.data.subarray(from, from + (meta[3 * l + 1] as number)), used);
      meta[3 * l] = used;
      used += room;
    }
    this.data = data;
    this.used = used;
    this.garbage = 0;
  }

  /** Inserts value at position `at` of list l. */
  insert(l: number, at: number, value: number): void {
    this.reserveer(l, 1);
    const begin = this.meta[3 * l] as number;
    const length = this.meta[3 * l + 1] as number;
    if (at < length) this.data.copyWithin(begin + at + 1, begin + at, begin + length);
    this.data[begin + at] = value;
    this.meta[3 * l + 1] = length + 1;
  }

  /** Removes position `at` of list l. */
  remove(l: number, at: number): void {
    const begin = this.meta[3 * l] as number;
    const length = this.meta[3 * l + 1] as number;
    this.data.copyWithin(begin + at, begin + at + 1, begin + length);
    this.meta[3 * l + 1] = length - 1;
  }
}

// A stream's three lists: its facts (five numbers each), its lifecycle list, its income list.
const FEITEN = 0;
const LEVENSLOOP = 1;
const INKOMSTEN = 2;

// Per fact, in recorded order, five numbers: packed type/transition/retracted, day (or month),
// content hash (two halves), and its number in the eventId index.
const F_INFO = 0;
const F_WHEN = 1;
const F_HASH_A = 2;
const F_HASH_B = 3;
const F_ID = 4;
const F_WIDTH = 5;

/** A stream's §7.1 facts by trajectId (rare: kept in Maps, made on first use). */
interface Trajecten {
  readonly starts: Map<string, number>;
  readonly ends: Map<string, number>;
  readonly idOf: Map<number, string>;
}

/**
 * The timelines of many streams (a reader's households and employers), each numbered: one stream's
 * facts as the decider needs them, grown one decided fact at a time, off the JS heap. Not safe to
 * share: `beslis` changes a timeline when it accepts a fact.
 */
export class Tijdlijnen {
  private readonly ids: EventIdIndex;
  /** Per stream, set by its first fact: its pseudonym and whether it is an employer's. */
  private subjects: (string | undefined)[] = [];
  /** Per stream: its alliance fact (or −1) and whether it is an employer's (1). */
  private perStroom: Int32Array;
  /**
   * Per stream three lists (FEITEN + 3s …): its facts in recorded order, five numbers each; its
   * unretracted lifecycle facts, sorted by day, then recorded order; its unretracted income facts,
   * sorted by month, then recorded order.
   */
  private readonly lijsten: Lijsten;
  /** Per stream its §7.1 Maps, made when its first trajectory comes (most streams have none). */
  private readonly trajecten: (Trajecten | undefined)[] = [];
  private count = 0;
  /** Work done (facts looked at), for the complexity test: grows like n log n, not n². */
  operaties = 0;

  /**
   * `streams`, `facts`: about how many will come (the arrays grow when more do; a typed array's
   * allocation is what a small timeline costs most, measured).
   */
  constructor(ids: EventIdIndex = new MapIndex(), streams = 1024, facts = 16 * streams) {
    this.ids = ids;
    const n = Math.max(1, streams);
    this.perStroom = new Int32Array(2 * n);
    // Per fact five numbers and one in a sorted list, each list's room rounded up to a power of two.
    this.lijsten = new Lijsten(3 * n, 16 + 2 * (F_WIDTH + 1) * Math.max(0, facts));
  }

  /** A new, empty stream's number. */
  nieuw(): number {
    const s = this.count++;
    this.lijsten.lijsten(3 * this.count);
    if (2 * s === this.perStroom.length) {
      const perStroom = new Int32Array(4 * s);
      perStroom.set(this.perStroom);
      this.perStroom = perStroom;
    }
    this.perStroom[2 * s] = -1;
    this.subjects.push(undefined);
    this.trajecten.push(undefined);
    return s;
  }

  /** Room in stream s's lists for `facts` more facts (so they need not move while they come). */
  reserveer(s: number, facts: number): void {
    this.lijsten.reserveer(FEITEN + 3 * s, F_WIDTH * facts);
    this.lijsten.reserveer(LEVENSLOOP + 3 * s, facts);
    this.lijsten.reserveer(INKOMSTEN + 3 * s, facts);
  }

  /** Facts held by stream s (retracted ones included). */
  size(s: number): number {
    return (this.lengthOf(FEITEN + 3 * s) / F_WIDTH) | 0;
  }

  private beginOf(l: number): number {
    return this.lijsten.meta[3 * l] as number;
  }

  private lengthOf(l: number): number {
    return this.lijsten.meta[3 * l + 1] as number;
  }

  private alliantieOf(s: number): number {
    return this.perStroom[2 * s] as number;
  }

  private isEmployer(s: number): boolean {
    return this.perStroom[2 * s + 1] === 1;
  }

  /** The index in stream s of the fact with this eventId, or −1. */
  private indexIn(s: number, eventId: string): number {
    return this.indexOfNumber(s, this.ids.find(eventId));
  }

  private indexOfNumber(s: number, g: number): number {
    return g < 0 || this.ids.streamOf(g) !== s ? -1 : this.ids.indexOf(g);
  }

  /** Whether stream s holds a fact with this eventId. */
  heeft(s: number, eventId: string): boolean {
    return this.indexIn(s, eventId) >= 0;
  }

  /**
   * Decides one new fact against stream s, as `decide(history, [feit])` does: the verdict, and on
   * `nieuw` the fact is part of the timeline from now on (unless `opnemen` is false: then the
   * timeline stays as it was, e.g. when the fact's eventId turns out to be another stream's).
   * `gevonden`: the fact number of the eventId in the index, when the caller looked it up already.
   */
  beslis(s: number, feit: Identified, opnemen = true, gevonden = this.ids.find(feit.eventId)): Uitspraak {
    this.operaties++;
    const werkgever = 'werkgever' in feit;
    const subject = werkgever ? feit.werkgever : feit.huishouden;
    const own = this.subjects[s];
    if (own !== undefined && (own !== subject || this.isEmployer(s) !== werkgever)) {
      return weigering('ANDER_HUISHOUDEN', subjectOf(feit), this.aanduidingOf(s, 0));
    }
    const existing = this.indexOfNumber(s, gevonden);
    if (existing >= 0) {
      contentHash(feit);
      const at = this.beginOf(FEITEN + 3 * s) + F_WIDTH * existing;
      const data = this.lijsten.data;
      if (data[at + F_HASH_A] === hashA && data[at + F_HASH_B] === hashB) return 'bekend';
      return weigering('EVENT_ID_HERGEBRUIKT', subjectOf(feit), aanduidingVan(feit));
    }
    const breach = this.breach(s, feit);
    if (breach !== undefined) {
      const nieuw = aanduidingVan(feit);
      return breach.getroffen === undefined
        ? weigering(breach.code, subjectOf(feit), nieuw)
        : weigering(breach.code, subjectOf(feit), nieuw, this.aanduidingOf(s, breach.getroffen));
    }
    if (opnemen) this.add(s, feit, werkgever, subject);
    return 'nieuw';
  }

  // ─── Building ───────────────────────────────────────────────────────────────────────────

  /** Adds a fact of a history without judging its rules (isGeldig checks the whole after); false on a repeated eventId or a bad retraction. */
  neemOp(s: number, feit: Identified): boolean {
    const werkgever = 'werkgever' in feit;
    const subject = werkgever ? feit.werkgever : feit.huishouden;
    const own = this.subjects[s];
    if (own !== undefined && (own !== subject || this.isEmployer(s) !== werkgever)) return false;
    if (this.ids.find(feit.eventId) >= 0) return false;
    if (feit.type === 'GebeurtenisIngetrokken' && this.retractionBreach(s, feit.ingetrokken) !== undefined)
      return false;
    this.add(s, feit, werkgever, subject);
    return true;
  }

  private add(s: number, feit: Identified, werkgever: boolean, subject: string): void {
    if (this.subjects[s] === undefined) {
      this.subjects[s] = subject;
      this.perStroom[2 * s + 1] = werkgever ? 1 : 0;
    }
    const lijsten = this.lijsten;
    const index = this.size(s);
    const type = feit.type;
    let packed = TYPE_CODE.get(type) ?? 0;
    let when = 0;
    const levensloop = isLevensloopFeit(feit);
    if (levensloop) {
      packed |= (transitionOf(feit) + 1) << TRANSITION_SHIFT;
      when = dayOf(feit.datum);
    } else if (feit.type === 'InkomstenOntvangen') when = monthIndexOf(feit.maand);
    else if ('datum' in feit) when = dayOf(feit.datum);
    contentHash(feit);
    const l = FEITEN + 3 * s;
    lijsten.reserveer(l, F_WIDTH);
    const at = this.beginOf(l) + F_WIDTH * index;
    const data = lijsten.data;
    data[at + F_INFO] = packed;
    data[at + F_WHEN] = when;
    data[at + F_HASH_A] = hashA;
    data[at + F_HASH_B] = hashB;
    data[at + F_ID] = this.ids.add(feit.eventId, s, index);
    lijsten.meta[3 * l + 1] = F_WIDTH * (index + 1);
    if (levensloop) {
      lijsten.insert(LEVENSLOOP + 3 * s, this.upperBound(s, when), index);
    } else if (feit.type === 'InkomstenOntvangen') {
      // After every income of its month or before (it is recorded last).
      lijsten.insert(INKOMSTEN + 3 * s, this.incomePosition(s, when + 1), index);
    } else if (feit.type === 'GebeurtenisIngetrokken') {
      const target = this.indexIn(s, feit.ingetrokken);
      if (target >= 0) this.retract(s, target);
    } else if (feit.type === 'AllianceGesloten') {
      this.perStroom[2 * s] = index;
    } else if ('trajectId' in feit) {
      const t = this.trajectenOf(s);
      t.idOf.set(index, feit.trajectId);
      (isStart(type) ? t.starts : t.ends).set(feit.trajectId, index);
    }
  }

  private trajectenOf(s: number): Trajecten {
    let t = this.trajecten[s];
    if (t === undefined) {
      t = { starts: new Map(), ends: new Map(), idOf: new Map() };
      this.trajecten[s] = t;
    }
    return t;
  }

  private retract(s: number, target: number): void {
    const at = this.beginOf(FEITEN + 3 * s) + F_WIDTH * target + F_INFO;
    this.lijsten.data[at] = (this.lijsten.data[at] as number) | RETRACTED;
    const type = this.typeOf(s, target);
    if (this.transitionAt(s, target) >= 0) {
      const position = this.positionOf(s, target);
      if (position >= 0) this.lijsten.remove(LEVENSLOOP + 3 * s, position);
    } else if (type === 'InkomstenOntvangen') {
      const position = this.incomePositionOf(s, target);
      if (position >= 0) this.lijsten.remove(INKOMSTEN + 3 * s, position);
    } else if (type === 'AllianceGesloten') {
      if (this.alliantieOf(s) === target) this.perStroom[2 * s] = -1;
    } else {
      const t = this.trajecten[s];
      const id = t?.idOf.get(target);
      if (t !== undefined && id !== undefined) {
        const map = isStart(type) ? t.starts : t.ends;
        if (map.get(id) === target) map.delete(id);
      }
    }
  }

  /** The whole timeline of stream s against the rules (for a history taken in whole): O(n log n) once. */
  isGeldig(s: number): boolean {
    let state = STATE_NOOIT;
    const n = this.lengthOf(LEVENSLOOP + 3 * s);
    for (let k = 0; k < n; k++) {
      this.operaties++;
      const next = step(state, this.transitionAt(s, this.lifecycleAt(s, k)));
      if (next < 0) return false;
      state = next;
    }
    const incomes = this.lengthOf(INKOMSTEN + 3 * s);
    for (let k = 0; k < incomes; k++) {
      const month = this.whenOf(s, this.incomeAt(s, k));
      if (!this.bijstandIn(s, firstDayOfMonth(month), firstDayOfMonth(month + 1) - 1)) return false;
    }
    // §7.1: a start per trajectId (kept as the last one: count them), an end after its start, one alliance.
    let starts = 0;
    let ends = 0;
    let alliances = 0;
    const size = this.size(s);
    for (let i = 0; i < size; i++) {
      if (this.isRetracted(s, i)) continue;
      const type = this.typeOf(s, i);
      if (isStart(type)) starts++;
      else if (isEnd(type)) ends++;
      else if (type === 'AllianceGesloten') alliances++;
    }
    const t = this.trajecten[s];
    if (starts !== (t?.starts.size ?? 0) || ends !== (t?.ends.size ?? 0) || alliances > 1) return false;
    if (t !== undefined) {
      for (const [id, end] of t.ends) {
        if (this.endBreach(s, id, end) !== undefined) return false;
      }
    }
    return true;
  }

  // ─── Reading ────────────────────────────────────────────────────────────────────────────

  private infoOf(s: number, index: number): number {
    return this.lijsten.data[this.beginOf(FEITEN + 3 * s) + F_WIDTH * index + F_INFO] as number;
  }

  private whenOf(s: number, index: number): number {
    return this.lijsten.data[this.beginOf(FEITEN + 3 * s) + F_WIDTH * index + F_WHEN] as number;
  }

  private typeOf(s: number, index: number): FeitType {
    return feitTypes[this.infoOf(s, index) & TYPE_MASK] as FeitType;
  }

  /** The fact's transition code, or −1 for a fact outside the lifecycle table. */
  private transitionAt(s: number, index: number): number {
    return ((this.infoOf(s, index) >> TRANSITION_SHIFT) & TRANSITION_MASK) - 1;
  }

  private isRetracted(s: number, index: number): boolean {
    return (this.infoOf(s, index) & RETRACTED) !== 0;
  }

  /** The k-th fact of stream s's sorted lifecycle list. */
  private lifecycleAt(s: number, k: number): number {
    return this.lijsten.data[this.beginOf(LEVENSLOOP + 3 * s) + k] as number;
  }

  /** The k-th fact of stream s's sorted income list. */
  private incomeAt(s: number, k: number): number {
    return this.lijsten.data[this.beginOf(INKOMSTEN + 3 * s) + k] as number;
  }

  private aanduidingOf(s: number, index: number): FeitAanduiding {
    const type = this.typeOf(s, index);
    const when = this.whenOf(s, index);
    const datum =
      type === 'InkomstenOntvangen'
        ? isoMonthOf(when)
        : type === 'GebeurtenisIngetrokken'
          ? undefined
          : isoDateOf(when);
    const g = this.lijsten.data[this.beginOf(FEITEN + 3 * s) + F_WIDTH * index + F_ID] as number;
    return { type, datum, eventId: this.ids.eventIdOf(g) };
  }

  /** Where a lifecycle fact dated `day` goes: after every lifecycle fact dated on or before it. */
  private upperBound(s: number, day: number): number {
    const n = this.lengthOf(LEVENSLOOP + 3 * s);
    // Facts mostly come in datum order: the end is the usual place.
    if (n === 0 || this.whenOf(s, this.lifecycleAt(s, n - 1)) <= day) return n;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      this.operaties++;
      const mid = (lo + hi) >>> 1;
      if (this.whenOf(s, this.lifecycleAt(s, mid)) <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The place of lifecycle fact `index` in the sorted list, or −1. */
  private positionOf(s: number, index: number): number {
    const day = this.whenOf(s, index);
    let lo = 0;
    let hi = this.lengthOf(LEVENSLOOP + 3 * s);
    while (lo < hi) {
      this.operaties++;
      const mid = (lo + hi) >>> 1;
      const other = this.lifecycleAt(s, mid);
      const d = this.whenOf(s, other);
      if (d < day || (d === day && other < index)) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.lengthOf(LEVENSLOOP + 3 * s) && this.lifecycleAt(s, lo) === index ? lo : -1;
  }

  private stateAt(s: number, position: number): number {
    return position > 0 ? stateAfter(this.transitionAt(s, this.lifecycleAt(s, position - 1))) : STATE_NOOIT;
  }

  /**
   * Whether there is bijstand on a day of [from, to]: the state after the last lifecycle fact of a
   * day (spells are [start, end): a spell that ends on the day it starts has no day).
   */
  private bijstandIn(s: number, from: number, to: number): boolean {
    if (to < from) return false;
    const n = this.lengthOf(LEVENSLOOP + 3 * s);
    let k = this.upperBound(s, from);
    if (this.stateAt(s, k) === STATE_BIJSTAND) return true;
    for (; k < n; k++) {
      this.operaties++;
      const index = this.lifecycleAt(s, k);
      const day = this.whenOf(s, index);
      if (day > to) break;
      const lastOfDay = k + 1 === n || this.whenOf(s, this.lifecycleAt(s, k + 1)) !== day;
      if (lastOfDay && stateAfter(this.transitionAt(s, index)) === STATE_BIJSTAND) return true;
    }
    return false;
  }

  // ─── Judging ────────────────────────────────────────────────────────────────────────────

  private retractionBreach(s: number, target: string): WeigeringCode | undefined {
    const index = this.indexIn(s, target);
    if (index < 0) return 'INTREKKING_ONBEKEND';
    if (this.typeOf(s, index) === 'GebeurtenisIngetrokken') return 'INTREKKING_VAN_INTREKKING';
    if (this.isRetracted(s, index)) return 'INTREKKING_HERHAALD';
    return undefined;
  }

  /**
   * The first rule a new fact breaks, in the order decider.ts checks them (retraction, lifecycle,
   * income, §7.1), with the existing fact that breaks when it is not the new one itself.
   */
  private breach(s: number, feit: Identified): { code: WeigeringCode; getroffen?: number } | undefined {
    const target = feit.type === 'GebeurtenisIngetrokken' ? this.indexIn(s, feit.ingetrokken) : -1;
    if (feit.type === 'GebeurtenisIngetrokken') {
      const code = this.retractionBreach(s, feit.ingetrokken);
      if (code !== undefined) return { code };
    }
    const lifecycle = this.lengthOf(LEVENSLOOP + 3 * s);
    // Lifecycle: the fact itself and the next lifecycle fact; then, at the end of the lifecycle,
    // the income that loses its bijstand.
    if (isLevensloopFeit(feit)) {
      const day = dayOf(feit.datum);
      const at = this.upperBound(s, day);
      const before = this.stateAt(s, at);
      const transition = transitionOf(feit);
      const result = step(before, transition);
      if (result < 0) return { code: ruleOfStep(result) };
      const after = stateAfter(transition);
      if (at < lifecycle) {
        const next = this.lifecycleAt(s, at);
        const checked = step(after, this.transitionAt(s, next));
        if (checked < 0) return { code: ruleOfStep(checked), getroffen: next };
      } else if (before === STATE_BIJSTAND && after !== STATE_BIJSTAND) {
        const broken = this.incomeBrokenFrom(s, day);
        if (broken >= 0) return { code: 'INKOMSTEN_ZONDER_BIJSTAND', getroffen: broken };
      }
      return undefined;
    }
    if (target >= 0 && this.transitionAt(s, target) >= 0) {
      const at = this.positionOf(s, target);
      const before = this.stateAt(s, at);
      if (at + 1 < lifecycle) {
        const next = this.lifecycleAt(s, at + 1);
        const checked = step(before, this.transitionAt(s, next));
        if (checked < 0) return { code: ruleOfStep(checked), getroffen: next };
      } else if (stateAfter(this.transitionAt(s, target)) === STATE_BIJSTAND && before !== STATE_BIJSTAND) {
        const broken = this.incomeBrokenFrom(s, this.whenOf(s, target));
        if (broken >= 0) return { code: 'INKOMSTEN_ZONDER_BIJSTAND', getroffen: broken };
      }
      return undefined;
    }
    if (feit.type === 'InkomstenOntvangen') {
      const month = monthIndexOf(feit.maand);
      if (!this.bijstandIn(s, firstDayOfMonth(month), firstDayOfMonth(month + 1) - 1)) {
        return { code: 'INKOMSTEN_ZONDER_BIJSTAND' };
      }
      return undefined;
    }
    // §7.1, as decider.ts's trajectBreach: of two facts that collide, the later in the timeline
    // (datum, then recorded order; the new fact is recorded last) breaks.
    if (feit.type === 'AllianceGesloten') {
      const alliantie = this.alliantieOf(s);
      if (alliantie < 0) return undefined;
      const later = dayOf(feit.datum) >= this.whenOf(s, alliantie);
      return later ? { code: 'ALLIANTIE_AL_GESLOTEN' } : { code: 'ALLIANTIE_AL_GESLOTEN', getroffen: alliantie };
    }
    const t = this.trajecten[s];
    if (feit.type === 'TrajectGestart' || feit.type === 'SchuldhulpGestart') {
      const other = t?.starts.get(feit.trajectId);
      if (other === undefined) return undefined;
      const later = dayOf(feit.datum) >= this.whenOf(s, other);
      return later ? { code: 'TRAJECT_ID_IN_GEBRUIK' } : { code: 'TRAJECT_ID_IN_GEBRUIK', getroffen: other };
    }
    if (feit.type === 'TrajectBeeindigd' || feit.type === 'SchuldhulpBeeindigd') {
      const day = dayOf(feit.datum);
      const start = t?.starts.get(feit.trajectId);
      const started =
        start !== undefined && this.typeOf(s, start) === matchingStart(feit.type) && this.whenOf(s, start) <= day;
      if (!started) return { code: 'TRAJECT_NIET_GESTART' };
      const other = t?.ends.get(feit.trajectId);
      if (other === undefined) return undefined;
      return this.whenOf(s, other) <= day
        ? { code: 'TRAJECT_AL_BEEINDIGD' }
        : { code: 'TRAJECT_AL_BEEINDIGD', getroffen: other };
    }
    if (target >= 0) {
      // Retracting a start leaves its end without one.
      const type = this.typeOf(s, target);
      const id = t?.idOf.get(target);
      if (isStart(type) && id !== undefined) {
        const end = t?.ends.get(id);
        if (end !== undefined) return { code: 'TRAJECT_NIET_GESTART', getroffen: end };
      }
    }
    return undefined;
  }

  /** An end that its start does not (or no longer) allow, for `isGeldig`. */
  private endBreach(s: number, id: string, end: number): WeigeringCode | undefined {
    const start = this.trajecten[s]?.starts.get(id);
    const ok =
      start !== undefined &&
      this.typeOf(s, start) === matchingStart(this.typeOf(s, end)) &&
      this.whenOf(s, start) <= this.whenOf(s, end);
    return ok ? undefined : 'TRAJECT_NIET_GESTART';
  }

  /**
   * When bijstand ends for good on `day` (no lifecycle fact after it): the first income fact in
   * recorded order whose month then has no day of bijstand, or −1. The month of `day` keeps the
   * days before it; every later month has none.
   */
  private incomeBrokenFrom(s: number, day: number): number {
    const month = monthIndexOfDay(day);
    const first = firstDayOfMonth(month);
    const monthKeeps = day > first && this.bijstandIn(s, first, day - 1);
    let broken = -1;
    const n = this.lengthOf(INKOMSTEN + 3 * s);
    // The list is sorted by month, then recorded order: each month's earliest comes first.
    let k = this.incomePosition(s, monthKeeps ? month + 1 : month);
    while (k < n) {
      this.operaties++;
      const earliest = this.incomeAt(s, k);
      if (broken < 0 || earliest < broken) broken = earliest;
      k = this.incomePosition(s, this.whenOf(s, earliest) + 1);
    }
    return broken;
  }

  /** The place of the first income of a month ≥ `month` in stream s's income list. */
  private incomePosition(s: number, month: number): number {
    const n = this.lengthOf(INKOMSTEN + 3 * s);
    if (n === 0 || this.whenOf(s, this.incomeAt(s, n - 1)) < month) return n;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      this.operaties++;
      const mid = (lo + hi) >>> 1;
      if (this.whenOf(s, this.incomeAt(s, mid)) < month) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The place of income fact `index` in stream s's income list, or −1. */
  private incomePositionOf(s: number, index: number): number {
    const month = this.whenOf(s, index);
    const n = this.lengthOf(INKOMSTEN + 3 * s);
    for (let k = this.incomePosition(s, month); k < n; k++) {
      this.operaties++;
      const other = this.incomeAt(s, k);
      if (other === index) return k;
      if (other > index || this.whenOf(s, other) !== month) return -1;
    }
    return -1;
  }
}

/** One stream's timeline (on a Tijdlijnen of its own). */
export class Tijdlijn {
  private readonly lijnen: Tijdlijnen;
  private readonly s: number;

  /** `facts`: about how many facts it will hold. */
  constructor(ids?: EventIdIndex, facts = 8) {
    this.lijnen = new Tijdlijnen(ids, 1, facts);
    this.s = this.lijnen.nieuw();
  }

  /** Facts held (retracted ones included). */
  get size(): number {
    return this.lijnen.size(this.s);
  }

  /** Work done (facts looked at), for the complexity test. */
  get operaties(): number {
    return this.lijnen.operaties;
  }

  /** Whether the timeline holds a fact with this eventId. */
  heeft(eventId: string): boolean {
    return this.lijnen.heeft(this.s, eventId);
  }

  /**
   * A timeline holding `history` (a stream's facts in recorded order), or undefined when that
   * history does not hold by the rules as a whole (then only decider.ts's `decide` can judge a new
   * fact against it, as it does for any history).
   */
  static van(history: readonly Identified[]): Tijdlijn | undefined {
    const tijdlijn = new Tijdlijn(undefined, history.length + 8);
    tijdlijn.lijnen.reserveer(tijdlijn.s, history.length);
    for (const feit of history) if (!tijdlijn.lijnen.neemOp(tijdlijn.s, feit)) return undefined;
    return tijdlijn.lijnen.isGeldig(tijdlijn.s) ? tijdlijn : undefined;
  }

  /** See Tijdlijnen.beslis. */
  beslis(feit: Identified, opnemen = true): Uitspraak {
    return this.lijnen.beslis(this.s, feit, opnemen);
  }
}

const aanduidingVan = (feit: Identified): FeitAanduiding => ({
  type: feit.type,
  datum: feit.type === 'InkomstenOntvangen' ? feit.maand : 'datum' in feit ? feit.datum : undefined,
  eventId: feit.eventId,
});

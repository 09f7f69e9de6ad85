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
// Facts are kept compactly: a few numbers per fact, and its eventId (for retractions and re-imports).
import { dayOf, firstDayOfMonth, isoDateOf, isoMonthOf, monthIndexOf, monthIndexOfDay } from './calendar.js';
import { fieldOrder } from './decode.js';
import { type FeitType, feitTypes, type Identified, streamNameOf, subjectOf } from './events.js';
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
 * Where a timeline finds its facts by eventId (the index of the fact in its stream). Its own Map
 * by default; a caller deciding many streams may share one table between them (each stream seeing
 * only its own facts), so every fact costs one entry, not one per stream and one across streams.
 */
export interface EventIdIndex {
  /** The index in this stream of the fact with this eventId, or undefined. */
  get(eventId: string): number | undefined;
  set(eventId: string, index: number): void;
  /** The eventId of the fact at `index` of this stream (to name it in a refusal). */
  eventIdAt(index: number): string;
}

/** A timeline's own index: a Map, and the eventIds in order. */
class OwnIndex implements EventIdIndex {
  private readonly map = new Map<string, number>();
  private readonly ids: string[] = [];
  get(eventId: string): number | undefined {
    return this.map.get(eventId);
  }
  set(eventId: string, index: number): void {
    this.map.set(eventId, index);
    this.ids[index] = eventId;
  }
  eventIdAt(index: number): string {
    return this.ids[index] ?? '';
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

/** A 53-bit hash of a fact's own content (its fields, in canonical order, without the envelope). */
const contentHash = (feit: Identified): number => {
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
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
};

const isStart = (type: FeitType): boolean => type === 'TrajectGestart' || type === 'SchuldhulpGestart';
const isEnd = (type: FeitType): boolean => type === 'TrajectBeeindigd' || type === 'SchuldhulpBeeindigd';
const matchingStart = (end: FeitType): FeitType =>
  end === 'SchuldhulpBeeindigd' ? 'SchuldhulpGestart' : 'TrajectGestart';

/**
 * One stream's facts as the decider needs them, grown one decided fact at a time. Not safe to
 * share: `beslis` changes it when it accepts a fact.
 */
export class Tijdlijn {
  private stream: string | undefined;
  /** Per fact, in recorded order: packed type/transition/retracted, day (or month), eventId, content hash. */
  private info: number[] = [];
  private when: number[] = [];
  private hashes: number[] = [];
  private readonly indexById: EventIdIndex;
  /** The unretracted lifecycle facts, sorted by day, then recorded order. */
  private readonly levensloop: number[] = [];
  /** The unretracted income facts by month index, each in recorded order. */
  /** The months with unretracted income facts, ascending, and beside each its facts in recorded order. */
  private readonly inkomstenMaanden: number[] = [];
  private readonly inkomstenLijsten: number[][] = [];
  /** The unretracted trajectory starts and ends by trajectId (one namespace, §7.1), and their ids (made on first use). */
  private startsMap: Map<string, number> | undefined;
  private endsMap: Map<string, number> | undefined;
  private trajectIds: Map<number, string> | undefined;
  private alliantie = -1;
  /** Work done (facts looked at), for the complexity test: grows like n log n, not n². */
  operaties = 0;

  constructor(ids: EventIdIndex = new OwnIndex()) {
    this.indexById = ids;
  }

  private get starts(): Map<string, number> {
    if (this.startsMap === undefined) this.startsMap = new Map();
    return this.startsMap;
  }

  private get ends(): Map<string, number> {
    if (this.endsMap === undefined) this.endsMap = new Map();
    return this.endsMap;
  }

  private get trajectIdOf(): Map<number, string> {
    if (this.trajectIds === undefined) this.trajectIds = new Map();
    return this.trajectIds;
  }

  /** Facts held (retracted ones included). */
  get size(): number {
    return this.info.length;
  }

  /**
   * The timeline as numbers, three per fact (its packed type, transition and retraction; its day
   * or month; its content hash), for keeping it off the JS heap while it is not used; with its
   * stream and the trajectIds of its §7.1 facts. `ontdooi` makes the timeline again.
   */
  bevries(): { stream: string | undefined; getallen: Float64Array; trajectIds: [number, string][] | undefined } {
    const n = this.info.length;
    const getallen = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      getallen[3 * i] = this.info[i] as number;
      getallen[3 * i + 1] = this.when[i] as number;
      getallen[3 * i + 2] = this.hashes[i] as number;
    }
    return {
      stream: this.stream,
      getallen,
      trajectIds: this.trajectIds === undefined ? undefined : [...this.trajectIds],
    };
  }

  /**
   * The timeline that `bevries` gave these numbers of (facts [from, to) of `getallen`), finding its
   * eventIds in `ids`: rebuilt in O(n log n).
   */
  static ontdooi(
    stream: string | undefined,
    getallen: Float64Array,
    from: number,
    to: number,
    trajectIds: readonly [number, string][] | undefined,
    ids: EventIdIndex,
  ): Tijdlijn {
    const tijdlijn = new Tijdlijn(ids);
    tijdlijn.stream = stream;
    const n = to - from;
    const info = new Array<number>(n);
    const when = new Array<number>(n);
    const hashes = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      info[i] = getallen[3 * (from + i)] as number;
      when[i] = getallen[3 * (from + i) + 1] as number;
      hashes[i] = getallen[3 * (from + i) + 2] as number;
    }
    tijdlijn.info = info;
    tijdlijn.when = when;
    tijdlijn.hashes = hashes;
    const ids7 = new Map(trajectIds ?? []);
    for (let i = 0; i < n; i++) {
      if (tijdlijn.isRetracted(i)) continue;
      const type = tijdlijn.typeOf(i);
      if (tijdlijn.transitionOf(i) >= 0) tijdlijn.levensloop.push(i);
      else if (type === 'InkomstenOntvangen') {
        const month = when[i] as number;
        const at = tijdlijn.monthPosition(month);
        if (tijdlijn.inkomstenMaanden[at] === month) (tijdlijn.inkomstenLijsten[at] as number[]).push(i);
        else {
          tijdlijn.inkomstenMaanden.splice(at, 0, month);
          tijdlijn.inkomstenLijsten.splice(at, 0, [i]);
        }
      } else if (type === 'AllianceGesloten') tijdlijn.alliantie = i;
      else {
        const id = ids7.get(i);
        if (id !== undefined) (isStart(type) ? tijdlijn.starts : tijdlijn.ends).set(id, i);
      }
    }
    for (const [index, id] of ids7) tijdlijn.trajectIdOf.set(index, id);
    // Stable: same-day facts keep their recorded order.
    tijdlijn.levensloop.sort((a, b) => (when[a] as number) - (when[b] as number) || a - b);
    return tijdlijn;
  }

  /** Whether the timeline holds a fact with this eventId. */
  heeft(eventId: string): boolean {
    return this.indexById.get(eventId) !== undefined;
  }

  /**
   * A timeline holding `history` (a stream's facts in recorded order), or undefined when that
   * history does not hold by the rules as a whole (then only decider.ts's `decide` can judge a new
   * fact against it, as it does for any history).
   */
  static van(history: readonly Identified[]): Tijdlijn | undefined {
    const tijdlijn = new Tijdlijn();
    for (const feit of history) if (!tijdlijn.neemOp(feit)) return undefined;
    return tijdlijn.isGeldig() ? tijdlijn : undefined;
  }

  /**
   * Decides one new fact against the timeline, as `decide(history, [feit])` does: the verdict,
   * and on `nieuw` the fact is part of the timeline from now on (unless `opnemen` is false: then
   * the timeline stays as it was, e.g. when the fact's eventId turns out to be another stream's).
   */
  beslis(feit: Identified, opnemen = true): Uitspraak {
    this.operaties++;
    const stream = streamNameOf(feit);
    if (this.stream !== undefined && stream !== this.stream) {
      return weigering('ANDER_HUISHOUDEN', subjectOf(feit), this.aanduidingOf(0));
    }
    const existing = this.indexById.get(feit.eventId);
    if (existing !== undefined) {
      if (this.hashes[existing] === contentHash(feit)) return 'bekend';
      return weigering('EVENT_ID_HERGEBRUIKT', subjectOf(feit), aanduidingVan(feit));
    }
    const breach = this.breach(feit);
    if (breach !== undefined) {
      const nieuw = aanduidingVan(feit);
      return breach.getroffen === undefined
        ? weigering(breach.code, subjectOf(feit), nieuw)
        : weigering(breach.code, subjectOf(feit), nieuw, this.aanduidingOf(breach.getroffen));
    }
    if (opnemen) {
      this.stream = stream;
      this.add(feit);
    }
    return 'nieuw';
  }

  // ─── Building ───────────────────────────────────────────────────────────────────────────

  /** Adds a fact of a history without judging its rules (van checks the whole after); false on a repeated eventId or a bad retraction. */
  private neemOp(feit: Identified): boolean {
    const stream = streamNameOf(feit);
    if (this.stream !== undefined && stream !== this.stream) return false;
    if (this.indexById.get(feit.eventId) !== undefined) return false;
    if (feit.type === 'GebeurtenisIngetrokken' && this.retractionBreach(feit.ingetrokken) !== undefined) return false;
    this.stream = stream;
    this.add(feit);
    return true;
  }

  private add(feit: Identified): void {
    const index = this.info.length;
    const type = feit.type;
    let packed = TYPE_CODE.get(type) ?? 0;
    let when = 0;
    if (isLevensloopFeit(feit)) {
      packed |= (transitionOf(feit) + 1) << TRANSITION_SHIFT;
      when = dayOf(feit.datum);
    } else if (feit.type === 'InkomstenOntvangen') when = monthIndexOf(feit.maand);
    else if ('datum' in feit) when = dayOf(feit.datum);
    this.info.push(packed);
    this.when.push(when);
    this.hashes.push(contentHash(feit));
    this.indexById.set(feit.eventId, index);
    if (isLevensloopFeit(feit)) {
      this.levensloop.splice(this.upperBound(when), 0, index);
    } else if (feit.type === 'InkomstenOntvangen') {
      const at = this.monthPosition(when);
      if (this.inkomstenMaanden[at] === when) (this.inkomstenLijsten[at] as number[]).push(index);
      else {
        this.inkomstenMaanden.splice(at, 0, when);
        this.inkomstenLijsten.splice(at, 0, [index]);
      }
    } else if (feit.type === 'GebeurtenisIngetrokken') {
      const target = this.indexById.get(feit.ingetrokken);
      if (target !== undefined) this.retract(target);
    } else if (feit.type === 'AllianceGesloten') {
      this.alliantie = index;
    } else if ('trajectId' in feit) {
      this.trajectIdOf.set(index, feit.trajectId);
      (isStart(type) ? this.starts : this.ends).set(feit.trajectId, index);
    }
  }

  private retract(target: number): void {
    this.info[target] = (this.info[target] as number) | RETRACTED;
    const type = this.typeOf(target);
    if (this.transitionOf(target) >= 0) {
      const at = this.positionOf(target);
      if (at >= 0) this.levensloop.splice(at, 1);
    } else if (type === 'InkomstenOntvangen') {
      const month = this.when[target] as number;
      const m = this.monthPosition(month);
      const list = this.inkomstenMaanden[m] === month ? this.inkomstenLijsten[m] : undefined;
      const at = list === undefined ? -1 : list.indexOf(target);
      if (list !== undefined && at >= 0) {
        list.splice(at, 1);
        if (list.length === 0) {
          this.inkomstenMaanden.splice(m, 1);
          this.inkomstenLijsten.splice(m, 1);
        }
      }
    } else if (type === 'AllianceGesloten') {
      if (this.alliantie === target) this.alliantie = -1;
    } else {
      const id = this.trajectIdOf.get(target);
      if (id !== undefined) {
        const map = isStart(type) ? this.starts : this.ends;
        if (map.get(id) === target) map.delete(id);
      }
    }
  }

  /** The whole timeline against the rules (for `van`): O(n log n) once. */
  private isGeldig(): boolean {
    let state = STATE_NOOIT;
    for (const index of this.levensloop) {
      this.operaties++;
      const next = step(state, this.transitionOf(index));
      if (next < 0) return false;
      state = next;
    }
    for (const month of this.inkomstenMaanden) {
      if (!this.bijstandIn(firstDayOfMonth(month), firstDayOfMonth(month + 1) - 1)) return false;
    }
    // §7.1: a start per trajectId (kept as the last one: count them), an end after its start, one alliance.
    let starts = 0;
    let ends = 0;
    let alliances = 0;
    for (let i = 0; i < this.info.length; i++) {
      if (this.isRetracted(i)) continue;
      const type = this.typeOf(i);
      if (isStart(type)) starts++;
      else if (isEnd(type)) ends++;
      else if (type === 'AllianceGesloten') alliances++;
    }
    if (starts !== this.starts.size || ends !== this.ends.size || alliances > 1) return false;
    for (const [id, end] of this.ends) {
      if (this.endBreach(id, end) !== undefined) return false;
    }
    return true;
  }

  // ─── Reading ────────────────────────────────────────────────────────────────────────────

  private typeOf(index: number): FeitType {
    return feitTypes[(this.info[index] as number) & TYPE_MASK] as FeitType;
  }

  /** The fact's transition code, or −1 for a fact outside the lifecycle table. */
  private transitionOf(index: number): number {
    return (((this.info[index] as number) >> TRANSITION_SHIFT) & TRANSITION_MASK) - 1;
  }

  private isRetracted(index: number): boolean {
    return ((this.info[index] as number) & RETRACTED) !== 0;
  }

  private aanduidingOf(index: number): FeitAanduiding {
    const type = this.typeOf(index);
    const when = this.when[index] as number;
    const datum =
      type === 'InkomstenOntvangen'
        ? isoMonthOf(when)
        : type === 'GebeurtenisIngetrokken'
          ? undefined
          : isoDateOf(when);
    return { type, datum, eventId: this.indexById.eventIdAt(index) };
  }

  /** Where a lifecycle fact dated `day` goes: after every lifecycle fact dated on or before it. */
  private upperBound(day: number): number {
    const list = this.levensloop;
    const n = list.length;
    // Facts mostly come in datum order: the end is the usual place.
    if (n === 0 || (this.when[list[n - 1] as number] as number) <= day) return n;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      this.operaties++;
      const mid = (lo + hi) >>> 1;
      if ((this.when[list[mid] as number] as number) <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The place of lifecycle fact `index` in the sorted list, or −1. */
  private positionOf(index: number): number {
    const list = this.levensloop;
    const day = this.when[index] as number;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      this.operaties++;
      const mid = (lo + hi) >>> 1;
      const other = list[mid] as number;
      const d = this.when[other] as number;
      if (d < day || (d === day && other < index)) lo = mid + 1;
      else hi = mid;
    }
    return list[lo] === index ? lo : -1;
  }

  private stateAt(position: number): number {
    return position > 0 ? stateAfter(this.transitionOf(this.levensloop[position - 1] as number)) : STATE_NOOIT;
  }

  /**
   * Whether there is bijstand on a day of [from, to]: the state after the last lifecycle fact of a
   * day (spells are [start, end): a spell that ends on the day it starts has no day).
   */
  private bijstandIn(from: number, to: number): boolean {
    if (to < from) return false;
    const list = this.levensloop;
    let k = this.upperBound(from);
    if (this.stateAt(k) === STATE_BIJSTAND) return true;
    for (; k < list.length; k++) {
      this.operaties++;
      const index = list[k] as number;
      const day = this.when[index] as number;
      if (day > to) break;
      const next = list[k + 1];
      const lastOfDay = next === undefined || (this.when[next] as number) !== day;
      if (lastOfDay && stateAfter(this.transitionOf(index)) === STATE_BIJSTAND) return true;
    }
    return false;
  }

  // ─── Judging ────────────────────────────────────────────────────────────────────────────

  private retractionBreach(target: string): WeigeringCode | undefined {
    const index = this.indexById.get(target);
    if (index === undefined) return 'INTREKKING_ONBEKEND';
    if (this.typeOf(index) === 'GebeurtenisIngetrokken') return 'INTREKKING_VAN_INTREKKING';
    if (this.isRetracted(index)) return 'INTREKKING_HERHAALD';
    return undefined;
  }

  /**
   * The first rule a new fact breaks, in the order decider.ts checks them (retraction, lifecycle,
   * income, §7.1), with the existing fact that breaks when it is not the new one itself.
   */
  private breach(feit: Identified): { code: WeigeringCode; getroffen?: number } | undefined {
    const target = feit.type === 'GebeurtenisIngetrokken' ? this.indexById.get(feit.ingetrokken) : undefined;
    if (feit.type === 'GebeurtenisIngetrokken') {
      const code = this.retractionBreach(feit.ingetrokken);
      if (code !== undefined) return { code };
    }
    // Lifecycle: the fact itself and the next lifecycle fact; then, at the end of the lifecycle,
    // the income that loses its bijstand.
    if (isLevensloopFeit(feit)) {
      const day = dayOf(feit.datum);
      const at = this.upperBound(day);
      const before = this.stateAt(at);
      const transition = transitionOf(feit);
      const result = step(before, transition);
      if (result < 0) return { code: ruleOfStep(result) };
      const after = stateAfter(transition);
      const next = this.levensloop[at];
      if (next !== undefined) {
        const checked = step(after, this.transitionOf(next));
        if (checked < 0) return { code: ruleOfStep(checked), getroffen: next };
      } else if (before === STATE_BIJSTAND && after !== STATE_BIJSTAND) {
        const broken = this.incomeBrokenFrom(day);
        if (broken >= 0) return { code: 'INKOMSTEN_ZONDER_BIJSTAND', getroffen: broken };
      }
      return undefined;
    }
    if (target !== undefined && this.transitionOf(target) >= 0) {
      const at = this.positionOf(target);
      const before = this.stateAt(at);
      const next = this.levensloop[at + 1];
      if (next !== undefined) {
        const checked = step(before, this.transitionOf(next));
        if (checked < 0) return { code: ruleOfStep(checked), getroffen: next };
      } else if (stateAfter(this.transitionOf(target)) === STATE_BIJSTAND && before !== STATE_BIJSTAND) {
        const broken = this.incomeBrokenFrom(this.when[target] as number);
        if (broken >= 0) return { code: 'INKOMSTEN_ZONDER_BIJSTAND', getroffen: broken };
      }
      return undefined;
    }
    if (feit.type === 'InkomstenOntvangen') {
      const month = monthIndexOf(feit.maand);
      if (!this.bijstandIn(firstDayOfMonth(month), firstDayOfMonth(month + 1) - 1)) {
        return { code: 'INKOMSTEN_ZONDER_BIJSTAND' };
      }
      return undefined;
    }
    // §7.1, as decider.ts's trajectBreach: of two facts that collide, the later in the timeline
    // (datum, then recorded order; the new fact is recorded last) breaks.
    if (feit.type === 'AllianceGesloten') {
      if (this.alliantie < 0) return undefined;
      const later = dayOf(feit.datum) >= (this.when[this.alliantie] as number);
      return later ? { code: 'ALLIANTIE_AL_GESLOTEN' } : { code: 'ALLIANTIE_AL_GESLOTEN', getroffen: this.alliantie };
    }
    if (feit.type === 'TrajectGestart' || feit.type === 'SchuldhulpGestart') {
      const other = this.starts.get(feit.trajectId);
      if (other === undefined) return undefined;
      const later = dayOf(feit.datum) >= (this.when[other] as number);
      return later ? { code: 'TRAJECT_ID_IN_GEBRUIK' } : { code: 'TRAJECT_ID_IN_GEBRUIK', getroffen: other };
    }
    if (feit.type === 'TrajectBeeindigd' || feit.type === 'SchuldhulpBeeindigd') {
      const day = dayOf(feit.datum);
      const start = this.starts.get(feit.trajectId);
      const started =
        start !== undefined && this.typeOf(start) === matchingStart(feit.type) && (this.when[start] as number) <= day;
      if (!started) return { code: 'TRAJECT_NIET_GESTART' };
      const other = this.ends.get(feit.trajectId);
      if (other === undefined) return undefined;
      return (this.when[other] as number) <= day
        ? { code: 'TRAJECT_AL_BEEINDIGD' }
        : { code: 'TRAJECT_AL_BEEINDIGD', getroffen: other };
    }
    if (target !== undefined) {
      // Retracting a start leaves its end without one.
      const type = this.typeOf(target);
      const id = this.trajectIdOf.get(target);
      if (isStart(type) && id !== undefined) {
        const end = this.ends.get(id);
        if (end !== undefined) return { code: 'TRAJECT_NIET_GESTART', getroffen: end };
      }
    }
    return undefined;
  }

  /** An end that its start does not (or no longer) allow, for `isGeldig`. */
  private endBreach(id: string, end: number): WeigeringCode | undefined {
    const start = this.starts.get(id);
    const ok =
      start !== undefined &&
      this.typeOf(start) === matchingStart(this.typeOf(end)) &&
      (this.when[start] as number) <= (this.when[end] as number);
    return ok ? undefined : 'TRAJECT_NIET_GESTART';
  }

  /**
   * When bijstand ends for good on `day` (no lifecycle fact after it): the first income fact in
   * recorded order whose month then has no day of bijstand, or −1. The month of `day` keeps the
   * days before it; every later month has none.
   */
  private incomeBrokenFrom(day: number): number {
    const month = monthIndexOfDay(day);
    const first = firstDayOfMonth(month);
    const monthKeeps = day > first && this.bijstandIn(first, day - 1);
    let broken = -1;
    const months = this.inkomstenMaanden;
    for (let k = this.monthPosition(month); k < months.length; k++) {
      this.operaties++;
      const m = months[k] as number;
      if (m === month && monthKeeps) continue;
      const earliest = (this.inkomstenLijsten[k] as number[])[0] as number;
      if (broken < 0 || earliest < broken) broken = earliest;
    }
    return broken;
  }

  /** The place of the first income month ≥ `month` in `inkomstenMaanden`. */
  private monthPosition(month: number): number {
    const months = this.inkomstenMaanden;
    const n = months.length;
    if (n === 0 || (months[n - 1] as number) < month) return n;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      this.operaties++;
      const mid = (lo + hi) >>> 1;
      if ((months[mid] as number) < month) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const aanduidingVan = (feit: Identified): FeitAanduiding => ({
  type: feit.type,
  datum: feit.type === 'InkomstenOntvangen' ? feit.maand : 'datum' in feit ? feit.datum : undefined,
  eventId: feit.eventId,
});

// A typed, allocation-free view of one household's lenient replay (MEETREGELS §2, "Projections
// never refuse a history"), keeping for every fact it uses *which* fact it is: the verklaring
// (§8) names the facts that decide a membership, and the timeline of one household marks the
// facts that were retracted or skipped, with why. The rules are those of derive.ts, step for
// step (a property test holds the verklaring's counts equal to the report's):
// - the facts known at the cut-off, in recorded order; a repeated eventId is skipped; a
//   retraction removes an earlier fact (one of an unknown or already retracted fact, or of a
//   retraction, is skipped);
// - the lifecycle facts in `datum` order (same datum: recorded order) through the domain's one
//   table; a fact that does not fit at its place is skipped;
// - income for a month without a day of bijstand is skipped; the reports of a month are summed;
// - §7.1: starts (both kinds share the trajectIds) in timeline order, a start whose trajectId an
//   earlier start holds is skipped; ends in timeline order, kept when the start of their kind is
//   dated on or before them and has no end yet; an employer's first alliance is kept.
// A view is reused: `laad` overwrites it. Rules read it through its methods, never an offset.
import { STATE_BIJSTAND, STATE_NOOIT, step, TRANSITION_LOOPT_DOOR } from '@zelfredzaam/domain';
import { monthOfDay } from './derive.js';
import {
  extraOf,
  idKeyOf,
  isInkomstenKind,
  isLevensloopKind,
  KIND_ALLIANTIE,
  KIND_GEPLAATST,
  KIND_IN_BEELD,
  KIND_INKOMSTEN_LOONDIENST,
  KIND_INTREKKING,
  KIND_MINIMA,
  KIND_ONBEKEND,
  KIND_SCHULDHULP_EINDE,
  KIND_SCHULDHULP_START,
  KIND_TRAJECT_EINDE,
  KIND_TRAJECT_START,
  KIND_TREDE,
  kindOf,
} from './encoding.js';
import {
  blockSizeAfter,
  CHUNK_BITS,
  CHUNK_MASK,
  F_AMOUNT,
  F_ID,
  F_KIND,
  F_NEXT,
  F_RECORDED_AT,
  F_WHEN,
  FACT_FLOATS,
  FACT_INTS,
  type FactChunk,
  H_COUNT,
  H_HEAD,
  HOUSE_INTS,
  type ProjectionState,
} from './state.js';

/** What the lenient replay did with a fact. */
export const GEBRUIKT = 0;
export const INGETROKKEN = 1;
export const OVERGESLAGEN = 2;

/** Why a fact was skipped (a fact with status OVERGESLAGEN). */
export const REDEN_DUBBEL = 1;
export const REDEN_INTREKKING_ONBEKEND = 2;
export const REDEN_ONBEKEND_TYPE = 3;
export const REDEN_LEVENSLOOP = 4;
export const REDEN_GEEN_BIJSTAND_IN_MAAND = 5;
export const REDEN_TRAJECT_DUBBEL = 6;
export const REDEN_EINDE_ZONDER_START = 7;
export const REDEN_ALLIANTIE_DUBBEL = 8;

/**
 * One household's facts and what the lenient replay made of them. Positions (`feit` numbers) are
 * 0 … feiten−1 in recorded order among the facts known at the cut-off.
 */
export class HuishoudenView {
  /** The dense index of the household (or employer) in the state. */
  index = -1;
  /** Its facts known at the cut-off. */
  feiten = 0;
  private kinds = new Int32Array(16);
  private whens = new Int32Array(16);
  private amounts = new Int32Array(16);
  private places = new Int32Array(16);
  private recorded = new Float64Array(16);
  private keys = new Float64Array(16);
  private statuses = new Int32Array(16);
  /** The reason of a skip, or for a retracted fact the position of its retraction. */
  private why = new Int32Array(16);
  // The lifecycle: transitions that change the state (day, state after, position).
  transities = 0;
  private tDay = new Int32Array(16);
  private tState = new Int32Array(16);
  private tPos = new Int32Array(16);
  // Qualifying household-months (§4.4): month, income per source, their facts.
  maanden = 0;
  private mMonth = new Int32Array(16);
  private mLoon = new Float64Array(16);
  private mOnd = new Float64Array(16);
  private mFrom = new Int32Array(16);
  private mTo = new Int32Array(16);
  private mFacts = new Int32Array(16);
  // §7.1, each a list of positions in timeline order (placements, in beeld, minima: recorded order).
  tredes = 0;
  private aPos = new Int32Array(16);
  trajecten = 0;
  private trStart = new Int32Array(16);
  private trEnd = new Int32Array(16);
  schuldhulp = 0;
  private shStart = new Int32Array(16);
  private shEnd = new Int32Array(16);
  plaatsingen = 0;
  private plPos = new Int32Array(16);
  inBeeld = 0;
  private ibPos = new Int32Array(16);
  minima = 0;
  private miPos = new Int32Array(16);
  /** The kept alliance's position, or −1. */
  alliantie = -1;
  // Scratch.
  private order = new Float64Array(16);
  private table = new Float64Array(32);
  private tableValues = new Int32Array(32);
  private tableUsed = new Int32Array(32);
  private tableStamp = 0;

  /** Loads household h's facts with recordedAt ≤ cutoff (ms; +∞: all). Returns this. */
  laad(state: ProjectionState, h: number, cutoff: number): this {
    this.index = h;
    const count = state.house[h * HOUSE_INTS + H_COUNT] as number;
    this.reserve(count);
    let n = 0;
    const head = state.house[h * HOUSE_INTS + H_HEAD] as number;
    for (let done = 0, block = head; done < count; ) {
      const size = blockSizeAfter(done);
      const chunk = state.chunks[block >>> CHUNK_BITS] as FactChunk;
      const first = block & CHUNK_MASK;
      const take = Math.min(size, count - done);
      for (let o = first; o < first + take; o++) {
        const recordedAt = chunk.floats[o * FACT_FLOATS + F_RECORDED_AT] as number;
        if (recordedAt > cutoff) continue;
        this.kinds[n] = chunk.ints[o * FACT_INTS + F_KIND] as number;
        this.whens[n] = chunk.ints[o * FACT_INTS + F_WHEN] as number;
        this.amounts[n] = chunk.ints[o * FACT_INTS + F_AMOUNT] as number;
        this.places[n] = (block & ~CHUNK_MASK) + o;
        this.recorded[n] = recordedAt;
        this.keys[n] = chunk.floats[o * FACT_FLOATS + F_ID] as number;
        this.statuses[n] = GEBRUIKT;
        this.why[n] = 0;
        n++;
      }
      done += take;
      if (done < count) block = head + (chunk.ints[(first + size - 1) * FACT_INTS + F_NEXT] as number);
    }
    this.feiten = n;
    this.retractions();
    this.lifecycle();
    this.income();
    this.paragraaf7();
    return this;
  }

  private reserve(n: number): void {
    if (n <= this.kinds.length) return;
    const size = Math.max(n, 2 * this.kinds.length);
    this.kinds = new Int32Array(size);
    this.whens = new Int32Array(size);
    this.amounts = new Int32Array(size);
    this.places = new Int32Array(size);
    this.recorded = new Float64Array(size);
    this.keys = new Float64Array(size);
    this.statuses = new Int32Array(size);
    this.why = new Int32Array(size);
    this.tDay = new Int32Array(size);
    this.tState = new Int32Array(size);
    this.tPos = new Int32Array(size);
    this.mMonth = new Int32Array(size);
    this.mLoon = new Float64Array(size);
    this.mOnd = new Float64Array(size);
    this.mFrom = new Int32Array(size);
    this.mTo = new Int32Array(size);
    this.mFacts = new Int32Array(size);
    this.aPos = new Int32Array(size);
    this.trStart = new Int32Array(size);
    this.trEnd = new Int32Array(size);
    this.shStart = new Int32Array(size);
    this.shEnd = new Int32Array(size);
    this.plPos = new Int32Array(size);
    this.ibPos = new Int32Array(size);
    this.miPos = new Int32Array(size);
    this.order = new Float64Array(size);
  }

  // A small open-addressing table from a number to a position, emptied by a new stamp.
  private resetTable(n: number): void {
    let size = 32;
    while (size < 2 * n) size *= 2;
    if (size > this.table.length) {
      this.table = new Float64Array(size);
      this.tableValues = new Int32Array(size);
      this.tableUsed = new Int32Array(size);
      this.tableStamp = 0;
    }
    this.tableStamp++;
  }
  private find(key: number): number {
    const mask = this.table.length - 1;
    for (let s = (key >>> 0) & mask; this.tableUsed[s] === this.tableStamp; s = (s + 1) & mask) {
      if (this.table[s] === key) return this.tableValues[s] as number;
    }
    return -1;
  }
  private insert(key: number, value: number): void {
    const mask = this.table.length - 1;
    let s = (key >>> 0) & mask;
    while (this.tableUsed[s] === this.tableStamp) s = (s + 1) & mask;
    this.tableUsed[s] = this.tableStamp;
    this.table[s] = key;
    this.tableValues[s] = value;
  }

  private skip(j: number, reden: number): void {
    this.statuses[j] = OVERGESLAGEN;
    this.why[j] = reden;
  }

  private retractions(): void {
    const n = this.feiten;
    this.resetTable(n);
    for (let j = 0; j < n; j++) {
      const key = this.keys[j] as number;
      if (this.find(key) >= 0) {
        this.skip(j, REDEN_DUBBEL);
        continue;
      }
      if (this.kinds[j] === KIND_INTREKKING) {
        const target = this.find(idKeyOf(this.whens[j] as number, this.amounts[j] as number));
        if (target < 0 || this.kinds[target] === KIND_INTREKKING || this.statuses[target] === INGETROKKEN) {
          this.skip(j, REDEN_INTREKKING_ONBEKEND);
        } else {
          this.statuses[target] = INGETROKKEN;
          this.why[target] = j;
        }
      }
      this.insert(key, j);
    }
  }

  /** Sorts the positions in order[0 … c) (as day · 2^26 + position) ascending; returns c. */
  private sortOrder(c: number): number {
    const order = this.order;
    if (c > 48) {
      order.subarray(0, c).sort();
      return c;
    }
    // Facts mostly come in datum order: insertion sort is then linear (and allocates nothing).
    for (let i = 1; i < c; i++) {
      const key = order[i] as number;
      let j = i - 1;
      while (j >= 0 && (order[j] as number) > key) {
        order[j + 1] = order[j] as number;
        j--;
      }
      order[j + 1] = key;
    }
    return c;
  }

  private lifecycle(): void {
    const n = this.feiten;
    let m = 0;
    for (let j = 0; j < n; j++) {
      if (this.statuses[j] !== GEBRUIKT) continue;
      const kind = this.kinds[j] as number;
      if (isLevensloopKind(kind)) this.order[m++] = (this.whens[j] as number) * SPAN + j;
      else if (kind === KIND_ONBEKEND) this.skip(j, REDEN_ONBEKEND_TYPE);
    }
    this.sortOrder(m);
    let state = STATE_NOOIT;
    let t = 0;
    for (let q = 0; q < m; q++) {
      const key = this.order[q] as number;
      const j = key % SPAN;
      const next = step(state, this.kinds[j] as number);
      if (next < 0) {
        this.skip(j, REDEN_LEVENSLOOP);
        this.why[j] = REDEN_LEVENSLOOP + 16 * -next;
        continue;
      }
      if (this.kinds[j] === TRANSITION_LOOPT_DOOR) continue;
      this.tDay[t] = (key - j) / SPAN;
      this.tState[t] = next;
      this.tPos[t] = j;
      t++;
      state = next;
    }
    this.transities = t;
  }

  private income(): void {
    const n = this.feiten;
    let r = 0;
    for (let j = 0; j < n; j++) {
      if (this.statuses[j] !== GEBRUIKT || !isInkomstenKind(this.kinds[j] as number)) continue;
      const month = this.whens[j] as number;
      if (this.bijstandInMaand(month)) this.order[r++] = month * SPAN + j;
      else this.skip(j, REDEN_GEEN_BIJSTAND_IN_MAAND);
    }
    this.sortOrder(r);
    let months = 0;
    let f = 0;
    for (let q = 0; q < r; ) {
      const month = Math.floor((this.order[q] as number) / SPAN);
      let loon = 0;
      let ond = 0;
      const from = f;
      for (; q < r && Math.floor((this.order[q] as number) / SPAN) === month; q++) {
        const j = (this.order[q] as number) % SPAN;
        if (this.kinds[j] === KIND_INKOMSTEN_LOONDIENST) loon += this.amounts[j] as number;
        else ond += this.amounts[j] as number;
        this.mFacts[f++] = j;
      }
      if (loon + ond <= 0) {
        f = from;
        continue;
      }
      this.mMonth[months] = month;
      this.mLoon[months] = loon;
      this.mOnd[months] = ond;
      this.mFrom[months] = from;
      this.mTo[months] = f;
      months++;
    }
    this.maanden = months;
  }

  /** True when a spell [start, end) of the timeline covers a day of `month` (derive.ts's test). */
  private bijstandInMaand(month: number): boolean {
    let open = false;
    let start = 0;
    for (let k = 0; k < this.transities; k++) {
      const day = this.tDay[k] as number;
      const bijstand = this.tState[k] === STATE_BIJSTAND;
      if (!open && bijstand) start = day;
      else if (open && !bijstand && start < day) {
        if (monthOfDay(start) <= month && monthOfDay(day - 1) >= month) return true;
      }
      open = bijstand;
    }
    return open && monthOfDay(start) <= month;
  }

  private paragraaf7(): void {
    const n = this.feiten;
    this.tredes = 0;
    this.trajecten = 0;
    this.schuldhulp = 0;
    this.plaatsingen = 0;
    this.inBeeld = 0;
    this.minima = 0;
    this.alliantie = -1;
    let c = 0;
    let starts = 0;
    let ends = 0;
    for (let j = 0; j < n; j++) {
      if (this.statuses[j] !== GEBRUIKT) continue;
      const kind = kindOf(this.kinds[j] as number);
      if (kind < KIND_TREDE || this.kinds[j] === KIND_ONBEKEND) continue;
      if (kind === KIND_GEPLAATST) this.plPos[this.plaatsingen++] = j;
      else if (kind === KIND_IN_BEELD) this.ibPos[this.inBeeld++] = j;
      else if (kind === KIND_MINIMA) this.miPos[this.minima++] = j;
      else if (kind === KIND_TRAJECT_START || kind === KIND_SCHULDHULP_START) starts++;
      else if (kind === KIND_TRAJECT_EINDE || kind === KIND_SCHULDHULP_EINDE) ends++;
      c++;
    }
    if (c === 0) return;
    // Assessments and alliances in timeline order.
    c = this.timelineOf(KIND_TREDE);
    for (let q = 0; q < c; q++) this.aPos[this.tredes++] = (this.order[q] as number) % SPAN;
    c = this.timelineOf(KIND_ALLIANTIE);
    for (let q = 0; q < c; q++) {
      const j = (this.order[q] as number) % SPAN;
      if (q === 0) this.alliantie = j;
      else this.skip(j, REDEN_ALLIANTIE_DUBBEL);
    }
    if (starts === 0 && ends === 0) return;
    // Starts of both kinds in timeline order: the first start of a trajectId holds it.
    this.resetTable(starts + ends);
    let s = 0;
    for (let j = 0; j < n; j++) {
      if (this.statuses[j] !== GEBRUIKT) continue;
      const kind = kindOf(this.kinds[j] as number);
      if (kind === KIND_TRAJECT_START || kind === KIND_SCHULDHULP_START) {
        this.order[s++] = (this.whens[j] as number) * SPAN + j;
      }
    }
    this.sortOrder(s);
    // Kept starts, in timeline order, with their end (−1) in `ends`' slot: trStart/shStart.
    for (let q = 0; q < s; q++) {
      const j = (this.order[q] as number) % SPAN;
      const code = this.amounts[j] as number;
      if (this.find(code) >= 0) {
        this.skip(j, REDEN_TRAJECT_DUBBEL);
        continue;
      }
      this.insert(code, j);
      if (kindOf(this.kinds[j] as number) === KIND_TRAJECT_START) {
        this.trStart[this.trajecten] = j;
        this.trEnd[this.trajecten++] = -1;
      } else {
        this.shStart[this.schuldhulp] = j;
        this.shEnd[this.schuldhulp++] = -1;
      }
    }
    if (ends === 0) return;
    let e = 0;
    for (let j = 0; j < n; j++) {
      if (this.statuses[j] !== GEBRUIKT) continue;
      const kind = kindOf(this.kinds[j] as number);
      if (kind === KIND_TRAJECT_EINDE || kind === KIND_SCHULDHULP_EINDE) {
        this.order[e++] = (this.whens[j] as number) * SPAN + j;
      }
    }
    this.sortOrder(e);
    for (let q = 0; q < e; q++) {
      const j = (this.order[q] as number) % SPAN;
      const start = this.find(this.amounts[j] as number);
      const traject = kindOf(this.kinds[j] as number) === KIND_TRAJECT_EINDE;
      const matching = traject ? KIND_TRAJECT_START : KIND_SCHULDHULP_START;
      const slot = start < 0 ? -1 : this.slotOfStart(start, traject);
      if (
        start < 0 ||
        kindOf(this.kinds[start] as number) !== matching ||
        (this.whens[start] as number) > (this.whens[j] as number) ||
        slot < 0 ||
        (traject ? this.trEnd[slot] : this.shEnd[slot]) !== -1
      ) {
        this.skip(j, REDEN_EINDE_ZONDER_START);
        continue;
      }
      if (traject) this.trEnd[slot] = j;
      else this.shEnd[slot] = j;
    }
  }

  private slotOfStart(start: number, traject: boolean): number {
    const list = traject ? this.trStart : this.shStart;
    const count = traject ? this.trajecten : this.schuldhulp;
    for (let k = 0; k < count; k++) if (list[k] === start) return k;
    return -1;
  }

  /** The facts of one §7.1 kind in timeline order into order[0 …]; returns their count. */
  private timelineOf(kind: number): number {
    let c = 0;
    for (let j = 0; j < this.feiten; j++) {
      if (
        this.statuses[j] === GEBRUIKT &&
        kindOf(this.kinds[j] as number) === kind &&
        this.kinds[j] !== KIND_ONBEKEND
      ) {
        this.order[c++] = (this.whens[j] as number) * SPAN + j;
      }
    }
    return this.sortOrder(c);
  }

  // ---- facts ----
  /** The fact's place in the state (to find its eventId). */
  plaats(j: number): number {
    return this.places[j] as number;
  }
  /** The fact's kind code (encoding.ts). */
  soort(j: number): number {
    return this.kinds[j] as number;
  }
  /** The fact's day (lifecycle and §7 facts) or month index (income). */
  wanneer(j: number): number {
    return this.whens[j] as number;
  }
  bedrag(j: number): number {
    return this.amounts[j] as number;
  }
  recordedAt(j: number): number {
    return this.recorded[j] as number;
  }
  status(j: number): number {
    return this.statuses[j] as number;
  }
  /** Why the fact was skipped (REDEN_…; for REDEN_LEVENSLOOP + 16 · rule: the rule broken), or its retraction's position. */
  waarom(j: number): number {
    return this.why[j] as number;
  }

  // ---- the lifecycle ----
  dag(k: number): number {
    return this.tDay[k] as number;
  }
  /** The state after transition k (domain state codes). */
  toestand(k: number): number {
    return this.tState[k] as number;
  }
  /** The fact of transition k. */
  feitVan(k: number): number {
    return this.tPos[k] as number;
  }
  /** The exit ending the spell opened by transition k, or −1 while it runs. */
  eindeVan(k: number): number {
    return k + 1 < this.transities ? k + 1 : -1;
  }

  // ---- income (§4.4) ----
  maand(i: number): number {
    return this.mMonth[i] as number;
  }
  loondienstCent(i: number): number {
    return this.mLoon[i] as number;
  }
  ondernemingCent(i: number): number {
    return this.mOnd[i] as number;
  }
  /** The facts of household-month i: positions maandFeitVan(i, 0 … maandFeiten(i) − 1). */
  maandFeiten(i: number): number {
    return (this.mTo[i] as number) - (this.mFrom[i] as number);
  }
  maandFeit(i: number, q: number): number {
    return this.mFacts[(this.mFrom[i] as number) + q] as number;
  }

  // ---- §7.1 ----
  /** The day of the k-th assessment. */
  tredeDag(k: number): number {
    return this.wanneer(this.trede(k));
  }
  trede(k: number): number {
    return this.aPos[k] as number;
  }
  trajectStart(k: number): number {
    return this.trStart[k] as number;
  }
  /** The kept end of trajectory k, or −1 while it runs. */
  trajectEinde(k: number): number {
    return this.trEnd[k] as number;
  }
  schuldhulpStart(k: number): number {
    return this.shStart[k] as number;
  }
  schuldhulpEinde(k: number): number {
    return this.shEnd[k] as number;
  }
  plaatsing(k: number): number {
    return this.plPos[k] as number;
  }
  inBeeldFeit(k: number): number {
    return this.ibPos[k] as number;
  }
  minimaFeit(k: number): number {
    return this.miPos[k] as number;
  }
  /** The soort code (interned) of a TrajectGestart, the resultaat / soort index of an end or placement. */
  extra(j: number): number {
    return extraOf(this.kinds[j] as number);
  }
}

// Sort keys pack (day or month, position); 2^26 positions keep them exact doubles.
const SPAN = 2 ** 26;

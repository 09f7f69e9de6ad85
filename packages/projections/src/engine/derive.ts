// MEETREGELS §2, "Projections never refuse a history": the lenient replay of one household.
// Its facts known at the cut-off (§3 kennisdatum), in recorded order: a repeated eventId is
// skipped; a retraction removes an earlier fact (one of an unknown or already retracted fact, or
// of a retraction, is skipped); the lifecycle facts then run in `datum` order (same datum:
// recorded order) through the domain's one table, and a fact that does not fit at its place is
// skipped; income for a month without a single day of bijstand (against that timeline) is
// skipped. Every skip is counted (`diagnose.genegeerd`). Nothing here throws.
//
// The result is a derived record of numbers, written into a Float64Array:
//   [genegeerd, nT, s7, soorten, (day, stateAfter) × nT, nY, (year, maanden, loondienstCent, ondernemingCent) × nY,
//    nR, (day) × nR, §7 sections]
// (s7: where the §7 sections start, from the record's start; 0 when it has no §7 fact, and then
// no §7 sections either, so the §7 figures skip such a household at once)
// - soorten: a bit per kind of fact of MEETREGELS §5 `nietGemeten` (SOORT_…) that the household
//   has unretracted, whatever its datum and whether the lenient replay keeps it;
// - the transitions that change the state, in timeline order (`loopt-door` changes nothing);
// - per year, the household-months with bijstand on at least one day and income > 0 (§4.4):
//   their number and their income by source;
// - the days of the transitions into bijstand that are a `Teruggevallen op WWB` (§4.8 instroom), in
//   timeline order (the other transitions into bijstand are `UitkeringGestart`);
// - MEETREGELS §7.1, each section its count and then its entries:
//   assessments (day, trede) in timeline order; trajectories (start, soort, end, resultaat) and
//   debt trajectories (start, end, resultaat), in timeline order of their starts, end +∞ and
//   resultaat −1 while running; placements (day, soort); in beeld (day); minima (day);
//   alliances (day), at most one.
// §7.1 in the lenient replay: the starts (both kinds share the trajectIds) in timeline order, a
// start whose trajectId an earlier start holds is skipped; then the ends in timeline order, an
// end is kept when the start of its kind with its trajectId is dated on or before it and has no
// end yet, else skipped; of an employer's alliances the first in the timeline is kept. So a
// history the decider accepted is replayed without a skip (the decider checks the same rules).
import { STATE_BIJSTAND, STATE_NOOIT, step, TRANSITION_LOOPT_DOOR, TRANSITION_TERUGVAL_WWB } from '@zelfredzaam/domain';
import {
  extraOf,
  idKeyOf,
  isInkomstenKind,
  isLevensloopKind,
  KIND_ALLIANTIE,
  KIND_GEPLAATST,
  KIND_IN_BEELD,
  KIND_INKOMSTEN_LOONDIENST,
  KIND_INKOMSTEN_ONDERNEMING,
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

export const REC_GENEGEERD = 0;
export const REC_TRANSITIONS = 1;
/** Where the §7 sections start, relative to the record; 0 when there are none. */
export const REC_PARAGRAAF7 = 2;
/** The bits (SOORT_…) of the kinds of fact the household has unretracted (§5 nietGemeten). */
export const REC_SOORTEN = 3;
/** Offset of the first (day, state) pair after the record's start. */
export const REC_FIRST_TRANSITION = 4;

// The bits of REC_SOORTEN: one per kind of fact that §5 `nietGemeten` asks about.
export const SOORT_INKOMSTEN = 1;
export const SOORT_TREDE = 2;
export const SOORT_TRAJECT = 4;
export const SOORT_PLAATSING = 8;
export const SOORT_IN_BEELD = 16;
export const SOORT_MINIMA = 32;
export const SOORT_SCHULDHULP = 64;
export const SOORT_ALLIANTIE = 128;
/** Every bit of REC_SOORTEN. */
export const SOORTEN_ALLE = 255;

/** The REC_SOORTEN bit of a kind code, 0 for a kind §5 does not ask about. */
const soortBit = (kind: number): number => {
  switch (kindOf(kind)) {
    case KIND_INKOMSTEN_LOONDIENST:
    case KIND_INKOMSTEN_ONDERNEMING:
      return SOORT_INKOMSTEN;
    case KIND_TREDE:
      return SOORT_TREDE;
    case KIND_TRAJECT_START:
      return SOORT_TRAJECT;
    case KIND_GEPLAATST:
      return SOORT_PLAATSING;
    case KIND_IN_BEELD:
      return SOORT_IN_BEELD;
    case KIND_MINIMA:
      return SOORT_MINIMA;
    case KIND_SCHULDHULP_START:
      return SOORT_SCHULDHULP;
    case KIND_ALLIANTIE:
      return SOORT_ALLIANTIE;
    default:
      return 0;
  }
};
export const YEAR_ENTRY = 4;

/** Reads a number that is known to be there (typed arrays, inside bounds). */
export const num = (a: Float64Array, i: number): number => a[i] as number;

/** Where the year entries' count sits in a record starting at `off`. */
export const yearsAt = (buf: Float64Array, off: number): number =>
  off + REC_FIRST_TRANSITION + 2 * num(buf, off + REC_TRANSITIONS);

/**
 * The month index (year · 12 + month − 1) of a day number: the domain's monthIndexOfDay without
 * its intermediate object (this runs per spell, for every household; derive.test.ts checks it
 * equal to the domain's for every day 1990–2100).
 */
export const monthOfDay = (day: number): number => {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0)) * 12 + month - 1;
};

/** The largest record a household with `facts` facts can derive. */
export const recordBound = (facts: number): number => 13 + 7 * facts;

/** Where the count of the terugval days (§4.8) sits in a record starting at `off`. */
export const terugvalAt = (buf: Float64Array, off: number): number => {
  const y = yearsAt(buf, off);
  return y + 1 + YEAR_ENTRY * num(buf, y);
};

/** Where the §7 sections start (the assessments' count), or −1 when the record has none. */
export const paragraaf7At = (buf: Float64Array, off: number): number => {
  const rel = num(buf, off + REC_PARAGRAAF7);
  return rel === 0 ? -1 : off + rel;
};
export const ASSESSMENT_ENTRY = 2;
export const TRAJECT_ENTRY = 4;
export const SCHULDHULP_ENTRY = 3;
export const PLAATSING_ENTRY = 2;
// The §7 sections, by index in `secties7`'s result.
export const S7_ASSESSMENTS = 0;
export const S7_TRAJECTEN = 1;
export const S7_SCHULDHULP = 2;
export const S7_PLAATSINGEN = 3;
export const S7_IN_BEELD = 4;
export const S7_MINIMA = 5;
export const S7_ALLIANTIES = 6;

/**
 * Where each §7 section of the record at `off` starts (its count), in one walk, into `into`;
 * false when the record has no §7 sections. (Written out: this runs for every household of a
 * report.)
 */
export const secties7 = (buf: Float64Array, off: number, into: Int32Array): boolean => {
  let p = paragraaf7At(buf, off);
  if (p < 0) return false;
  into[S7_ASSESSMENTS] = p;
  p += 1 + ASSESSMENT_ENTRY * num(buf, p);
  into[S7_TRAJECTEN] = p;
  p += 1 + TRAJECT_ENTRY * num(buf, p);
  into[S7_SCHULDHULP] = p;
  p += 1 + SCHULDHULP_ENTRY * num(buf, p);
  into[S7_PLAATSINGEN] = p;
  p += 1 + PLAATSING_ENTRY * num(buf, p);
  into[S7_IN_BEELD] = p;
  p += 1 + num(buf, p);
  into[S7_MINIMA] = p;
  p += 1 + num(buf, p);
  into[S7_ALLIANTIES] = p;
  return true;
};

const one = new Int32Array(S7_ALLIANTIES + 1);
/** Where section `k` (S7_…) of the record at `off` starts, or −1 when it has no §7 sections. */
export const sectie7 = (buf: Float64Array, off: number, k: number): number =>
  secties7(buf, off, one) ? (one[k] as number) : -1;

// Sort keys pack (day or month, position) into one number: the position keeps the sort stable
// (same datum: recorded order) without a comparator. With a span of 2^11 the keys stay small
// integers (fast arithmetic); a household with more facts uses 2^26 (exact doubles).
const SMALL_SPAN = 2048;
const LARGE_SPAN = 2 ** 26;

const ACTIEF = 0;
const INGETROKKEN = 1;
const OVERGESLAGEN = 2;

// Scratch space, reused by every derivation (single-threaded, never re-entered).
let capacity = 0;
let kinds = new Int32Array(0);
let whens = new Int32Array(0);
let amounts = new Int32Array(0);
let ids = new Float64Array(0);
let status = new Uint8Array(0);
let keys = new Float64Array(0);
let spells = new Float64Array(0);
let spellMonths = new Float64Array(0);
let positions = new Int32Array(0);
let partner = new Int32Array(0);
/** The days of the transitions into bijstand that are a Teruggevallen op WWB. */
let terugval = new Float64Array(0);
/** The positions of the active §7 facts, in recorded order. */
let positions7 = new Int32Array(0);

const ensureScratch = (n: number): void => {
  if (n <= capacity) return;
  capacity = Math.max(n, capacity * 2, 64);
  kinds = new Int32Array(capacity);
  positions = new Int32Array(capacity);
  partner = new Int32Array(capacity);
  terugval = new Float64Array(capacity);
  positions7 = new Int32Array(capacity);
  whens = new Int32Array(capacity);
  amounts = new Int32Array(capacity);
  ids = new Float64Array(capacity);
  status = new Uint8Array(capacity);
  keys = new Float64Array(capacity);
  spells = new Float64Array(2 * capacity + 2);
  spellMonths = new Float64Array(2 * capacity + 2);
};

// An open-addressing table from id key to position; a generation stamp empties it in O(1).
let tableBits = 0;
let tableKeys = new Float64Array(0);
let tableValues = new Int32Array(0);
let tableStamps = new Int32Array(0);
let stamp = 0;

const resetTable = (n: number): void => {
  let bits = 4;
  while (1 << bits < 2 * n) bits++;
  if (bits > tableBits || stamp > 0x3fffffff) {
    tableBits = Math.max(bits, tableBits);
    tableKeys = new Float64Array(1 << tableBits);
    tableValues = new Int32Array(1 << tableBits);
    tableStamps = new Int32Array(1 << tableBits);
    stamp = 0;
  }
  stamp++;
};

const findPosition = (key: number): number => {
  const mask = (1 << tableBits) - 1;
  // Both halves of the key are hashes, so its low bits spread well.
  for (let slot = (key >>> 0) & mask; tableStamps[slot] === stamp; slot = (slot + 1) & mask) {
    if (tableKeys[slot] === key) return tableValues[slot] as number;
  }
  return -1;
};

const insertPosition = (key: number, position: number): void => {
  const mask = (1 << tableBits) - 1;
  let slot = (key >>> 0) & mask;
  while (tableStamps[slot] === stamp) slot = (slot + 1) & mask;
  tableStamps[slot] = stamp;
  tableKeys[slot] = key;
  tableValues[slot] = position;
};

const sortKeys = (count: number): void => {
  if (count > 48) {
    keys.subarray(0, count).sort();
    return;
  }
  // Facts mostly arrive in datum order: insertion sort is then linear.
  for (let i = 1; i < count; i++) {
    const key = keys[i] as number;
    let j = i - 1;
    while (j >= 0 && (keys[j] as number) > key) {
      keys[j + 1] = keys[j] as number;
      j--;
    }
    keys[j + 1] = key;
  }
};

/** The smallest and largest recordedAt of all facts (any cut-off) of the last household derived. */
export const lastRecordedRange = new Float64Array(2);

/**
 * Derives household h's record from its facts with recordedAt ≤ `cutoff` into `out` at `at`;
 * `out` must have room for recordBound(count) numbers. Returns the record's length.
 */
export const deriveHousehold = (
  state: ProjectionState,
  h: number,
  cutoff: number,
  out: Float64Array,
  at: number,
): number => {
  const house = state.house;
  const head = house[h * HOUSE_INTS + H_HEAD] as number;
  const count = house[h * HOUSE_INTS + H_COUNT] as number;
  ensureScratch(count);
  const chunks = state.chunks;
  let n = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let done = 0, block = head; done < count; ) {
    const size = blockSizeAfter(done);
    const chunk = chunks[block >>> CHUNK_BITS] as FactChunk;
    const ints = chunk.ints;
    const floats = chunk.floats;
    const first = block & CHUNK_MASK;
    const take = Math.min(size, count - done);
    for (let o = first; o < first + take; o++) {
      const recordedAt = floats[o * FACT_FLOATS + F_RECORDED_AT] as number;
      if (recordedAt < min) min = recordedAt;
      if (recordedAt > max) max = recordedAt;
      if (recordedAt > cutoff) continue;
      kinds[n] = ints[o * FACT_INTS + F_KIND] as number;
      whens[n] = ints[o * FACT_INTS + F_WHEN] as number;
      amounts[n] = ints[o * FACT_INTS + F_AMOUNT] as number;
      ids[n] = floats[o * FACT_FLOATS + F_ID] as number;
      status[n] = ACTIEF;
      n++;
    }
    done += take;
    if (done < count) block = head + (ints[(first + size - 1) * FACT_INTS + F_NEXT] as number);
  }
  lastRecordedRange[0] = min;
  lastRecordedRange[1] = max;

  let genegeerd = 0;
  let paragraaf7 = 0;
  // Repeated eventIds and retractions, in recorded order: like the decider, a retraction can
  // only reach a fact recorded before it.
  resetTable(n);
  for (let j = 0; j < n; j++) {
    const key = ids[j] as number;
    if (findPosition(key) >= 0) {
      status[j] = OVERGESLAGEN;
      genegeerd++;
      continue;
    }
    if (kinds[j] === KIND_INTREKKING) {
      const target = findPosition(idKeyOf(whens[j] as number, amounts[j] as number));
      if (target < 0 || kinds[target] === KIND_INTREKKING || status[target] === INGETROKKEN) {
        status[j] = OVERGESLAGEN;
        genegeerd++;
      } else {
        status[target] = INGETROKKEN;
      }
    }
    insertPosition(key, j);
  }

  // The lifecycle, in datum order, through the one table.
  const span = n <= SMALL_SPAN ? SMALL_SPAN : LARGE_SPAN;
  let m = 0;
  let soorten = 0;
  for (let j = 0; j < n; j++) {
    if (status[j] !== ACTIEF) continue;
    const kind = kinds[j] as number;
    soorten |= soortBit(kind);
    if (isLevensloopKind(kind)) keys[m++] = (whens[j] as number) * span + j;
    else if (kind === KIND_ONBEKEND) genegeerd++;
    else if (kindOf(kind) >= KIND_TREDE) positions7[paragraaf7++] = j;
  }
  sortKeys(m);
  let lifecycle = STATE_NOOIT;
  let p = at + REC_FIRST_TRANSITION;
  let transitions = 0;
  let nSpells = 0;
  let spellStart = 0;
  let terugvallen = 0;
  for (let q = 0; q < m; q++) {
    const key = keys[q] as number;
    const j = key % span;
    const day = (key - j) / span;
    const transition = kinds[j] as number;
    const next = step(lifecycle, transition);
    if (next < 0) {
      genegeerd++;
      continue;
    }
    if (transition === TRANSITION_LOOPT_DOOR) continue;
    if (transition === TRANSITION_TERUGVAL_WWB) terugval[terugvallen++] = day;
    out[p] = day;
    out[p + 1] = next;
    p += 2;
    transitions++;
    if (lifecycle !== STATE_BIJSTAND && next === STATE_BIJSTAND) spellStart = day;
    else if (lifecycle === STATE_BIJSTAND && next !== STATE_BIJSTAND && spellStart < day) {
      // Spells are half-open [start, end); a start and an end on one day make no day of bijstand.
      spells[nSpells++] = spellStart;
      spells[nSpells++] = day;
    }
    lifecycle = next;
  }
  if (lifecycle === STATE_BIJSTAND) {
    spells[nSpells++] = spellStart;
    spells[nSpells++] = Number.POSITIVE_INFINITY;
  }
  out[at + REC_TRANSITIONS] = transitions;

  // Income, kept only for months with at least one day of bijstand: compared in months, a
  // spell [start, end) covers the months of its first and of its last day (end − 1).
  for (let s = 0; s < nSpells; s += 2) {
    spellMonths[s] = monthOfDay(spells[s] as number);
    const end = spells[s + 1] as number;
    spellMonths[s + 1] = end === Number.POSITIVE_INFINITY ? end : monthOfDay(end - 1);
  }
  let r = 0;
  for (let j = 0; j < n; j++) {
    if (status[j] !== ACTIEF || !isInkomstenKind(kinds[j] as number)) continue;
    const month = whens[j] as number;
    let withBijstand = false;
    for (let s = 0; s < nSpells && !withBijstand; s += 2) {
      withBijstand = (spellMonths[s] as number) <= month && (spellMonths[s + 1] as number) >= month;
    }
    if (withBijstand) keys[r++] = month * span + j;
    else genegeerd++;
  }
  sortKeys(r);
  const yearsCount = p;
  p++;
  let years = 0;
  let entry = -1;
  let q = 0;
  while (q < r) {
    const month = Math.floor((keys[q] as number) / span);
    let loondienst = 0;
    let onderneming = 0;
    // All reports of one month are summed (§4.4).
    for (; q < r && Math.floor((keys[q] as number) / span) === month; q++) {
      const j = (keys[q] as number) % span;
      if (kinds[j] === KIND_INKOMSTEN_LOONDIENST) loondienst += amounts[j] as number;
      else onderneming += amounts[j] as number;
    }
    if (loondienst + onderneming <= 0) continue;
    const year = Math.floor(month / 12);
    if (entry < 0 || out[entry] !== year) {
      entry = p;
      out[p] = year;
      out[p + 1] = 0;
      out[p + 2] = 0;
      out[p + 3] = 0;
      p += YEAR_ENTRY;
      years++;
    }
    out[entry + 1] = num(out, entry + 1) + 1;
    out[entry + 2] = num(out, entry + 2) + loondienst;
    out[entry + 3] = num(out, entry + 3) + onderneming;
  }
  out[yearsCount] = years;
  out[p++] = terugvallen;
  for (let k = 0; k < terugvallen; k++) out[p++] = terugval[k] as number;
  out[at + REC_SOORTEN] = soorten;
  if (paragraaf7 === 0) out[at + REC_PARAGRAAF7] = 0;
  else {
    out[at + REC_PARAGRAAF7] = p - at;
    p = deriveParagraaf7(paragraaf7, span, out, p);
    genegeerd += skipped7;
  }
  out[at + REC_GENEGEERD] = genegeerd;
  return p - at;
};

/** Facts of §7.1 skipped by the last deriveParagraaf7. */
let skipped7 = 0;

/** Sorts the §7 facts (of positions7[0 … c7)) of one kind by timeline into keys[0 …]; returns their count. */
const timelineOf = (c7: number, span: number, kind: number): number => {
  let c = 0;
  for (let i = 0; i < c7; i++) {
    const j = positions7[i] as number;
    if (kindOf(kinds[j] as number) === kind) keys[c++] = (whens[j] as number) * span + j;
  }
  sortKeys(c);
  return c;
};

/** Writes the dates of the §7 facts of one kind, in recorded order, after their count; returns the end. */
const datesOf = (c7: number, kind: number, out: Float64Array, at: number): number => {
  let p = at + 1;
  for (let i = 0; i < c7; i++) {
    const j = positions7[i] as number;
    if (kindOf(kinds[j] as number) === kind) out[p++] = whens[j] as number;
  }
  out[at] = p - at - 1;
  return p;
};

/**
 * Writes the §7 sections of the c7 active §7 facts (positions7) at `at` (see the layout above);
 * returns the end. The skipped facts are left in `skipped7`.
 */
const deriveParagraaf7 = (c7: number, span: number, out: Float64Array, at: number): number => {
  skipped7 = 0;
  let p = at;
  // Assessments, in timeline order.
  let c = timelineOf(c7, span, KIND_TREDE);
  out[p++] = c;
  for (let q = 0; q < c; q++) {
    const j = (keys[q] as number) % span;
    out[p++] = whens[j] as number;
    out[p++] = amounts[j] as number;
  }

  // Starts of both kinds in timeline order: the first start of a trajectId holds it.
  resetTable(c7);
  let starts = 0;
  let ends = 0;
  for (let i = 0; i < c7; i++) {
    const j = positions7[i] as number;
    const kind = kindOf(kinds[j] as number);
    if (kind === KIND_TRAJECT_START || kind === KIND_SCHULDHULP_START) keys[starts++] = (whens[j] as number) * span + j;
    else if (kind === KIND_TRAJECT_EINDE || kind === KIND_SCHULDHULP_EINDE) ends++;
  }
  sortKeys(starts);
  let kept = 0;
  for (let q = 0; q < starts; q++) {
    const j = (keys[q] as number) % span;
    const code = amounts[j] as number;
    if (findPosition(code) >= 0) {
      skipped7++;
      continue;
    }
    insertPosition(code, j);
    partner[j] = -1;
    positions[kept++] = j;
  }
  // Ends of both kinds in timeline order: kept when the start of their kind is on or before
  // them and has no end yet.
  if (ends > 0) {
    ends = 0;
    for (let i = 0; i < c7; i++) {
      const j = positions7[i] as number;
      const kind = kindOf(kinds[j] as number);
      if (kind === KIND_TRAJECT_EINDE || kind === KIND_SCHULDHULP_EINDE) keys[ends++] = (whens[j] as number) * span + j;
    }
    sortKeys(ends);
    for (let q = 0; q < ends; q++) {
      const j = (keys[q] as number) % span;
      const start = findPosition(amounts[j] as number);
      const matching = kindOf(kinds[j] as number) === KIND_TRAJECT_EINDE ? KIND_TRAJECT_START : KIND_SCHULDHULP_START;
      if (
        start < 0 ||
        kindOf(kinds[start] as number) !== matching ||
        (whens[start] as number) > (whens[j] as number) ||
        partner[start] !== -1
      ) {
        skipped7++;
        continue;
      }
      partner[start] = j;
    }
  }
  // Trajectories, then debt trajectories, in timeline order of their starts.
  let countAt = p++;
  c = 0;
  for (let q = 0; q < kept; q++) {
    const j = positions[q] as number;
    if (kindOf(kinds[j] as number) !== KIND_TRAJECT_START) continue;
    const end = partner[j] as number;
    out[p++] = whens[j] as number;
    out[p++] = extraOf(kinds[j] as number);
    out[p++] = end < 0 ? Number.POSITIVE_INFINITY : (whens[end] as number);
    out[p++] = end < 0 ? -1 : extraOf(kinds[end] as number);
    c++;
  }
  out[countAt] = c;
  countAt = p++;
  c = 0;
  for (let q = 0; q < kept; q++) {
    const j = positions[q] as number;
    if (kindOf(kinds[j] as number) !== KIND_SCHULDHULP_START) continue;
    const end = partner[j] as number;
    out[p++] = whens[j] as number;
    out[p++] = end < 0 ? Number.POSITIVE_INFINITY : (whens[end] as number);
    out[p++] = end < 0 ? -1 : extraOf(kinds[end] as number);
    c++;
  }
  out[countAt] = c;

  // Placements, in beeld and minima: every fact counts.
  countAt = p++;
  c = 0;
  for (let i = 0; i < c7; i++) {
    const j = positions7[i] as number;
    if (kindOf(kinds[j] as number) !== KIND_GEPLAATST) continue;
    out[p++] = whens[j] as number;
    out[p++] = extraOf(kinds[j] as number);
    c++;
  }
  out[countAt] = c;
  p = datesOf(c7, KIND_IN_BEELD, out, p);
  p = datesOf(c7, KIND_MINIMA, out, p);

  // An employer's alliances: the first in the timeline is kept.
  c = timelineOf(c7, span, KIND_ALLIANTIE);
  out[p++] = c > 0 ? 1 : 0;
  if (c > 0) out[p++] = whens[(keys[0] as number) % span] as number;
  skipped7 += Math.max(0, c - 1);
  return p;
};

// MEETREGELS §7.2 Trajecten, per soort — Zwolle: Workfast "574 trajecten beëindigd; 271 personen
// vonden werk, 229 aanvragen werden ingetrokken"; VAK "72 personen … na een halfjaar 57
// uitgestroomd naar werk"; Pauropus "118 deelnemers, 38 procent grote vooruitgang, van trede 2
// naar trede 4".
// Per soort: `gestart`: the trajectories (TrajectGestart kept by the lenient replay) with start in
// Y; `uitstroomBinnenZesMaanden`: of those, the ones whose household has an exit with reason
// loondienst or onderneming with d in [start, start + 6 calendar months) (clamped month arithmetic,
// as in §4.2) and d ≤ the evaluatiedatum V (§3, 2.0); `beeindigd`: the trajectories with
// end in Y, and per `resultaat` how many of those; `trede`, for the ones ended in Y: `begin` = the
// last assessment on or before the start, `eind` = the last on or before the end (§1 ordering),
// measured when both exist and are different assessments: gemeten, gestegen (eind > begin),
// groteVooruitgang (eind − begin ≥ 2). The report has a key for every soort with a start or an
// end in Y.
import { addMonths, STATE_UIT_LOONDIENST, STATE_UIT_ONDERNEMING } from '@zelfredzaam/domain';
import { forEachHuishouden } from './engine/cache.js';
import { num, S7_ASSESSMENTS, S7_TRAJECTEN, secties7, TRAJECT_ENTRY } from './engine/derive.js';
import { TRAJECT_RESULTATEN } from './engine/encoding.js';
import { record } from './engine/record.js';
import type { ProjectionState } from './engine/state.js';
import { type Peil, peilVan } from './parameters.js';
import { tredeAt, tredeDayAt } from './participatie.js';
import type { Parameters, Traject, Trajecten } from './types.js';

// The counters of one soort, by slot.
export const TJ_GESTART = 0;
export const TJ_UITSTROOM = 1;
export const TJ_BEEINDIGD = 2;
/** … + the resultaat's index in TRAJECT_RESULTATEN. */
export const TJ_RESULTAAT = 3;
export const TJ_GEMETEN = 8;
export const TJ_GESTEGEN = 9;
export const TJ_GROOT = 10;
export const TRAJECT_SLOTS = 11;
/** A household's part: [k, (soort, TRAJECT_SLOTS counters) × k]. */
export const TRAJECT_BIJDRAGE_ENTRY = 1 + TRAJECT_SLOTS;

/** The number of the household's trajectories (at `t`) that start or end in Y: 0 means no part. */
export const trajectenInJaar = (buf: Float64Array, t: number, peil: Peil): number => {
  const n = num(buf, t);
  let c = 0;
  for (let i = 0; i < n; i++) {
    const start = num(buf, t + 1 + TRAJECT_ENTRY * i);
    const end = num(buf, t + 3 + TRAJECT_ENTRY * i);
    if ((start >= peil.y0 && start <= peil.y1) || (end >= peil.y0 && end <= peil.y1)) c++;
  }
  return c;
};

/** The room `trajectenVan` needs for a household whose trajectories start at `t`. */
export const trajectBijdrageBound = (buf: Float64Array, t: number): number => 1 + TRAJECT_BIJDRAGE_ENTRY * num(buf, t);

/** True when the household has an exit to loondienst or onderneming with d in [van, tot). */
const werkUitstroomIn = (buf: Float64Array, off: number, van: number, tot: number): boolean => {
  const h = record.zet(buf, off);
  for (let k = 0; k < h.transities; k++) {
    const day = h.dag(k);
    if (day >= tot) return false;
    const state = h.toestand(k);
    if (day >= van && (state === STATE_UIT_LOONDIENST || state === STATE_UIT_ONDERNEMING)) return true;
  }
  return false;
};

const tel = (out: Float64Array, slot: number): void => {
  out[slot] = num(out, slot) + 1;
};

/** The index of the last assessment dated on or before `day`, or −1. */
const laatsteTredeOp = (buf: Float64Array, a: number, day: number): number => {
  const n = num(buf, a);
  let last = -1;
  for (let k = 0; k < n && tredeDayAt(buf, a, k) <= day; k++) last = k;
  return last;
};

/**
 * Writes the household's part of every soort's counters into `out` (room:
 * trajectBijdrageBound) as [k, (soort, counters) × k], each soort once; returns k. `a` and `t`:
 * where its assessments and its trajectories start (derive.ts S7_ASSESSMENTS, S7_TRAJECTEN).
 */
export const trajectenVan = (
  buf: Float64Array,
  off: number,
  a: number,
  t: number,
  peil: Peil,
  out: Float64Array,
): number => {
  out[0] = 0;
  const n = num(buf, t);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const e = t + 1 + TRAJECT_ENTRY * i;
    const start = num(buf, e);
    const end = num(buf, e + 2);
    const gestart = start >= peil.y0 && start <= peil.y1;
    const beeindigd = end >= peil.y0 && end <= peil.y1;
    if (!gestart && !beeindigd) continue;
    const soort = num(buf, e + 1);
    let at = -1;
    for (let q = 0; q < k && at < 0; q++) if (out[1 + TRAJECT_BIJDRAGE_ENTRY * q] === soort) at = q;
    if (at < 0) {
      at = k++;
      const base = 1 + TRAJECT_BIJDRAGE_ENTRY * at;
      out[base] = soort;
      out.fill(0, base + 1, base + TRAJECT_BIJDRAGE_ENTRY);
    }
    const c = 2 + TRAJECT_BIJDRAGE_ENTRY * at;
    if (gestart) {
      tel(out, c + TJ_GESTART);
      if (werkUitstroomIn(buf, off, start, Math.min(addMonths(start, 6), peil.v + 1))) tel(out, c + TJ_UITSTROOM);
    }
    if (beeindigd) {
      tel(out, c + TJ_BEEINDIGD);
      tel(out, c + TJ_RESULTAAT + num(buf, e + 3));
      const begin = laatsteTredeOp(buf, a, start);
      const eind = laatsteTredeOp(buf, a, end);
      if (begin >= 0 && eind !== begin) {
        tel(out, c + TJ_GEMETEN);
        const stijging = tredeAt(buf, a, eind) - tredeAt(buf, a, begin);
        if (stijging > 0) tel(out, c + TJ_GESTEGEN);
        if (stijging >= 2) tel(out, c + TJ_GROOT);
      }
    }
  }
  out[0] = k;
  return k;
};

/** One soort's figure from its counters (`c(slot)`). */
export const trajectUit = (c: (slot: number) => number): Traject => ({
  gestart: c(TJ_GESTART),
  uitstroomBinnenZesMaanden: c(TJ_UITSTROOM),
  beeindigd: c(TJ_BEEINDIGD),
  resultaten: {
    werk: c(TJ_RESULTAAT + TRAJECT_RESULTATEN.indexOf('werk')),
    opleiding: c(TJ_RESULTAAT + TRAJECT_RESULTATEN.indexOf('opleiding')),
    ingetrokken: c(TJ_RESULTAAT + TRAJECT_RESULTATEN.indexOf('ingetrokken')),
    voltooid: c(TJ_RESULTAAT + TRAJECT_RESULTATEN.indexOf('voltooid')),
    uitgevallen: c(TJ_RESULTAAT + TRAJECT_RESULTATEN.indexOf('uitgevallen')),
  },
  trede: { gemeten: c(TJ_GEMETEN), gestegen: c(TJ_GESTEGEN), groteVooruitgang: c(TJ_GROOT) },
});

/** The counters per soort code as the report's object, keyed by soort name in code point order. */
export const trajectenUit = (perSoort: ReadonlyMap<number, Float64Array>, soorten: readonly string[]): Trajecten => {
  const entries: [string, Traject][] = [];
  for (const [code, counters] of perSoort) {
    // A soort whose trajectories all left the year again (live updates) has no key.
    if ((counters[TJ_GESTART] as number) === 0 && (counters[TJ_BEEINDIGD] as number) === 0) continue;
    entries.push([soorten[code] ?? String(code), trajectUit((slot) => counters[slot] as number)]);
  }
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
};

/** Adds a household's part ([k, (soort, counters) × k], times `sign`) to counters per soort code. */
export const voegTrajectenToe = (perSoort: Map<number, Float64Array>, part: Float64Array, sign: number): void => {
  const k = num(part, 0);
  for (let q = 0; q < k; q++) {
    const base = 1 + TRAJECT_BIJDRAGE_ENTRY * q;
    const code = num(part, base);
    let counters = perSoort.get(code);
    if (counters === undefined) {
      counters = new Float64Array(TRAJECT_SLOTS);
      perSoort.set(code, counters);
    }
    for (let slot = 0; slot < TRAJECT_SLOTS; slot++) {
      counters[slot] = (counters[slot] as number) + sign * num(part, base + 1 + slot);
    }
  }
};

let scratch = new Float64Array(64);

/** A buffer with room for the part of a household whose trajectories start at `t` (reused). */
export const trajectScratch = (buf: Float64Array, t: number): Float64Array => {
  const room = trajectBijdrageBound(buf, t);
  if (room > scratch.length) scratch = new Float64Array(Math.max(room, scratch.length * 2));
  return scratch;
};

/** §7.2 Trajecten on its own. */
export const trajecten = (state: ProjectionState, parameters: Parameters): Trajecten => {
  const peil = peilVan(parameters);
  const perSoort = new Map<number, Float64Array>();
  const secties = new Int32Array(7);
  forEachHuishouden(state, peil.cutoff, (buf, off) => {
    if (!secties7(buf, off, secties)) return;
    const a = secties[S7_ASSESSMENTS] as number;
    const t = secties[S7_TRAJECTEN] as number;
    const part = trajectScratch(buf, t);
    if (trajectenVan(buf, off, a, t, peil, part) > 0) voegTrajectenToe(perSoort, part, 1);
  });
  return trajectenUit(perSoort, state.soorten.list);
};

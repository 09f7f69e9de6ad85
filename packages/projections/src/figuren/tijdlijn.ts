// The lifecycle rules that the report and the verklaring share. Both views of a household — the
// derived record (engine/record.ts, for counting) and the lenient replay with its facts
// (engine/huishouden.ts, for naming members) — give the same timeline of transitions that
// change the state (§2), so a rule written once here answers both: the report counts what the
// verklaring names. Each returns a transition's index (−1: none), never allocates.
import {
  addMonths,
  isQualifyingExitState,
  STATE_BIJSTAND,
  STATE_UIT_LOONDIENST,
  STATE_UIT_ONDERNEMING,
} from '@zelfredzaam/domain';
import type { Peil } from '../parameters.js';

/** A household's timeline: its transitions in timeline order, each a day and the state after it. */
export interface Tijdlijn {
  readonly transities: number;
  dag(k: number): number;
  toestand(k: number): number;
}

/**
 * §4.1: the household's next qualifying exit (loondienst, onderneming, opleiding) with d in Y,
 * from transition `vanaf` on: `for (k = volgendeUitstroom(h, 0, p); k >= 0; k = volgendeUitstroom(h, k + 1, p))`.
 */
export const volgendeUitstroom = (h: Tijdlijn, vanaf: number, p: Peil): number => {
  for (let k = vanaf; k < h.transities; k++) {
    const d = h.dag(k);
    if (d > p.y1) return -1;
    if (d >= p.y0 && isQualifyingExitState(h.toestand(k))) return k;
  }
  return -1;
};

/** §4.1: the household's first qualifying exit with d in Y. */
export const eersteUitstroom = (h: Tijdlijn, p: Peil): number => volgendeUitstroom(h, 0, p);

/** §4.2: the first transition after k that is a return into bijstand. */
export const terugkeerNa = (h: Tijdlijn, k: number): number => {
  for (let q = k + 1; q < h.transities; q++) if (h.toestand(q) === STATE_BIJSTAND) return q;
  return -1;
};

// §4.2: what became of a qualifying exit on the evaluatiedatum V.
export const DUURZAAM = 0;
export const TERUGGEVALLEN = 1;
export const NOG_ONBEKEND = 2;

/**
 * §4.2: exit k's window ends at w = d + 6 calendar months; TERUGGEVALLEN when the first return
 * after it falls at r < w and r ≤ V, else DUURZAAM when V ≥ w, else NOG_ONBEKEND.
 */
export const uitkomstVan = (h: Tijdlijn, k: number, p: Peil): number => {
  const w = addMonths(h.dag(k), 6);
  const q = terugkeerNa(h, k);
  const r = q < 0 ? Number.POSITIVE_INFINITY : h.dag(q);
  if (r < w && r <= p.v) return TERUGGEVALLEN;
  return p.v >= w ? DUURZAAM : NOG_ONBEKEND;
};

/** §4.3: the household's first exit to loondienst or onderneming with d in Y and d ≤ M. */
export const cohortUitstroom = (h: Tijdlijn, p: Peil): number => {
  for (let k = 0; k < h.transities; k++) {
    const d = h.dag(k);
    if (d > p.m || d > p.y1) return -1;
    const state = h.toestand(k);
    if (d >= p.y0 && (state === STATE_UIT_LOONDIENST || state === STATE_UIT_ONDERNEMING)) return k;
  }
  return -1;
};

/**
 * §7.2 Trajecten (2.0): the household's first exit to loondienst or onderneming with d in
 * [start, start + 6 calendar months) and d ≤ V, or −1.
 */
export const werkUitstroomBinnenZesMaanden = (h: Tijdlijn, start: number, p: Peil): number => {
  const tot = Math.min(addMonths(start, 6), p.v + 1);
  for (let k = 0; k < h.transities; k++) {
    const d = h.dag(k);
    if (d >= tot) return -1;
    const state = h.toestand(k);
    if (d >= start && (state === STATE_UIT_LOONDIENST || state === STATE_UIT_ONDERNEMING)) return k;
  }
  return -1;
};

/** The last transition dated on or before `day` (its state is the household's state on `day`). */
export const laatsteOp = (h: Tijdlijn, day: number): number => {
  let last = -1;
  for (let k = 0; k < h.transities && h.dag(k) <= day; k++) last = k;
  return last;
};

/** True when the household has bijstand on `day`: its state after every transition dated ≤ day. */
export const bijstandOp = (h: Tijdlijn, day: number): boolean => {
  let bijstand = false;
  for (let k = 0; k < h.transities && h.dag(k) <= day; k++) bijstand = h.toestand(k) === STATE_BIJSTAND;
  return bijstand;
};

/** The transition that opened the spell containing `day`, or −1 when there is no bijstand on it. */
export const spellOp = (h: Tijdlijn, day: number): number => {
  let start = -1;
  let bijstand = false;
  for (let k = 0; k < h.transities && h.dag(k) <= day; k++) {
    const next = h.toestand(k) === STATE_BIJSTAND;
    if (!bijstand && next) start = k;
    bijstand = next;
  }
  return bijstand ? start : -1;
};

/**
 * §7.2 Langdurig: the transition that opened the spell containing E once spells separated by a
 * gap shorter than `hervattingsgrens` days are merged (a spell without a day of bijstand is no
 * spell), or −1 when there is no bijstand on E.
 */
export const langdurigBegin = (h: Tijdlijn, p: Peil): number => {
  let bijstand = false;
  let spellStart = 0;
  let merged = -1;
  // The last spell with a day of bijstand: its merged start and its end.
  let previous = -1;
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < h.transities; k++) {
    const day = h.dag(k);
    if (day > p.e) break;
    const next = h.toestand(k) === STATE_BIJSTAND;
    if (!bijstand && next) {
      spellStart = day;
      merged = day - previousEnd < p.hervattingsgrens ? previous : k;
    } else if (bijstand && !next && day > spellStart) {
      previous = merged;
      previousEnd = day;
    }
    bijstand = next;
  }
  return bijstand ? merged : -1;
};

/**
 * The transition that opened a spell with a day of bijstand in [van, tot], or −1 (days of
 * bijstand are those of the spells, half-open [start, end): a start and an exit on one day give
 * none; a spell still open where the period stops reaches into it).
 */
export const spellIn = (h: Tijdlijn, van: number, tot: number): number => {
  let bijstand = false;
  let start = -1;
  for (let k = 0; k < h.transities; k++) {
    const day = h.dag(k);
    if (day > tot) break;
    const next = h.toestand(k) === STATE_BIJSTAND;
    if (!bijstand && next) start = k;
    else if (bijstand && !next && h.dag(start) < day && day > van) return start;
    bijstand = next;
  }
  return bijstand ? start : -1;
};

/** A household's assessments (§7.1 ParticipatieTredeVastgesteld kept), in timeline order. */
export interface Treden {
  readonly tredes: number;
  /** The day of the k-th assessment. */
  tredeDag(k: number): number;
}

/** §7.2 Participatiegroei: `eind`, the household's last assessment in Y, or −1. */
export const eindTrede = (h: Treden, p: Peil): number => {
  let laatste = -1;
  for (let k = 0; k < h.tredes; k++) {
    const d = h.tredeDag(k);
    if (d > p.y1) break;
    if (d >= p.y0) laatste = k;
  }
  return laatste;
};

/**
 * §7.2 Participatiegroei: `begin` for the household whose `eind` is given: its last assessment
 * before Y, or else its first in Y when that is not `eind`; −1 (not measured).
 */
export const beginTrede = (h: Treden, p: Peil, eind: number): number => {
  let k = 0;
  while (k < h.tredes && h.tredeDag(k) < p.y0) k++;
  if (k > 0) return k - 1;
  return k !== eind ? k : -1;
};

/** §7.2 Trajecten: the last assessment dated on or before `day`, or −1. */
export const laatsteTredeOp = (h: Treden, day: number): number => {
  let last = -1;
  for (let k = 0; k < h.tredes && h.tredeDag(k) <= day; k++) last = k;
  return last;
};

// MEETREGELS §8: what every figure module provides for the verklaring — its section, its cells,
// and per household (or employer) which of its cells it belongs to, with the facts that decide
// it and a one-sentence Dutch toelichting. The rules read a typed household view
// (engine/huishouden.ts), never an offset.
import { isoDateOf, isoMonthOf, UIT_REDENEN } from '@zelfredzaam/domain';
import type { HuishoudenView } from '../engine/huishouden.js';
import type { Peil } from '../parameters.js';
import type { Jaarrapport } from '../types.js';

/** The names behind the numbers of a state (interned strings of §7.1). */
export interface Namen {
  readonly soorten: readonly string[];
  readonly trajectIds: readonly string[];
  readonly regelingen: readonly string[];
}

/**
 * A toelichting: a function of numbers (days, months, codes, cents) and the state's names. Kept as
 * the function and its numbers until it is written, so a cell of many members holds no strings.
 */
export type Tekst = (a: readonly number[], namen: Namen) => string;

export interface LidOpties {
  /** The fact counted, for a cell that counts facts (a position of the view). */
  readonly feit?: number;
  /** The month (index: year · 12 + month − 1), for a cell that counts household-months. */
  readonly maand?: number;
}

/** Where a figure puts its members. */
export interface Leden {
  /** The names behind the state's numbers. */
  readonly namen: Namen;
  /**
   * A member of cell `cel` (its full path): `feiten` are the positions (in the view) of the facts
   * that decide it; its toelichting is `tekst(args)`.
   */
  lid(cel: string, feiten: readonly number[], tekst: Tekst, args: readonly number[], opties?: LidOpties): void;
}

/** One figure of MEETREGELS §4 or §7.2, as the verklaring sees it. */
export interface Figuur {
  /** Its key in the §5 object. */
  readonly naam: string;
  /** Its section of MEETREGELS. */
  readonly sectie: string;
  /** Its title, in Dutch. */
  readonly titel: string;
  /** Its object is keyed by soort (§7.2 Trajecten): a restatement lists the soorten of either side, sorted. */
  readonly perSoort?: boolean;
  /** Its cells' paths, in the report's order (some depend on the report: soorten, overgangen). */
  cellen(rapport: Jaarrapport): readonly string[];
  /** The cells household `h` belongs to, and why. */
  verklaar(h: HuishoudenView, p: Peil, leden: Leden): void;
}

/** A day number as an ISO date. */
export const dag = (day: number): string => isoDateOf(day);
/** A month index as YYYY-MM. */
export const maand = (month: number): string => isoMonthOf(month);
/** Cents as euros, the Dutch way: 47550 → "€ 475,50". */
export const euro = (cents: number): string => {
  const whole = Math.floor(cents / 100);
  const rest = String(cents % 100).padStart(2, '0');
  return `€ ${String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${rest}`;
};

/** What a state code of the lifecycle means, after "uitgestroomd naar". */
export const UITSTROOM_NAAR: readonly string[] = [
  '',
  '',
  '',
  'loondienst',
  'een eigen onderneming',
  'opleiding',
  'verhuizing',
  'overlijden',
  'een andere uitkering',
  'detentie',
  'inkomen van de partner',
  'een andere reden',
];
/** The reason of an uit state as MEETREGELS names it (UIT_REDENEN), by state code. */
export const REDEN_VAN_STATE: readonly string[] = ['', '', '', ...UIT_REDENEN];

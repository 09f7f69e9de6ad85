// MEETREGELS §8: what every figure module provides for the verklaring — its section, its cells,
// and per household (or employer) which of its cells it belongs to, with the facts that decide
// it and a one-sentence Dutch toelichting. The rules read a typed household view
// (engine/huishouden.ts), never an offset.
import { isoDateOf, isoMonthOf, UIT_REDENEN } from '@zelfredzaam/domain';
import type { HuishoudenView } from '../engine/huishouden.js';
import type { RecordView } from '../engine/record.js';
import type { Peil } from '../parameters.js';
import type { Jaarrapport, NietGemeten, Verschil } from '../types.js';

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

/**
 * A figure's parts summed over the households counted, as its `uit` reads them (see Figuur.uit).
 */
export interface Som {
  /** The sum of slot `slot` of the figure's part. */
  n(slot: number): number;
  /** For a figure with a part per key (Figuur.perSleutel): the summed counters per key. */
  readonly perSleutel: ReadonlyMap<number, Float64Array>;
  /** The names behind the state's numbers (soort codes …). */
  readonly soorten: readonly string[];
  readonly peil: Peil;
}

/**
 * One figure of MEETREGELS §4 or §7.2: the one place it lives. The report (jaarrapport,
 * LiveRapport, the figure on its own), the restatement (herziening), the verklaring and every
 * formatter loop over the registry (registry.ts) and ask each figure.
 */
export interface Figuur<T = unknown, N extends string = string> {
  /** Its key in the §5 object. */
  readonly naam: N;
  /** Its section of MEETREGELS (the §5 object lists the figures in section order). */
  readonly sectie: string;
  /** Its title, in Dutch. */
  readonly titel: string;
  /** Its object is keyed by soort (§7.2 Trajecten): a restatement lists the soorten of either side, sorted. */
  readonly perSoort: boolean;
  /**
   * §5 nietGemeten: the kind of fact it needs (engine/derive.ts SOORT_… bit); when no household
   * has one, the figure is listed as not measured. 0: it is always measured.
   */
  readonly feitSoort: number;
  /** Its cells' paths, in the report's order (some depend on the report: soorten, overgangen). */
  cellen(rapport: Jaarrapport): readonly string[];
  /** The cells household `h` belongs to, and why (the verklaring, §8). */
  verklaar(h: HuishoudenView, p: Peil, leden: Leden): void;
  /** How many numbers one household's part takes (the registry gives each figure its place). */
  readonly slots: number;
  /**
   * The report: adds household `h`'s part to out[at … at + slots) (nothing when it has none). The
   * report passes its running totals, so no household's part is written out and added up again;
   * for one household's part alone, pass zeros.
   */
  bijdrage(h: RecordView, p: Peil, out: Float64Array, at: number): void;
  /** For a part per key (§7.2 Trajecten: per soort): the counters per key. 0: no such part. */
  readonly sleutelSlots: number;
  /**
   * The household's part per key as [k, (key, sleutelSlots counters) × k] in a reused buffer, or
   * undefined when it has none.
   */
  perSleutel(h: RecordView, p: Peil): Float64Array | undefined;
  /** Its §5 object from the summed parts. */
  uit(som: Som): T;
  /** How the documents (and every formatter) show it, in Dutch. */
  readonly labels: Labels;
}

/** How a value is shown: a count, a share (a fraction 0–1, shown as a percentage), or whole euros. */
export type Eenheid = 'aantal' | 'aandeel' | 'euro';

/** The figures of a report, or their differences (a Jaarrapport is one too). */
export type Cijfers = Verschil;

/** A breakdown row under an indicator. */
export interface Detail {
  readonly label: string;
  readonly eenheid: Eenheid;
  readonly waarde: (r: Cijfers) => number | null;
}

/** An indicator of the documents: its headline figure and the breakdown shown beneath it. */
export interface Indicator {
  /** The key used in the normen file (the figure's name, or name.soort). */
  readonly id: string;
  readonly titel: string;
  /** A short name, for rows that list several indicators. */
  readonly kort: string;
  readonly eenheid: Eenheid;
  readonly waarde: (r: Cijfers) => number | null;
  /** The count a `waarde` norm is measured against (euros for an amount). */
  readonly aantal: (r: Cijfers) => number | null;
  /** The share an `aandeel` norm is measured against, for indicators that have one. */
  readonly aandeel?: (r: Cijfers) => number | null;
  /** MEETREGELS §5: the figure of `nietGemeten` this indicator shows, when it can be one. */
  readonly figuur?: NietGemeten;
  readonly details: readonly Detail[];
  /**
   * Breakdown rows that depend on the reports (§7.2 Participatiegroei: a row per transition that
   * occurs): label and a value per report.
   */
  readonly rijen?: (rapporten: readonly Jaarrapport[]) => readonly { label: string; waarden: readonly number[] }[];
}

/** A section of rows without a norm (§4.8 Stroom: the flow of the year). */
export interface Overzicht {
  readonly titel: string;
  /** Its rows; `waarde` reads a report, or the differences of a restatement. */
  readonly rijen: readonly { label: string; niveau: 0 | 1; waarde: (r: Cijfers) => number }[];
  readonly voetnoten: readonly string[];
}

/** How the documents show a figure: its indicators (with norms) and/or an overview section. */
export interface Labels {
  /** Its indicators; for a figure per soort, one per soort in any of `rapporten`. */
  indicatoren(rapporten: readonly Cijfers[]): readonly Indicator[];
  readonly overzicht?: Overzicht;
}

/** What a figure module gives; `figuur` fills the optional parts (one object shape for all). */
export interface FiguurDefinitie<T, N extends string>
  extends Omit<Figuur<T, N>, 'perSoort' | 'feitSoort' | 'sleutelSlots' | 'perSleutel'>,
    Partial<Pick<Figuur<T, N>, 'perSoort' | 'feitSoort' | 'sleutelSlots' | 'perSleutel'>> {}

const geenDeel = (): undefined => undefined;

/** A figure (every figure object has the same shape, so the report's calls stay monomorphic). */
export const figuur = <T, N extends string>(d: FiguurDefinitie<T, N>): Figuur<T, N> => ({
  naam: d.naam,
  sectie: d.sectie,
  titel: d.titel,
  perSoort: d.perSoort ?? false,
  feitSoort: d.feitSoort ?? 0,
  cellen: d.cellen,
  verklaar: d.verklaar,
  slots: d.slots,
  bijdrage: d.bijdrage,
  sleutelSlots: d.sleutelSlots ?? 0,
  perSleutel: d.perSleutel ?? geenDeel,
  uit: d.uit,
  labels: d.labels,
});

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

/**
 * Sets out[at … at + slots) to 0 (a household's row of the live report, a part per key). By
 * hand: the slots are few, and a call of the typed array's fill per household cost more
 * (measured on §4.8's part over 98,212 households, before figures added to the totals: 16 → 10.5 ms).
 */
export const wis = (out: Float64Array, at: number, slots: number): void => {
  for (let i = at; i < at + slots; i++) out[i] = 0;
};

/** Adds a one-hot part (1 in `slot`) to out[at …]. */
export const een = (out: Float64Array, at: number, slot: number): void => {
  out[at + slot] = (out[at + slot] as number) + 1;
};

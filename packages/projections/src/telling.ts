// MEETREGELS §5 and §7.3: the counts of a report, over the registry of figures (figuren/). Each
// figure says how many numbers one household's part takes; the registry's order gives each its
// place, so a household's whole part is one row of BIJDRAGE_SIZE numbers and a Telling adds rows
// up (or takes them back: the live report). Beside the figures a row holds what §5 asks of every
// household: the kinds of fact it has (nietGemeten) and its skipped facts (diagnose).
import { nietGemetenUit, SOORT_BITS } from './bron.js';
import { forEachHuishouden } from './engine/cache.js';
import { type RecordView, record } from './engine/record.js';
import type { ProjectionState } from './engine/state.js';
import { type Figuur, type Som, wis } from './figuren/figuur.js';
import { FIGUREN, RAPPORT_VOLGORDE } from './figuren/registry.js';
import { type Peil, peilVan } from './parameters.js';
import type { Bron, Jaarrapport, Parameters } from './types.js';

const N = FIGUREN.length;
/** Where each figure's part starts in a row (and in a Telling). */
const AT = new Int32Array(N);
let size = 0;
for (let i = 0; i < N; i++) {
  AT[i] = size;
  size += (FIGUREN[i] as Figuur).slots;
}
const B_GENEGEERD = size;
/** The household's REC_SOORTEN bits (bron.ts SOORT_BITS). */
const B_SOORTEN = size + 1;
/** The numbers of one household's part in every figure. */
export const BIJDRAGE_SIZE = B_SOORTEN + 1;
// A Telling: the figures' slots as in a row, then genegeerd, then per SOORT_BITS bit the
// households (or employers) that have that kind.
const T_GENEGEERD = size;
const T_SOORTEN = size + 1;
const TELLING_SIZE = T_SOORTEN + SOORT_BITS.length;

class SomVan implements Som {
  constructor(
    private readonly t: Float64Array,
    private readonly at: number,
    readonly perSleutel: ReadonlyMap<number, Float64Array>,
    readonly soorten: readonly string[],
    readonly peil: Peil,
  ) {}
  n(slot: number): number {
    return this.t[this.at + slot] as number;
  }
}

/** Adds a part per key ([k, (key, `slots` counters) × k], times `sign`) to counters per key. */
const voegSleutelsToe = (perSleutel: Map<number, Float64Array>, part: Float64Array, slots: number, sign: number) => {
  const k = part[0] as number;
  for (let q = 0; q < k; q++) {
    const base = 1 + (1 + slots) * q;
    const key = part[base] as number;
    let counters = perSleutel.get(key);
    if (counters === undefined) {
      counters = new Float64Array(slots);
      perSleutel.set(key, counters);
    }
    for (let s = 0; s < slots; s++) counters[s] = (counters[s] as number) + sign * (part[base + 1 + s] as number);
  }
};

/** The length of a part per key (what to keep of the reused buffer). */
export const sleutelDeelLengte = (part: Float64Array, slots: number): number => 1 + (1 + slots) * (part[0] as number);

/**
 * Writes household `h`'s whole part (every figure's, and the §5 row of nietGemeten and
 * genegeerd) into out[at … at + BIJDRAGE_SIZE). Parts per key are not in the row (perSleutel).
 */
export const bijdrageVan = (h: RecordView, peil: Peil, out: Float64Array, at: number): void => {
  for (let i = 0; i < N; i++) {
    const f = FIGUREN[i] as Figuur;
    const from = at + (AT[i] as number);
    wis(out, from, f.slots);
    f.bijdrage(h, peil, out, from);
  }
  out[at + B_GENEGEERD] = h.genegeerd;
  out[at + B_SOORTEN] = h.soorten;
};

/** The counters per key of a figure without a part per key: always empty. */
const GEEN_SLEUTELS: Map<number, Float64Array> = new Map();

/** The figures (by registry index) that have a part per key. */
export const MET_SLEUTELS: readonly number[] = FIGUREN.flatMap((f, i) => (f.sleutelSlots > 0 ? [i] : []));

/** The counts of a report: households' parts added (sign 1) or taken back (sign −1). */
export class Telling {
  private readonly t = new Float64Array(TELLING_SIZE);
  /** Per figure with a part per key: the counters per key (the others share an empty map: `bijdragen` makes a Telling per household). */
  private readonly sleutels: Map<number, Float64Array>[] = FIGUREN.map((f) =>
    f.sleutelSlots > 0 ? new Map() : GEEN_SLEUTELS,
  );

  /** Adds household `h`'s whole part (the one-pass report): each figure adds to the totals. */
  telMee(h: RecordView, peil: Peil): void {
    const t = this.t;
    for (let i = 0; i < N; i++) {
      const f = FIGUREN[i] as Figuur;
      f.bijdrage(h, peil, t, AT[i] as number);
      if (f.sleutelSlots > 0) {
        const part = f.perSleutel(h, peil);
        if (part !== undefined) voegSleutelsToe(this.sleutels[i] as Map<number, Float64Array>, part, f.sleutelSlots, 1);
      }
    }
    t[T_GENEGEERD] = (t[T_GENEGEERD] as number) + h.genegeerd;
    this.soorten(h.soorten, 1);
  }

  /** Adds (sign 1) or takes back (−1) a row written by bijdrageVan. */
  voegToe(b: Float64Array, at: number, sign: number): void {
    const t = this.t;
    for (let s = 0; s <= B_GENEGEERD; s++) t[s] = (t[s] as number) + sign * (b[at + s] as number);
    this.soorten(b[at + B_SOORTEN] as number, sign);
  }

  /** Adds (sign 1) or takes back (−1) figure `i`'s part per key (of perSleutel). */
  voegSleutelsToe(i: number, part: Float64Array, sign: number): void {
    const f = FIGUREN[i] as Figuur;
    voegSleutelsToe(this.sleutels[i] as Map<number, Float64Array>, part, f.sleutelSlots, sign);
  }

  private soorten(bits: number, sign: number): void {
    if (bits === 0) return;
    for (let k = 0; k < SOORT_BITS.length; k++) {
      if ((bits & (SOORT_BITS[k] as number)) !== 0) this.t[T_SOORTEN + k] = (this.t[T_SOORTEN + k] as number) + sign;
    }
  }

  /** Each figure's §5 object, by name, in the order of the §5 object. */
  figuren(peil: Peil, soorten: readonly string[]): Record<string, unknown> {
    const uit: Record<string, unknown> = {};
    for (const i of RAPPORT_VOLGORDE) {
      const f = FIGUREN[i] as Figuur;
      uit[f.naam] = f.uit(
        new SomVan(this.t, AT[i] as number, this.sleutels[i] as Map<number, Float64Array>, soorten, peil),
      );
    }
    return uit;
  }

  /** The genegeerd facts counted. */
  genegeerd(): number {
    return this.t[T_GENEGEERD] as number;
  }

  /**
   * The §5 object with the keys of §7.3, in the contract's order; `soorten` names the soort
   * codes; `bron` is the caller's (bronUitState, or a live report's counts).
   */
  rapport(peil: Peil, soorten: readonly string[], bron: Bron): Jaarrapport {
    const { jaar, peildatum, meetdatum, kennisdatum } = peil.parameters;
    return {
      jaar,
      peildatum,
      evaluatiedatum: peil.parameters.evaluatiedatum ?? peildatum,
      meetdatum,
      kennisdatum,
      hervattingsgrens: peil.hervattingsgrens,
      ...this.figuren(peil, soorten),
      nietGemeten: nietGemetenUit(
        (bit) => this.t[T_SOORTEN + SOORT_BITS.indexOf(bit as (typeof SOORT_BITS)[number])] as number,
      ),
      bron,
      diagnose: { genegeerd: this.genegeerd() },
    } as unknown as Jaarrapport;
  }
}

/** One figure on its own, over every household known at the kennisdatum (never replays). */
export const figuurAlleen = <T>(f: Figuur<T>, state: ProjectionState, parameters: Parameters): T => {
  const peil = peilVan(parameters);
  const t = new Float64Array(f.slots);
  const perSleutel = new Map<number, Float64Array>();
  forEachHuishouden(state, peil.cutoff, (buf, off) => {
    const h = record.zet(buf, off);
    f.bijdrage(h, peil, t, 0);
    if (f.sleutelSlots > 0) {
      const part = f.perSleutel(h, peil);
      if (part !== undefined) voegSleutelsToe(perSleutel, part, f.sleutelSlots, 1);
    }
  });
  return f.uit(new SomVan(t, 0, perSleutel, state.soorten.list, peil));
};

// A typed, allocation-free view of one household's cached derived record (derive.ts), so that a
// report rule reads like MEETREGELS — `h.transities`, `h.dag(k)`, `h.toestand(k)`,
// `h.bijstandOp(dag)` — and never an offset. One view is reused: `zet` points it at a record
// (the rules run one household at a time and never hold it across households).
import { STATE_BIJSTAND } from '@zelfredzaam/domain';
import { REC_FIRST_TRANSITION, REC_TRANSITIONS, terugvalAt, YEAR_ENTRY, yearsAt } from './derive.js';

export class RecordView {
  private buf: Float64Array = new Float64Array(0);
  private off = 0;
  private first = 0;
  /** The number of transitions that change the state (§2), in timeline order. */
  transities = 0;

  /** Points the view at the record at (buf, off). */
  zet(buf: Float64Array, off: number): this {
    this.buf = buf;
    this.off = off;
    this.first = off + REC_FIRST_TRANSITION;
    this.transities = buf[off + REC_TRANSITIONS] as number;
    return this;
  }

  /** The day of transition k. */
  dag(k: number): number {
    return this.buf[this.first + 2 * k] as number;
  }

  /** The state after transition k (domain state codes). */
  toestand(k: number): number {
    return this.buf[this.first + 2 * k + 1] as number;
  }

  /** §4.8: the number of returns by Teruggevallen op WWB, and the day of the i-th (timeline order). */
  terugvallen(): number {
    return this.buf[terugvalAt(this.buf, this.off)] as number;
  }
  terugvalDag(i: number): number {
    return this.buf[terugvalAt(this.buf, this.off) + 1 + i] as number;
  }

  /**
   * §4.4: the household's qualifying household-months of `jaar` (bijstand on a day of the month,
   * income > 0), or −1 when it has none; read them with maanden/loondienstCent/ondernemingCent.
   */
  inkomenJaar(jaar: number): number {
    const at = yearsAt(this.buf, this.off);
    const end = at + 1 + YEAR_ENTRY * (this.buf[at] as number);
    for (let p = at + 1; p < end; p += YEAR_ENTRY) {
      const year = this.buf[p] as number;
      if (year === jaar) return (this.buf[p + 1] as number) > 0 ? p : -1;
      if (year > jaar) break;
    }
    return -1;
  }
  /** Of the year found by inkomenJaar: the number of household-months and their income per source. */
  maanden(jaar: number): number {
    return this.buf[jaar + 1] as number;
  }
  loondienstCent(jaar: number): number {
    return this.buf[jaar + 2] as number;
  }
  ondernemingCent(jaar: number): number {
    return this.buf[jaar + 3] as number;
  }

  /** True when the household has bijstand on `day`: its state after all transitions dated ≤ day. */
  bijstandOp(day: number): boolean {
    let bijstand = false;
    for (let k = 0; k < this.transities && this.dag(k) <= day; k++) bijstand = this.toestand(k) === STATE_BIJSTAND;
    return bijstand;
  }
}

/** The view the report rules share. */
export const record = new RecordView();

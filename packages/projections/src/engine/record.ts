// A typed, allocation-free view of one household's cached derived record (derive.ts), so that a
// report rule reads like MEETREGELS — `h.transities`, `h.dag(k)`, `h.toestand(k)`, `h.trede(k)`,
// `h.trajectStart(i)` — and never an offset (the lifecycle rules over its timeline are shared
// with the verklaring: figuren/tijdlijn.ts). One view is reused: `zet` points it at a record
// (the rules run one household at a time and never hold it across households). The counts are
// plain fields set by `zet`, the entries small methods, so V8 inlines them into the rules.
import {
  ASSESSMENT_ENTRY,
  PLAATSING_ENTRY,
  paragraaf7At,
  REC_FIRST_TRANSITION,
  REC_GENEGEERD,
  REC_SOORTEN,
  REC_TRANSITIONS,
  SCHULDHULP_ENTRY,
  TRAJECT_ENTRY,
  terugvalAt,
  YEAR_ENTRY,
  yearsAt,
} from './derive.js';

export class RecordView {
  private buf: Float64Array = new Float64Array(0);
  private off = 0;
  private first = 0;
  // Where each §7.1 section's entries start (the entry after its count).
  private a = 0;
  private t = 0;
  private s = 0;
  private pl = 0;
  private b = 0;
  private mi = 0;
  private al = 0;
  /** The number of transitions that change the state (§2), in timeline order. */
  transities = 0;
  /** The facts the lenient replay skipped (§5 diagnose.genegeerd). */
  genegeerd = 0;
  /** The kinds of fact the household has unretracted (derive.ts SOORT_… bits, §5 nietGemeten). */
  soorten = 0;
  /** §7.1: false when the household has no fact of §7.1 (every count below is then 0). */
  paragraaf7 = false;
  /** §7.1 assessments, in timeline order. */
  tredes = 0;
  /** §7.1 trajectories (TrajectGestart kept), in timeline order of their starts. */
  trajecten = 0;
  /** §7.1 debt trajectories (SchuldhulpGestart kept), in timeline order of their starts. */
  schuldhulptrajecten = 0;
  /** §7.1 placements (Geplaatst). */
  plaatsingen = 0;
  /** §7.1 contacts (InBeeldGebracht). */
  contacten = 0;
  /** §7.1 minima grants (MinimaregelingToegekend). */
  toekenningen = 0;
  /** §7.1 alliances kept (an employer's first; a household has none). */
  allianties = 0;

  /** Points the view at the record at (buf, off). */
  zet(buf: Float64Array, off: number): this {
    this.buf = buf;
    this.off = off;
    this.first = off + REC_FIRST_TRANSITION;
    this.transities = buf[off + REC_TRANSITIONS] as number;
    this.genegeerd = buf[off + REC_GENEGEERD] as number;
    this.soorten = buf[off + REC_SOORTEN] as number;
    let p = paragraaf7At(buf, off);
    if (p < 0) {
      this.paragraaf7 = false;
      this.tredes = 0;
      this.trajecten = 0;
      this.schuldhulptrajecten = 0;
      this.plaatsingen = 0;
      this.contacten = 0;
      this.toekenningen = 0;
      this.allianties = 0;
      return this;
    }
    // The sections follow each other, each its count and then its entries (derive.ts).
    this.paragraaf7 = true;
    this.tredes = buf[p] as number;
    this.a = p + 1;
    p += 1 + ASSESSMENT_ENTRY * this.tredes;
    this.trajecten = buf[p] as number;
    this.t = p + 1;
    p += 1 + TRAJECT_ENTRY * this.trajecten;
    this.schuldhulptrajecten = buf[p] as number;
    this.s = p + 1;
    p += 1 + SCHULDHULP_ENTRY * this.schuldhulptrajecten;
    this.plaatsingen = buf[p] as number;
    this.pl = p + 1;
    p += 1 + PLAATSING_ENTRY * this.plaatsingen;
    this.contacten = buf[p] as number;
    this.b = p + 1;
    p += 1 + this.contacten;
    this.toekenningen = buf[p] as number;
    this.mi = p + 1;
    p += 1 + this.toekenningen;
    this.allianties = buf[p] as number;
    this.al = p + 1;
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

  /** The day and trede of the k-th assessment (timeline order). */
  tredeDag(k: number): number {
    return this.buf[this.a + ASSESSMENT_ENTRY * k] as number;
  }
  trede(k: number): number {
    return this.buf[this.a + ASSESSMENT_ENTRY * k + 1] as number;
  }
  /** The i-th trajectory: start day, soort code, end day (+∞ while running), resultaat (−1 while running). */
  trajectStart(i: number): number {
    return this.buf[this.t + TRAJECT_ENTRY * i] as number;
  }
  trajectSoort(i: number): number {
    return this.buf[this.t + TRAJECT_ENTRY * i + 1] as number;
  }
  trajectEinde(i: number): number {
    return this.buf[this.t + TRAJECT_ENTRY * i + 2] as number;
  }
  trajectResultaat(i: number): number {
    return this.buf[this.t + TRAJECT_ENTRY * i + 3] as number;
  }

  /** The i-th debt trajectory: start day, end day (+∞ while running), resultaat (−1 while running). */
  schuldhulpStart(i: number): number {
    return this.buf[this.s + SCHULDHULP_ENTRY * i] as number;
  }
  schuldhulpEinde(i: number): number {
    return this.buf[this.s + SCHULDHULP_ENTRY * i + 1] as number;
  }
  schuldhulpResultaat(i: number): number {
    return this.buf[this.s + SCHULDHULP_ENTRY * i + 2] as number;
  }

  /** The i-th placement: its day and soort (index in PLAATSING_SOORTEN). */
  plaatsingDag(i: number): number {
    return this.buf[this.pl + PLAATSING_ENTRY * i] as number;
  }
  plaatsingSoort(i: number): number {
    return this.buf[this.pl + PLAATSING_ENTRY * i + 1] as number;
  }

  /** The day of the i-th contact (in beeld). */
  contactDag(i: number): number {
    return this.buf[this.b + i] as number;
  }

  /** The day of the i-th minima grant. */
  toekenningDag(i: number): number {
    return this.buf[this.mi + i] as number;
  }

  /** The day of the employer's alliance, or +∞ when it has none. */
  alliantieDag(): number {
    return this.allianties > 0 ? (this.buf[this.al] as number) : Number.POSITIVE_INFINITY;
  }
}

/** The view the report rules share. */
export const record = new RecordView();

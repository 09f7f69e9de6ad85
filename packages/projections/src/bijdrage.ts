// One household's part in every count of the §5 report (with the keys of §7.3), computed with the
// rule function of each figure's own file, so the one-pass report, the live report and the
// figures on their own cannot disagree. A contribution is BIJDRAGE_SIZE numbers, and for §7.2
// Trajecten a part per soort (trajecten.ts); a Telling adds them up. An employer (§7.1) adds only
// its alliance.
import { STATE_UIT_LOONDIENST, STATE_UIT_ONDERNEMING, STATE_UIT_OPLEIDING } from '@zelfredzaam/domain';
import { alliantieDagVan, alliantieInJaar, alliantiesUit, alliantieTotaal } from './allianties.js';
import { bijstandInPeriode, bijstandOp, bijstandsbestandUit } from './bijstandsbestand.js';
import { type BronHerkomst, bronUitState, nietGemetenUit, SOORT_BITS } from './bron.js';
import { AAN_HET_WERK, cohortStatusVan, cohortUit, OVERIG, WW, WWB } from './cohort.js';
import { DUURZAAM, duurzaamheidUit, duurzaamheidVan, NOG_ONBEKEND, TERUGGEVALLEN } from './duurzaamheid.js';
import { forEachHuishouden } from './engine/cache.js';
import {
  num,
  REC_GENEGEERD,
  REC_SOORTEN,
  S7_ALLIANTIES,
  S7_ASSESSMENTS,
  S7_IN_BEELD,
  S7_MINIMA,
  S7_PLAATSINGEN,
  S7_SCHULDHULP,
  S7_TRAJECTEN,
  secties7,
} from './engine/derive.js';
import { isWerkgeverKey, type ProjectionState } from './engine/state.js';
import {
  bijstandshuishoudenVan,
  gedeeltelijkeUitstroomUit,
  gedeeltelijkeUitstroomVan,
  LOONDIENST,
  ONDERNEMING,
} from './gedeeltelijkeUitstroom.js';
import { gemiddeldInkomenUit, inkomstenCentVan, inkomstenMaandenVan } from './gemiddeldInkomen.js';
import { inBeeldUit, inBeeldVan, spellStartOp } from './inBeeld.js';
import { langdurigStartVan, langdurigUit } from './langdurig.js';
import { minimaUit, minimaVan } from './minima.js';
import { type Peil, peilVan } from './parameters.js';
import { PAAR_BASIS, PAREN, participatieUit, participatieVan } from './participatie.js';
import { plaatsingenUit, plaatsingenVan, SOORTEN } from './plaatsingen.js';
import { RESULTATEN, schuldhulpUit, schuldhulpVan } from './schuldhulp.js';
import { STROOM_SLOTS, stroomUit, stroomVan } from './stroom.js';
import {
  TRAJECT_BIJDRAGE_ENTRY,
  trajectenInJaar,
  trajectenUit,
  trajectenVan,
  trajectScratch,
  trajectUit,
  voegTrajectenToe,
} from './trajecten.js';
import type { Bijdrage, Jaarrapport, Parameters, Trajecten } from './types.js';
import { uitstroomRedenVan, volledigeUitstroomUit } from './volledigeUitstroom.js';

const B_VOLLEDIG = 0;
const B_DUURZAAMHEID = 1;
const B_COHORT = 2;
const B_GEDEELTELIJK = 3;
const B_BIJSTANDSHUISHOUDEN = 4;
const B_MAANDEN = 5;
const B_TOTAAL_CENT = 6;
const B_OP_PEILDATUM = 7;
const B_IN_JAAR = 8;
const B_GENEGEERD = 9;
// MEETREGELS §7.2.
const B_LANGDURIG = 10;
const B_PARTICIPATIE = 11;
// A block of counts added one to one (Telling's T_BLOK …): placements, in beeld, minima,
// schuldhulp, alliances.
const B_BLOK = 12;
const B_PLAATSINGEN = B_BLOK; // … + 8: per soort in Y, then per soort up to E
const B_IN_BEELD = B_PLAATSINGEN + 2 * SOORTEN;
const B_MINIMA = B_IN_BEELD + 1;
const B_SCHULDHULP = B_MINIMA + 1; // … + 6: running in Y, then the ends in Y per resultaat
const B_ALLIANTIE_IN_JAAR = B_SCHULDHULP + 1 + RESULTATEN;
const B_ALLIANTIE_TOTAAL = B_ALLIANTIE_IN_JAAR + 1;
const BLOK_SIZE = B_ALLIANTIE_TOTAAL + 1 - B_BLOK;
/**
 * 0: the household has no facts of §7.1, and the §7 slots but B_LANGDURIG are not written (read
 * none of them); 1: it has, but none for the block (B_BLOK …), which is not written; 2: it has.
 */
const B_PARAGRAAF7 = B_ALLIANTIE_TOTAAL + 1;
/** Its trajectories with a start or end in Y (§7.2 Trajecten: their part per soort is made apart). */
const B_TRAJECTEN = B_PARAGRAAF7 + 1;
/** The kinds of fact it has (derive.ts REC_SOORTEN bits), for §5 nietGemeten. */
const B_SOORTEN = B_TRAJECTEN + 1;
/** §4.8 Stroom: its part (stroom.ts ST_…). */
const B_STROOM = B_SOORTEN + 1;
export const BIJDRAGE_SIZE = B_STROOM + STROOM_SLOTS;

// Where the §7 sections of the household being looked at start (derive.ts secties7).
const secties = new Int32Array(7);
const sectie = (k: number): number => secties[k] as number;

/** Writes the contribution of the household whose record is at (buf, off) into out[at …]. */
export const bijdrageVan = (buf: Float64Array, off: number, peil: Peil, out: Float64Array, at: number): void => {
  out[at + B_VOLLEDIG] = uitstroomRedenVan(buf, off, peil);
  out[at + B_DUURZAAMHEID] = duurzaamheidVan(buf, off, peil);
  out[at + B_COHORT] = cohortStatusVan(buf, off, peil);
  out[at + B_GEDEELTELIJK] = gedeeltelijkeUitstroomVan(buf, off, peil);
  out[at + B_BIJSTANDSHUISHOUDEN] = bijstandshuishoudenVan(buf, off, peil) ? 1 : 0;
  out[at + B_MAANDEN] = inkomstenMaandenVan(buf, off, peil.jaar);
  out[at + B_TOTAAL_CENT] = inkomstenCentVan(buf, off, peil.jaar);
  const opPeildatum = bijstandOp(buf, off, peil.e);
  out[at + B_OP_PEILDATUM] = opPeildatum ? 1 : 0;
  // §3 (2.0): "in Y" uses every fact dated in Y, whatever E.
  out[at + B_IN_JAAR] = bijstandInPeriode(buf, off, peil.y0, peil.y1, Number.POSITIVE_INFINITY) ? 1 : 0;
  out[at + B_GENEGEERD] = num(buf, off + REC_GENEGEERD);
  out[at + B_SOORTEN] = num(buf, off + REC_SOORTEN);
  stroomVan(buf, off, peil, out, at + B_STROOM);
  // Langdurig and in beeld only count households with bijstand on E (their rules say so too).
  const langdurig = opPeildatum ? langdurigStartVan(buf, off, peil) : Number.POSITIVE_INFINITY;
  out[at + B_LANGDURIG] = langdurig <= peil.e3 ? 1 : 0;
  if (!secties7(buf, off, secties)) {
    // A household without §7 facts: nothing more to look at (issue 6: 200 ms per report).
    out[at + B_PARAGRAAF7] = 0;
    out[at + B_TRAJECTEN] = 0;
    return;
  }
  out[at + B_PARTICIPATIE] = participatieVan(buf, sectie(S7_ASSESSMENTS), peil);
  out[at + B_TRAJECTEN] = trajectenInJaar(buf, sectie(S7_TRAJECTEN), peil);
  const blok =
    num(buf, sectie(S7_PLAATSINGEN)) +
    num(buf, sectie(S7_IN_BEELD)) +
    num(buf, sectie(S7_MINIMA)) +
    num(buf, sectie(S7_SCHULDHULP)) +
    num(buf, sectie(S7_ALLIANTIES));
  // Many households have only assessments (and trajectories): the block stays unwritten.
  out[at + B_PARAGRAAF7] = blok === 0 ? 1 : 2;
  if (blok === 0) return;
  plaatsingenVan(buf, sectie(S7_PLAATSINGEN), peil, out, at + B_PLAATSINGEN);
  out[at + B_IN_BEELD] =
    opPeildatum && inBeeldVan(buf, sectie(S7_IN_BEELD), spellStartOp(buf, off, peil.e), peil) ? 1 : 0;
  out[at + B_MINIMA] = minimaVan(buf, sectie(S7_MINIMA), peil) ? 1 : 0;
  schuldhulpVan(buf, sectie(S7_SCHULDHULP), peil, out, at + B_SCHULDHULP);
  const alliantie = alliantieDagVan(buf, sectie(S7_ALLIANTIES));
  out[at + B_ALLIANTIE_IN_JAAR] = alliantieInJaar(alliantie, peil) ? 1 : 0;
  out[at + B_ALLIANTIE_TOTAAL] = alliantieTotaal(alliantie, peil) ? 1 : 0;
};

/**
 * The household's part of §7.2 Trajecten, right after bijdrageVan of the same household:
 * [k, (soort, counters) × k] in a reused buffer, or undefined when it has no trajectory.
 */
export const trajectBijdrageVan = (
  buf: Float64Array,
  off: number,
  peil: Peil,
  b: Float64Array,
  at: number,
): Float64Array | undefined => {
  if (num(b, at + B_TRAJECTEN) === 0) return undefined;
  const t = sectie(S7_TRAJECTEN);
  const part = trajectScratch(buf, t);
  return trajectenVan(buf, off, sectie(S7_ASSESSMENTS), t, peil, part) > 0 ? part : undefined;
};

// The counts of a report, by slot.
const T_LOONDIENST = 0; // … T_OPLEIDING = 2, by uit(reden) state code
const T_DUURZAAM = 3; // … 5, by DUURZAAM … NOG_ONBEKEND
const T_COHORT = 6; // … 9, by AAN_HET_WERK … OVERIG
const T_GEDEELTELIJK = 10; // … 11, by LOONDIENST, ONDERNEMING
const T_BIJSTANDSHUISHOUDENS = 12;
const T_MAANDEN = 13;
const T_TOTAAL_CENT = 14;
const T_OP_PEILDATUM = 15;
const T_IN_JAAR = 16;
const T_GENEGEERD = 17;
const T_LANGDURIG = 18;
const T_PARTICIPATIE = 19; // … + PAREN: households per (begin, eind) pair
// The block of B_BLOK …, slot for slot.
const T_BLOK = T_PARTICIPATIE + PAREN;
const T_PLAATSINGEN = T_BLOK + (B_PLAATSINGEN - B_BLOK);
const T_IN_BEELD = T_BLOK + (B_IN_BEELD - B_BLOK);
const T_MINIMA = T_BLOK + (B_MINIMA - B_BLOK);
const T_SCHULDHULP = T_BLOK + (B_SCHULDHULP - B_BLOK);
const T_ALLIANTIE_IN_JAAR = T_BLOK + (B_ALLIANTIE_IN_JAAR - B_BLOK);
const T_ALLIANTIE_TOTAAL = T_BLOK + (B_ALLIANTIE_TOTAAL - B_BLOK);
/** Per REC_SOORTEN bit (bron.ts SOORT_BITS order): the households (or employers) that have that kind. */
const T_SOORTEN = T_BLOK + BLOK_SIZE;
const T_STROOM = T_SOORTEN + SOORT_BITS.length;
const TELLING_SIZE = T_STROOM + STROOM_SLOTS;

/** The counts of a report: contributions added (sign 1) or taken back (sign −1). */
export class Telling {
  private readonly t = new Float64Array(TELLING_SIZE);
  /** §7.2 Trajecten: counters per soort code (trajecten.ts). */
  private readonly trajecten = new Map<number, Float64Array>();

  /** Adds (sign 1) or takes back (−1) a household's part of §7.2 Trajecten. */
  voegTrajectenToe(part: Float64Array, sign: number): void {
    voegTrajectenToe(this.trajecten, part, sign);
  }

  voegToe(b: Float64Array, at: number, sign: number): void {
    const volledig = num(b, at + B_VOLLEDIG);
    if (volledig !== 0) this.add(T_LOONDIENST + volledig - STATE_UIT_LOONDIENST, sign);
    const duurzaamheid = num(b, at + B_DUURZAAMHEID);
    if (duurzaamheid !== 0) this.add(T_DUURZAAM + duurzaamheid - DUURZAAM, sign);
    const cohort = num(b, at + B_COHORT);
    if (cohort !== 0) this.add(T_COHORT + cohort - AAN_HET_WERK, sign);
    const gedeeltelijk = num(b, at + B_GEDEELTELIJK);
    if (gedeeltelijk !== 0) this.add(T_GEDEELTELIJK + gedeeltelijk - LOONDIENST, sign);
    this.add(T_BIJSTANDSHUISHOUDENS, sign * num(b, at + B_BIJSTANDSHUISHOUDEN));
    this.add(T_MAANDEN, sign * num(b, at + B_MAANDEN));
    this.add(T_TOTAAL_CENT, sign * num(b, at + B_TOTAAL_CENT));
    this.add(T_OP_PEILDATUM, sign * num(b, at + B_OP_PEILDATUM));
    this.add(T_IN_JAAR, sign * num(b, at + B_IN_JAAR));
    this.add(T_GENEGEERD, sign * num(b, at + B_GENEGEERD));
    this.add(T_LANGDURIG, sign * num(b, at + B_LANGDURIG));
    const soorten = num(b, at + B_SOORTEN);
    if (soorten !== 0) {
      for (let k = 0; k < SOORT_BITS.length; k++)
        if ((soorten & (SOORT_BITS[k] as number)) !== 0) this.add(T_SOORTEN + k, sign);
    }
    for (let i = 0; i < STROOM_SLOTS; i++) this.add(T_STROOM + i, sign * num(b, at + B_STROOM + i));
    const paragraaf7 = num(b, at + B_PARAGRAAF7);
    if (paragraaf7 === 0) return;
    const paar = num(b, at + B_PARTICIPATIE);
    if (paar !== 0) this.add(T_PARTICIPATIE + paar, sign);
    if (paragraaf7 === 1) return;
    const t = this.t;
    for (let i = 0; i < BLOK_SIZE; i++) t[T_BLOK + i] = (t[T_BLOK + i] as number) + sign * num(b, at + B_BLOK + i);
  }

  private add(slot: number, delta: number): void {
    this.t[slot] = (this.t[slot] as number) + delta;
  }

  private get(slot: number): number {
    return this.t[slot] as number;
  }

  /**
   * The §5 object with the keys of §7.3, in the contract's order; `soorten` names the soort
   * codes; `state` gives the counts of `bron`, `herkomst` its digest and the tool's version.
   */
  rapport(peil: Peil, soorten: readonly string[], state: ProjectionState, herkomst: BronHerkomst = {}): Jaarrapport {
    const { jaar, peildatum, meetdatum, kennisdatum } = peil.parameters;
    const g = (slot: number) => this.get(slot);
    return {
      jaar,
      peildatum,
      evaluatiedatum: peil.parameters.evaluatiedatum ?? peildatum,
      meetdatum,
      kennisdatum,
      hervattingsgrens: peil.hervattingsgrens,
      volledigeUitstroom: volledigeUitstroomUit(g(T_LOONDIENST), g(T_LOONDIENST + 1), g(T_LOONDIENST + 2)),
      duurzaamheid: duurzaamheidUit(g(T_DUURZAAM), g(T_DUURZAAM + 1), g(T_DUURZAAM + 2)),
      cohort: cohortUit(meetdatum, g(T_COHORT), g(T_COHORT + 1), g(T_COHORT + 2), g(T_COHORT + 3)),
      gedeeltelijkeUitstroom: gedeeltelijkeUitstroomUit(
        g(T_GEDEELTELIJK),
        g(T_GEDEELTELIJK + 1),
        g(T_BIJSTANDSHUISHOUDENS),
      ),
      gemiddeldInkomen: gemiddeldInkomenUit(g(T_MAANDEN), g(T_TOTAAL_CENT)),
      bijstandsbestand: bijstandsbestandUit(g(T_OP_PEILDATUM), g(T_IN_JAAR)),
      stroom: stroomUit((slot) => g(T_STROOM + slot)),
      participatie: participatieUit((paar) => g(T_PARTICIPATIE + paar)),
      trajecten: trajectenUit(this.trajecten, soorten),
      plaatsingen: plaatsingenUit(
        (s) => g(T_PLAATSINGEN + s),
        (s) => g(T_PLAATSINGEN + SOORTEN + s),
      ),
      inBeeld: inBeeldUit(g(T_OP_PEILDATUM), g(T_IN_BEELD)),
      langdurig: langdurigUit(g(T_OP_PEILDATUM), g(T_LANGDURIG)),
      minima: minimaUit(g(T_MINIMA)),
      schuldhulp: schuldhulpUit(g(T_SCHULDHULP), (r) => g(T_SCHULDHULP + 1 + r)),
      allianties: alliantiesUit(g(T_ALLIANTIE_IN_JAAR), g(T_ALLIANTIE_TOTAAL)),
      nietGemeten: nietGemetenUit((bit) => g(T_SOORTEN + SOORT_BITS.indexOf(bit as (typeof SOORT_BITS)[number]))),
      bron: bronUitState(state, peil.cutoff, herkomst),
      diagnose: { genegeerd: g(T_GENEGEERD) },
    };
  }
}

/** Adds the household's whole part (both kinds) to `telling`; `b` is scratch of BIJDRAGE_SIZE. */
export const telMee = (telling: Telling, buf: Float64Array, off: number, peil: Peil, b: Float64Array): void => {
  bijdrageVan(buf, off, peil, b, 0);
  telling.voegToe(b, 0, 1);
  const part = trajectBijdrageVan(buf, off, peil, b, 0);
  if (part !== undefined) telling.voegTrajectenToe(part, 1);
};

const REDEN: Readonly<Record<number, Bijdrage['volledigeUitstroom']>> = {
  [STATE_UIT_LOONDIENST]: 'loondienst',
  [STATE_UIT_ONDERNEMING]: 'onderneming',
  [STATE_UIT_OPLEIDING]: 'opleiding',
};
const DUURZAAMHEID: Readonly<Record<number, Bijdrage['duurzaamheid']>> = {
  [DUURZAAM]: 'duurzaam',
  [TERUGGEVALLEN]: 'teruggevallen',
  [NOG_ONBEKEND]: 'nogOnbekend',
};
const COHORT: Readonly<Record<number, Bijdrage['cohort']>> = {
  [AAN_HET_WERK]: 'aanHetWerk',
  [WW]: 'ww',
  [WWB]: 'wwb',
  [OVERIG]: 'overig',
};
const BRON: Readonly<Record<number, Bijdrage['gedeeltelijkeUitstroom']>> = {
  [LOONDIENST]: 'loondienst',
  [ONDERNEMING]: 'onderneming',
};

/** A household's part of §7.2 Trajecten as the report's object (read `part` of trajectenVan). */
const trajectenVanHuishouden = (part: Float64Array, soorten: readonly string[]): Trajecten => {
  const k = num(part, 0);
  const entries: [string, ReturnType<typeof trajectUit>][] = [];
  for (let q = 0; q < k; q++) {
    const base = 1 + TRAJECT_BIJDRAGE_ENTRY * q;
    const code = num(part, base);
    entries.push([soorten[code] ?? String(code), trajectUit((slot) => num(part, base + 1 + slot))]);
  }
  entries.sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0));
  return Object.fromEntries(entries);
};

/**
 * Each household's part in `jaarrapport(state, parameters)`, for every household with a fact
 * known at the kennisdatum: to trace a figure back to the households it counts. Employers
 * (§7.1) are not households and are not listed.
 */
export const bijdragen = (state: ProjectionState, parameters: Parameters): Bijdrage[] => {
  const peil = peilVan(parameters);
  const b = new Float64Array(BIJDRAGE_SIZE);
  const result: Bijdrage[] = [];
  forEachHuishouden(state, peil.cutoff, (buf, off, h) => {
    if (isWerkgeverKey(state.ids[h] ?? '')) return;
    bijdrageVan(buf, off, peil, b, 0);
    // Slots that were not written (see B_PARAGRAAF7) are 0.
    if (num(b, B_PARAGRAAF7) === 0) b.fill(0, B_PARTICIPATIE, B_PARAGRAAF7);
    else if (num(b, B_PARAGRAAF7) === 1) b.fill(0, B_BLOK, B_BLOK + BLOK_SIZE);
    const part = trajectBijdrageVan(buf, off, peil, b, 0) ?? new Float64Array(1);
    const paar = num(b, B_PARTICIPATIE);
    result.push({
      huishouden: state.ids[h] ?? '',
      volledigeUitstroom: REDEN[num(b, B_VOLLEDIG)] ?? null,
      duurzaamheid: DUURZAAMHEID[num(b, B_DUURZAAMHEID)] ?? null,
      cohort: COHORT[num(b, B_COHORT)] ?? null,
      gedeeltelijkeUitstroom: BRON[num(b, B_GEDEELTELIJK)] ?? null,
      bijstandshuishouden: num(b, B_BIJSTANDSHUISHOUDEN) === 1,
      maanden: num(b, B_MAANDEN),
      totaalCent: num(b, B_TOTAAL_CENT),
      opPeildatum: num(b, B_OP_PEILDATUM) === 1,
      inJaar: num(b, B_IN_JAAR) === 1,
      participatie: paar === 0 ? null : { van: Math.floor(paar / PAAR_BASIS), naar: paar % PAAR_BASIS },
      trajecten: trajectenVanHuishouden(part, state.soorten.list),
      plaatsingen: plaatsingenUit(
        (s) => num(b, B_PLAATSINGEN + s),
        (s) => num(b, B_PLAATSINGEN + SOORTEN + s),
      ),
      inBeeld: num(b, B_IN_BEELD) === 1,
      langdurig: num(b, B_LANGDURIG) === 1,
      minima: num(b, B_MINIMA) === 1,
      schuldhulp: {
        lopend: num(b, B_SCHULDHULP) === 1,
        beeindigd: schuldhulpUit(0, (r) => num(b, B_SCHULDHULP + 1 + r)).beeindigd,
      },
      genegeerd: num(b, B_GENEGEERD),
    });
  });
  return result;
};

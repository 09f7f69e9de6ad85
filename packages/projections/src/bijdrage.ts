// One household's part in every count of the §5 report, computed with the rule function of each
// figure's own file, so the one-pass report, the live report and the figures on their own
// cannot disagree. A contribution is BIJDRAGE_SIZE numbers; a Telling adds them up.
import { STATE_UIT_LOONDIENST, STATE_UIT_ONDERNEMING, STATE_UIT_OPLEIDING } from '@zelfredzaam/domain';
import { bijstandInPeriode, bijstandOp, bijstandsbestandUit } from './bijstandsbestand.js';
import { forEachHuishouden } from './cache.js';
import { AAN_HET_WERK, cohortStatusVan, cohortUit, OVERIG, WW, WWB } from './cohort.js';
import { num, REC_GENEGEERD } from './derive.js';
import { DUURZAAM, duurzaamheidUit, duurzaamheidVan, NOG_ONBEKEND, TERUGGEVALLEN } from './duurzaamheid.js';
import {
  bijstandshuishoudenVan,
  gedeeltelijkeUitstroomUit,
  gedeeltelijkeUitstroomVan,
  LOONDIENST,
  ONDERNEMING,
} from './gedeeltelijkeUitstroom.js';
import { gemiddeldInkomenUit, inkomstenCentVan, inkomstenMaandenVan } from './gemiddeldInkomen.js';
import { type Peil, peilVan } from './parameters.js';
import type { ProjectionState } from './state.js';
import type { Bijdrage, Jaarrapport, Parameters } from './types.js';
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
export const BIJDRAGE_SIZE = 10;

/** Writes the contribution of the household whose record is at (buf, off) into out[at …]. */
export const bijdrageVan = (buf: Float64Array, off: number, peil: Peil, out: Float64Array, at: number): void => {
  out[at + B_VOLLEDIG] = uitstroomRedenVan(buf, off, peil);
  out[at + B_DUURZAAMHEID] = duurzaamheidVan(buf, off, peil);
  out[at + B_COHORT] = cohortStatusVan(buf, off, peil);
  out[at + B_GEDEELTELIJK] = gedeeltelijkeUitstroomVan(buf, off, peil);
  out[at + B_BIJSTANDSHUISHOUDEN] = bijstandshuishoudenVan(buf, off, peil) ? 1 : 0;
  out[at + B_MAANDEN] = inkomstenMaandenVan(buf, off, peil.jaar);
  out[at + B_TOTAAL_CENT] = inkomstenCentVan(buf, off, peil.jaar);
  out[at + B_OP_PEILDATUM] = bijstandOp(buf, off, peil.e) ? 1 : 0;
  out[at + B_IN_JAAR] = bijstandInPeriode(buf, off, peil.y0, peil.y1, peil.e) ? 1 : 0;
  out[at + B_GENEGEERD] = num(buf, off + REC_GENEGEERD);
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
const TELLING_SIZE = 18;

/** The counts of a report: contributions added (sign 1) or taken back (sign −1). */
export class Telling {
  private readonly t = new Float64Array(TELLING_SIZE);

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
  }

  private add(slot: number, delta: number): void {
    this.t[slot] = (this.t[slot] as number) + delta;
  }

  private get(slot: number): number {
    return this.t[slot] as number;
  }

  /** The §5 object, keys in the contract's order. */
  rapport(peil: Peil): Jaarrapport {
    const { jaar, peildatum, meetdatum, kennisdatum } = peil.parameters;
    const g = (slot: number) => this.get(slot);
    return {
      jaar,
      peildatum,
      meetdatum,
      kennisdatum,
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
      diagnose: { genegeerd: g(T_GENEGEERD) },
    };
  }
}

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

/**
 * Each household's part in `jaarrapport(state, parameters)`, for every household with a fact
 * known at the kennisdatum: to trace a figure back to the households it counts.
 */
export const bijdragen = (state: ProjectionState, parameters: Parameters): Bijdrage[] => {
  const peil = peilVan(parameters);
  const b = new Float64Array(BIJDRAGE_SIZE);
  const result: Bijdrage[] = [];
  forEachHuishouden(state, peil.cutoff, (buf, off, h) => {
    bijdrageVan(buf, off, peil, b, 0);
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
      genegeerd: num(b, B_GENEGEERD),
    });
  });
  return result;
};

// MEETREGELS §4.3 Cohortstatus op meetdatum: the households with an exit to loondienst or
// onderneming with d in Y and d ≤ M; each under its state on M (after every fact dated ≤ M).
import { STATE_BIJSTAND, STATE_UIT_LOONDIENST, STATE_UIT_ONDERNEMING, STATE_WW } from '@zelfredzaam/domain';
import type { Cohort } from '../types.js';
import { dag, een, type Figuur, figuur, type Tekst, UITSTROOM_NAAR } from './figuur.js';
import { cohortUitstroom, laatsteOp } from './tijdlijn.js';

const STATUS: Tekst = ([state = 0, d = 0, m = 0, nu = 0, sinds = 0]) => {
  const op =
    nu === STATE_BIJSTAND
      ? `weer in de bijstand sinds ${dag(sinds)}`
      : nu === STATE_WW
        ? `een WW-uitkering sinds ${dag(sinds)}`
        : (nu === STATE_UIT_LOONDIENST || nu === STATE_UIT_ONDERNEMING) && sinds === d
          ? 'nog aan het werk en uitkeringsonafhankelijk'
          : nu === STATE_UIT_LOONDIENST || nu === STATE_UIT_ONDERNEMING
            ? `aan het werk en uitkeringsonafhankelijk (opnieuw uitgestroomd naar ${UITSTROOM_NAAR[nu]} op ${dag(sinds)})`
            : `uit de bijstand om een andere reden (${UITSTROOM_NAAR[nu]}, sinds ${dag(sinds)})`;
  return `uitgestroomd naar ${UITSTROOM_NAAR[state]} op ${dag(d)}; op meetdatum ${dag(m)} ${op}`;
};

const cel = (state: number): string =>
  state === STATE_BIJSTAND
    ? 'wwb'
    : state === STATE_WW
      ? 'ww'
      : state === STATE_UIT_LOONDIENST || state === STATE_UIT_ONDERNEMING
        ? 'aanHetWerk'
        : 'overig';

export const cohort: Figuur<Cohort, 'cohort'> = figuur({
  naam: 'cohort',
  sectie: '4.3',
  titel: 'Cohortstatus op meetdatum',
  cellen: () => ['omvang', 'aanHetWerk', 'ww', 'wwb', 'overig'].map((c) => `cohort.${c}`),
  verklaar(h, p, leden) {
    const exit = cohortUitstroom(h, p);
    if (exit < 0) return;
    // Its state on M: after the last transition dated ≤ M.
    const last = laatsteOp(h, p.m);
    const nu = h.toestand(last);
    const feiten = last === exit ? [h.feitVan(exit)] : [h.feitVan(exit), h.feitVan(last)];
    const args = [h.toestand(exit), h.dag(exit), p.m, nu, h.dag(last)];
    leden.lid(`cohort.${cel(nu)}`, feiten, STATUS, args);
    leden.lid('cohort.omvang', feiten, STATUS, args);
  },

  // Its part: 1 in one of aanHetWerk, ww, wwb, overig.
  slots: 4,
  bijdrage(h, p, out, at) {
    if (cohortUitstroom(h, p) < 0) return;
    const state = h.toestand(laatsteOp(h, p.m));
    const slot =
      state === STATE_UIT_LOONDIENST || state === STATE_UIT_ONDERNEMING
        ? 0
        : state === STATE_WW
          ? 1
          : state === STATE_BIJSTAND
            ? 2
            : 3;
    een(out, at, slot);
  },
  uit(s) {
    const aanHetWerk = s.n(0);
    const ww = s.n(1);
    const wwb = s.n(2);
    const overig = s.n(3);
    return {
      meetdatum: s.peil.parameters.meetdatum,
      omvang: aanHetWerk + ww + wwb + overig,
      aanHetWerk,
      ww,
      wwb,
      overig,
    };
  },
  labels: {
    indicatoren: () => [
      {
        id: 'cohort',
        kort: 'Cohort: aan het werk op meetdatum',
        titel: 'Cohort loondienst en onderneming: op meetdatum aan het werk en uitkeringsonafhankelijk',
        eenheid: 'aantal',
        waarde: (r) => r.cohort.aanHetWerk,
        aantal: (r) => r.cohort.aanHetWerk,
        details: [
          { label: 'omvang cohort', eenheid: 'aantal', waarde: (r) => r.cohort.omvang },
          { label: 'met WW-uitkering', eenheid: 'aantal', waarde: (r) => r.cohort.ww },
          { label: 'met bijstandsuitkering', eenheid: 'aantal', waarde: (r) => r.cohort.wwb },
          { label: 'overig', eenheid: 'aantal', waarde: (r) => r.cohort.overig },
        ],
      },
    ],
  },
});

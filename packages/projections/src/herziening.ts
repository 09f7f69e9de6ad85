// MEETREGELS §3, restatement: "Replaying with kennisdatum = the date a report was published
// reproduces the published figure; replaying without it gives the restated figure." Both come
// from the same state with the same peildatum and meetdatum, so the difference is exactly what
// became known (late registrations, retractions) after publication.
import { kennisdatumCutoff } from '@zelfredzaam/domain';
import { type Either, left, right } from 'fp-ts/lib/Either.js';
import type { BronHash } from './bron.js';
import { jaarrapport } from './jaarrapport.js';
import type { ProjectionState } from './state.js';
import { stroomUit } from './stroom.js';
import { trajectUit } from './trajecten.js';
import type { Herziening, Jaarrapport, ParameterFout, Parameters, Stroom, Traject, Verschil } from './types.js';

const min = (nu: number, toen: number): number => nu - toen;
const minOfNull = (nu: number | null, toen: number | null): number | null =>
  nu === null || toen === null ? null : nu - toen;
// Shares have 4 decimals; rounding the float difference to them gives the exact decimal.
const minAandeel = (nu: number | null, toen: number | null): number | null =>
  nu === null || toen === null ? null : Math.round((nu - toen) * 10_000) / 10_000;

/** A soort's trajectory counters as numbers by slot (the order of trajectUit's fields). */
const trajectGetallen = (t: Traject | undefined): number[] =>
  t === undefined
    ? new Array<number>(11).fill(0)
    : [
        t.gestart,
        t.uitstroomBinnenZesMaanden,
        t.beeindigd,
        t.resultaten.werk,
        t.resultaten.opleiding,
        t.resultaten.ingetrokken,
        t.resultaten.voltooid,
        t.resultaten.uitgevallen,
        t.trede.gemeten,
        t.trede.gestegen,
        t.trede.groteVooruitgang,
      ];

/** §7.2 Trajecten: per soort in either report, a missing side counting as zeros. */
const trajectenVerschil = (nu: Jaarrapport, toen: Jaarrapport): Verschil['trajecten'] => {
  const soorten = [...new Set([...Object.keys(toen.trajecten), ...Object.keys(nu.trajecten)])].sort();
  return Object.fromEntries(
    soorten.map((soort) => {
      const a = trajectGetallen(nu.trajecten[soort]);
      const b = trajectGetallen(toen.trajecten[soort]);
      return [soort, trajectUit((slot) => (a[slot] ?? 0) - (b[slot] ?? 0))];
    }),
  );
};

const plaatsing = (nu: Jaarrapport, toen: Jaarrapport, soort: keyof Jaarrapport['plaatsingen']) => ({
  inJaar: min(nu.plaatsingen[soort].inJaar, toen.plaatsingen[soort].inJaar),
  cumulatief: min(nu.plaatsingen[soort].cumulatief, toen.plaatsingen[soort].cumulatief),
});

const schuld = (nu: Jaarrapport, toen: Jaarrapport, resultaat: keyof Jaarrapport['schuldhulp']['beeindigd']) =>
  min(nu.schuldhulp.beeindigd[resultaat], toen.schuldhulp.beeindigd[resultaat]);

/** §4.8: every number of the flow, nu − toen (the totals stay the sums). */
const stroomVerschil = (nu: Stroom, toen: Stroom): Stroom => {
  const a = stroomGetallen(nu);
  const b = stroomGetallen(toen);
  return stroomUit((slot) => (a[slot] ?? 0) - (b[slot] ?? 0));
};

/** A flow's counters by slot (stroom.ts ST_…). */
const stroomGetallen = (s: Stroom): number[] => [
  s.beginstand,
  s.instroom.nieuw,
  s.instroom.teruggevallen,
  s.uitstroom.loondienst,
  s.uitstroom.onderneming,
  s.uitstroom.opleiding,
  s.uitstroom.verhuizing,
  s.uitstroom.overlijden,
  s.uitstroom['andere-uitkering'],
  s.uitstroom.detentie,
  s.uitstroom['partner-inkomen'],
  s.uitstroom.overig,
  s.eindstand,
];

const verschil = (nu: Jaarrapport, toen: Jaarrapport): Verschil => {
  const v = nu.volledigeUitstroom;
  const d = nu.duurzaamheid;
  const c = nu.cohort;
  const g = nu.gedeeltelijkeUitstroom;
  const i = nu.gemiddeldInkomen;
  const b = nu.bijstandsbestand;
  return {
    volledigeUitstroom: {
      loondienst: min(v.loondienst, toen.volledigeUitstroom.loondienst),
      onderneming: min(v.onderneming, toen.volledigeUitstroom.onderneming),
      opleiding: min(v.opleiding, toen.volledigeUitstroom.opleiding),
      totaal: min(v.totaal, toen.volledigeUitstroom.totaal),
    },
    duurzaamheid: {
      uitstroom: min(d.uitstroom, toen.duurzaamheid.uitstroom),
      duurzaam: min(d.duurzaam, toen.duurzaamheid.duurzaam),
      teruggevallen: min(d.teruggevallen, toen.duurzaamheid.teruggevallen),
      nogOnbekend: min(d.nogOnbekend, toen.duurzaamheid.nogOnbekend),
      aandeelDuurzaam: minAandeel(d.aandeelDuurzaam, toen.duurzaamheid.aandeelDuurzaam),
    },
    cohort: {
      omvang: min(c.omvang, toen.cohort.omvang),
      aanHetWerk: min(c.aanHetWerk, toen.cohort.aanHetWerk),
      ww: min(c.ww, toen.cohort.ww),
      wwb: min(c.wwb, toen.cohort.wwb),
      overig: min(c.overig, toen.cohort.overig),
    },
    gedeeltelijkeUitstroom: {
      loondienst: min(g.loondienst, toen.gedeeltelijkeUitstroom.loondienst),
      onderneming: min(g.onderneming, toen.gedeeltelijkeUitstroom.onderneming),
      totaal: min(g.totaal, toen.gedeeltelijkeUitstroom.totaal),
      bijstandshuishoudens: min(g.bijstandshuishoudens, toen.gedeeltelijkeUitstroom.bijstandshuishoudens),
      aandeel: minAandeel(g.aandeel, toen.gedeeltelijkeUitstroom.aandeel),
    },
    gemiddeldInkomen: {
      maanden: min(i.maanden, toen.gemiddeldInkomen.maanden),
      totaalCent: min(i.totaalCent, toen.gemiddeldInkomen.totaalCent),
      gemiddeldCent: minOfNull(i.gemiddeldCent, toen.gemiddeldInkomen.gemiddeldCent),
      gemiddeldEuro: minOfNull(i.gemiddeldEuro, toen.gemiddeldInkomen.gemiddeldEuro),
    },
    bijstandsbestand: {
      opPeildatum: min(b.opPeildatum, toen.bijstandsbestand.opPeildatum),
      inJaar: min(b.inJaar, toen.bijstandsbestand.inJaar),
    },
    participatie: {
      gemeten: min(nu.participatie.gemeten, toen.participatie.gemeten),
      gestegen: min(nu.participatie.gestegen, toen.participatie.gestegen),
      gelijk: min(nu.participatie.gelijk, toen.participatie.gelijk),
      gedaald: min(nu.participatie.gedaald, toen.participatie.gedaald),
      groteVooruitgang: min(nu.participatie.groteVooruitgang, toen.participatie.groteVooruitgang),
    },
    trajecten: trajectenVerschil(nu, toen),
    plaatsingen: {
      sroi: plaatsing(nu, toen, 'sroi'),
      afspraakbaan: plaatsing(nu, toen, 'afspraakbaan'),
      'beschut-nieuw': plaatsing(nu, toen, 'beschut-nieuw'),
      banenplan: plaatsing(nu, toen, 'banenplan'),
    },
    inBeeld: {
      bijstand: min(nu.inBeeld.bijstand, toen.inBeeld.bijstand),
      inBeeld: min(nu.inBeeld.inBeeld, toen.inBeeld.inBeeld),
      aandeel: minAandeel(nu.inBeeld.aandeel, toen.inBeeld.aandeel),
    },
    langdurig: {
      bijstand: min(nu.langdurig.bijstand, toen.langdurig.bijstand),
      langdurig: min(nu.langdurig.langdurig, toen.langdurig.langdurig),
      aandeel: minAandeel(nu.langdurig.aandeel, toen.langdurig.aandeel),
    },
    minima: { huishoudens: min(nu.minima.huishoudens, toen.minima.huishoudens) },
    schuldhulp: {
      huishoudens: min(nu.schuldhulp.huishoudens, toen.schuldhulp.huishoudens),
      beeindigd: {
        'minnelijk-geslaagd': schuld(nu, toen, 'minnelijk-geslaagd'),
        'minnelijk-mislukt': schuld(nu, toen, 'minnelijk-mislukt'),
        wsnp: schuld(nu, toen, 'wsnp'),
        uitgevallen: schuld(nu, toen, 'uitgevallen'),
        overig: schuld(nu, toen, 'overig'),
      },
      aandeelMinnelijkGeslaagd: minAandeel(
        nu.schuldhulp.aandeelMinnelijkGeslaagd,
        toen.schuldhulp.aandeelMinnelijkGeslaagd,
      ),
    },
    allianties: {
      inJaar: min(nu.allianties.inJaar, toen.allianties.inJaar),
      totaal: min(nu.allianties.totaal, toen.allianties.totaal),
    },
    stroom: stroomVerschil(nu.stroom, toen.stroom),
    diagnose: { genegeerd: min(nu.diagnose.genegeerd, toen.diagnose.genegeerd) },
  };
};

/**
 * A year's report as published on `publicatiedatum` (a date: the end of that day, Europe/
 * Amsterdam; or an instant), as known now, and `nu − gepubliceerd` for every number. Both use
 * `parameters`' peildatum and meetdatum (its kennisdatum is replaced); to reproduce a report
 * whose peildatum defaulted on its publication day, resolve the parameters with
 * vandaag = publicatiedatum.
 */
export const herziening = (
  state: ProjectionState,
  parameters: Parameters,
  publicatiedatum: string,
  /** For `bron`: the digests of the facts (for null and for the publicatiedatum) and the tool's version. */
  herkomst: { readonly hash?: BronHash; readonly versie?: string | null } = {},
): Either<ParameterFout, Herziening> => {
  if (kennisdatumCutoff(publicatiedatum) === undefined) {
    return left({
      kind: 'ParameterFout',
      parameter: 'kennisdatum',
      ontvangen: publicatiedatum,
      bericht: `publicatiedatum: verwacht een datum JJJJ-MM-DD of een ISO-tijdstip, ontvangen ${JSON.stringify(publicatiedatum)} (MEETREGELS §3)`,
    });
  }
  const versie = herkomst.versie ?? null;
  const gepubliceerd = jaarrapport(
    state,
    { ...parameters, kennisdatum: publicatiedatum },
    { sha256: herkomst.hash?.sha256(publicatiedatum) ?? null, versie },
  );
  const nu = jaarrapport(
    state,
    { ...parameters, kennisdatum: null },
    { sha256: herkomst.hash?.sha256(null) ?? null, versie },
  );
  return right({ jaar: parameters.jaar, publicatiedatum, gepubliceerd, nu, verschil: verschil(nu, gepubliceerd) });
};

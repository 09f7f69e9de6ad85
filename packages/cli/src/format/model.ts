// The report as the documents lay it out, independent of the output format: per indicator a
// section with the rows Nulsituatie · Norm · Gerealiseerd (and the breakdown beneath), one
// column per year. The formatters (table, md, csv, html) only render this model.
import {
  type Cijfers,
  datumNl,
  type Eenheid,
  type Herziening,
  IN_RAPPORT,
  type Indicator,
  type Jaarrapport,
  type Overzicht,
  trajectIndicator,
} from '@zelfredzaam/projections';
import type { Norm, Normen } from '../normen.js';
import { celTekst } from './getallen.js';

// Each figure's labels (its indicators and their breakdown) live in its module of the registry
// (@zelfredzaam/projections figuren/); this file lays them out.
export type { Cijfers, Eenheid, Indicator };

/** One cell: a figure (null when undefined, e.g. a share of 0/0), a text, or nothing. */
export type Cel =
  | {
      readonly soort: 'getal';
      readonly waarde: number | null;
      readonly eenheid: Eenheid;
      /** A difference: shown with its sign. */
      readonly verschil?: boolean;
    }
  | { readonly soort: 'tekst'; readonly tekst: string }
  /** MEETREGELS §5/§9: niet bekend (a kind of fact nobody registered, or a year not yet measured). */
  | { readonly soort: 'nb' }
  | { readonly soort: 'leeg' };

export interface Rij {
  readonly label: string;
  /** 0: a main row (Nulsituatie, Norm, Gerealiseerd); 1: a breakdown row ("waarvan …"). */
  readonly niveau: 0 | 1;
  readonly cellen: readonly Cel[];
}

/** The data of a section's trend chart: realised figure and norm per year. */
export interface Grafiek {
  readonly eenheid: Eenheid;
  readonly punten: readonly {
    readonly jaar: number;
    readonly gerealiseerd: number | null;
    readonly norm: number | null;
  }[];
}

export interface Sectie {
  /** Stable key (the indicator id of the normen file, or `parameters`). */
  readonly id: string;
  readonly titel: string;
  /** Column headers after the row label (usually the years). */
  readonly kolommen: readonly string[];
  readonly rijen: readonly Rij[];
  /** Notes under the section (norm explanations), plain text. */
  readonly voetnoten: readonly string[];
  readonly grafiek?: Grafiek;
}

export interface RapportModel {
  readonly titel: string;
  readonly secties: readonly Sectie[];
}

export const getal = (waarde: number | null, eenheid: Eenheid): Cel => ({ soort: 'getal', waarde, eenheid });
const verschil = (waarde: number | null, eenheid: Eenheid): Cel => ({
  soort: 'getal',
  waarde,
  eenheid,
  verschil: true,
});
export const tekst = (t: string): Cel => ({ soort: 'tekst', tekst: t });
export const LEEG: Cel = { soort: 'leeg' };
export const NB: Cel = { soort: 'nb' };

/** Every indicator id of the figures not keyed by soort (trajecten.SOORT comes on top). */
export const INDICATOR_IDS: readonly string[] = IN_RAPPORT.filter((f) => !f.perSoort).flatMap((f) =>
  f.labels.indicatoren([]).map((i) => i.id),
);
/** The prefix of a trajectory soort's indicator (MEETREGELS §7.2 Trajecten): `trajecten.VAK`. */
export const TRAJECT_PREFIX = 'trajecten.';
/** An indicator id of the normen file. */
export type IndicatorId = string;

/** True for a soort as MEETREGELS §7.1 allows it (1–40 characters, no control characters). */
export const isTrajectSoort = (s: string): boolean =>
  s.length >= 1 && s.length <= 40 && !/[\u0000-\u001f\u007f-\u009f]/.test(s);

export const isIndicatorId = (s: string): s is IndicatorId =>
  (INDICATOR_IDS as readonly string[]).includes(s) ||
  (s.startsWith(TRAJECT_PREFIX) && isTrajectSoort(s.slice(TRAJECT_PREFIX.length)));

export { trajectIndicator };

const sectieVan = (f: (typeof IN_RAPPORT)[number]): number => Number(f.sectie.split('.')[0]);
const PER_SOORT = IN_RAPPORT.findIndex((f) => f.perSoort);
const zonderSoort = (figuren: readonly (typeof IN_RAPPORT)[number][]): readonly Indicator[] =>
  figuren.filter((f) => !f.perSoort).flatMap((f) => f.labels.indicatoren([]));

/** The indicators of MEETREGELS §4, in the order of the documents. */
export const INDICATOREN: readonly Indicator[] = zonderSoort(IN_RAPPORT.filter((f) => sectieVan(f) === 4));
/** The indicators of MEETREGELS §7.2 before the soorten of Trajecten (which come in between). */
export const INDICATOREN_7_VOOR: readonly Indicator[] = zonderSoort(
  IN_RAPPORT.slice(0, PER_SOORT).filter((f) => sectieVan(f) === 7),
);
/** The indicators of MEETREGELS §7.2 after the soorten of Trajecten. */
export const INDICATOREN_7_NA: readonly Indicator[] = zonderSoort(
  IN_RAPPORT.slice(PER_SOORT + 1).filter((f) => sectieVan(f) === 7),
);

/** The indicators of the reports, figure by figure of the registry (one per soort of Trajecten). */
export const indicatorenVoor = (rapporten: readonly Cijfers[]): readonly Indicator[] =>
  IN_RAPPORT.flatMap((f) => f.labels.indicatoren(rapporten));

/** An indicator's breakdown rows that depend on the reports (Indicator.rijen). */
const extraRijen = (indicator: Indicator, rapporten: readonly Jaarrapport[], beoogd = 0): Rij[] =>
  (indicator.rijen?.(rapporten) ?? []).map(({ label, waarden }) => ({
    label,
    niveau: 1,
    cellen: [...waarden.map((w) => getal(w, 'aantal')), ...new Array<Cel>(beoogd).fill(NB)],
  }));

/** A date the Dutch way, or an instant's date (UTC) the Dutch way. */
const datum = (iso: string): string => datumNl(iso.slice(0, 10));

const parameterSectie = (rapporten: readonly Jaarrapport[], beoogd: readonly number[]): Sectie => {
  const toekomst = beoogd.map(() => NB);
  return {
    id: 'parameters',
    titel: 'Peildata',
    kolommen: kolommenVan(rapporten, beoogd),
    rijen: [
      {
        label: 'Peildatum (stand)',
        niveau: 0,
        cellen: [...rapporten.map((r) => tekst(datum(r.peildatum))), ...toekomst],
      },
      {
        label: 'Evaluatiedatum (half jaar na uitstroom)',
        niveau: 0,
        cellen: [...rapporten.map((r) => tekst(datum(r.evaluatiedatum))), ...toekomst],
      },
      {
        label: 'Meetdatum (cohort)',
        niveau: 0,
        cellen: [...rapporten.map((r) => tekst(datum(r.meetdatum))), ...toekomst],
      },
      {
        label: 'Gegevens bekend tot',
        niveau: 0,
        cellen: [
          ...rapporten.map((r) => tekst(r.kennisdatum === null ? 'alles wat is vastgelegd' : datum(r.kennisdatum))),
          ...toekomst,
        ],
      },
    ],
    voetnoten: [],
  };
};

/** MEETREGELS §5 bron, as a short block. */
const bronSectie = (rapporten: readonly Jaarrapport[], beoogd: readonly number[]): Sectie => {
  const toekomst = beoogd.map(() => NB);
  const sha = (r: Jaarrapport) => (r.bron.sha256 === null ? 'n.b.' : `${r.bron.sha256.slice(0, 12)}…`);
  return {
    id: 'bron',
    titel: 'Bron van de cijfers',
    kolommen: kolommenVan(rapporten, beoogd),
    rijen: [
      {
        label: 'Vastgelegde gegevens',
        niveau: 0,
        cellen: [...rapporten.map((r) => getal(r.bron.feiten, 'aantal')), ...toekomst],
      },
      {
        label: 'Huishoudens',
        niveau: 0,
        cellen: [...rapporten.map((r) => getal(r.bron.huishoudens, 'aantal')), ...toekomst],
      },
      {
        label: 'Laatst vastgelegd op',
        niveau: 0,
        cellen: [
          ...rapporten.map((r) => (r.bron.laatsteRecordedAt === null ? NB : tekst(datum(r.bron.laatsteRecordedAt)))),
          ...toekomst,
        ],
      },
      { label: 'Controlegetal (SHA-256)', niveau: 0, cellen: [...rapporten.map((r) => tekst(sha(r))), ...toekomst] },
    ],
    voetnoten: [
      ...rapporten.flatMap((r) => (r.bron.sha256 === null ? [] : [`Controlegetal ${r.jaar}: ${r.bron.sha256}`])),
      `Meetregels ${rapporten[0]?.bron.meetregels ?? '2.0'}, zelfredzaam ${rapporten[0]?.bron.versie ?? 'onbekend'}.`,
    ],
  };
};

/** A figure's overview section (Labels.overzicht, e.g. §4.8: beginstand + instroom − uitstroom = eindstand). */
const overzichtSectie = (
  id: string,
  o: Overzicht,
  rapporten: readonly Jaarrapport[],
  beoogd: readonly number[],
): Sectie => ({
  id,
  titel: o.titel,
  kolommen: kolommenVan(rapporten, beoogd),
  rijen: o.rijen.map(({ label, niveau, waarde }) => ({
    label,
    niveau,
    cellen: [...rapporten.map((r) => getal(waarde(r), 'aantal')), ...beoogd.map(() => NB)],
  })),
  voetnoten: [...o.voetnoten],
});

const kolommenVan = (rapporten: readonly Jaarrapport[], beoogd: readonly number[]): string[] => [
  ...rapporten.map((r) => String(r.jaar)),
  ...beoogd.map((j) => `Beoogd ${j}`),
];

const yearSpan = (jaren: readonly number[]): string => {
  const first = jaren[0];
  const last = jaren[jaren.length - 1];
  if (first === undefined || last === undefined) return '';
  return first === last ? String(first) : `${first}–${last}`;
};

/** True when the figure of `indicator` is not measured in report `r` (MEETREGELS §5 nietGemeten). */
const nietGemeten = (indicator: Indicator, r: Jaarrapport): boolean =>
  indicator.figuur !== undefined && r.nietGemeten.includes(indicator.figuur);

/** A figure in the indicator's headline unit, as a cell. */
const waardeTekst = (waarde: number, eenheid: Eenheid): string => celTekst(getal(waarde, eenheid));

/** The Norm cell: a number where the documents print one, a short text otherwise. */
const normCel = (norm: Norm, indicator: Indicator): Cel => {
  if (norm.richting === 'toename') return tekst('toename');
  if (norm.richting === 'afname') return tekst('afname');
  const delen: string[] = [];
  const prefix = norm.richting === 'maximaal' ? 'hoogstens ' : '';
  if (norm.waarde !== undefined) {
    const eenheid: Eenheid = indicator.eenheid === 'euro' ? 'euro' : 'aantal';
    const tekstWaarde = waardeTekst(norm.waarde, eenheid);
    delen.push(indicator.eenheid === 'aandeel' ? `${tekstWaarde} huishoudens` : tekstWaarde);
  }
  if (norm.aandeel !== undefined) delen.push(waardeTekst(norm.aandeel, 'aandeel'));
  const cumulatief = norm.cumulatief ? ` (${norm.van}–${norm.tot} samen)` : '';
  // A plain minimum in the headline's own unit stays a number (csv, xlsx and the chart use it).
  const inKop = normInKop(norm, indicator);
  if (inKop !== null && norm.richting === 'minimaal' && !norm.cumulatief) return getal(inKop, indicator.eenheid);
  return tekst(`${prefix}${delen.join(' en ')}${cumulatief}`);
};

/** The norm in the indicator's headline unit (for the chart), or null. */
const normInKop = (norm: Norm, indicator: Indicator): number | null => {
  if (norm.cumulatief || norm.richting === 'toename' || norm.richting === 'afname') return null;
  if (indicator.eenheid === 'aandeel') return norm.waarde === undefined ? (norm.aandeel ?? null) : null;
  return norm.aandeel === undefined ? (norm.waarde ?? null) : null;
};

type Uitkomst = 'ja' | 'nee' | '—';

const vergelijk = (richting: Norm['richting'], gerealiseerd: number, norm: number): boolean =>
  richting === 'maximaal' ? gerealiseerd <= norm : gerealiseerd >= norm;

/**
 * MEETREGELS §9 Behaald for one indicator and year: every part of the norm must hold. `cumulatief`
 * is the sum of the realised counts over the period's years up to this one (null: not known).
 */
const behaald = (
  norm: Norm,
  indicator: Indicator,
  r: Cijfers,
  nul: number | null,
  cumulatief: number | null,
): Uitkomst => {
  if (norm.richting === 'toename' || norm.richting === 'afname') {
    const w = indicator.waarde(r);
    if (w === null || nul === null) return '—';
    return (norm.richting === 'toename' ? w > nul : w < nul) ? 'ja' : 'nee';
  }
  let ok = true;
  if (norm.waarde !== undefined) {
    const w = norm.cumulatief ? cumulatief : indicator.aantal(r);
    if (w === null) return '—';
    ok = ok && vergelijk(norm.richting, w, norm.waarde);
  }
  if (norm.aandeel !== undefined) {
    const a = indicator.aandeel?.(r) ?? null;
    if (a === null) return '—';
    ok = ok && vergelijk(norm.richting, a, norm.aandeel);
  }
  return ok ? 'ja' : 'nee';
};

/** Duurzaamheid: with exits still nogOnbekend, Behaald only when neither outcome can change it. */
const behaaldDuurzaam = (norm: Norm, indicator: Indicator, r: Jaarrapport, nul: number | null): Uitkomst => {
  const d = r.duurzaamheid;
  if (d.nogOnbekend === 0) return behaald(norm, indicator, r, nul, null);
  const met = (duurzaam: number, teruggevallen: number): Jaarrapport => ({
    ...r,
    duurzaamheid: {
      ...d,
      duurzaam,
      teruggevallen,
      nogOnbekend: 0,
      aandeelDuurzaam:
        duurzaam + teruggevallen === 0 ? null : Math.round((duurzaam / (duurzaam + teruggevallen)) * 10_000) / 10_000,
    },
  });
  const best = behaald(norm, indicator, met(d.duurzaam + d.nogOnbekend, d.teruggevallen), nul, null);
  const slechtst = behaald(norm, indicator, met(d.duurzaam, d.teruggevallen + d.nogOnbekend), nul, null);
  return best === slechtst ? best : '—';
};

export interface JaarOpties {
  /** Years that have not begun today (MEETREGELS §9 Beoogd): norms only, realised "n.b.". */
  readonly beoogd?: readonly number[];
  /** The report of any earlier year (for cumulative norms over a period), when it can be made. */
  readonly rapportVan?: (jaar: number) => Jaarrapport | undefined;
}

/**
 * The annual report in the documents' layout (MEETREGELS §9) for the years of `rapporten`, then
 * the future years as Beoogd. Per indicator: Nulsituatie (given in the normen file, "opgegeven",
 * or the realised figure of the year before, "gemeten J"), Norm, Gerealiseerd, Behaald, and the
 * breakdown; "n.b." for a figure nobody registers. `vorige` is the report of the year before the
 * first.
 */
export const jaarModel = (
  rapporten: readonly Jaarrapport[],
  vorige: Jaarrapport | undefined,
  normen: Normen,
  opties: JaarOpties = {},
): RapportModel => {
  const beoogd = opties.beoogd ?? [];
  const jaren = [...rapporten.map((r) => r.jaar), ...beoogd];
  const kolommen = kolommenVan(rapporten, beoogd);
  const secties: Sectie[] = [parameterSectie(rapporten, beoogd)];
  const bekend = (jaar: number): Jaarrapport | undefined =>
    rapporten.find((r) => r.jaar === jaar) ?? (vorige?.jaar === jaar ? vorige : opties.rapportVan?.(jaar));
  const alle = vorige === undefined ? rapporten : [vorige, ...rapporten];
  // Figure by figure of the registry, in the order of the §5 object: its indicators, then its overview.
  for (const figuur of IN_RAPPORT) {
    for (const indicator of figuur.labels.indicatoren(alle)) {
      const realisatie = (r: Jaarrapport | undefined): number | null | undefined =>
        r === undefined || nietGemeten(indicator, r) ? undefined : indicator.waarde(r);
      // Nulsituatie: given, or the realised figure of the year before.
      const nulVan = (jaar: number): { cel: Cel; waarde: number | null; label: string } => {
        const gegeven = normen.nulsituatie(indicator.id, jaar);
        if (gegeven !== undefined) {
          return {
            cel: getal(gegeven.waarde, indicator.eenheid),
            waarde: gegeven.waarde,
            label: gegeven.jaar === undefined ? 'opgegeven' : `opgegeven (${gegeven.jaar})`,
          };
        }
        const p = bekend(jaar - 1);
        const w = realisatie(p);
        if (p === undefined) return { cel: LEEG, waarde: null, label: '' };
        if (w === undefined) return { cel: NB, waarde: null, label: `gemeten ${jaar - 1}` };
        return { cel: getal(w, indicator.eenheid), waarde: w, label: `gemeten ${jaar - 1}` };
      };
      const nul = jaren.map(nulVan);
      const cumulatiefVan = (norm: Norm, jaar: number): number | null => {
        let som = 0;
        for (let j = norm.van; j <= jaar; j++) {
          const r = bekend(j);
          const w = r === undefined || nietGemeten(indicator, r) ? null : indicator.aantal(r);
          if (w === null) return null;
          som += w;
        }
        return som;
      };
      const normCellen = jaren.map((jaar) => {
        const n = normen.get(indicator.id, jaar);
        return n === undefined ? LEEG : normCel(n, indicator);
      });
      const gerealiseerd = [
        ...rapporten.map((r) => (nietGemeten(indicator, r) ? NB : getal(indicator.waarde(r), indicator.eenheid))),
        ...beoogd.map(() => NB),
      ];
      const behaaldCellen = [
        ...rapporten.map((r, i) => {
          const n = normen.get(indicator.id, r.jaar);
          if (n === undefined || nietGemeten(indicator, r)) return tekst('—');
          const nw = nul[i]?.waarde ?? null;
          if (indicator.id === 'duurzaamheid') return tekst(behaaldDuurzaam(n, indicator, r, nw));
          return tekst(behaald(n, indicator, r, nw, n.cumulatief ? cumulatiefVan(n, r.jaar) : null));
        }),
        ...beoogd.map(() => tekst('—')),
      ];
      const details = [
        ...indicator.details.map(
          (d): Rij => ({
            label: d.label,
            niveau: 1,
            cellen: [
              ...rapporten.map((r) => (nietGemeten(indicator, r) ? NB : getal(d.waarde(r), d.eenheid))),
              ...beoogd.map(() => NB),
            ],
          }),
        ),
        ...extraRijen(indicator, rapporten, beoogd.length),
      ];
      const nulLabels = [...new Set(nul.map((n) => n.label).filter((l) => l !== ''))];
      const voetnoten = [
        ...jaren.flatMap((jaar) => {
          const n = normen.get(indicator.id, jaar);
          if (n === undefined) return [];
          const parts: string[] = [];
          if (n.cumulatief) {
            const som = cumulatiefVan(n, jaar);
            parts.push(
              `Norm ${jaar}: ${waardeTekst(n.waarde ?? 0, 'aantal')} over ${n.van}–${n.tot} samen; gerealiseerd ${n.van}–${jaar}: ${som === null ? 'n.b.' : waardeTekst(som, 'aantal')}.`,
            );
          }
          if (n.toelichting !== undefined && (n.van === jaar || !jaren.includes(n.van) || jaar === jaren[0])) {
            parts.push(`Norm ${n.van === n.tot ? jaar : `${n.van}–${n.tot}`}: ${n.toelichting}`);
          }
          return parts;
        }),
      ];
      const nb = rapporten.some((r) => nietGemeten(indicator, r));
      if (nb) voetnoten.push('n.b.: niet bekend; de gemeente registreert dit niet.');
      const grafiekJaren = alle;
      secties.push({
        id: indicator.id,
        titel: indicator.titel,
        kolommen,
        rijen: [
          {
            label: 'Nulsituatie',
            niveau: 0,
            cellen: nul.map((n) => n.cel),
          },
          ...(nulLabels.length === 0
            ? []
            : [
                {
                  label: 'gemeten of opgegeven',
                  niveau: 1 as const,
                  cellen: nul.map((n) => (n.label === '' ? LEEG : tekst(n.label))),
                },
              ]),
          { label: 'Norm', niveau: 0, cellen: normCellen },
          { label: 'Gerealiseerd', niveau: 0, cellen: gerealiseerd },
          { label: 'Behaald', niveau: 0, cellen: behaaldCellen },
          ...details,
        ],
        voetnoten: [...new Set(voetnoten)],
        grafiek: {
          eenheid: indicator.eenheid,
          punten: [
            ...grafiekJaren.map((r) => {
              const n = normen.get(indicator.id, r.jaar);
              return {
                jaar: r.jaar,
                gerealiseerd: nietGemeten(indicator, r) ? null : indicator.waarde(r),
                norm: n === undefined ? null : normInKop(n, indicator),
              };
            }),
            ...beoogd.map((jaar) => {
              const n = normen.get(indicator.id, jaar);
              return { jaar, gerealiseerd: null, norm: n === undefined ? null : normInKop(n, indicator) };
            }),
          ],
        },
      });
    }
    const overzicht = figuur.labels.overzicht;
    if (overzicht !== undefined) secties.push(overzichtSectie(figuur.naam, overzicht, rapporten, beoogd));
  }
  secties.push(bronSectie(rapporten, beoogd));
  secties.push(verantwoording(rapporten));
  return { titel: `Sociaal-economische zelfredzaamheid ${yearSpan(jaren)}`, secties };
};

/** The closing note: how the figures were made, with the terms of the rules (MEETREGELS §9). */
const verantwoording = (rapporten: readonly Jaarrapport[]): Sectie => ({
  id: 'verantwoording',
  titel: 'Verantwoording',
  kolommen: [],
  rijen: [],
  voetnoten: [
    `De cijfers volgen MEETREGELS ${rapporten[0]?.bron.meetregels ?? '2.0'}: de stand telt op de peildatum (§3, standaard 31 december), uitstroom is duurzaam als die op de evaluatiedatum een half jaar zonder bijstand duurt (§4.2), het cohort telt op de meetdatum (§4.3).`,
    'Nulsituatie "gemeten J": het gerealiseerde cijfer van het jaar ervoor; "opgegeven": de waarde uit het normenbestand. Behaald "—": geen norm, nog niet meetbaar (een toekomstig jaar, of uitstroom waarvan het halfjaar nog loopt), of niet bekend.',
    ...rapporten.map(
      (r) =>
        `${r.jaar}: ${heelGetalTekst(r.diagnose.genegeerd)} vastgelegde gegevens pasten niet in het verloop van hun huishouden en tellen niet mee (diagnose.genegeerd).`,
    ),
  ],
});

const heelGetalTekst = (n: number): string => celTekst(getal(n, 'aantal'));

/**
 * The restatement view of `--kennisdatum T --vergelijk`: per year a section with every figure
 * as published on T, as known now, and the difference (the projections' `herziening`).
 */
export const vergelijkModel = (herzieningen: readonly Herziening[]): RapportModel => {
  const secties: Sectie[] = herzieningen.flatMap(({ jaar, publicatiedatum, gepubliceerd, nu, verschil: v }) => {
    const rijen: Rij[] = [];
    for (const indicator of indicatorenVoor([gepubliceerd, nu, v])) {
      const rows: { label: string; niveau: 0 | 1; eenheid: Eenheid; waarde: (r: Cijfers) => number | null }[] = [
        { label: indicator.kort, niveau: 0, eenheid: indicator.eenheid, waarde: indicator.waarde },
        ...indicator.details.map((d) => ({ ...d, niveau: 1 as const })),
      ];
      for (const row of rows) {
        rijen.push({
          label: row.label,
          niveau: row.niveau,
          cellen: [
            getal(row.waarde(gepubliceerd), row.eenheid),
            getal(row.waarde(nu), row.eenheid),
            verschil(row.waarde(v), row.eenheid),
          ],
        });
      }
    }
    const kolommen = [`Gepubliceerd ${datumNl(publicatiedatum.slice(0, 10))}`, 'Nu bekend', 'Verschil'];
    const gepubliceerdOp = `gepubliceerd op ${datumNl(publicatiedatum.slice(0, 10))} en nu bekend`;
    // The overview sections (§4.8 Stroom) restated the same way, each after the year's figures.
    const overzichten = IN_RAPPORT.flatMap((figuur): Sectie[] => {
      const o = figuur.labels.overzicht;
      if (o === undefined) return [];
      return [
        {
          id: `vergelijking-${jaar}-${figuur.naam}`,
          titel: `${jaar}, ${o.titel.toLowerCase()}: ${gepubliceerdOp}`,
          kolommen,
          rijen: o.rijen.map(({ label, niveau, waarde }) => ({
            label,
            niveau,
            cellen: [getal(waarde(gepubliceerd), 'aantal'), getal(waarde(nu), 'aantal'), verschil(waarde(v), 'aantal')],
          })),
          voetnoten: [...o.voetnoten],
        },
      ];
    });
    return [
      {
        id: `vergelijking-${jaar}`,
        titel: `${jaar}: ${gepubliceerdOp}`,
        kolommen,
        rijen,
        voetnoten: [
          `Peildatum ${datumNl(nu.peildatum)}, evaluatiedatum ${datumNl(nu.evaluatiedatum)}, meetdatum ${datumNl(nu.meetdatum)}. Gegevens die niet in het verloop van hun huishouden pasten: ${gepubliceerd.diagnose.genegeerd} gepubliceerd, ${nu.diagnose.genegeerd} nu.`,
        ],
      },
      ...overzichten,
    ];
  });
  const jaren = herzieningen.map((h) => h.jaar);
  return { titel: `Herziening van de cijfers ${yearSpan(jaren)}`, secties };
};

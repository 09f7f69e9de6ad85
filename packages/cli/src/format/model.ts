// The report as the documents lay it out, independent of the output format: per indicator a
// section with the rows Nulsituatie · Norm · Gerealiseerd (and the breakdown beneath), one
// column per year. The formatters (table, md, csv, html) only render this model.
import {
  datumNl,
  type Herziening,
  type Jaarrapport,
  type NietGemeten,
  type Traject,
  type Verschil,
} from '@zelfredzaam/projections';
import type { Norm, Normen } from '../normen.js';
import { celTekst } from './getallen.js';

/** How a value is shown: a count, a share (a fraction 0–1, shown as a percentage), or whole euros. */
export type Eenheid = 'aantal' | 'aandeel' | 'euro';

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

/** The figures of a report, or their differences (a Jaarrapport is one too). */
export type Cijfers = Verschil;

interface Detail {
  readonly label: string;
  readonly eenheid: Eenheid;
  readonly waarde: (r: Cijfers) => number | null;
}

/** An indicator of the documents: its headline figure and the breakdown shown beneath it. */
export interface Indicator {
  /** The key used in the normen file. */
  readonly id: IndicatorId;
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
}

export const INDICATOR_IDS = [
  'volledigeUitstroom',
  'duurzaamheid',
  'cohort',
  'gedeeltelijkeUitstroom',
  'gemiddeldInkomen',
  'bijstandsbestand',
  'participatie',
  'plaatsingen.sroi',
  'plaatsingen.afspraakbaan',
  'plaatsingen.beschut-nieuw',
  'plaatsingen.banenplan',
  'inBeeld',
  'langdurig',
  'minima',
  'schuldhulp',
  'allianties',
] as const;
/** The prefix of a trajectory soort's indicator (MEETREGELS §7.2 Trajecten): `trajecten.VAK`. */
export const TRAJECT_PREFIX = 'trajecten.';
export type IndicatorId = (typeof INDICATOR_IDS)[number] | `trajecten.${string}`;

/** True for a soort as MEETREGELS §7.1 allows it (1–40 characters, no control characters). */
export const isTrajectSoort = (s: string): boolean =>
  s.length >= 1 && s.length <= 40 && !/[\u0000-\u001f\u007f-\u009f]/.test(s);

export const isIndicatorId = (s: string): s is IndicatorId =>
  (INDICATOR_IDS as readonly string[]).includes(s) ||
  (s.startsWith(TRAJECT_PREFIX) && isTrajectSoort(s.slice(TRAJECT_PREFIX.length)));

const LEEG_TRAJECT: Traject = {
  gestart: 0,
  uitstroomBinnenZesMaanden: 0,
  beeindigd: 0,
  resultaten: { werk: 0, opleiding: 0, ingetrokken: 0, voltooid: 0, uitgevallen: 0 },
  trede: { gemeten: 0, gestegen: 0, groteVooruitgang: 0 },
};

/**
 * §7.2 Trajecten: one indicator per soort; a year without a start or end of that soort shows
 * zeros (the report has no key for it then).
 */
export const trajectIndicator = (soort: string): Indicator => {
  const t = (r: Cijfers): Traject => r.trajecten[soort] ?? LEEG_TRAJECT;
  return {
    id: `${TRAJECT_PREFIX}${soort}`,
    kort: `Trajecten ${soort}: gestart`,
    titel: `Trajecten ${soort}: gestart, uitstroom naar werk binnen zes maanden, beëindigd`,
    eenheid: 'aantal',
    waarde: (r) => t(r).gestart,
    aantal: (r) => t(r).gestart,
    figuur: 'trajecten',
    details: [
      {
        label: 'naar werk binnen zes maanden',
        eenheid: 'aantal',
        waarde: (r) => t(r).uitstroomBinnenZesMaanden,
      },
      { label: 'beëindigd', eenheid: 'aantal', waarde: (r) => t(r).beeindigd },
      { label: 'waarvan werk', eenheid: 'aantal', waarde: (r) => t(r).resultaten.werk },
      { label: 'waarvan opleiding', eenheid: 'aantal', waarde: (r) => t(r).resultaten.opleiding },
      { label: 'waarvan ingetrokken', eenheid: 'aantal', waarde: (r) => t(r).resultaten.ingetrokken },
      { label: 'waarvan voltooid', eenheid: 'aantal', waarde: (r) => t(r).resultaten.voltooid },
      { label: 'waarvan uitgevallen', eenheid: 'aantal', waarde: (r) => t(r).resultaten.uitgevallen },
      { label: 'trede gemeten (beëindigd)', eenheid: 'aantal', waarde: (r) => t(r).trede.gemeten },
      { label: 'trede gestegen', eenheid: 'aantal', waarde: (r) => t(r).trede.gestegen },
      { label: 'grote vooruitgang (≥ 2 treden)', eenheid: 'aantal', waarde: (r) => t(r).trede.groteVooruitgang },
    ],
  };
};

const plaatsingIndicator = (soort: keyof Jaarrapport['plaatsingen'], naam: string): Indicator => ({
  id: `plaatsingen.${soort}`,
  kort: `Plaatsingen ${naam}`,
  titel: `Plaatsingen ${naam}: geplaatst in het jaar (plaatsingen, geen huishoudens)`,
  eenheid: 'aantal',
  waarde: (r) => r.plaatsingen[soort].inJaar,
  aantal: (r) => r.plaatsingen[soort].inJaar,
  figuur: 'plaatsingen',
  details: [
    { label: 'cumulatief tot de peildatum', eenheid: 'aantal', waarde: (r) => r.plaatsingen[soort].cumulatief },
  ],
});

/** The indicators of MEETREGELS §7.2 after the soorten of Trajecten (which come in between). */
export const INDICATOREN_7_VOOR: readonly Indicator[] = [
  {
    id: 'participatie',
    kort: 'Participatiegroei: gestegen',
    titel: 'Participatiegroei: bijstandsgerechtigden die op de participatieladder stegen',
    eenheid: 'aantal',
    waarde: (r) => r.participatie.gestegen,
    aantal: (r) => r.participatie.gestegen,
    figuur: 'participatie',
    details: [
      { label: 'gemeten', eenheid: 'aantal', waarde: (r) => r.participatie.gemeten },
      { label: 'op dezelfde trede gebleven', eenheid: 'aantal', waarde: (r) => r.participatie.gelijk },
      { label: 'gedaald', eenheid: 'aantal', waarde: (r) => r.participatie.gedaald },
      { label: 'grote vooruitgang (≥ 2 treden)', eenheid: 'aantal', waarde: (r) => r.participatie.groteVooruitgang },
    ],
  },
];

export const INDICATOREN_7_NA: readonly Indicator[] = [
  plaatsingIndicator('sroi', 'SROI'),
  plaatsingIndicator('afspraakbaan', 'afspraakbanen'),
  plaatsingIndicator('beschut-nieuw', 'beschut werk nieuw'),
  plaatsingIndicator('banenplan', 'banenplan'),
  {
    id: 'inBeeld',
    kort: 'In beeld (aandeel)',
    titel: 'In beeld: aandeel huishoudens met bijstand op de peildatum dat in beeld is gebracht',
    eenheid: 'aandeel',
    waarde: (r) => r.inBeeld.aandeel,
    aantal: (r) => r.inBeeld.inBeeld,
    aandeel: (r) => r.inBeeld.aandeel,
    figuur: 'inBeeld',
    details: [
      { label: 'in beeld', eenheid: 'aantal', waarde: (r) => r.inBeeld.inBeeld },
      { label: 'met bijstand op de peildatum', eenheid: 'aantal', waarde: (r) => r.inBeeld.bijstand },
    ],
  },
  {
    id: 'langdurig',
    kort: 'Langdurig afhankelijk (≥ 3 jaar)',
    titel: 'Langdurig financieel afhankelijk: op de peildatum 3 jaar of langer onafgebroken bijstand',
    eenheid: 'aantal',
    waarde: (r) => r.langdurig.langdurig,
    aantal: (r) => r.langdurig.langdurig,
    aandeel: (r) => r.langdurig.aandeel,
    details: [
      { label: 'aandeel van het bijstandsbestand', eenheid: 'aandeel', waarde: (r) => r.langdurig.aandeel },
      { label: 'met bijstand op de peildatum', eenheid: 'aantal', waarde: (r) => r.langdurig.bijstand },
    ],
  },
  {
    id: 'minima',
    kort: 'Minimaregelingen: huishoudens',
    titel: 'Minimaregelingen: huishoudens met een toegekende regeling in het jaar',
    eenheid: 'aantal',
    waarde: (r) => r.minima.huishoudens,
    aantal: (r) => r.minima.huishoudens,
    figuur: 'minima',
    details: [],
  },
  {
    id: 'schuldhulp',
    kort: 'Schuldhulp: minnelijk geslaagd (aandeel)',
    titel: 'Schuldhulp: aandeel geslaagde minnelijke schuldregelingen',
    eenheid: 'aandeel',
    waarde: (r) => r.schuldhulp.aandeelMinnelijkGeslaagd,
    aantal: (r) => r.schuldhulp.beeindigd['minnelijk-geslaagd'],
    aandeel: (r) => r.schuldhulp.aandeelMinnelijkGeslaagd,
    figuur: 'schuldhulp',
    details: [
      { label: 'huishoudens met schuldhulp', eenheid: 'aantal', waarde: (r) => r.schuldhulp.huishoudens },
      {
        label: 'beëindigd: minnelijk geslaagd',
        eenheid: 'aantal',
        waarde: (r) => r.schuldhulp.beeindigd['minnelijk-geslaagd'],
      },
      {
        label: 'beëindigd: minnelijk mislukt',
        eenheid: 'aantal',
        waarde: (r) => r.schuldhulp.beeindigd['minnelijk-mislukt'],
      },
      { label: 'beëindigd: wsnp', eenheid: 'aantal', waarde: (r) => r.schuldhulp.beeindigd.wsnp },
      { label: 'beëindigd: uitgevallen', eenheid: 'aantal', waarde: (r) => r.schuldhulp.beeindigd.uitgevallen },
      { label: 'beëindigd: overig', eenheid: 'aantal', waarde: (r) => r.schuldhulp.beeindigd.overig },
    ],
  },
  {
    id: 'allianties',
    kort: 'Allianties met werkgevers (totaal)',
    titel: 'Allianties met werkgevers: gesloten tot de peildatum',
    eenheid: 'aantal',
    waarde: (r) => r.allianties.totaal,
    aantal: (r) => r.allianties.totaal,
    figuur: 'allianties',
    details: [{ label: 'gesloten in het jaar', eenheid: 'aantal', waarde: (r) => r.allianties.inJaar }],
  },
];

/** Every soort of Trajecten in any of the reports, in code point order (as the JSON has them). */
export const trajectSoorten = (rapporten: readonly Cijfers[]): string[] =>
  [...new Set(rapporten.flatMap((r) => Object.keys(r.trajecten)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** The indicators of the reports: §4 and §7.2, with one indicator per soort of Trajecten. */
export const indicatorenVoor = (rapporten: readonly Cijfers[]): readonly Indicator[] => [
  ...INDICATOREN,
  ...INDICATOREN_7_VOOR,
  ...trajectSoorten(rapporten).map(trajectIndicator),
  ...INDICATOREN_7_NA,
];

/** §7.2 Participatiegroei: a row per (begin, eind) pair that occurs in any of the years. */
const overgangRijen = (rapporten: readonly Jaarrapport[], beoogd = 0): Rij[] => {
  const paren = new Map<string, { van: number; naar: number }>();
  for (const r of rapporten) for (const o of r.participatie.overgangen) paren.set(`${o.van}/${o.naar}`, o);
  return [...paren.values()]
    .sort((a, b) => a.van - b.van || a.naar - b.naar)
    .map(({ van, naar }) => ({
      label: van === naar ? `gelijk gebleven op trede ${van}` : `van trede ${van} naar trede ${naar}`,
      niveau: 1,
      cellen: [
        ...rapporten.map((r) =>
          getal(r.participatie.overgangen.find((o) => o.van === van && o.naar === naar)?.aantal ?? 0, 'aantal'),
        ),
        ...new Array<Cel>(beoogd).fill(NB),
      ],
    }));
};

/** The indicators in the order of the documents (MEETREGELS §4.1–§4.7). */
export const INDICATOREN: readonly Indicator[] = [
  {
    id: 'volledigeUitstroom',
    kort: 'Volledige uitstroom',
    titel: 'Volledige uitstroom: huishoudens uit de bijstand door loondienst, onderneming of opleiding',
    eenheid: 'aantal',
    waarde: (r) => r.volledigeUitstroom.totaal,
    aantal: (r) => r.volledigeUitstroom.totaal,
    details: [
      { label: 'waarvan loondienst', eenheid: 'aantal', waarde: (r) => r.volledigeUitstroom.loondienst },
      { label: 'waarvan eigen onderneming', eenheid: 'aantal', waarde: (r) => r.volledigeUitstroom.onderneming },
      { label: 'waarvan opleiding', eenheid: 'aantal', waarde: (r) => r.volledigeUitstroom.opleiding },
    ],
  },
  {
    id: 'duurzaamheid',
    kort: 'Duurzaam uitgestroomd (aandeel)',
    titel: 'Duurzaam uitgestroomd: aandeel minimaal een half jaar uit de bijstand',
    eenheid: 'aandeel',
    waarde: (r) => r.duurzaamheid.aandeelDuurzaam,
    aantal: (r) => r.duurzaamheid.duurzaam,
    aandeel: (r) => r.duurzaamheid.aandeelDuurzaam,
    details: [
      { label: 'duurzaam', eenheid: 'aantal', waarde: (r) => r.duurzaamheid.duurzaam },
      { label: 'teruggevallen', eenheid: 'aantal', waarde: (r) => r.duurzaamheid.teruggevallen },
      { label: 'nog onbekend', eenheid: 'aantal', waarde: (r) => r.duurzaamheid.nogOnbekend },
    ],
  },
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
  {
    id: 'gedeeltelijkeUitstroom',
    kort: 'Gedeeltelijke uitstroom (aandeel)',
    titel: 'Gedeeltelijke uitstroom: aandeel bijstandshuishoudens met inkomsten uit loondienst of onderneming',
    eenheid: 'aandeel',
    waarde: (r) => r.gedeeltelijkeUitstroom.aandeel,
    aantal: (r) => r.gedeeltelijkeUitstroom.totaal,
    aandeel: (r) => r.gedeeltelijkeUitstroom.aandeel,
    figuur: 'gedeeltelijkeUitstroom',
    details: [
      { label: 'huishoudens met inkomsten', eenheid: 'aantal', waarde: (r) => r.gedeeltelijkeUitstroom.totaal },
      { label: 'waarvan loondienst', eenheid: 'aantal', waarde: (r) => r.gedeeltelijkeUitstroom.loondienst },
      { label: 'waarvan eigen onderneming', eenheid: 'aantal', waarde: (r) => r.gedeeltelijkeUitstroom.onderneming },
      {
        label: 'bijstandshuishoudens in het jaar',
        eenheid: 'aantal',
        waarde: (r) => r.gedeeltelijkeUitstroom.bijstandshuishoudens,
      },
    ],
  },
  {
    id: 'gemiddeldInkomen',
    kort: 'Gemiddeld inkomen per maand',
    titel: 'Gemiddeld inkomen per maand naast de bijstand',
    eenheid: 'euro',
    waarde: (r) => r.gemiddeldInkomen.gemiddeldEuro,
    aantal: (r) => r.gemiddeldInkomen.gemiddeldEuro,
    figuur: 'gemiddeldInkomen',
    details: [{ label: 'maanden met inkomsten', eenheid: 'aantal', waarde: (r) => r.gemiddeldInkomen.maanden }],
  },
  {
    id: 'bijstandsbestand',
    kort: 'Bijstandsbestand op peildatum',
    titel: 'Bijstandsbestand: huishoudens met bijstand op de peildatum',
    eenheid: 'aantal',
    waarde: (r) => r.bijstandsbestand.opPeildatum,
    aantal: (r) => r.bijstandsbestand.opPeildatum,
    details: [{ label: 'met bijstand in het jaar', eenheid: 'aantal', waarde: (r) => r.bijstandsbestand.inJaar }],
  },
];

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

const REDENEN: readonly [keyof Jaarrapport['stroom']['uitstroom'], string][] = [
  ['loondienst', 'naar loondienst'],
  ['onderneming', 'naar een eigen onderneming'],
  ['opleiding', 'naar een opleiding'],
  ['verhuizing', 'verhuisd'],
  ['overlijden', 'overleden'],
  ['andere-uitkering', 'naar een andere uitkering'],
  ['detentie', 'detentie'],
  ['partner-inkomen', 'inkomen van de partner'],
  ['overig', 'overige redenen'],
];

/** MEETREGELS §4.8: beginstand + instroom − uitstroom = eindstand. */
const stroomSectie = (rapporten: readonly Jaarrapport[], beoogd: readonly number[]): Sectie => {
  const rij = (label: string, niveau: 0 | 1, f: (s: Jaarrapport['stroom']) => number): Rij => ({
    label,
    niveau,
    cellen: [...rapporten.map((r) => getal(f(r.stroom), 'aantal')), ...beoogd.map(() => NB)],
  });
  return {
    id: 'stroom',
    titel: 'Verloop van het bijstandsbestand',
    kolommen: kolommenVan(rapporten, beoogd),
    rijen: [
      rij('Beginstand (31 december van het jaar ervoor)', 0, (s) => s.beginstand),
      rij('Instroom', 0, (s) => s.instroom.totaal),
      rij('nieuwe uitkering', 1, (s) => s.instroom.nieuw),
      rij('opnieuw in de bijstand na uitstroom', 1, (s) => s.instroom.teruggevallen),
      rij('Uitstroom', 0, (s) => s.uitstroom.totaal),
      ...REDENEN.map(([reden, label]) => rij(label, 1, (s) => s.uitstroom[reden])),
      rij('Eindstand (31 december)', 0, (s) => s.eindstand),
    ],
    voetnoten: ['Beginstand + instroom − uitstroom = eindstand; instroom en uitstroom tellen elke overgang.'],
  };
};

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
  for (const indicator of indicatorenVoor(alle)) {
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
      ...(indicator.id === 'participatie' ? overgangRijen(rapporten, beoogd.length) : []),
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
    if (indicator.id === 'bijstandsbestand') secties.push(stroomSectie(rapporten, beoogd));
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
  const secties: Sectie[] = herzieningen.map(({ jaar, publicatiedatum, gepubliceerd, nu, verschil: v }) => {
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
    return {
      id: `vergelijking-${jaar}`,
      titel: `${jaar}: gepubliceerd op ${datumNl(publicatiedatum.slice(0, 10))} en nu bekend`,
      kolommen: [`Gepubliceerd ${datumNl(publicatiedatum.slice(0, 10))}`, 'Nu bekend', 'Verschil'],
      rijen,
      voetnoten: [
        `Peildatum ${datumNl(nu.peildatum)}, evaluatiedatum ${datumNl(nu.evaluatiedatum)}, meetdatum ${datumNl(nu.meetdatum)}. Gegevens die niet in het verloop van hun huishouden pasten: ${gepubliceerd.diagnose.genegeerd} gepubliceerd, ${nu.diagnose.genegeerd} nu.`,
      ],
    };
  });
  const jaren = herzieningen.map((h) => h.jaar);
  return { titel: `Herziening van de cijfers ${yearSpan(jaren)}`, secties };
};

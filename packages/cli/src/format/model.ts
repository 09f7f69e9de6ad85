// The report as the documents lay it out, independent of the output format: per indicator a
// section with the rows Nulsituatie · Norm · Gerealiseerd (and the breakdown beneath), one
// column per year. The formatters (table, md, csv, html) only render this model.
import type { Herziening, Jaarrapport, Traject, Verschil } from '@zelfredzaam/projections';
import type { Normen } from '../normen.js';

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
    details: [
      { label: 'gemeten', eenheid: 'aantal', waarde: (r) => r.participatie.gemeten },
      { label: 'gelijk gebleven', eenheid: 'aantal', waarde: (r) => r.participatie.gelijk },
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
    details: [
      { label: 'aandeel van de bijstand', eenheid: 'aandeel', waarde: (r) => r.langdurig.aandeel },
      { label: 'met bijstand op de peildatum', eenheid: 'aantal', waarde: (r) => r.langdurig.bijstand },
    ],
  },
  {
    id: 'minima',
    kort: 'Minimaregelingen: huishoudens',
    titel: 'Minimaregelingen: huishoudens met een toegekende regeling in het jaar',
    eenheid: 'aantal',
    waarde: (r) => r.minima.huishoudens,
    details: [],
  },
  {
    id: 'schuldhulp',
    kort: 'Schuldhulp: minnelijk geslaagd (aandeel)',
    titel: 'Schuldhulp: aandeel geslaagde minnelijke schuldregelingen',
    eenheid: 'aandeel',
    waarde: (r) => r.schuldhulp.aandeelMinnelijkGeslaagd,
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
const overgangRijen = (rapporten: readonly Jaarrapport[]): Rij[] => {
  const paren = new Map<string, { van: number; naar: number }>();
  for (const r of rapporten) for (const o of r.participatie.overgangen) paren.set(`${o.van}/${o.naar}`, o);
  return [...paren.values()]
    .sort((a, b) => a.van - b.van || a.naar - b.naar)
    .map(({ van, naar }) => ({
      label: `van trede ${van} naar trede ${naar}`,
      niveau: 1,
      cellen: rapporten.map((r) =>
        getal(r.participatie.overgangen.find((o) => o.van === van && o.naar === naar)?.aantal ?? 0, 'aantal'),
      ),
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
    details: [
      { label: 'huishoudens met inkomsten', eenheid: 'aantal', waarde: (r) => r.gedeeltelijkeUitstroom.totaal },
      { label: 'waarvan loondienst', eenheid: 'aantal', waarde: (r) => r.gedeeltelijkeUitstroom.loondienst },
      { label: 'waarvan onderneming', eenheid: 'aantal', waarde: (r) => r.gedeeltelijkeUitstroom.onderneming },
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
    details: [{ label: 'maanden met inkomsten', eenheid: 'aantal', waarde: (r) => r.gemiddeldInkomen.maanden }],
  },
  {
    id: 'bijstandsbestand',
    kort: 'Bijstandsbestand op peildatum',
    titel: 'Bijstandsbestand: huishoudens met bijstand op de peildatum',
    eenheid: 'aantal',
    waarde: (r) => r.bijstandsbestand.opPeildatum,
    details: [{ label: 'met bijstand in het jaar', eenheid: 'aantal', waarde: (r) => r.bijstandsbestand.inJaar }],
  },
];

const KENNIS_GEEN = 'geen';

const parameterSectie = (rapporten: readonly Jaarrapport[]): Sectie => ({
  id: 'parameters',
  titel: 'Parameters (MEETREGELS §3)',
  kolommen: rapporten.map((r) => String(r.jaar)),
  rijen: [
    { label: 'Peildatum', niveau: 0, cellen: rapporten.map((r) => tekst(r.peildatum)) },
    { label: 'Meetdatum', niveau: 0, cellen: rapporten.map((r) => tekst(r.meetdatum)) },
    { label: 'Kennisdatum', niveau: 0, cellen: rapporten.map((r) => tekst(r.kennisdatum ?? KENNIS_GEEN)) },
    {
      label: 'Genegeerde feiten (diagnose)',
      niveau: 0,
      cellen: rapporten.map((r) => getal(r.diagnose.genegeerd, 'aantal')),
    },
  ],
  voetnoten: rapporten.some((r) => r.kennisdatum === null)
    ? ['Kennisdatum geen: alles wat is vastgelegd telt mee (de herziene cijfers).']
    : [],
});

const yearSpan = (jaren: readonly number[]): string => {
  const first = jaren[0];
  const last = jaren[jaren.length - 1];
  if (first === undefined || last === undefined) return '';
  return first === last ? String(first) : `${first}–${last}`;
};

/**
 * The annual report in the documents' layout for the years of `rapporten`. `vorige` is the
 * report of the year before the first (its realised figures are the first Nulsituatie); the
 * Nulsituatie of every later year is the realised figure of the year before it.
 */
export const jaarModel = (
  rapporten: readonly Jaarrapport[],
  vorige: Jaarrapport | undefined,
  normen: Normen,
): RapportModel => {
  const jaren = rapporten.map((r) => r.jaar);
  const kolommen = jaren.map(String);
  const secties: Sectie[] = [parameterSectie(rapporten)];
  for (const indicator of indicatorenVoor(vorige === undefined ? rapporten : [vorige, ...rapporten])) {
    const previous = (i: number): Jaarrapport | undefined => (i === 0 ? vorige : rapporten[i - 1]);
    const nul = rapporten.map((_, i) => {
      const p = previous(i);
      return p === undefined ? LEEG : getal(indicator.waarde(p), indicator.eenheid);
    });
    const norm = jaren.map((jaar) => {
      const n = normen.get(indicator.id, jaar);
      return n === undefined ? LEEG : getal(n.waarde, indicator.eenheid);
    });
    const gerealiseerd = rapporten.map((r) => getal(indicator.waarde(r), indicator.eenheid));
    const details = [
      ...indicator.details.map(
        (d): Rij => ({ label: d.label, niveau: 1, cellen: rapporten.map((r) => getal(d.waarde(r), d.eenheid)) }),
      ),
      ...(indicator.id === 'participatie' ? overgangRijen(rapporten) : []),
    ];
    const voetnoten = jaren.flatMap((jaar) => {
      const t = normen.get(indicator.id, jaar)?.toelichting;
      return t === undefined ? [] : [`Norm ${jaar}: ${t}`];
    });
    const chartYears = vorige === undefined ? rapporten : [vorige, ...rapporten];
    secties.push({
      id: indicator.id,
      titel: indicator.titel,
      kolommen,
      rijen: [
        { label: 'Nulsituatie', niveau: 0, cellen: nul },
        { label: 'Norm', niveau: 0, cellen: norm },
        { label: 'Gerealiseerd', niveau: 0, cellen: gerealiseerd },
        ...details,
      ],
      voetnoten,
      grafiek: {
        eenheid: indicator.eenheid,
        punten: chartYears.map((r) => ({
          jaar: r.jaar,
          gerealiseerd: indicator.waarde(r),
          norm: normen.get(indicator.id, r.jaar)?.waarde ?? null,
        })),
      },
    });
  }
  return { titel: `Sociaal-economische zelfredzaamheid ${yearSpan(jaren)}`, secties };
};

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
      titel: `${jaar}: gepubliceerd (kennisdatum ${publicatiedatum}) en nu bekend`,
      kolommen: [`Gepubliceerd ${publicatiedatum}`, 'Nu bekend', 'Verschil'],
      rijen,
      voetnoten: [
        `Peildatum ${nu.peildatum}, meetdatum ${nu.meetdatum}. Genegeerde feiten: ${gepubliceerd.diagnose.genegeerd} gepubliceerd, ${nu.diagnose.genegeerd} nu.`,
      ],
    };
  });
  const jaren = herzieningen.map((h) => h.jaar);
  return { titel: `Herziening van de cijfers ${yearSpan(jaren)}`, secties };
};

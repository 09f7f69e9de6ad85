// The report contract of MEETREGELS §5 and §7.3 (and the parameters of §3) as types. Keys may be
// added; none may be renamed or change meaning without a new rule version.
import type { PlaatsingSoort, SchuldhulpResultaat, TrajectResultaat, UitReden } from '@zelfredzaam/domain';
import type { FIGUREN } from './figuren/registry.js';

/**
 * MEETREGELS §3 (2.0), as given by the caller; the defaults are resolved by `resolveParameters`.
 * Every date may also be `+N`: Y-12-31 plus N calendar months (0–120), clamped to the month's end.
 */
export interface ParameterInvoer {
  /** The reporting year Y. */
  readonly jaar: number;
  /** Peildatum E, the day stocks are counted (`YYYY-MM-DD` or `+N`); default: the earlier of Y-12-31 and `vandaag`. */
  readonly peildatum?: string;
  /** Evaluatiedatum V, the day six-month windows are judged; default: the earlier of (Y+1)-06-30 and `vandaag`. */
  readonly evaluatiedatum?: string;
  /** Measurement date M of the cohort check; default: the evaluatiedatum. */
  readonly meetdatum?: string;
  /** Knowledge cut-off T: a date (end of that day, Europe/Amsterdam), `+N`, or an ISO instant. */
  readonly kennisdatum?: string;
  /**
   * MEETREGELS §7.2 Langdurig: spells separated by fewer days without bijstand than this count as
   * one. A whole number of days ≥ 0; default 0 (no merging).
   */
  readonly hervattingsgrens?: number;
}

/** The parameters with every default resolved (relative dates as ISO dates). */
export interface Parameters {
  readonly jaar: number;
  readonly peildatum: string;
  readonly evaluatiedatum: string;
  readonly meetdatum: string;
  readonly kennisdatum: string | null;
  /** §7.2 Langdurig (days); `resolveParameters` always sets it, a missing one means 0. */
  readonly hervattingsgrens?: number;
}

/** §4.1 */
export interface VolledigeUitstroom {
  readonly loondienst: number;
  readonly onderneming: number;
  readonly opleiding: number;
  readonly totaal: number;
}

/** §4.2 */
export interface Duurzaamheid {
  readonly uitstroom: number;
  readonly duurzaam: number;
  readonly teruggevallen: number;
  readonly nogOnbekend: number;
  readonly aandeelDuurzaam: number | null;
}

/** §4.3 */
export interface Cohort {
  readonly meetdatum: string;
  readonly omvang: number;
  readonly aanHetWerk: number;
  readonly ww: number;
  readonly wwb: number;
  readonly overig: number;
}

/** §4.4 */
export interface GedeeltelijkeUitstroom {
  readonly loondienst: number;
  readonly onderneming: number;
  readonly totaal: number;
  readonly bijstandshuishoudens: number;
  readonly aandeel: number | null;
}

/** §4.5 */
export interface GemiddeldInkomen {
  readonly maanden: number;
  readonly totaalCent: number;
  readonly gemiddeldCent: number | null;
  readonly gemiddeldEuro: number | null;
}

/** §4.7 */
export interface Bijstandsbestand {
  readonly opPeildatum: number;
  readonly inJaar: number;
}

/** §4.8 Stroom: the flow of Y; always eindstand = beginstand + instroom.totaal − uitstroom.totaal. */
export interface Stroom {
  /** Huishoudens with bijstand on (Y−1)-12-31. */
  readonly beginstand: number;
  /** Transitions into bijstand dated in Y, each counted. */
  readonly instroom: { readonly nieuw: number; readonly teruggevallen: number; readonly totaal: number };
  /** Exits dated in Y, each counted, per reason. */
  readonly uitstroom: { readonly [R in UitReden]: number } & { readonly totaal: number };
  /** Huishoudens with bijstand on Y-12-31. */
  readonly eindstand: number;
}

/** §5: a figure whose kind of fact may not occur (the order of `nietGemeten`: NIET_GEMETEN_VOLGORDE). */
export type NietGemeten =
  | 'gedeeltelijkeUitstroom'
  | 'gemiddeldInkomen'
  | 'participatie'
  | 'trajecten'
  | 'plaatsingen'
  | 'inBeeld'
  | 'minima'
  | 'schuldhulp'
  | 'allianties';

/** §5: what was measured. */
export interface Bron {
  /** Facts known at T (retractions included), as folded. */
  readonly feiten: number;
  /** Distinct huishoudens with a fact known at T (employers are none). */
  readonly huishoudens: number;
  /** The latest recordedAt among those facts (canonical ISO instant), null when there are none. */
  readonly laatsteRecordedAt: string | null;
  /** SHA-256 (hex) of those facts as canonical NDJSON (§6) in recorded order; null when not given. */
  readonly sha256: string | null;
  /** The rule version: "2.0". */
  readonly meetregels: string;
  /** The tool's version; null when not given. */
  readonly versie: string | null;
}

/** §7.2 Participatiegroei: one (begin, eind) pair of treden and how many households made it. */
export interface Overgang {
  readonly van: number;
  readonly naar: number;
  readonly aantal: number;
}

/** §7.2 Participatiegroei */
export interface Participatie {
  readonly gemeten: number;
  readonly gestegen: number;
  readonly gelijk: number;
  readonly gedaald: number;
  readonly groteVooruitgang: number;
  /** Every (begin, eind) pair that occurs, sorted by van, then naar. */
  readonly overgangen: readonly Overgang[];
}

/** §7.2 Trajecten, of one soort. */
export interface Traject {
  readonly gestart: number;
  readonly uitstroomBinnenZesMaanden: number;
  readonly beeindigd: number;
  readonly resultaten: { readonly [R in TrajectResultaat]: number };
  readonly trede: { readonly gemeten: number; readonly gestegen: number; readonly groteVooruitgang: number };
}

/** §7.2 Trajecten: a key for every soort with a start or an end in Y. */
export type Trajecten = { readonly [soort: string]: Traject };

/** §7.2 Plaatsingen, per soort. */
export type Plaatsingen = { readonly [S in PlaatsingSoort]: { readonly inJaar: number; readonly cumulatief: number } };

/** §7.2 In beeld */
export interface InBeeld {
  readonly bijstand: number;
  readonly inBeeld: number;
  readonly aandeel: number | null;
}

/** §7.2 Langdurig */
export interface Langdurig {
  readonly bijstand: number;
  readonly langdurig: number;
  readonly aandeel: number | null;
}

/** §7.2 Minima */
export interface Minima {
  readonly huishoudens: number;
}

/** §7.2 Schuldhulp */
export interface Schuldhulp {
  readonly huishoudens: number;
  readonly beeindigd: { readonly [R in SchuldhulpResultaat]: number };
  readonly aandeelMinnelijkGeslaagd: number | null;
}

/** §7.2 Allianties */
export interface Allianties {
  readonly inJaar: number;
  readonly totaal: number;
}

/** The figures of the registry (figuren/registry.ts). */
type Geregistreerd = (typeof FIGUREN)[number];

/** Each figure's §5 object under its name, as its module makes it (`uit`). */
export type RapportFiguren = { readonly [F in Geregistreerd as F['naam']]: ReturnType<F['uit']> };

/**
 * The JSON object of MEETREGELS §5, with the keys of §7.3: the parameters, every figure of the
 * registry (RapportFiguren: volledigeUitstroom, duurzaamheid, cohort, gedeeltelijkeUitstroom,
 * gemiddeldInkomen, bijstandsbestand, stroom, participatie, trajecten, plaatsingen, inBeeld,
 * langdurig, minima, schuldhulp, allianties), nietGemeten, bron and diagnose.
 */
export interface Jaarrapport extends RapportFiguren {
  readonly jaar: number;
  readonly peildatum: string;
  readonly evaluatiedatum: string;
  readonly meetdatum: string;
  readonly kennisdatum: string | null;
  /** §7.2 Langdurig's parameter, in days. */
  readonly hervattingsgrens: number;
  /** §5: figures whose kind of fact nobody registered; their numbers stay 0 here, "n.b." elsewhere. */
  readonly nietGemeten: readonly NietGemeten[];
  /** §5 */
  readonly bron: Bron;
  readonly diagnose: { readonly genegeerd: number };
}

/** A parameter that cannot be used (MEETREGELS §3), with a message for the analyst. */
export interface ParameterFout {
  readonly kind: 'ParameterFout';
  readonly parameter:
    | 'jaar'
    | 'peildatum'
    | 'evaluatiedatum'
    | 'meetdatum'
    | 'kennisdatum'
    | 'vandaag'
    | 'hervattingsgrens'
    | 'basis'
    | 'indexOud'
    | 'indexNieuw';
  readonly ontvangen: string;
  readonly bericht: string;
}

/**
 * One household's part in the figures of a Jaarrapport (for tracing a figure back to the
 * households it counts). A field is null when the household is not counted in that figure.
 */
export interface Bijdrage {
  readonly huishouden: string;
  /** §4.1: the reason of its first qualifying exit in Y. */
  readonly volledigeUitstroom: 'loondienst' | 'onderneming' | 'opleiding' | null;
  /** §4.2 */
  readonly duurzaamheid: 'duurzaam' | 'teruggevallen' | 'nogOnbekend' | null;
  /** §4.3 */
  readonly cohort: 'aanHetWerk' | 'ww' | 'wwb' | 'overig' | null;
  /** §4.4: the source with the larger income over its qualifying household-months of Y. */
  readonly gedeeltelijkeUitstroom: 'loondienst' | 'onderneming' | null;
  /** §4.4: bijstand on at least one day of Y (every fact in Y). */
  readonly bijstandshuishouden: boolean;
  /** §4.5: its qualifying household-months of Y and their income. */
  readonly maanden: number;
  readonly totaalCent: number;
  /** §4.7: bijstand on E; bijstand on at least one day of Y, facts after E not used. */
  readonly opPeildatum: boolean;
  readonly inJaar: boolean;
  /** §7.2 Participatiegroei: its begin and eind trede, when measured. */
  readonly participatie: { readonly van: number; readonly naar: number } | null;
  /** §7.2 Trajecten: its part per soort (only the soorten it has a start or end of in Y). */
  readonly trajecten: Trajecten;
  /** §7.2 Plaatsingen: its placements per soort. */
  readonly plaatsingen: Plaatsingen;
  /** §7.2 In beeld: bijstand on E and in beeld in the spell containing E. */
  readonly inBeeld: boolean;
  /** §7.2 Langdurig: bijstand on E for at least 3 years without interruption. */
  readonly langdurig: boolean;
  /** §7.2 Minima: a scheme granted in Y. */
  readonly minima: boolean;
  /** §7.2 Schuldhulp: a debt trajectory running on a day of Y; its ends in Y per resultaat. */
  readonly schuldhulp: { readonly lopend: boolean; readonly beeindigd: Schuldhulp['beeindigd'] };
  /** §2: its facts skipped by the lenient replay. */
  readonly genegeerd: number;
}

/** The numbers of a figure (its string fields, such as `meetdatum`, left out). */
export type Getallen<T> = { readonly [K in keyof T as T[K] extends number | null ? K : never]: T[K] };

/** The numbers of a figure at any depth (texts and lists, such as `meetdatum`, left out). */
export type VerschilVan<T> = {
  readonly [K in keyof T as T[K] extends string | readonly unknown[] ? never : K]: T[K] extends object
    ? VerschilVan<T[K]>
    : T[K];
};

/** `nu − gepubliceerd` for every number of every figure of the registry; null where either side is null. */
export type Verschil = { readonly [F in Geregistreerd as F['naam']]: VerschilVan<ReturnType<F['uit']>> } & {
  readonly diagnose: { readonly genegeerd: number };
};

/** The differences of one soort's trajectories. */
export type VerschilTraject = Traject;

/** A restatement (MEETREGELS §3): a year's figures as published, as known now, and the difference. */
export interface Herziening {
  readonly jaar: number;
  readonly publicatiedatum: string;
  /** Replayed with kennisdatum = the publication date. */
  readonly gepubliceerd: Jaarrapport;
  /** Replayed with everything recorded. */
  readonly nu: Jaarrapport;
  readonly verschil: Verschil;
}

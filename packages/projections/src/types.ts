// The report contract of MEETREGELS §5 (and the parameters of §3) as types. Keys may be added;
// none may be renamed or change meaning without a new rule version.

/** MEETREGELS §3, as given by the caller; the defaults are resolved by `resolveParameters`. */
export interface ParameterInvoer {
  /** The reporting year Y. */
  readonly jaar: number;
  /** Evaluation date E (`YYYY-MM-DD`); default: the earlier of (Y+1)-12-31 and `vandaag`. */
  readonly peildatum?: string;
  /** Measurement date M of the cohort check; default: the peildatum. */
  readonly meetdatum?: string;
  /** Knowledge cut-off T: a date (end of that day, Europe/Amsterdam) or an ISO instant. */
  readonly kennisdatum?: string;
}

/** The parameters with every default resolved. */
export interface Parameters {
  readonly jaar: number;
  readonly peildatum: string;
  readonly meetdatum: string;
  readonly kennisdatum: string | null;
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

/** The JSON object of MEETREGELS §5 (the §7.3 keys are added by the §7 figures). */
export interface Jaarrapport {
  readonly jaar: number;
  readonly peildatum: string;
  readonly meetdatum: string;
  readonly kennisdatum: string | null;
  readonly volledigeUitstroom: VolledigeUitstroom;
  readonly duurzaamheid: Duurzaamheid;
  readonly cohort: Cohort;
  readonly gedeeltelijkeUitstroom: GedeeltelijkeUitstroom;
  readonly gemiddeldInkomen: GemiddeldInkomen;
  readonly bijstandsbestand: Bijstandsbestand;
  readonly diagnose: { readonly genegeerd: number };
}

/** A parameter that cannot be used (MEETREGELS §3), with a message for the analyst. */
export interface ParameterFout {
  readonly kind: 'ParameterFout';
  readonly parameter:
    | 'jaar'
    | 'peildatum'
    | 'meetdatum'
    | 'kennisdatum'
    | 'vandaag'
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
  /** §2: its facts skipped by the lenient replay. */
  readonly genegeerd: number;
}

/** The numbers of a figure (its string fields, such as `meetdatum`, left out). */
export type Getallen<T> = { readonly [K in keyof T as T[K] extends number | null ? K : never]: T[K] };

/** `nu − gepubliceerd` for every number of a figure; null where either side is null. */
export interface Verschil {
  readonly volledigeUitstroom: Getallen<VolledigeUitstroom>;
  readonly duurzaamheid: Getallen<Duurzaamheid>;
  readonly cohort: Getallen<Cohort>;
  readonly gedeeltelijkeUitstroom: Getallen<GedeeltelijkeUitstroom>;
  readonly gemiddeldInkomen: Getallen<GemiddeldInkomen>;
  readonly bijstandsbestand: Getallen<Bijstandsbestand>;
  readonly diagnose: { readonly genegeerd: number };
}

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

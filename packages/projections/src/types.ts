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

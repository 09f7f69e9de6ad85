// MEETREGELS §3 (rule version 2.0): the parameters of every figure, with their defaults (and
// §7.2's `hervattingsgrens`). The clock stays outside: `vandaag` is passed in, so the same input
// always resolves to the same parameters.
//   peildatum E       the day stocks are counted; default the earlier of Y-12-31 and today
//   evaluatiedatum V  the day six-month windows are judged; default the earlier of (Y+1)-06-30 and today
//   meetdatum M       the cohort's measurement date (§4.3); default V
//   kennisdatum T     knowledge cut-off; default none
// Every date may be given as `+N` (N 0–120): Y-12-31 plus N calendar months, clamped to the
// month's end; a relative kennisdatum is the end of that day. A date, given or resolved, before
// Y-01-01 is refused: nothing of Y can be measured on it.
import {
  addMonths,
  dayOf,
  firstDayOfYear,
  isoDateOf,
  isValidDatum,
  kennisdatumCutoff,
  lastDayOfYear,
  MAX_YEAR,
  MIN_YEAR,
} from '@zelfredzaam/domain';
import { type Either, left, right } from 'fp-ts/lib/Either.js';
import type { ParameterFout, ParameterInvoer, Parameters } from './types.js';

const fout = (parameter: ParameterFout['parameter'], ontvangen: unknown, verwacht: string): ParameterFout => ({
  kind: 'ParameterFout',
  parameter,
  ontvangen: String(ontvangen),
  bericht: `${parameter}: verwacht ${verwacht}, ontvangen ${JSON.stringify(ontvangen) ?? String(ontvangen)} (MEETREGELS §3)`,
});

const DATUM = 'een echte kalenderdatum JJJJ-MM-DD tussen 1990 en 2100, of +N (N maanden na 31 december van het jaar)';

/** The largest N of a relative date `+N` (ten years of months). */
export const MAX_RELATIEF = 120;

const RELATIEF = /^\+(\d{1,3})$/;

/** True for the relative form `+N` of MEETREGELS §3 (N a whole number 0–120). */
export const isRelatieveDatum = (text: string): boolean => {
  const match = RELATIEF.exec(text);
  return match !== null && Number(match[1]) <= MAX_RELATIEF;
};

/**
 * The date of a relative `+N` in year `jaar`: Y-12-31 plus N calendar months, clamped to the
 * month's end (`+0` = Y-12-31, `+6` = (Y+1)-06-30, `+8` = (Y+1)-08-31); the text itself when it
 * is not relative. Undefined for a `+N` out of range or past 2100.
 */
export const resolveDatum = (text: string, jaar: number): string | undefined => {
  const match = RELATIEF.exec(text);
  if (match === null) return text;
  const n = Number(match[1]);
  if (n > MAX_RELATIEF) return undefined;
  const datum = isoDateOf(addMonths(lastDayOfYear(jaar), n));
  return isValidDatum(datum) ? datum : undefined;
};

const MAANDEN = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

/** A valid ISO date the Dutch way: 2013-08-28 → "28 augustus 2013". */
export const datumNl = (iso: string): string =>
  `${Number(iso.slice(8, 10))} ${MAANDEN[Number(iso.slice(5, 7)) - 1] ?? ''} ${iso.slice(0, 4)}`;

const voorHetJaar = (parameter: ParameterFout['parameter'], ontvangen: string, datum: string, jaar: number) => ({
  kind: 'ParameterFout' as const,
  parameter,
  ontvangen,
  bericht: `${parameter}: ${datumNl(datum)} ligt vóór 1 januari ${jaar}; van ${jaar} valt op die dag nog niets te meten (MEETREGELS §3)`,
});

/** §7.2 Langdurig: a whole number of days ≥ 0. */
const isHervattingsgrens = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

type DatumParameter = 'peildatum' | 'evaluatiedatum' | 'meetdatum';

/** One date parameter: given (absolute or `+N`) or its default, checked and not before Y-01-01. */
const datumVan = (
  parameter: DatumParameter,
  gegeven: string | undefined,
  standaard: string,
  jaar: number,
): Either<ParameterFout, string> => {
  const datum = gegeven === undefined ? standaard : resolveDatum(gegeven, jaar);
  if (datum === undefined || !isValidDatum(datum)) return left(fout(parameter, gegeven, DATUM));
  if (dayOf(datum) < firstDayOfYear(jaar)) return left(voorHetJaar(parameter, gegeven ?? datum, datum, jaar));
  return right(datum);
};

/**
 * Resolves the defaults of §3 (2.0): `peildatum` = the earlier of Y-12-31 and `vandaag`;
 * `evaluatiedatum` = the earlier of (Y+1)-06-30 and `vandaag`; `meetdatum` = the evaluatiedatum;
 * `kennisdatum` = none; and of §7.2: `hervattingsgrens` = 0. Every date may be `+N`. `vandaag`
 * is today's date (`YYYY-MM-DD`, Europe/Amsterdam), given by the caller. Every value is checked;
 * a wrong one, or a date before Y-01-01 (also a default: a year that has not begun), comes back
 * as a ParameterFout naming it.
 */
export const resolveParameters = (invoer: ParameterInvoer, vandaag: string): Either<ParameterFout, Parameters> => {
  const { jaar } = invoer;
  if (!Number.isInteger(jaar) || jaar < MIN_YEAR || jaar > MAX_YEAR) {
    return left(fout('jaar', jaar, `een jaar tussen ${MIN_YEAR} en ${MAX_YEAR}`));
  }
  if (!isValidDatum(vandaag)) return left(fout('vandaag', vandaag, DATUM));
  const eindJaar = isoDateOf(lastDayOfYear(jaar));
  const peildatum = datumVan('peildatum', invoer.peildatum, vandaag < eindJaar ? vandaag : eindJaar, jaar);
  if (peildatum._tag === 'Left') return peildatum;
  const halfjaar = isoDateOf(addMonths(lastDayOfYear(jaar), 6));
  const evaluatiedatum = datumVan(
    'evaluatiedatum',
    invoer.evaluatiedatum,
    vandaag < halfjaar || !isValidDatum(halfjaar) ? vandaag : halfjaar,
    jaar,
  );
  if (evaluatiedatum._tag === 'Left') return evaluatiedatum;
  const meetdatum = datumVan('meetdatum', invoer.meetdatum, evaluatiedatum.right, jaar);
  if (meetdatum._tag === 'Left') return meetdatum;
  let kennisdatum: string | null = null;
  if (invoer.kennisdatum !== undefined) {
    const gegeven = invoer.kennisdatum;
    const datum = resolveDatum(gegeven, jaar);
    const cutoff = datum === undefined ? undefined : kennisdatumCutoff(datum);
    if (datum === undefined || cutoff === undefined) {
      return left(fout('kennisdatum', gegeven, `${DATUM}, of een ISO-tijdstip met tijdzone`));
    }
    // Nothing recorded before Y-01-01 can hold a fact of Y (the end of (Y−1)-12-31 is the limit).
    const eindVorigJaar = kennisdatumCutoff(isoDateOf(firstDayOfYear(jaar) - 1)) ?? Number.NEGATIVE_INFINITY;
    if (cutoff <= eindVorigJaar) {
      return left(voorHetJaar('kennisdatum', gegeven, isValidDatum(datum) ? datum : `${jaar - 1}-12-31`, jaar));
    }
    kennisdatum = datum;
  }
  const hervattingsgrens = invoer.hervattingsgrens ?? 0;
  if (!isHervattingsgrens(hervattingsgrens)) {
    return left(fout('hervattingsgrens', hervattingsgrens, 'een geheel aantal dagen ≥ 0 (§7.2 Langdurig)'));
  }
  return right({
    jaar,
    peildatum: peildatum.right,
    evaluatiedatum: evaluatiedatum.right,
    meetdatum: meetdatum.right,
    kennisdatum,
    hervattingsgrens,
  });
};

/** The parameters as the numbers the queries compare with. */
export interface Peil {
  readonly parameters: Parameters;
  readonly jaar: number;
  /** First and last day of Y (day numbers). */
  readonly y0: number;
  readonly y1: number;
  /** Peildatum E, evaluatiedatum V and meetdatum M (day numbers). */
  readonly e: number;
  readonly v: number;
  readonly m: number;
  /** The last millisecond of recordedAt that counts; +∞ without a kennisdatum. */
  readonly cutoff: number;
  /** §7.2 Langdurig, in days. */
  readonly hervattingsgrens: number;
  /** E minus 3 calendar years (§7.2 Langdurig), a day number. */
  readonly e3: number;
}

/**
 * The numbers of a set of parameters. Parameters made by `resolveParameters` are always valid;
 * for hand-made ones that are not, this throws a RangeError (a programming error, not a fact).
 * Hand-made parameters of rule version 1.x without an `evaluatiedatum` are judged at the
 * peildatum, as 1.x did.
 */
export const peilVan = (parameters: Parameters): Peil => {
  // From JavaScript anything may come: resolveParameters' Either itself (its `right` forgotten),
  // undefined, a kennisdatum that is no string. Each gets this RangeError, not a TypeError deeper in.
  if (typeof parameters !== 'object' || parameters === null) {
    throw new RangeError(`ongeldige parameters ${String(parameters)}: gebruik resolveParameters`);
  }
  if ('_tag' in parameters) {
    throw new RangeError(
      'ongeldige parameters: dit is het Either van resolveParameters; geef de parameters zelf (zijn `right`)',
    );
  }
  const { jaar, peildatum, meetdatum, kennisdatum } = parameters;
  const evaluatiedatum = parameters.evaluatiedatum ?? peildatum;
  const hervattingsgrens = parameters.hervattingsgrens ?? 0;
  const cutoff =
    kennisdatum === null
      ? Number.POSITIVE_INFINITY
      : typeof kennisdatum === 'string'
        ? kennisdatumCutoff(kennisdatum)
        : undefined;
  if (
    !Number.isInteger(jaar) ||
    !isValidDatum(peildatum) ||
    !isValidDatum(evaluatiedatum) ||
    !isValidDatum(meetdatum) ||
    cutoff === undefined ||
    !isHervattingsgrens(hervattingsgrens)
  ) {
    throw new RangeError(`ongeldige parameters ${JSON.stringify(parameters)}: gebruik resolveParameters`);
  }
  const e = dayOf(peildatum);
  return {
    parameters,
    jaar,
    y0: firstDayOfYear(jaar),
    y1: lastDayOfYear(jaar),
    e,
    v: dayOf(evaluatiedatum),
    m: dayOf(meetdatum),
    cutoff,
    hervattingsgrens,
    e3: addMonths(e, -36),
  };
};

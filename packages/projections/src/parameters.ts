// MEETREGELS §3: the parameters of every figure, with their defaults (and §7.2's
// `hervattingsgrens`). The clock stays outside: `vandaag` is passed in, so the same input always
// resolves to the same parameters.
import {
  addMonths,
  dayOf,
  firstDayOfYear,
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

const DATUM = 'een echte kalenderdatum JJJJ-MM-DD tussen 1990 en 2100';

/** §7.2 Langdurig: a whole number of days ≥ 0. */
const isHervattingsgrens = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/**
 * Resolves the defaults of §3: `peildatum` = the earlier of (Y+1)-12-31 and `vandaag`,
 * `meetdatum` = `peildatum`, `kennisdatum` = none; and of §7.2: `hervattingsgrens` = 0. `vandaag` is today's date (`YYYY-MM-DD`,
 * Europe/Amsterdam), given by the caller. Every value is checked; a wrong one comes back as a
 * ParameterFout naming it.
 */
export const resolveParameters = (invoer: ParameterInvoer, vandaag: string): Either<ParameterFout, Parameters> => {
  const { jaar } = invoer;
  if (!Number.isInteger(jaar) || jaar < MIN_YEAR || jaar > MAX_YEAR) {
    return left(fout('jaar', jaar, `een jaar tussen ${MIN_YEAR} en ${MAX_YEAR}`));
  }
  if (!isValidDatum(vandaag)) return left(fout('vandaag', vandaag, DATUM));
  const eindVolgendJaar = `${jaar + 1}-12-31`;
  const peildatum = invoer.peildatum ?? (vandaag < eindVolgendJaar ? vandaag : eindVolgendJaar);
  if (invoer.peildatum !== undefined && !isValidDatum(invoer.peildatum)) {
    return left(fout('peildatum', invoer.peildatum, DATUM));
  }
  const meetdatum = invoer.meetdatum ?? peildatum;
  if (!isValidDatum(meetdatum)) return left(fout('meetdatum', meetdatum, DATUM));
  const kennisdatum = invoer.kennisdatum ?? null;
  if (kennisdatum !== null && kennisdatumCutoff(kennisdatum) === undefined) {
    return left(fout('kennisdatum', kennisdatum, `${DATUM}, of een ISO-tijdstip met tijdzone`));
  }
  const hervattingsgrens = invoer.hervattingsgrens ?? 0;
  if (!isHervattingsgrens(hervattingsgrens)) {
    return left(fout('hervattingsgrens', hervattingsgrens, 'een geheel aantal dagen ≥ 0 (§7.2 Langdurig)'));
  }
  return right({ jaar, peildatum, meetdatum, kennisdatum, hervattingsgrens });
};

/** The parameters as the numbers the queries compare with. */
export interface Peil {
  readonly parameters: Parameters;
  readonly jaar: number;
  /** First and last day of Y (day numbers). */
  readonly y0: number;
  readonly y1: number;
  /** Peildatum E and meetdatum M (day numbers). */
  readonly e: number;
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
 */
export const peilVan = (parameters: Parameters): Peil => {
  const { jaar, peildatum, meetdatum, kennisdatum } = parameters;
  const hervattingsgrens = parameters.hervattingsgrens ?? 0;
  const cutoff = kennisdatum === null ? Number.POSITIVE_INFINITY : kennisdatumCutoff(kennisdatum);
  if (
    !Number.isInteger(jaar) ||
    !isValidDatum(peildatum) ||
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
    m: dayOf(meetdatum),
    cutoff,
    hervattingsgrens,
    e3: addMonths(e, -36),
  };
};

// The command line, read with node:util parseArgs and checked value by value. Every check
// returns the value or throws a UsageError with a Dutch message naming the flag, what it
// expects (with an example) and what it got.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { isValidDatum, kennisdatumCutoff, MAX_YEAR, MIN_YEAR, parseCivil, parseInstant } from '@zelfredzaam/domain';
import { echo, UsageError } from './errors.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
  /** Every value of an option that may be given more than once (`multiple: true`). */
  readonly herhaald?: Readonly<Record<string, readonly string[]>>;
}

/** The first quoted token of a Node parseArgs message: the option or argument at fault. */
const tokenOf = (message: string): string => /'([^']*)'/.exec(message)?.[1] ?? '';

/**
 * Reads `argv` with parseArgs (strict: unknown options and missing values are errors) and
 * turns its English errors into Dutch UsageErrors.
 */
export const readArgs = (argv: readonly string[], options: OptionSpec, maxPositionals: number): Parsed => {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    const token = tokenOf(message);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`onbekende optie ${echo(token)}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = token.split(' ')[0] ?? token;
      if (/does not take an argument/.test(message)) {
        throw new UsageError(`optie ${name.replace(/=.*$/, '')} krijgt geen waarde`);
      }
      throw new UsageError(`optie ${name} verwacht een waarde (begint die met een -, schrijf dan ${name}=WAARDE)`);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`onverwacht argument ${echo(token)}`);
    throw new UsageError(`de opdrachtregel is niet te lezen: ${message}`);
  }
  const values: Record<string, string | boolean | undefined> = {};
  const herhaald: Record<string, readonly string[]> = {};
  for (const [key, value] of Object.entries(parsed.values)) {
    values[key] = Array.isArray(value) ? value[value.length - 1] : value;
    if (Array.isArray(value)) herhaald[key] = value.filter((v): v is string => typeof v === 'string');
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals[maxPositionals] ?? '';
    throw new UsageError(`onverwacht argument ${echo(extra)}`);
  }
  return { values, positionals: parsed.positionals, herhaald };
};

export const stringValue = (parsed: Parsed, name: string): string | undefined => {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
};

export const flag = (parsed: Parsed, name: string): boolean => parsed.values[name] === true;

/** Every value of an option given more than once (declared with `multiple: true`). */
export const stringValues = (parsed: Parsed, name: string): readonly string[] => parsed.herhaald?.[name] ?? [];

/** `--jaar`: a year 1990–2100. */
export const parseJaar = (text: string, name = '--jaar'): number => {
  const year = /^\d{4}$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isNaN(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new UsageError(
      `${name}: verwacht een jaartal tussen ${MIN_YEAR} en ${MAX_YEAR} (bijvoorbeeld 2014), ontvangen ${echo(text)}`,
    );
  }
  return year;
};

export const MAX_JAREN = 50;

/** `--jaren VAN-TOT`: consecutive years, at most 50. */
export const parseJaren = (text: string): readonly number[] => {
  const m = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(text.trim());
  const expected = 'een reeks jaren VAN-TOT (bijvoorbeeld 2012-2015)';
  if (m === null) throw new UsageError(`--jaren: verwacht ${expected}, ontvangen ${echo(text)}`);
  const van = parseJaar(m[1] ?? '', '--jaren');
  const tot = parseJaar(m[2] ?? '', '--jaren');
  if (van > tot) {
    throw new UsageError(`--jaren: verwacht ${expected}, ontvangen ${echo(text)}: het eerste jaar ligt na het laatste`);
  }
  if (tot - van + 1 > MAX_JAREN) throw new UsageError(`--jaren: hoogstens ${MAX_JAREN} jaren tegelijk`);
  return Array.from({ length: tot - van + 1 }, (_, i) => van + i);
};

const DATUM_VORM = /^\d{4}-\d{2}-\d{2}$/;

/** MEETREGELS §3 (2.0): `+N`, N whole months (0–120) after 31 December of the report's year. */
const RELATIEF = /^\+(\d{1,3})$/;
const isRelatief = (text: string): boolean => RELATIEF.test(text) && Number(text.slice(1)) <= 120;
const RELATIEF_UITLEG = 'of +N (N maanden na 31 december van het verslagjaar, 0–120; +6 = 30 juni erna)';

/** `--peildatum`, `--evaluatiedatum`, `--meetdatum`: a real civil date, or `+N` (MEETREGELS §3). */
export const parseDatum = (text: string, name: string): string => {
  if (isValidDatum(text) || isRelatief(text)) return text;
  const expected = `een datum JJJJ-MM-DD tussen ${MIN_YEAR} en ${MAX_YEAR} (bijvoorbeeld 2015-12-31) ${RELATIEF_UITLEG}`;
  const why = DATUM_VORM.test(text)
    ? parseCivil(text) === undefined
      ? ': die datum bestaat niet'
      : `: buiten ${MIN_YEAR}–${MAX_YEAR}`
    : '';
  throw new UsageError(`${name}: verwacht ${expected}, ontvangen ${echo(text)}${why}`);
};

/** `--kennisdatum`: a date (the end of that day, Dutch time) or an ISO instant with a zone. */
export const parseKennisdatum = (text: string): string => {
  if (
    isValidDatum(text) ||
    isRelatief(text) ||
    (parseInstant(text) !== undefined && kennisdatumCutoff(text) !== undefined)
  ) {
    return text;
  }
  const expected = `een datum JJJJ-MM-DD (het einde van die dag, Nederlandse tijd), een ISO-tijdstip met tijdzone (bijvoorbeeld 2015-03-01 of 2015-03-01T12:00:00Z) ${RELATIEF_UITLEG}`;
  const why = DATUM_VORM.test(text) && parseCivil(text) === undefined ? ': die datum bestaat niet' : '';
  throw new UsageError(`--kennisdatum: verwacht ${expected}, ontvangen ${echo(text)}${why}`);
};

/** A non-negative integer within [min, max]. */
export const parseGeheel = (text: string, name: string, min: number, max: number): number => {
  const n = /^\d{1,10}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (Number.isNaN(n) || n < min || n > max) {
    throw new UsageError(`${name}: verwacht een geheel getal van ${min} tot en met ${max}, ontvangen ${echo(text)}`);
  }
  return n;
};

/** One of a fixed set of words. */
export const parseKeuze = <T extends string>(text: string, name: string, choices: readonly T[]): T => {
  const found = choices.find((c) => c === text);
  if (found === undefined) throw new UsageError(`${name}: kies uit ${choices.join(', ')}; ontvangen ${echo(text)}`);
  return found;
};

/** A file name: not empty. */
export const parseBestand = (text: string, name: string): string => {
  if (text.trim() === '') throw new UsageError(`${name}: verwacht een bestandsnaam`);
  return text;
};

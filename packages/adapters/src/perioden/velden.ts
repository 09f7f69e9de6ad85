// The values of a case system's export (MEETREGELS §10): dates as `YYYY-MM-DD` or `DD-MM-YYYY`,
// months as `YYYY-MM`, amounts in euros as `475`, `475,50` or `475.50` (integer cents, never a
// float), reasons through the mapping of `--redenen`.
import {
  type Bron,
  dayOf,
  isValidDatum,
  isValidMaand,
  monthIndexOf,
  type RedenBeeindiging,
  type Regeling,
  UIT_REDENEN,
} from '@zelfredzaam/domain';

const DMY = /^(\d{2})-(\d{2})-(\d{4})$/;

/** The day number of a date in either form, or undefined. */
export const dagVan = (text: string): number | undefined => {
  const dmy = DMY.exec(text);
  const iso = dmy === null ? text : `${dmy[3]}-${dmy[2]}-${dmy[1]}`;
  return isValidDatum(iso) ? dayOf(iso) : undefined;
};

/** The month index (year × 12 + month − 1) of `YYYY-MM`, or undefined. */
export const maandVan = (text: string): number | undefined => (isValidMaand(text) ? monthIndexOf(text) : undefined);

const AMOUNT = /^(\d{1,9})(?:[.,](\d{1,2}))?$/;

/** Euros to whole cents: `475` → 47500, `475,5` → 47550, `475.50` → 47550; undefined otherwise. */
export const centVan = (text: string): number | undefined => {
  const m = AMOUNT.exec(text);
  if (m === null) return undefined;
  const euros = Number(m[1]);
  const fraction = m[2] === undefined ? 0 : Number(m[2].padEnd(2, '0'));
  return euros * 100 + fraction;
};

/** What a period's end means: the reason of §10 it stands for. */
export type EindReden = 'loondienst' | 'onderneming' | 'opleiding' | RedenBeeindiging;

/** The reasons in a fixed order (MEETREGELS §2's): a reason is kept as its index (one byte) in the compact rows. */
export const EIND_REDENEN: readonly EindReden[] = UIT_REDENEN;

export const REGELINGEN: readonly Regeling[] = ['Participatiewet', 'IOAW', 'IOAZ'];
export const BRONNEN: readonly Bron[] = ['loondienst', 'onderneming'];

export const isEindReden = (text: string): text is EindReden => (EIND_REDENEN as readonly string[]).includes(text);

/** A mapping of a case system's reason codes (`--redenen`), and the file it came from. */
export interface Redenen {
  readonly codes: ReadonlyMap<string, EindReden>;
  /** The file's name, as refusals mention it. */
  readonly naam: string;
}

/**
 * Reads a mapping `{code: reden}` (parsed from YAML or JSON by the caller). Returns the mapping
 * or the problems, each naming the code.
 */
export const redenenVan = (
  value: unknown,
  naam: string,
): { readonly redenen: Redenen } | { readonly fouten: readonly string[] } => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { fouten: ['verwacht een lijst van code: reden (bijvoorbeeld "UO01: loondienst")'] };
  }
  const codes = new Map<string, EindReden>();
  const fouten: string[] = [];
  for (const [code, reden] of Object.entries(value)) {
    if (typeof reden === 'string' && isEindReden(reden)) codes.set(code.trim(), reden);
    else
      fouten.push(
        `code ${JSON.stringify(code).slice(0, 60)}: ${JSON.stringify(reden)?.slice(0, 60) ?? 'niets'} is geen reden; kies uit ${EIND_REDENEN.join(', ')}`,
      );
  }
  return fouten.length > 0 ? { fouten } : { redenen: { codes, naam } };
};

/** The reason of a code: through the mapping first, else the code is a reason itself. */
export const eindRedenVan = (code: string, redenen: Redenen | undefined): EindReden | undefined => {
  const mapped = redenen?.codes.get(code);
  if (mapped !== undefined) return mapped;
  return isEindReden(code) ? code : undefined;
};

// MEETREGELS §4.6 Norm met indexatie — "€ 485 inclusief indexatie CBS 2014".
// indexeerNorm(basis, indexOud, indexNieuw) = basis · indexNieuw / indexOud, rounded half up to
// the unit of basis (the place of its last digit as written: 475 → euros, 475.00 → cents).
// Every value is taken as the decimal the user typed (102.1 is 1021/10, not the binary double
// nearest to it), and the arithmetic is exact: 475 · 102.1 / 100 = 484.975 → 485, and
// 167 · 102.3 / 100.2 = 170.5 → 171, where floating point gives 170.49999999999997 → 170.
import { type Either, left, right } from 'fp-ts/lib/Either.js';
import { deelHalfOmhoog } from './afronding.js';
import type { ParameterFout } from './types.js';

/** A decimal: coefficient · 10^−schaal. */
interface Decimaal {
  readonly coefficient: bigint;
  readonly schaal: number;
}

const DECIMAAL = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d{1,3}))?$/;

/** A number (as JavaScript prints it, the shortest form that reads back) or a decimal text. */
const leesDecimaal = (waarde: number | string): Decimaal | undefined => {
  const text = typeof waarde === 'number' ? (Number.isFinite(waarde) ? String(waarde) : '') : waarde.trim();
  const m = DECIMAAL.exec(text);
  if (m === null) return undefined;
  const digits = `${m[2] ?? ''}${m[3] ?? ''}`;
  let coefficient = BigInt(digits) * (m[1] === '-' ? -1n : 1n);
  let schaal = (m[3] ?? '').length - Number(m[4] ?? '0');
  if (schaal < 0) {
    coefficient *= 10n ** BigInt(-schaal);
    schaal = 0;
  }
  return { coefficient, schaal };
};

const fout = (parameter: ParameterFout['parameter'], waarde: number | string, verwacht: string): ParameterFout => ({
  kind: 'ParameterFout',
  parameter,
  ontvangen: String(waarde),
  bericht: `${parameter}: verwacht ${verwacht}, ontvangen ${JSON.stringify(waarde) ?? String(waarde)} (MEETREGELS §4.6)`,
});

/**
 * §4.6: `basis · indexNieuw / indexOud`, rounded half up to the unit of `basis`. Each argument
 * is a number or a decimal text (`'102.1'`); a value that is not a decimal, or an `indexOud` of
 * 0, comes back as a ParameterFout.
 */
export const indexeerNorm = (
  basis: number | string,
  indexOud: number | string,
  indexNieuw: number | string,
): Either<ParameterFout, number> => {
  const b = leesDecimaal(basis);
  if (b === undefined) return left(fout('basis', basis, 'een decimaal getal'));
  const oud = leesDecimaal(indexOud);
  if (oud === undefined || oud.coefficient === 0n) {
    return left(fout('indexOud', indexOud, 'een decimaal getal dat niet 0 is'));
  }
  const nieuw = leesDecimaal(indexNieuw);
  if (nieuw === undefined) return left(fout('indexNieuw', indexNieuw, 'een decimaal getal'));
  // result · 10^b.schaal = b.c · nieuw.c · 10^oud.schaal / (oud.c · 10^nieuw.schaal)
  let teller = b.coefficient * nieuw.coefficient * 10n ** BigInt(oud.schaal);
  let noemer = oud.coefficient * 10n ** BigInt(nieuw.schaal);
  if (noemer < 0n) {
    teller = -teller;
    noemer = -noemer;
  }
  const eenheden = deelHalfOmhoog(teller, noemer);
  return right(b.schaal === 0 ? Number(eenheden) : Number(`${eenheden}e-${b.schaal}`));
};

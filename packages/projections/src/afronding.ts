// Rounding half up, on exact integers (MEETREGELS §4.5, §4.6, §5): a float quotient can land a
// hair below a half and round the wrong way, so the division is done in BigInt.

/** teller / noemer rounded half up (towards +∞ on a half), for noemer > 0. */
export const deelHalfOmhoog = (teller: bigint, noemer: bigint): bigint => {
  const t = 2n * teller + noemer;
  const n = 2n * noemer;
  const q = t / n;
  // BigInt division truncates towards zero; we want the floor.
  return t < 0n && q * n !== t ? q - 1n : q;
};

/** A share rounded half up to 4 decimals (§5); null when the denominator is 0 (0/0). */
export const aandeel = (teller: number, noemer: number): number | null =>
  noemer === 0 ? null : Number(deelHalfOmhoog(BigInt(teller) * 10_000n, BigInt(noemer))) / 10_000;

/** An average rounded half up to a whole unit; null over nothing. */
export const gemiddelde = (totaal: number, aantal: number): number | null =>
  aantal === 0 ? null : Number(deelHalfOmhoog(BigInt(totaal), BigInt(aantal)));

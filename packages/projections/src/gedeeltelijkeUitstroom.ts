// MEETREGELS §4.4 Gedeeltelijke uitstroom — "aandeel bijstandsafhankelijke huishoudens met
// inkomsten uit loondienst of onderneming".
// A qualifying household-month (h, m): m in Y, h has bijstand on at least one day of m, and its
// InkomstenOntvangen for m (all reports summed) total more than 0. The distinct huishoudens with
// one count, each under the source with the larger income over its qualifying household-months
// of Y (a tie goes to loondienst). `bijstandshuishoudens`: the huishoudens with bijstand on at
// least one day of Y; every fact counts here (§3), so it equals §4.7 `inJaar` only when the
// peildatum is on or after Y-12-31. `aandeel` = totaal / bijstandshuishoudens.
import { aandeel } from './afronding.js';
import { bijstandInPeriode } from './bijstandsbestand.js';
import { forEachHuishouden } from './engine/cache.js';
import { record } from './engine/record.js';
import type { ProjectionState } from './engine/state.js';
import { type Peil, peilVan } from './parameters.js';
import type { GedeeltelijkeUitstroom, Parameters } from './types.js';

export const LOONDIENST = 1;
export const ONDERNEMING = 2;

/**
 * Where the household's income entry for `jaar` sits in its record (year, maanden,
 * loondienstCent, ondernemingCent), or −1 when it has no qualifying household-month in that year.
 */
export const inkomstenJaarVan = (buf: Float64Array, off: number, jaar: number): number =>
  record.zet(buf, off).inkomenJaar(jaar);

/** The household's source in §4.4 (LOONDIENST, ONDERNEMING), or 0 when it has no qualifying month in Y. */
export const gedeeltelijkeUitstroomVan = (buf: Float64Array, off: number, peil: Peil): number => {
  const h = record.zet(buf, off);
  const y = h.inkomenJaar(peil.jaar);
  if (y < 0) return 0;
  return h.loondienstCent(y) >= h.ondernemingCent(y) ? LOONDIENST : ONDERNEMING;
};

/** §4.4 `bijstandshuishoudens`: bijstand on at least one day of Y, with every fact. */
export const bijstandshuishoudenVan = (buf: Float64Array, off: number, peil: Peil): boolean =>
  bijstandInPeriode(buf, off, peil.y0, peil.y1, Number.POSITIVE_INFINITY);

export const gedeeltelijkeUitstroomUit = (
  loondienst: number,
  onderneming: number,
  bijstandshuishoudens: number,
): GedeeltelijkeUitstroom => ({
  loondienst,
  onderneming,
  totaal: loondienst + onderneming,
  bijstandshuishoudens,
  aandeel: aandeel(loondienst + onderneming, bijstandshuishoudens),
});

/** §4.4 on its own. */
export const gedeeltelijkeUitstroom = (state: ProjectionState, parameters: Parameters): GedeeltelijkeUitstroom => {
  const peil = peilVan(parameters);
  let loondienst = 0;
  let onderneming = 0;
  let bijstandshuishoudens = 0;
  forEachHuishouden(state, peil.cutoff, (buf, off) => {
    const bron = gedeeltelijkeUitstroomVan(buf, off, peil);
    if (bron === LOONDIENST) loondienst++;
    else if (bron === ONDERNEMING) onderneming++;
    if (bijstandshuishoudenVan(buf, off, peil)) bijstandshuishoudens++;
  });
  return gedeeltelijkeUitstroomUit(loondienst, onderneming, bijstandshuishoudens);
};

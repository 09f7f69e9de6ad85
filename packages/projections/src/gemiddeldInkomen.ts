// MEETREGELS §4.5 Gemiddeld inkomen — "de hoogte van dit inkomen per maand".
// Over the qualifying household-months of §4.4: `totaalCent` = their earned income (both
// sources), `maanden` = their number, `gemiddeldCent` = totaalCent / maanden rounded half up to a
// cent, `gemiddeldEuro` = totaalCent / (100 · maanden) rounded half up to a euro (from the total,
// not from the rounded cents); both null when maanden = 0.
import { gemiddelde } from './afronding.js';
import { forEachHuishouden } from './engine/cache.js';
import { record } from './engine/record.js';
import type { ProjectionState } from './engine/state.js';
import { peilVan } from './parameters.js';
import type { GemiddeldInkomen, Parameters } from './types.js';

/** The household's qualifying household-months of `jaar`. */
export const inkomstenMaandenVan = (buf: Float64Array, off: number, jaar: number): number => {
  const h = record.zet(buf, off);
  const y = h.inkomenJaar(jaar);
  return y < 0 ? 0 : h.maanden(y);
};

/** The income of the household's qualifying household-months of `jaar`, in cents. */
export const inkomstenCentVan = (buf: Float64Array, off: number, jaar: number): number => {
  const h = record.zet(buf, off);
  const y = h.inkomenJaar(jaar);
  return y < 0 ? 0 : h.loondienstCent(y) + h.ondernemingCent(y);
};

export const gemiddeldInkomenUit = (maanden: number, totaalCent: number): GemiddeldInkomen => ({
  maanden,
  totaalCent,
  gemiddeldCent: gemiddelde(totaalCent, maanden),
  gemiddeldEuro: gemiddelde(totaalCent, 100 * maanden),
});

/** §4.5 on its own. */
export const gemiddeldInkomen = (state: ProjectionState, parameters: Parameters): GemiddeldInkomen => {
  const peil = peilVan(parameters);
  let maanden = 0;
  let totaalCent = 0;
  forEachHuishouden(state, peil.cutoff, (buf, off) => {
    maanden += inkomstenMaandenVan(buf, off, peil.jaar);
    totaalCent += inkomstenCentVan(buf, off, peil.jaar);
  });
  return gemiddeldInkomenUit(maanden, totaalCent);
};

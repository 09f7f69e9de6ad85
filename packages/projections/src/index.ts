// Public entry point of @zelfredzaam/projections (re-exports only): every figure of MEETREGELS
// §4–§5 and §7 as a fold (`apply`, `replay`) plus queries over the folded state.
export { allianties } from './allianties.js';
export { bijdragen } from './bijdrage.js';
export { bijstandsbestand } from './bijstandsbestand.js';
export {
  BronHash,
  type BronHerkomst,
  canonicalLine,
  MEETREGELS_VERSIE,
  NIET_GEMETEN,
  sha256Van,
} from './bron.js';
export { cohort } from './cohort.js';
export { duurzaamheid } from './duurzaamheid.js';
export { settle } from './engine/cache.js';
export {
  apply,
  emptyState,
  eventIdAt,
  type ProjectionState,
  replay,
  type StateOpties,
  StreamFold,
} from './engine/state.js';
export {
  type FactColumns,
  factColumns,
  fromTransferable,
  mergeStates,
  mergeTransferable,
  type TransferableState,
  toTransferable,
  transferList,
} from './engine/transfer.js';
export type {
  Cijfers,
  Detail,
  Eenheid,
  Figuur,
  Indicator,
  Labels,
  Overzicht,
  Som,
} from './figuren/figuur.js';
export { FIGUREN, IN_RAPPORT } from './figuren/registry.js';
export { trajectIndicator, trajectSoorten } from './figuren/trajecten.js';
export { gedeeltelijkeUitstroom } from './gedeeltelijkeUitstroom.js';
export { gemiddeldInkomen } from './gemiddeldInkomen.js';
export { herziening } from './herziening.js';
export { inBeeld } from './inBeeld.js';
export { indexeerNorm } from './indexeerNorm.js';
export { jaarrapport, jaarrapporten } from './jaarrapport.js';
export { langdurig } from './langdurig.js';
export { LiveRapport } from './liveRapport.js';
export { minima } from './minima.js';
export { datumNl, isRelatieveDatum, MAX_RELATIEF, resolveDatum, resolveParameters } from './parameters.js';
export { participatie } from './participatie.js';
export { plaatsingen } from './plaatsingen.js';
export { schuldhulp } from './schuldhulp.js';
export { stroom } from './stroom.js';
export { trajecten } from './trajecten.js';
export type * from './types.js';
export {
  type HuishoudenCel,
  type HuishoudenVerklaring,
  type TijdlijnFeit,
  verklaarHuishouden,
} from './verklaring/huishouden.js';
export {
  cellenVan,
  type Lid,
  type Verklaring,
  type VerklaringHerziening,
  verklaring,
  verklaringHerziening,
  waardeVan,
} from './verklaring/verklaring.js';
export { volledigeUitstroom } from './volledigeUitstroom.js';

// Public entry point of @zelfredzaam/projections (re-exports only): every figure of MEETREGELS
// §4–§5 as a fold (`apply`, `replay`) plus queries over the folded state.
export { bijdragen } from './bijdrage.js';
export { bijstandsbestand } from './bijstandsbestand.js';
export { settle } from './cache.js';
export { cohort } from './cohort.js';
export { duurzaamheid } from './duurzaamheid.js';
export { gedeeltelijkeUitstroom } from './gedeeltelijkeUitstroom.js';
export { gemiddeldInkomen } from './gemiddeldInkomen.js';
export { herziening } from './herziening.js';
export { indexeerNorm } from './indexeerNorm.js';
export { jaarrapport } from './jaarrapport.js';
export { LiveRapport } from './liveRapport.js';
export { resolveParameters } from './parameters.js';
export { apply, emptyState, type ProjectionState, replay } from './state.js';
export {
  fromTransferable,
  mergeStates,
  mergeTransferable,
  type TransferableState,
  toTransferable,
  transferList,
} from './transfer.js';
export type * from './types.js';
export { volledigeUitstroom } from './volledigeUitstroom.js';

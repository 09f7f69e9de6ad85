// Public entry point of @zelfredzaam/projections (re-exports only).
export type * from './types.js';

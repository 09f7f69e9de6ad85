// Public entry point of @zelfredzaam/projections.
export {};

// Public entry point of @zelfredzaam/adapters.
export {};

// Public entry point of @zelfredzaam/cli.
export {};

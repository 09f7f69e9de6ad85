// `@zelfredzaam/adapters/eventstoredb`: the store on EventStoreDB (KurrentDB). `openEventStoreDb(url)`
// needs `@eventstore/db-client` (an optional peer dependency); `eventStoreDbStore(client)` takes
// the caller's own client, of `@eventstore/db-client` or of `@kurrent/kurrentdb-client`.
export * from './esdb/index.js';

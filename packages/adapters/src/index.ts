// Public entry point of @zelfredzaam/adapters: the EventStore port, the in-memory stores,
// recording facts through the decider, NDJSON import and export, the library boundary's checks
// (`feit`, OngeldigeFeitenError), hooks for observing, and `openStore`, which loads a database
// store's module (and its client, an optional peer dependency) only when that store is opened.
// The database stores have entry points of their own: `@zelfredzaam/adapters/postgres`,
// `/pglite` and `/eventstoredb`; nothing here loads `pg`, PGlite or gRPC.

export {
  type FeitInvoer,
  type FeitVan,
  feit,
  OngeldigeFeitenError,
  type OngeldigFeit,
} from './boundary.js';
export { type Gezondheid, gezondheid } from './gezondheid.js';
export { DEFAULT_CACHED_FACTS, HistoryCache, type KnownHistory } from './history-cache.js';
export {
  type AppendObserved,
  combineHooks,
  type Hooks,
  inSpan,
  type LagObserved,
  observeStore,
  type RefusalObserved,
  type RetryObserved,
} from './hooks.js';
export { type MemoryStoreOptions, openMemoryStore } from './memory-store.js';
export {
  type ExportOptions,
  ExportOutputError,
  type ExportResult,
  exportNdjson,
  exportNdjsonFile,
  ndjsonLine,
} from './ndjson/export.js';
export { canonicalBytes, type Derivation, LINE_NAMESPACE, LineIdentities } from './ndjson/identity.js';
export {
  type Candidate,
  candidateOf,
  DEFAULT_MAX_LINE_BYTES,
  type ImportCounts,
  type ImportOptions,
  type ImportResult,
  importNdjson,
  importNdjsonFile,
  type LineRefusal,
  type LineRefusalCode,
} from './ndjson/import.js';
export { DEFAULT_STORE, type OpenStoreOptions, openStore } from './open-store.js';
export { type Afgeleid, type Afleiding, type Inkomen, leidAf, type Periode } from './perioden/afleiding.js';
export { PERIODEN_NAMESPACE } from './perioden/identiteit.js';
export {
  importPerioden,
  type PeriodenBestand,
  PeriodenBestandFout,
  PeriodenOptieFout,
  type PeriodenOpties,
  type PeriodenResultaat,
  type PeriodenWeigering,
  type PeriodenWeigeringCode,
  peilmomentVan,
} from './perioden/import.js';
export { EIND_REDENEN, type EindReden, type Redenen, redenenVan } from './perioden/velden.js';
export * from './port.js';
export {
  type DecisionMode,
  type RecordOptions,
  type RecordResult,
  recordFacts,
  type StreamOutcome,
} from './record.js';
export type { Row, SqlDriver, SqlSession } from './sql/driver.js';
export { DEFAULT_SCHEMA, SCHEMA_VERSION } from './sql/schema.js';
export { openSqlStore, type SqlStoreOptions } from './sql/sql-store.js';

// Public entry point of @zelfredzaam/adapters: the EventStore port, its adapters, recording
// facts through the decider, and NDJSON import and export.

export { DEFAULT_CACHED_FACTS, HistoryCache, type KnownHistory } from './history-cache.js';
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
export {
  DEFAULT_STORE,
  type OpenStoreOptions,
  openPgliteStore,
  openPostgresStore,
  openStore,
} from './open-store.js';
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
export { type RecordOptions, type RecordResult, recordFacts, type StreamOutcome } from './record.js';
export type { Row, SqlDriver, SqlSession } from './sql/driver.js';
export { openPgDriver, type PgDriverOptions, PostgresTimeoutError } from './sql/pg-driver.js';
export { openPgliteDriver, pgliteDriverOf } from './sql/pglite-driver.js';
export { DEFAULT_SCHEMA, SCHEMA_VERSION } from './sql/schema.js';
export { openSqlStore, type SqlStoreOptions } from './sql/sql-store.js';

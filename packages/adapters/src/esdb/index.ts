// The EventStoreDB adapter of the event-store port (issue 4): `openEventStoreDb(url)`.
export {
  CATEGORY_PREFIXES,
  CHECKPOINT_PREFIX,
  type EsdbClient,
  type EventStoreDbOptions,
  eventStoreDbStore,
  HOUSEHOLD_PREFIX,
  openEventStoreDb,
} from './store.js';

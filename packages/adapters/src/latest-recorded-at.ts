// The latest recordedAt a store holds (issue 17, point 8): an import refuses a new fact recorded
// before it (unless it migrates a whole history), so a figure published with a kennisdatum cannot
// change afterwards. Canonical recordedAt strings compare as instants.
import type { EventStore } from './port.js';

/** The store's latest recordedAt, or undefined when it is empty; reads every fact when the store has no faster way. */
export const latestRecordedAt = async (store: EventStore): Promise<string | undefined> => {
  if (store.latestRecordedAt !== undefined) return store.latestRecordedAt();
  let latest: string | undefined;
  // An unreadable stored fact (issue 17, point 7) has no recordedAt to read: it is skipped.
  for await (const batch of store.readAll({ batchSize: 10_000, onUnreadable: () => {} })) {
    for (const stored of batch) {
      const recordedAt = stored.event.recordedAt;
      if (latest === undefined || recordedAt > latest) latest = recordedAt;
    }
  }
  return latest;
};

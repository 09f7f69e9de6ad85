// The latest recordedAt a store holds (issue 17, point 8): an import refuses a new fact recorded
// before it (unless it migrates a whole history), so a figure published with a kennisdatum cannot
// change afterwards. Canonical recordedAt strings compare as instants.
import type { EventStore, Position } from './port.js';

/**
 * The store's latest recordedAt (of the facts before position `before`, when given), or
 * undefined when there are none; reads the facts in recorded order when the store has no faster
 * way.
 */
export const latestRecordedAt = async (store: EventStore, before?: Position): Promise<string | undefined> => {
  if (store.latestRecordedAt !== undefined) return store.latestRecordedAt(before);
  let latest: string | undefined;
  // An unreadable stored fact (issue 17, point 7) has no recordedAt to read: it is skipped.
  for await (const batch of store.readAll({ batchSize: 10_000, onUnreadable: () => {} })) {
    for (const stored of batch) {
      if (before !== undefined && stored.position === before) return latest;
      const recordedAt = stored.event.recordedAt;
      if (latest === undefined || recordedAt > latest) latest = recordedAt;
    }
  }
  return latest;
};
